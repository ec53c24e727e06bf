"""A title with no name links to the office's holder at the report's date, or to the person
the report names with that title; it is left unlinked when that is unsure."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.entities.kb.curated import country_entities, load_files
from storyline.entities.kb.index import KBIndex, index_in_memory
from storyline.entities.stage import TITLE_LABEL, LinkStage
from storyline.nlp.title_phrases import title_mentions
from storyline.records import Document
from tests.conftest import make_document
from tests.entities.conftest import mentions_in


def _document(
    text: str, published: str | None, names: tuple[tuple[str, str], ...] = ()
) -> Document:
    """A report with its name mentions and, as the parse stage adds them, its title ones."""
    mentions = mentions_in(text, names)
    titles = title_mentions(text, mentions, "test")
    ordered = sorted((*mentions, *titles), key=lambda m: (m.span.start, m.span.end))
    return make_document(text, mentions=tuple(ordered), published=published)


def _title_links(
    index: KBIndex, text: str, published: str | None, names: tuple[tuple[str, str], ...] = ()
) -> dict[str, str]:
    """Text of each title mention with no name -> the name of the entity it links to."""
    doc = _document(text, published, names)
    out = LinkStage(index)(doc)
    entities = {e.id: e.name for e in out.entities}
    return {m.text: entities[m.entity or ""] for m in out.mentions if m.label == TITLE_LABEL}


JAPANESE_MINISTER = "The Japanese defense minister said the drills would go on."


@pytest.mark.parametrize(
    ("published", "holder"),
    [
        ("2021-03-16", "Nobuo Kishi"),
        ("2022-08-09", "Nobuo Kishi"),  # the day before the handover
        ("2022-08-11", "Yasukazu Hamada"),  # the day after
        ("2023-01-11", "Yasukazu Hamada"),
    ],
)
def test_a_title_alone_is_its_holder_at_the_date(
    fixture_index: KBIndex, published: str, holder: str
) -> None:
    assert _title_links(fixture_index, JAPANESE_MINISTER, published) == {
        "Japanese defense minister": holder
    }


def test_the_reason_names_the_office_the_country_and_the_date(fixture_index: KBIndex) -> None:
    doc = _document(JAPANESE_MINISTER, "2023-01-11")
    (mention,) = LinkStage(fixture_index)(doc).mentions
    assert mention.title == "Japanese defense minister"
    assert mention.span.of(JAPANESE_MINISTER) == "Japanese defense minister"
    assert mention.reason is not None
    assert "of JPN at 2023-01-11: Yasukazu Hamada held that office" in mention.reason


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Seoul's foreign minister met the U.S. secretary of state.", "2021-03-16",
         {"U.S. secretary of state": "Antony Blinken",  # no Korean minister in the fixture KB:
          "Seoul's foreign minister": "Seoul's foreign minister (office)"}),  # the office
        ("The U.S. secretary of state flew in.", "2019-05-01",
         {"U.S. secretary of state": "Mike Pompeo"}),
        ("The foreign minister of Japan flew in.", "2021-11-09",
         {"foreign minister of Japan": "Toshimitsu Motegi"}),
        ("The foreign minister of Japan flew in.", "2021-11-11",
         {"foreign minister of Japan": "Yoshimasa Hayashi"}),
        ("Tokyo's foreign minister flew in.", "2022-01-05",
         {"Tokyo's foreign minister": "Yoshimasa Hayashi"}),
        ("The South Korean President spoke.", "2022-05-09",
         {"South Korean President": "Moon Jae-in"}),
        ("The South Korean President spoke.", "2022-05-11",
         {"South Korean President": "Yoon Suk Yeol"}),
    ],
)  # fmt: skip
def test_countries_by_adjective_possessive_capital_and_of(
    fixture_index: KBIndex, text: str, published: str, expected: dict[str, str]
) -> None:
    assert _title_links(fixture_index, text, published) == expected


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (JAPANESE_MINISTER, None),  # the report's date is unknown
        (JAPANESE_MINISTER, "2022-08-10"),  # the day of a handover
        ("The former Japanese defense minister spoke.", "2023-01-11"),
        ("The then Japanese defense minister spoke.", "2023-01-11"),
        ("The incoming Japanese defense minister spoke.", "2023-01-11"),
        ("The G7 foreign ministers met.", "2023-01-11"),
        ("The Japanese foreign ministers met.", "2023-01-11"),
        ("The Japanese president spoke.", "2023-01-11"),  # Japan's head of state is no president
        ("The defense minister spoke.", "2023-01-11"),  # whose?
    ],
)
def test_left_unlinked_when_unsure(
    fixture_index: KBIndex, text: str, published: str | None
) -> None:
    assert _title_links(fixture_index, text, published) == {}


NAMED = (
    "Japanese Defense Minister Nobuo Kishi met reporters. "
    "The Japanese defense minister said the drills would go on."
)


def test_a_title_alone_is_the_person_the_report_names_with_it(fixture_index: KBIndex) -> None:
    names = (("Nobuo Kishi", "PERSON"),)
    assert _title_links(fixture_index, NAMED, "2021-03-16", names) == {
        "Japanese defense minister": "Nobuo Kishi"
    }
    # Undated, the report's own holder still stands: within-report reference needs no date.
    assert _title_links(fixture_index, NAMED, None, names) == {
        "Japanese defense minister": "Nobuo Kishi"
    }


def test_a_named_holder_that_conflicts_with_the_date_leaves_it_unlinked(
    fixture_index: KBIndex,
) -> None:
    # Kishi left office on 2022-08-10: named a month later, the report's date or its name is
    # wrong, and the title alone is not guessed.
    names = (("Nobuo Kishi", "PERSON"),)
    doc = _document(NAMED, "2022-09-10", names)
    stage = LinkStage(fixture_index)
    named = replace(doc, mentions=tuple(m for m in doc.mentions if m.label != TITLE_LABEL))
    links = stage.standing_title_links(doc, named, stage.resolutions(named))
    assert [link.resolution for link in links] == [None]
    assert "but title 'Japanese defense minister'" in links[0].reason
    assert "Yasukazu Hamada held that office" in links[0].reason


def test_two_people_named_with_the_title_leave_it_unlinked(fixture_index: KBIndex) -> None:
    text = (
        "Japanese Defense Minister Nobuo Kishi and Japanese Defense Minister Yasukazu Hamada "
        "met. The Japanese defense minister spoke."
    )
    names = (("Nobuo Kishi", "PERSON"), ("Yasukazu Hamada", "PERSON"))
    assert _title_links(fixture_index, text, "2022-08-09", names) == {}


def test_a_title_of_another_country_is_not_the_named_person(fixture_index: KBIndex) -> None:
    text = "Foreign Minister Wang Yi met the Japanese foreign minister in Tokyo."
    names = (("Wang Yi", "PERSON"), ("Tokyo", "GPE"))
    assert _title_links(fixture_index, text, "2021-03-16", names) == {
        "Japanese foreign minister": "Toshimitsu Motegi"
    }


def test_the_title_mention_is_off_the_country_mention(fixture_index: KBIndex) -> None:
    text = "The U.S. secretary of state flew in."
    out = LinkStage(fixture_index)(_document(text, "2021-03-16", (("U.S.", "GPE"),)))
    assert [(m.text, m.label) for m in out.mentions] == [
        ("U.S.", "GPE"),
        ("secretary of state", TITLE_LABEL),
    ]


# --- China's top diplomat: the foreign minister, and the Party's foreign-affairs chief ---

_CHINA = [
    ("Yang Jiechi", [("Director of the Office of the Central Foreign Affairs Commission",
                      "other", "2018-05-15", "2022-12-31")]),
    ("Wang Yi", [("Minister of Foreign Affairs", "foreign_minister", "2013-03-16", "2022-12-30"),
                 ("Director of the Office of the Central Foreign Affairs Commission", "other",
                  "2023-01-01", None),
                 ("Minister of Foreign Affairs", "foreign_minister", "2023-07-25", None)]),
    ("Qin Gang", [("Minister of Foreign Affairs", "foreign_minister", "2022-12-30",
                   "2023-07-25")]),
]  # fmt: skip


@pytest.fixture(scope="module")
def china_index(tmp_path_factory: pytest.TempPathFactory) -> KBIndex:
    path: Path = tmp_path_factory.mktemp("kb") / "CHN.jsonl"
    lines = []
    for name, roles in _CHINA:
        terms = [
            {"office": office, "office_key": key, "country": "CHN", "start": start, "end": end}
            for office, key, start, end in roles
        ]
        record = {"id": None, "name": name, "type": "person", "country": "CHN"}
        lines.append(json.dumps(record | {"aliases": [], "roles": terms}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index_in_memory([*country_entities(), *load_files([path])])


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2016-05-01", {"top diplomat": "Wang Yi"}),  # the minister; no Party chief known
        ("2021-05-01", {}),  # Yang Jiechi (Party) and Wang Yi (minister): either is meant
        ("2023-03-01", {}),  # Wang Yi (Party) and Qin Gang (minister)
        ("2024-05-01", {"top diplomat": "Wang Yi"}),  # both offices, one man
    ],
)
def test_chinas_top_diplomat(
    china_index: KBIndex, published: str, expected: dict[str, str]
) -> None:
    text = "China's top diplomat warned Tokyo."
    names = (("China", "GPE"), ("Tokyo", "GPE"))
    assert _title_links(china_index, text, published, names) == expected


def test_a_country_mention_after_the_title_is_left_to_itself(fixture_index: KBIndex) -> None:
    text = "The foreign minister of Japan flew in."
    out = LinkStage(fixture_index)(_document(text, "2021-03-16", (("Japan", "GPE"),)))
    title = next(m for m in out.mentions if m.label == TITLE_LABEL)
    assert (title.text, title.title) == ("foreign minister", "foreign minister of Japan")
