"""Debris removal: hand-built lines of other sites, the seed reports, and invariants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.dateline import find_dateline
from storyline.clean.debris import STAGE, CleanedText, clean_text, line_key

BEFORE = "The foreign ministers of Japan and the United States met in Tokyo on Tuesday for talks."
AFTER = "The ministers agreed to strengthen their alliance against growing threats in the region."


def between_body(line: str) -> CleanedText:
    """Clean `line` set between two body paragraphs, as debris is found in a page."""
    return clean_text(f"{BEFORE}\n\n{line}\n\n{AFTER}")


def paragraphs(cleaned: CleanedText) -> list[str]:
    return cleaned.text.split("\n\n") if cleaned.text else []


def kinds(cleaned: CleanedText) -> dict[str, str]:
    return {removed.text: removed.kind for removed in cleaned.removed}


# --- Debris of other sites ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Share on Facebook", "debris"),
        ("Sign in to post a comment", "debris"),
        ("You must be logged in to post a comment.", "debris"),
        ("Sign in to comment.", "debris"),
        ("Most Read", "debris"),
        ("Advertisement", "debris"),
        ("ADVERTISEMENT", "debris"),
        ("Photo: Kyodo", "caption"),
        ("■ Related articles", "debris"),
        ("Copyright 2023 Kyodo News. All rights reserved.", "debris"),
        ("© 2023 The Japan Times", "debris"),
        ("Tags: Japan, US, China", "debris"),
        ("Home > World > Asia-Pacific", "debris"),
        ("By Kim Tong-hyung and Mari Yamaguchi | AP", "debris"),
        ("Updated: 2021-03-16 10:32 KST", "debris"),
        ("Facebook Twitter LinkedIn Email", "debris"),
        ("Email this article", "debris"),
        ("Listen to this article", "debris"),
        ("[Related Article]", "debris"),
        ("▶ Watch: Blinken arrives in Tokyo", "debris"),
        ("Click to enlarge", "debris"),
        ("Previous image Next image", "debris"),
        ("Subscribe to our newsletter.", "debris"),
        ("Read more: Japan, US agree to boost deterrence", "debris"),
        ("※ This article was machine translated.", "debris"),
        ("|", "debris"),
        ("***", "debris"),
        ("Print", "debris"),
        ("(AP Photo/Eugene Hoshiko)", "caption"),
        ("[Yonhap Photo]", "caption"),
        (
            "Blinken speaks at a news conference in Tokyo on Tuesday. REUTERS/Kim Kyung-Hoon",
            "caption",
        ),
        ("Foreign Minister Toshimitsu Motegi (Kyodo file photo, March 2, 2021)", "caption"),
        ("Defense Minister Nobuo Kishi (AP, March 16, 2021)", "caption"),
        ("▼ Japanese Prime Minister Yoshihide Suga", "caption"),
        (
            "U.S. Secretary of State Antony Blinken (L) and Japanese Foreign Minister "
            "Toshimitsu Motegi bump elbows in Tokyo on March 16, 2021. (Kyodo)",
            "caption",
        ),
        (
            "Copyright 2021 The Associated Press. All rights reserved. This material may not be "
            "published, broadcast, rewritten or redistributed.",
            "debris",
        ),
        ("<Copyright ⓒ Seoul Economic Daily, unauthorized reproduction prohibited>", "debris"),
        ("[Seoul Economic Daily]", "debris"),
        ("Reporter Kim Min-soo minsoo@sedaily.com", "debris"),
        ("Input 2021.03.16 18:32 Modified 2021.03.16 19:05", "debris"),
        (
            "U.S. Secretary of State Antony Blinken, left, and Defense Secretary Lloyd Austin, "
            "right, attend a meeting in Tokyo, Tuesday, March 16, 2021. "
            "(Kim Kyung-Hoon/Pool Photo via AP)",
            "caption",
        ),
        ("Strong Message To Beijing", "heading"),
        ("Alliance Faces New Test In The Pacific", "heading"),
    ],
)
def test_debris_of_other_sites_is_removed_with_its_kind(line: str, kind: str) -> None:
    cleaned = between_body(line)
    assert paragraphs(cleaned) == [BEFORE, AFTER]
    assert kinds(cleaned) == {line: kind}


@pytest.mark.parametrize(
    "line",
    [
        "Still, Washington has demonstrated a willingness to engage in dialogue with Beijing.",
        '"The positions of the US and Japan are perfectly aligned," he said.',
        "“The positions of the US and Japan are perfectly aligned,” he said.",
        "The ministers did not comment.",
        "He declined to comment further.",
        "Japan will share intelligence.",
        "Talks resume next week.",
        "Blinken said.",
        "Why?",
        "Kishida posted on Twitter.",
        "The report was confirmed by the Associated Press (AP).",
        "Photo ops were avoided.",
        "The talks were held in Tokyo on March 16, 2021.",
        "Copyright protection was also discussed, officials said.",
        'He said the alliance was "ironclad."',
        "• The ministers agreed to expand cooperation in space and cyberspace.",
        # garbled by translation, no final full stop, still body
        "U.S. Secretary of State Tony Blincoln and Japanese Foreign Minister Hayashi held talks "
        "in Washington and holding a joint press conference. announced this through",
        "The two sides agreed to hold the next meeting in Washington next year and to expand",
        "Secretary Austin also unveiled plans to deploy a Marine unit to Okinawa. explained.",
        "He also added, “Korea, Australia, and Korea are in a position to expand cooperation.",
    ],
)
def test_body_sentences_are_kept(line: str) -> None:
    cleaned = between_body(line)
    assert paragraphs(cleaned) == [BEFORE, line, AFTER]
    assert cleaned.removed == ()


def test_reasons_explain_the_decision() -> None:
    cleaned = between_body("US Secretary of State and Defense")
    (removed,) = cleaned.removed
    assert removed.kind == "heading"
    assert removed.stage == STAGE
    for part in ("no sentence punctuation", "6 words", "100% capitalised", "sub-head"):
        assert part in removed.reason


# --- Position: title, dateline, sub-heads, captions -----------------------------------


def test_a_headline_at_the_top_is_the_title() -> None:
    raw = f"Loading\n\nSearch\n\nJapan, US agree to boost deterrence against China\n\n{BEFORE}"
    cleaned = clean_text(raw)
    assert cleaned.title == "Japan, US agree to boost deterrence against China"
    assert kinds(cleaned)["Japan, US agree to boost deterrence against China"] == "title"
    assert paragraphs(cleaned) == [BEFORE]


def test_a_known_title_removes_its_line_and_no_title_is_guessed() -> None:
    raw = f"Japan, US To Send Strong Message To China\n\nAllies Meet In Tokyo\n\n{BEFORE}"
    cleaned = clean_text(raw, title="Japan, US to send strong message to China | Kyodo News")
    assert cleaned.title == "Japan, US to send strong message to China | Kyodo News"
    assert kinds(cleaned) == {
        "Japan, US To Send Strong Message To China": "title",
        "Allies Meet In Tokyo": "heading",
    }


def test_a_sub_head_inside_the_body_is_a_heading() -> None:
    cleaned = clean_text(f"{BEFORE}\n\nDeterrence Against China\n\n{AFTER}")
    assert kinds(cleaned) == {"Deterrence Against China": "heading"}
    assert cleaned.title is None


def test_a_short_line_after_a_caption_belongs_to_it() -> None:
    raw = f"{BEFORE}\n\nEnlarge Image\n\nDefense Secretary Lloyd Austin in Tokyo\n\n{AFTER}"
    cleaned = clean_text(raw)
    assert kinds(cleaned) == {
        "Enlarge Image": "debris",
        "Defense Secretary Lloyd Austin in Tokyo": "caption",
    }


def test_a_dateline_line_at_the_top() -> None:
    cleaned = clean_text(f"SEOUL, March 18 (Yonhap) --\n{BEFORE}")
    assert cleaned.dateline == "SEOUL, March 18 (Yonhap) --"
    assert kinds(cleaned) == {"SEOUL, March 18 (Yonhap) --": "dateline"}
    assert paragraphs(cleaned) == [BEFORE]


def test_a_dateline_opening_the_first_paragraph_is_split_off() -> None:
    raw = f"Allies Meet In Tokyo\n\nTOKYO (Reuters) - {BEFORE}\n\n{AFTER}"
    cleaned = clean_text(raw)
    assert cleaned.title == "Allies Meet In Tokyo"
    assert cleaned.dateline == "TOKYO (Reuters) -"
    assert paragraphs(cleaned) == [BEFORE, AFTER]
    assert kinds(cleaned)["TOKYO (Reuters) -"] == "dateline"


def test_only_the_first_paragraph_may_open_with_a_dateline() -> None:
    later = f"TOKYO (Reuters) - {AFTER}"
    cleaned = clean_text(f"{BEFORE}\n\n{later}")
    assert cleaned.dateline is None
    assert paragraphs(cleaned) == [BEFORE, later]


def test_an_agency_credit_closing_the_body_is_kept() -> None:
    last = "The ministers will meet again in Washington later this year, he said. (Yonhap)"
    cleaned = clean_text(f"{BEFORE}\n\n{last}\n\nTags: Japan, US")
    assert paragraphs(cleaned) == [BEFORE, last]


WIRE_PAGE = """Skip to main content
Menu
World | U.S. | Politics | Sports
Blinken, Austin in Japan to reaffirm alliance amid China worries
By MARI YAMAGUCHI
March 16, 2021
TOKYO (AP) — U.S. Secretary of State Antony Blinken and Defense Secretary Lloyd Austin met \
their Japanese counterparts in Tokyo on Tuesday, seeking to reaffirm the alliance.
“We will push back if necessary when China uses coercion,” Blinken said.
U.S. Secretary of State Antony Blinken, left, and Defense Secretary Lloyd Austin, right, attend \
a meeting in Tokyo, Tuesday, March 16, 2021. (Kim Kyung-Hoon/Pool Photo via AP)
Japan's Foreign Minister Toshimitsu Motegi said the alliance was more important than ever.
Copyright 2021 The Associated Press. All rights reserved.
"""

TRANSLATED_PAGE = """[Seoul Economic Daily]
Blinken "Japan-US alliance is the cornerstone of peace"
Input 2021.03.16 18:32 Modified 2021.03.16 19:05
Font size
Print
▲ Secretary of State Antony Blinken speaks at a press conference in Tokyo on the 16th. /Yonhap
Secretary of State Antony Blinken said on the 16th that the alliance is the cornerstone of peace.
He said this at a press conference held after the "2 plus 2" meeting in Tokyo
Reporter Kim Min-soo minsoo@sedaily.com
Recommended articles
Japan, US to hold 2+2 talks next week
Blinken: "Seoul is next"
"""


def test_a_wire_page() -> None:
    cleaned = clean_text(WIRE_PAGE)
    assert cleaned.title == "Blinken, Austin in Japan to reaffirm alliance amid China worries"
    assert cleaned.dateline == "TOKYO (AP) —"
    assert paragraphs(cleaned) == [
        "U.S. Secretary of State Antony Blinken and Defense Secretary Lloyd Austin met their "
        "Japanese counterparts in Tokyo on Tuesday, seeking to reaffirm the alliance.",
        "“We will push back if necessary when China uses coercion,” Blinken said.",
        "Japan's Foreign Minister Toshimitsu Motegi said the alliance was more important "
        "than ever.",
    ]
    assert sorted(kinds(cleaned).values()).count("caption") == 1


def test_a_translated_page() -> None:
    cleaned = clean_text(TRANSLATED_PAGE)
    assert cleaned.title == 'Blinken "Japan-US alliance is the cornerstone of peace"'
    assert paragraphs(cleaned) == [
        "Secretary of State Antony Blinken said on the 16th that the alliance is the cornerstone "
        "of peace.",
        'He said this at a press conference held after the "2 plus 2" meeting in Tokyo',
    ]
    removed = kinds(cleaned)
    assert (
        removed[
            "▲ Secretary of State Antony Blinken speaks at a press conference in Tokyo on "
            "the 16th. /Yonhap"
        ]
        == "caption"
    )
    assert removed['Blinken: "Seoul is next"'] == "debris"  # a linked headline, not body


# --- Structure: quotations, wrapped lines, repeats, boilerplate -----------------------


def test_a_quotation_over_several_lines_is_body() -> None:
    raw = (
        f"{BEFORE}\n\nMotegi said:\n\n“We will stand together\n\nAgainst Coercion\n\n"
        f"and we will not back down,” he said.\n\n{AFTER}"
    )
    cleaned = clean_text(raw)
    assert "Against Coercion" in paragraphs(cleaned)
    assert cleaned.removed == ()


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    raw = (
        "The foreign and defense ministers of Japan and the United States are\n"
        "expected to send a strong message to China over its coercive measures\n"
        "in the Indo-Pacific when they meet for security talks slated for Tuesday\n"
        "in Tokyo.\n\nShare this\n"
    )
    cleaned = clean_text(raw)
    assert paragraphs(cleaned) == [" ".join(raw.split("\n\n")[0].split())]
    assert kinds(cleaned) == {"Share this": "debris"}


def test_a_list_of_headlines_is_not_taken_for_wrapped_lines() -> None:
    headlines = [
        "Japan, US to hold 2+2 security talks in Tokyo next week",
        "Blinken to visit Seoul after Tokyo for alliance talks",
        "China protests Japan-US statement on Taiwan Strait",
        "Quad leaders pledge vaccines for Asia in first summit",
    ]
    cleaned = clean_text(f"{BEFORE}\n\nMost Read\n" + "\n".join(headlines))
    assert paragraphs(cleaned) == [BEFORE]
    assert [removed.text for removed in cleaned.removed] == ["Most Read", *headlines]
    # Without the header some may stay as body, but never joined into one paragraph.
    without_header = clean_text(f"{BEFORE}\n\n" + "\n".join(headlines))
    assert set(paragraphs(without_header)) <= {BEFORE, *headlines}


def test_a_blank_known_title_is_no_title() -> None:
    cleaned = clean_text(f"Allies Meet In Tokyo\n\n{BEFORE}", title="  ")
    assert cleaned.title == "Allies Meet In Tokyo"


def test_one_newline_paragraphs_stay_apart() -> None:
    cleaned = clean_text(f"{BEFORE}\nRecent Comments\n{AFTER}")
    assert paragraphs(cleaned) == [BEFORE, AFTER]


def test_boilerplate_lines_are_removed_unless_they_are_prose() -> None:
    repeated = {
        line_key("Kyodo News Digital Edition"),
        line_key(BEFORE),
        line_key("Visit our site."),
    }
    seen: list[str] = []

    def is_boilerplate(line: str) -> bool:
        seen.append(line)
        return line_key(line) in repeated

    raw = f"{BEFORE}\n\n  Kyodo  News   Digital Edition \n\nVisit our site.\n\n{AFTER}"
    cleaned = clean_text(raw, is_boilerplate=is_boilerplate)
    assert paragraphs(cleaned) == [BEFORE, AFTER]  # BEFORE is long prose: kept
    assert kinds(cleaned) == {
        "Kyodo News Digital Edition": "boilerplate",
        "Visit our site.": "boilerplate",
    }
    assert "Kyodo News Digital Edition" in seen  # the callback gets collapsed lines


def test_line_key_folds_case_space_and_digits() -> None:
    assert line_key("  Comments (3)  Write\tcomment ") == line_key("comments (12) write comment")
    assert line_key("Comments (3)") == "comments (0)"
    assert line_key("Share\u200b this") == "share this"
    assert line_key("Loading") != line_key("Search")


def test_empty_and_blank_reports() -> None:
    assert clean_text("") == CleanedText("", None, None, ())
    assert clean_text(" \n\u00a0\n\t\n") == CleanedText("", None, None, ())


# --- Invariants -----------------------------------------------------------------------

INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
SAMPLE_LINES = [
    BEFORE,
    AFTER,
    "Loading",
    ":",
    "  • Category:Other",
    "Comment(s) Write comment",
    "▲ U.S. Secretary of Defense Lloyd Austin",
    "Japanese Foreign Minister Toshimichi Mogi (Reuters file photo, Jan. 8, 2021)",
    "TOKYO (Reuters) - Japan said it would respond.",
    "Tokyo, 7 January, /AJMEDIA/",
    '"We will not back down," he said.',
    "“We will stand together",
    "and we will not stop.”",
    "US Secretary of State and Defense",
    "the ministers said that",
]


def collapsed(raw: str) -> str:
    return " ".join(raw.translate(dict.fromkeys(map(ord, INVISIBLE))).split())


def check_invariants(raw: str, cleaned: CleanedText) -> None:
    source = collapsed(raw)
    kept = paragraphs(cleaned)
    for paragraph in kept:
        assert paragraph and paragraph in source
        assert paragraph == paragraph.strip() and "\n" not in paragraph and "  " not in paragraph
    for removed in cleaned.removed:
        assert removed.text in source
        assert removed.stage == STAGE
        assert removed.kind in {"debris", "caption", "heading", "dateline", "title", "boilerplate"}
        assert removed.reason
    assert not {removed.text for removed in cleaned.removed} & set(kept)
    if cleaned.dateline is not None:
        assert cleaned.dateline in source


text_with_structure = st.text(
    alphabet=st.sampled_from(list("ab Z.,:!?\"'()-—|•▲■※“”’‘©\n\n\t\u00a0") + list(INVISIBLE)),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=400), text_with_structure))
def test_clean_text_never_raises_and_only_splits_its_input(raw: str) -> None:
    check_invariants(raw, clean_text(raw))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(SAMPLE_LINES), max_size=12),
    st.lists(st.sampled_from(["\n", "\n\n", "\n \n", "\r\n"]), min_size=12, max_size=12),
    st.sampled_from([None, "US Secretary of State and Defense", "Loading"]),
    st.booleans(),
)
def test_invariants_over_mixed_reports(
    lines: list[str], breaks: list[str], title: str | None, boilerplate: bool
) -> None:
    raw = "".join(line + brk for line, brk in zip(lines, breaks, strict=False))
    cleaned = clean_text(
        raw, title=title, is_boilerplate=(lambda line: len(line) < 30) if boilerplate else None
    )
    check_invariants(raw, cleaned)
    if title is not None:
        assert cleaned.title == title


# --- The seed reports -----------------------------------------------------------------

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$|[”\"]$")
SEED_DEBRIS = {
    "Loading": "debris",
    "Search": "debris",
    ":": "debris",
    "• Category:Other": "debris",
    "Comment(s) Write comment": "debris",
    "Trackback (You need to login.)": "debris",
    "Recent Comments": "debris",
    "Enlarge Image": "debris",
    "▲ U.S. Secretary of Defense Lloyd Austin": "caption",
    "Japanese Foreign Minister Toshimichi Mogi (Reuters file photo, Jan. 8, 2021)": "caption",
    "US Secretary of State and Defense": "heading",
    (
        "U.S. and Japanese Foreign Ministers and Defense Ministers 2+2 Talks in Tokyo "
        "on March 16, 2021"
    ): "heading",
}


def seed_reports() -> list[tuple[str, str]]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed reports not found at {SEEDS}")
    found = sorted(SEEDS.glob("*.txt"))
    if not found:
        pytest.skip(f"no seed reports in {SEEDS}")
    return [(path.name, path.read_text(encoding="utf-8")) for path in found]


def body_lines(raw: str) -> list[str]:
    """Lines of 12+ words ending in sentence punctuation, and long unpunctuated ones."""
    lines = (" ".join(line.split()) for line in raw.splitlines())
    return [
        line
        for line in lines
        if (len(line.split()) >= 12 and SENTENCE_END.search(line)) or len(line.split()) >= 25
    ]


def test_seed_debris_is_removed_with_its_kind() -> None:
    found: dict[str, str] = {}
    for _, raw in seed_reports():
        cleaned = clean_text(raw)
        raw_lines = {" ".join(line.split()) for line in raw.splitlines()}
        for line in SEED_DEBRIS.keys() & raw_lines:
            assert line not in paragraphs(cleaned)
            if len(line) > 8:  # "Search" may be a word of the body; these may not
                assert line not in cleaned.text
            found[line] = kinds(cleaned)[line]
    assert found == SEED_DEBRIS


def test_every_seed_body_line_is_kept() -> None:
    for name, raw in seed_reports():
        kept = set(paragraphs(clean_text(raw)))
        missing = [line for line in body_lines(raw) if line not in kept]
        assert not missing, f"{name}: body lines dropped: {missing}"


def test_seed_dateline_and_title() -> None:
    cleaned = [clean_text(raw) for _, raw in seed_reports()]
    (dated,) = [c for c in cleaned if c.dateline is not None]
    assert dated.dateline == "Tokyo, 7 January, /AJMEDIA/"
    assert kinds(dated)["Tokyo, 7 January, /AJMEDIA/"] == "dateline"
    found = find_dateline(dated.dateline)
    assert found is not None
    assert (found.place, found.day, found.month, found.year, found.agency) == (
        "Tokyo",
        7,
        1,
        None,
        "AJMEDIA",
    )
    titles = {c.title for c in cleaned}
    assert "Japan, US To Send Strong Message To China During Security Talks" in titles
