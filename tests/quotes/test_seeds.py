"""The seed reports through the real pipeline: clean, spaCy, quotes.

The seeds live outside this repository (`../shared/corpus/seeds`) and their text is
never copied into it: only the first words of some quotations and who said them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.records import Document, Quote

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"

# (seed file prefix, first words of the quotation, kind, the speaker as the text names it)
EXPECTED = [
    ("000", "It will be a document", "direct", "a Japanese government official"),
    ("000", "It will be an important opportunity", "direct", "Blinken"),
    ("000", "he would visit China", "indirect", "Blinken"),
    ("001", "China in particular", "direct", "Blinken and Austin"),
    ("001", "We remain opposed", "direct", "the document"),
    ("001", "he wants to exchange views", "indirect", "Motegi"),
    ("002", "I highly appreciate", "direct", "Toshimichi Shigeki"),
    ("002", "It is gratifying", "direct", "Toshimichi Shigeki"),
    ("002", "We believe in democracy", "direct", "Blinken"),
    ("002", "The Chinese Communist Party is our main threat", "direct", "Austin"),
    ("003", "Japan is", "indirect", "Hayashi"),
    ("003", "it is more important than ever", "direct", "Hayashi"),
    ("003", "the two countries must not only", "indirect", "Blinken"),
    ("003", "the United States and Japan are launching", "indirect", "Blinken"),
    ("004", "Japan's new national security strategy", "direct", "Blincoln"),
    ("004", "There is no overemphasis", "direct", "Blincoln"),
    ("004", "The US defense commitment", "direct", "Austin"),
    ("004", "We discussed a number of issues", "direct", "Austin"),
    ("004", "I seriously question it", "direct", "Austin"),
]


@pytest.fixture(scope="module")
def seed_documents() -> dict[str, Document]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not here")
    from storyline.clean.debris import clean_text
    from storyline.errors import ModelError
    from storyline.nlp.model import load_model
    from storyline.nlp.spacy_stage import SpacyStage
    from storyline.quotes import QuoteStage

    try:
        nlp = load_model()
    except ModelError as exc:
        pytest.skip(str(exc))
    spacy_stage, quote_stage = SpacyStage(nlp), QuoteStage()
    documents = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8")).text
        doc = Document(id=path.stem, key=path.stem, origin=path.name, source="seed", text=text)
        documents[path.name[:3]] = quote_stage(spacy_stage(doc.evolve("test", language="en")))
    return documents


def _quote(doc: Document, first_words: str) -> Quote:
    found = [q for q in doc.quotes if q.span.of(doc.text).startswith(first_words)]
    assert found, f"no quotation starting {first_words!r} in {doc.id}"
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize(("seed", "first_words", "kind", "speaker"), EXPECTED)
def test_seed_quotes_are_tied_to_their_speakers(
    seed_documents: dict[str, Document], seed: str, first_words: str, kind: str, speaker: str
) -> None:
    doc = seed_documents[seed]
    quote = _quote(doc, first_words)
    assert quote.kind == kind
    assert quote.speaker is not None and quote.speaker.of(doc.text) == speaker


@pytest.mark.model
def test_garbled_motegi_is_the_speaker_mention(seed_documents: dict[str, Document]) -> None:
    doc = seed_documents["002"]
    quote = _quote(doc, "I highly appreciate")
    mention = next(m for m in doc.mentions if m.span == quote.speaker)
    assert mention.label == "PERSON" and mention.text == "Toshimichi Shigeki"


@pytest.mark.model
def test_unnamed_official_has_no_entity(seed_documents: dict[str, Document]) -> None:
    quote = _quote(seed_documents["000"], "It will be a document")
    assert quote.speaker_entity is None and quote.cue is not None


@pytest.mark.model
def test_unclosed_quotation_does_not_swallow_the_next_paragraph(
    seed_documents: dict[str, Document],
) -> None:
    doc = seed_documents["002"]
    words = _quote(doc, "We believe in democracy").span.of(doc.text)
    assert "\n" not in words and words.endswith("vision.")


@pytest.mark.model
def test_every_seed_quote_is_inside_its_text_and_alone(seed_documents: dict[str, Document]) -> None:
    for doc in seed_documents.values():
        ends = 0
        for quote in doc.quotes:
            assert ends <= quote.span.start < quote.span.end <= len(doc.text)
            ends = quote.span.end
