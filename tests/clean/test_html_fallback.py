"""Web pages: a notice-only extraction falls back to recall; HTML text loses only debris."""

from __future__ import annotations

import pytest
import trafilatura

from storyline.clean.debris import clean_text
from storyline.clean.html import extract_html, is_only_notice
from storyline.settings import Settings

SETTINGS = Settings()

STORY = "".join(
    f"<p>Paragraph {i}: the council voted on Tuesday to expand the harbour, a plan that has"
    " divided residents of the town for many years, officials said.</p>"
    for i in range(5)
)
REPRINT = (
    "This copy is for your personal, non-commercial use only. To order presentation-ready"
    " copies for distribution to your colleagues, clients or customers visit our reprints page."
)


def test_a_cookie_banner_alone_falls_back_to_a_recall_extraction() -> None:
    html = (
        "<html><body><main><p>We use cookies to improve your experience. By continuing you"
        f" accept our cookie policy.</p></main><footer>{STORY}</footer></body></html>"
    )
    page = extract_html(html, url=None, settings=SETTINGS)
    assert "Paragraph 0: the council voted" in page.text
    assert "Paragraph 4" in page.text


def test_a_reprint_notice_alone_falls_back_to_the_page_text() -> None:
    html = (
        f"<html><body><article><p>{REPRINT}</p></article>"
        f"<table><tr><td>{STORY}</td></tr></table></body></html>"
    )
    page = extract_html(html, url=None, settings=SETTINGS)
    assert "Paragraph 2: the council voted" in page.text
    cleaned = clean_text(page.text, title=page.title, from_html=True)
    assert "personal, non-commercial use" not in cleaned.text
    assert "Paragraph 2: the council voted" in cleaned.text


def test_a_page_that_is_only_a_notice_keeps_it_for_the_cleaner_to_remove() -> None:
    html = "<html><body><article><p>Subscribe to continue reading.</p></article></body></html>"
    page = extract_html(html, url=None, settings=SETTINGS)
    assert page.text == "Subscribe to continue reading."
    cleaned = clean_text(page.text, title=page.title, from_html=True)
    assert cleaned.text == ""  # ingest then skips it (E007): nothing but a notice
    assert [line.kind for line in cleaned.removed] == ["debris"]
    assert "notice" in cleaned.removed[0].reason


@pytest.mark.parametrize(
    ("text", "only_notice"),
    [
        ("", True),
        (REPRINT, True),
        ("Please enable JavaScript to view this page.\nMenu", True),
        (f"We use cookies.\n{'A long report sentence about the harbour vote. ' * 10}", False),
        ("A short report of forty characters, no notice.", False),
        ("The minister said cookies and subscribers were not on the agenda.", False),
    ],
)
def test_is_only_notice(text: str, only_notice: bool) -> None:
    assert is_only_notice(text) is only_notice


# A page whose article has what a plain-text report would lose to shape rules: short
# list items, Title Case sub-heads, one-word lines, an unpunctuated table row; and
# debris the cleaner can name.
RECIPE_PAGE = """<html><head><title>Harbour festival recipes</title></head><body>
<article><h1>Harbour festival recipes</h1>
<p>The harbour festival returns this weekend, and the town's bakers shared the recipe that
won last year's prize for the best almond biscuits in the whole region.</p>
<h2>What You Need</h2>
<ul><li>200 g ground almonds</li><li>Two egg whites</li><li>Icing Sugar</li>
<li>Zest of one lemon</li></ul>
<h2>Method</h2>
<p>Mix the almonds, sugar and zest, fold in the whites and bake the biscuits for twelve
minutes until they are golden at the edges and still soft in the middle.</p>
<p>Variations</p>
<p>Bakers in the old town add a pinch of cinnamon, while those by the harbour prefer orange
zest, and both camps insist that theirs is the original recipe from the first festival.</p>
<p>Newsletter</p>
<p>Read more: The festival's history in pictures</p>
<p>We use cookies to improve your experience on this site.</p>
<p>Copyright 2024 Harbour Times. All rights reserved.</p>
</article></body></html>"""
DEBRIS = {
    "Newsletter",
    "Read more: The festival's history in pictures",
    "We use cookies to improve your experience on this site.",
    "Copyright 2024 Harbour Times. All rights reserved.",
}


def test_no_line_of_trafilaturas_text_is_lost_unless_it_is_debris() -> None:
    alone = trafilatura.extract(RECIPE_PAGE, include_comments=False) or ""
    page = extract_html(RECIPE_PAGE, url=None, settings=SETTINGS)
    cleaned = clean_text(page.text, title=page.title, from_html=True)
    kept = cleaned.text.split("\n\n")
    removed = {line.text: line for line in cleaned.removed}
    lines = [" ".join(line.split()) for line in alone.splitlines() if line.strip()]
    assert "- Icing Sugar" in lines and "Variations" in lines  # the page is what it says
    for line in lines:
        if line in kept:
            continue
        assert line in removed, f"lost without a reason: {line!r}"
        assert line in DEBRIS or removed[line].kind == "title", removed[line]
    assert set(removed) >= DEBRIS
    assert all(removed[line].reason for line in DEBRIS)


def test_the_same_text_as_plain_text_loses_its_short_lines() -> None:
    # Why web text needs from_html: the plain-text rules read these lines as sub-heads.
    page = extract_html(RECIPE_PAGE, url=None, settings=SETTINGS)
    plain = clean_text(page.text, title=page.title).text.split("\n\n")
    html = clean_text(page.text, title=page.title, from_html=True).text.split("\n\n")
    assert "What You Need" in html and "What You Need" not in plain
    assert "Variations" in html and "Variations" not in plain


def test_labels_above_the_headline_and_a_later_dateline_on_a_web_page() -> None:
    text = (
        "World · Asia\nHarbour talks end in agreement\n"
        "The two ports will share the new terminal, officials said on Friday.\n"
        "TOKYO — The operators of the two ports agreed on Friday to share a new container"
        " terminal, ending a dispute that had lasted for more than a decade."
    )
    cleaned = clean_text(text, title="Harbour talks end in agreement", from_html=True)
    assert cleaned.dateline == "TOKYO —"
    assert [(line.kind, line.text) for line in cleaned.removed] == [
        ("debris", "World · Asia"),
        ("title", "Harbour talks end in agreement"),
        ("dateline", "TOKYO —"),
    ]
    assert cleaned.text.startswith("The two ports will share the new terminal")
