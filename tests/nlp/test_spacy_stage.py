from dataclasses import replace

from storyline.nlp.spacy_stage import SpacyStage, _line_spans, is_parse_of
from tests.conftest import make_document


def test_sentences_never_cross_a_line(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Blinken spoke in Tokyo\n\nJapan agreed. The talks ended."
    doc = SpacyStage(blank_nlp)(make_document(text, language="en"))
    sentences = [s.span.of(text) for s in doc.sentences]
    assert sentences == ["Blinken spoke in Tokyo", "Japan agreed.", "The talks ended."]


def test_mentions_are_cleaned_and_typed(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Secretary Austin praised China's restraint, the State Department said."
    doc = SpacyStage(blank_nlp)(make_document(text, language="en"))
    found = {(m.text, m.kind) for m in doc.mentions}
    assert found == {("Austin", "person"), ("China", "place"), ("State Department", "organization")}
    assert all(m.span.of(text) == m.text for m in doc.mentions)
    assert doc.stages == ("nlp.spacy.v1",)


def test_duplicates_and_other_languages_pass_through(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    stage = SpacyStage(blank_nlp)
    french = make_document("Le ministre Blinken est à Tokyo.", language="fr")
    copy = make_document("Blinken in Tokyo.", id="d2", language="en", duplicate_of="d1")
    out = list(stage.pipe([french, copy]))
    # The French report is left as it is, but for the flag that says why.
    assert out == [replace(french, flags=("no-analyser:fr",)), copy]


def test_line_spans_strip_white_space() -> None:
    text = "  a b \n\n c  "
    assert [s.of(text) for s in _line_spans(text, 0, len(text))] == ["a b", "c"]


def test_is_parse_of_tells_the_parsed_text_from_another(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Blinken met Motegi in Tokyo.\n\nThey spoke. "
    parse = blank_nlp(text)
    assert is_parse_of(parse, text)
    assert not is_parse_of(parse, text + "More.")
    assert not is_parse_of(parse, "X" + text[1:])
    assert is_parse_of(blank_nlp(""), "") and not is_parse_of(blank_nlp(""), "a")
