"""The Japanese analyser: sentences by rule (fast), names by GiNZA (model)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.nlp.japanese import sentence_spans
from storyline.records import Span


def _sentences(text: str) -> list[str]:
    return [s.of(text) for s in sentence_spans(text)]


def test_sentences_end_at_marks_and_lines() -> None:
    text = "日米は会談した。北朝鮮は発射した！？\n\n見出し\n　次の文。"
    assert _sentences(text) == ["日米は会談した。", "北朝鮮は発射した！？", "見出し", "次の文。"]


def test_a_quotation_does_not_end_its_sentence() -> None:
    text = "外相は「協力する。」と述べた。首相も同意した。"
    assert _sentences(text) == ["外相は「協力する。」と述べた。", "首相も同意した。"]


def test_an_unclosed_bracket_ends_with_its_line() -> None:
    text = "（注：会談は非公開。\n次の段落。"
    assert _sentences(text) == ["（注：会談は非公開。", "次の段落。"]


@given(st.text(alphabet="日米会談。！？「」（）　 \na", max_size=40))
def test_sentences_are_in_order_inside_the_text_and_trimmed(text: str) -> None:
    spans = sentence_spans(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.of(text) == span.of(text).strip() and "\n" not in span.of(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_ginza_labels_map_to_the_protocols() -> None:
    pytest.importorskip("ginza")
    from storyline.nlp.japanese import name_label

    assert [name_label(x) for x in ("Person", "City", "Country", "Province")] == [
        "PERSON", "GPE", "GPE", "GPE"
    ]  # fmt: skip
    assert name_label("Company") == name_label("Government") == "ORG"
    assert name_label("International_Organization") == name_label("Political_Party") == "ORG"
    assert name_label("Date") is None and name_label("Position_Vocation") is None


@pytest.fixture(scope="module")
def japanese():  # type: ignore[no-untyped-def]
    pytest.importorskip("ja_ginza")
    from storyline.nlp.languages import analyser_for

    analyser = analyser_for("ja")
    if analyser is None:
        pytest.skip("GiNZA is not installed")
    return analyser


@pytest.mark.model
def test_names_of_a_japanese_report(japanese) -> None:  # type: ignore[no-untyped-def]
    text = "岸田文雄首相は２０２３年５月、広島で外務省の幹部と会談した。"
    analysis = japanese.analyse(text)
    names = {(s.of(text), label) for s, label in analysis.names}
    assert {("岸田文雄", "PERSON"), ("広島", "GPE"), ("外務省", "ORG")} <= names
    assert all(label != "DATE" for _, label in analysis.names)
    assert [s.of(text) for s in analysis.sentences] == [text]


def _names(japanese, text: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(s.of(text), label) for s, label in japanese.analyse(text).names}


@pytest.mark.model
def test_a_family_and_a_given_name_are_one_name(japanese) -> None:  # type: ignore[no-untyped-def]
    # GiNZA reads 茂木 as a person and 敏充 as a government; Sudachi's parts of speech
    # (family name, given name) make them one.
    text = "茂木敏充外相は記者団に語った。"
    names = _names(japanese, text)
    assert ("茂木敏充", "PERSON") in names
    assert not any(name in {"茂木", "敏充"} for name, _ in names)


@pytest.mark.model
def test_a_name_before_a_title_is_a_person_not_a_place(japanese) -> None:  # type: ignore[no-untyped-def]
    # GiNZA reads ブリンケン as a country; the title after it says it is a person.
    text = "来日した米国のブリンケン国務長官が会談した。"
    names = _names(japanese, text)
    assert ("ブリンケン", "PERSON") in names
    assert ("米国", "GPE") in names  # a country before a title stays a country


@pytest.mark.model
def test_a_country_before_a_title_stays_a_country(japanese) -> None:  # type: ignore[no-untyped-def]
    # 米 (the US, one character) and ブラジル, which GiNZA reads as a person: a title after
    # a country's name makes it the country's office, not a person's name.
    names = _names(japanese, "米国務長官とブラジル大統領が来日した。")
    assert ("米", "GPE") in names and ("ブラジル", "GPE") in names
    assert all(label != "PERSON" for _, label in names)


@pytest.mark.model
def test_a_name_read_into_a_title_is_a_person(japanese) -> None:  # type: ignore[no-untyped-def]
    # GiNZA reads 王毅外相 as one position; Sudachi knows 王毅 as a person's name.
    text = "中国の王毅外相と会談した。"
    analysis = japanese.analyse(text)
    assert ("王毅", "PERSON") in {(s.of(text), label) for s, label in analysis.names}
    assert [(s.of(text), title) for s, title in analysis.titles] == [("王毅", "外相")]


@pytest.mark.model
def test_titles_after_names_are_returned_with_them(japanese) -> None:  # type: ignore[no-untyped-def]
    text = "オースティン国防長官と岸信夫防衛相、菅首相が出席した。"
    titles = {(s.of(text), title) for s, title in japanese.analyse(text).titles}
    assert titles == {("オースティン", "国防長官"), ("岸信夫", "防衛相"), ("菅", "首相")}


_JAPANESE = st.sampled_from(
    ["東京", "岸田文雄", "首相", "は", "、", "。", "ｱｲｳ", "２０２１年", "㍻", " ", "\n", "「", "」",
     "外務省", "と", "会談", "Ｂｌｉｎｋｅｎ", "ブリンケン", "〜", "①", "北朝鮮", "ﾐｻｲﾙ"]
)  # fmt: skip


@pytest.mark.model
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_JAPANESE, max_size=30).map("".join))
def test_every_span_indexes_the_original_text(japanese, text: str) -> None:  # type: ignore[no-untyped-def]
    """GiNZA reads full-width and half-width forms alike; the spans must still be those
    of the given text, not of a normalised copy."""
    analysis = japanese.analyse(text)
    for span in (*analysis.sentences, *(s for s, _ in analysis.names)):
        assert 0 <= span.start < span.end <= len(text)
        assert span.of(text).strip() == span.of(text)
    # Each name is written at its place exactly as the model read it.
    read = {ent.text.strip() for ent in japanese.nlp(text).ents}
    assert {span.of(text) for span, _ in analysis.names} <= read


@pytest.mark.model
def test_a_report_longer_than_the_tokenizer_takes_is_read_in_pieces(japanese) -> None:  # type: ignore[no-untyped-def]
    """Sudachi refuses more than 49,149 bytes: a long report is read piece by piece, and
    the names of every piece index the whole text."""
    line = "岸田文雄首相は東京で外務省の幹部と会談した。" * 40 + "\n"
    text = line * 40  # about 105,000 bytes
    assert len(text.encode("utf-8")) > 49_149
    analysis = japanese.analyse(text)
    people = [span for span, label in analysis.names if label == "PERSON"]
    assert people and max(span.start for span in people) > len(text) // 2
    assert all(span.of(text) == "岸田文雄" for span in people)


def test_pieces_cover_the_text_in_order_and_cut_at_lines() -> None:
    from storyline.nlp.japanese import pieces

    text = ("あいうえお。" * 300 + "\n") * 10
    parts = pieces(text, size=1000)
    assert "".join(piece for _, piece in parts) == text
    assert all(len(piece) <= 1000 for _, piece in parts)
    assert [start for start, _ in parts] == sorted(start for start, _ in parts)
    assert all(piece.endswith(("\n", "。")) for _, piece in parts[:-1])


def test_a_compound_of_country_characters_is_its_countries() -> None:
    from storyline.nlp.japanese import _countries_of

    text = "日米韓の首脳と中米の国々"
    assert _countries_of(text, Span(0, 3), "GPE") == [
        (Span(0, 1), "GPE"), (Span(1, 2), "GPE"), (Span(2, 3), "GPE")
    ]  # fmt: skip
    assert _countries_of(text, Span(7, 9), "LOC") == [(Span(7, 9), "LOC")]  # Central America
    assert _countries_of(text, Span(0, 2), "PERSON") == [(Span(0, 2), "PERSON")]


@pytest.mark.model
def test_two_names_side_by_side_before_a_title_are_not_one(japanese) -> None:  # type: ignore[no-untyped-def]
    """A run of name tokens before a title is one person only if it holds at most one
    family name, first (hypothesis found 岸田文雄岸田文雄首相 read as one name)."""
    text = "岸田文雄岸田文雄首相"
    names = {span.of(text) for span, _ in japanese.analyse(text).names}
    assert names <= {"岸田文雄", "首相"}
