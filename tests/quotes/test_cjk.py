"""Direct quotations in Japanese, Chinese and Korean reports (`storyline.quotes.cjk`)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.quotes.cjk import find_quotes
from storyline.quotes.stage import QuoteStage
from storyline.records import Document, Mention, Sentence, Span
from tests.conftest import make_document


def document(text: str, language: str, persons: Sequence[str] = ()) -> Document:
    """A report with a PERSON mention (linked to "Q:name") at the first place of each name."""
    mentions = []
    for name in persons:
        start = text.index(name)
        span = Span(start, start + len(name))
        mentions.append(Mention(span, name, "PERSON", "person", "test", entity=f"Q:{name}"))
    return make_document(text, language=language, mentions=tuple(mentions))


def read(doc: Document) -> list[tuple[str, str | None, str | None, str | None]]:
    """(words, speaker, speaker entity, cue) of each quotation."""
    text = doc.text
    return [
        (
            q.span.of(text),
            q.speaker.of(text) if q.speaker else None,
            q.speaker_entity,
            q.cue.of(text) if q.cue else None,
        )
        for q in find_quotes(doc)
    ]


@pytest.mark.parametrize(
    ("text", "persons", "expected"),
    [
        (
            "岸田首相は記者団に「経済対策を急ぐ」と述べた。",
            ["岸田"],
            ("経済対策を急ぐ", "岸田", "Q:岸田", "述べ"),
        ),
        (
            "岸田首相は記者団に「経済対策を急ぐ」と語った。",
            [],
            ("経済対策を急ぐ", "岸田首相", None, "語っ"),
        ),
        (
            "「支援を続ける」と林官房長官は強調した。",
            ["林"],
            ("支援を続ける", "林", "Q:林", "強調し"),
        ),
    ],
)
def test_japanese(text: str, persons: list[str], expected: tuple[str, ...]) -> None:
    assert read(document(text, "ja", persons)) == [expected]


@pytest.mark.parametrize(
    ("text", "persons", "expected"),
    [
        (
            "윤석열 대통령은 “경제가 어렵다”라고 말했다.",
            ["윤석열"],
            ("경제가 어렵다", "윤석열", "Q:윤석열", "말했"),
        ),
        (
            '윤 대통령은 기자들에게 "협력을 강화하겠다"고 밝혔다.',
            [],
            ("협력을 강화하겠다", "윤 대통령", None, "밝혔"),
        ),
    ],
)
def test_korean(text: str, persons: list[str], expected: tuple[str, ...]) -> None:
    assert read(document(text, "ko", persons)) == [expected]


@pytest.mark.parametrize(
    ("text", "persons", "expected"),
    [
        (
            "外交部发言人汪文斌表示：“中方坚决反对。”",
            ["汪文斌"],
            ("中方坚决反对。", "汪文斌", "Q:汪文斌", "表示"),
        ),
        ("“中方坚决反对。”汪文斌说。", ["汪文斌"], ("中方坚决反对。", "汪文斌", "Q:汪文斌", "说")),
        ("“我们将继续努力。”他指出。", [], ("我们将继续努力。", "他", None, "指出")),
    ],
)
def test_chinese(text: str, persons: list[str], expected: tuple[str, ...]) -> None:
    assert read(document(text, "zh", persons)) == [expected]


def test_the_nearest_person_before_the_quotation_speaks() -> None:
    text = "李强会见了王毅，王毅说：“合作很重要。”"
    doc = document(text, "zh", ["李强", "王毅"])
    later = text.rindex("王毅")
    mentions = (*doc.mentions, Mention(Span(later, later + 2), "王毅", "PERSON", "person", "t"))
    quote = find_quotes(make_document(text, language="zh", mentions=mentions))[0]
    assert quote.speaker == Span(later, later + 2)


def test_a_person_in_another_sentence_does_not_speak() -> None:
    text = "李强出席了会议。\n“合作很重要。”他说。"
    sentences = (Sentence(Span(0, 8), "t"), Sentence(Span(9, len(text)), "t"))
    doc = document(text, "zh", ["李强"])
    quote = find_quotes(Document(**{**_fields(doc), "sentences": sentences}))[0]
    assert quote.speaker is not None and quote.speaker.of(text) == "他"


def _fields(doc: Document) -> dict[str, object]:
    return {name: getattr(doc, name) for name in Document.__dataclass_fields__}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("首相は「経済対策を急ぐと述べた。", "ja"),  # never closed
        ("「」と述べた。", "ja"),  # empty
        ("「経済対策を急ぐ」と書かれていた。", "ja"),  # no speech verb
        ("他说：“我们要团结。", "zh"),
        ("“”他说。", "zh"),
        ('"경제가 어렵다', "ko"),
        ("」と述べた「", "ja"),
    ],
)
def test_odd_marks_give_no_quotation(text: str, language: str) -> None:
    assert find_quotes(document(text, language)) == ()


def test_a_nested_quotation_belongs_to_the_outer_one() -> None:
    doc = document("首相は「『入れ子』の話だ」と語った。", "ja")
    assert [q.span.of(doc.text) for q in find_quotes(doc)] == ["『入れ子』の話だ"]


def test_other_languages_are_left_alone() -> None:
    assert find_quotes(document("「経済対策を急ぐ」と述べた。", "en")) == ()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from([*'「」『』“”"‘’：，。\n ', "と述べた", "라고 말했다", "表示", "他", "は"])
    ).map("".join),
    st.sampled_from(["ja", "zh", "ko"]),
)
def test_never_crashes_and_spans_stay_inside(text: str, language: str) -> None:
    for quote in find_quotes(document(text, language)):
        assert 0 <= quote.span.start < quote.span.end <= len(text)
        assert quote.cue is not None and quote.cue.end <= len(text)


def test_the_stage_reads_cjk_reports_and_keeps_english_ones() -> None:
    stage = QuoteStage()
    japanese = stage(document("首相は「経済対策を急ぐ」と述べた。", "ja"))
    assert [q.span.of(japanese.text) for q in japanese.quotes] == ["経済対策を急ぐ"]
    assert japanese.stages[-1] == stage.name
    english = stage(document('"We will act," the minister said.', "en"))
    assert [q.span.of(english.text) for q in english.quotes] == ["We will act"]


@pytest.mark.parametrize(
    ("text", "language", "persons", "expected"),
    [
        ("岸田首相：「支援を続ける」", "ja", ["岸田"], ("支援を続ける", "岸田", "Q:岸田", "：")),
        ("岸田文雄：“日本将继续支持。”", "zh", [], ("日本将继续支持。", "岸田文雄", None, "：")),
        ("이종섭 국방부 장관: “단호히 대응하겠다”", "ko", [],
         ("단호히 대응하겠다", "이종섭 국방부 장관", None, ":")),
    ],
)  # fmt: skip
def test_a_name_and_a_colon_opening_the_sentence(
    text: str, language: str, persons: list[str], expected: tuple
) -> None:
    assert read(document(text, language, persons)) == [expected]


def test_a_colon_after_a_clause_is_no_cue() -> None:
    assert read(document("首相は会見で、次の点を挙げた：「支援を続ける」", "ja")) == []


def test_korean_rami_is_a_quotation_whatever_the_verb() -> None:
    text = "대통령실 관계자는 “일정은 정해지지 않았다”며 말을 아꼈다."
    assert read(document(text, "ko")) == [("일정은 정해지지 않았다", "대통령실 관계자", None, "며")]
    text = "관계자는 “일정은 미정”이라며 말을 아꼈다."
    assert read(document(text, "ko"))[0][3] == "이라며"


@pytest.mark.parametrize(
    ("text", "language", "cue"),
    [
        ("首相は「対話も重要だ」と付け加えた。", "ja", "付け加え"),
        ("外相は「自制を」と呼びかけた。", "ja", "呼びかけ"),
        ("古特雷斯呼吁：“各方必须立即停火。”", "zh", "呼吁"),
        ("장관은 “대화에 나서라”고 촉구했다.", "ko", "촉구했"),
    ],
)
def test_more_speech_verbs(text: str, language: str, cue: str) -> None:
    assert read(document(text, language))[0][3] == cue


def test_a_chinese_pronoun_speaker() -> None:
    assert read(document("他说：“双方同意继续保持沟通。”", "zh"))[0][1] == "他"


def test_a_korean_speaker_after_the_quotation_without_its_particle() -> None:
    text = "“대화의 문은 열려 있다”고 통일부 관계자는 전했다."
    assert read(document(text, "ko"))[0][1] == "통일부 관계자"
