"""Events of Japanese, Chinese and Korean reports: lexicon triggers, sentence co-occurrence."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storyline.events.cjk import LEXICON, cjk_status, extract_cjk_events, settle_places
from storyline.events.extract import link_events
from storyline.events.merge import merge_events
from storyline.events.ontology import EVENT_TYPES
from storyline.records import Document, Mention, Sentence, Span, TimeExpression
from tests.conftest import make_document
from tests.events.helpers import event_in, report


def _report(text: str, language: str, names: dict[str, str]) -> Document:
    """`text` with a sentence per line and the given names (first occurrence each)."""
    sentences, start = [], 0
    for line in text.split("\n"):
        sentences.append(Sentence(Span(start, start + len(line)), "test"))
        start += len(line) + 1
    mentions = []
    for name, label in names.items():
        at = text.index(name)
        kind = {"PERSON": "person", "ORG": "organization"}.get(label, "place")
        mentions.append(Mention(Span(at, at + len(name)), name, label, kind, "test"))
    return make_document(
        text, language=language, sentences=tuple(sentences), mentions=tuple(mentions)
    )


def test_the_lexicon_names_only_ontology_types() -> None:
    assert {t for words in LEXICON.values() for t in words.values()} <= set(EVENT_TYPES)


def test_japanese_triggers_with_the_names_of_their_sentence() -> None:
    text = "ブリンケン国務長官は東京で茂木外相と会談した。\n北朝鮮は弾道ミサイルを発射した。"
    doc = _report(
        text, "ja", {"ブリンケン": "PERSON", "東京": "GPE", "茂木": "PERSON", "北朝鮮": "GPE"}
    )
    meeting, launch = extract_cjk_events(doc)
    assert (meeting.type, meeting.trigger.of(text), meeting.status) == (
        "meeting",
        "会談",
        "happened",
    )
    assert [p.span.of(text) for p in meeting.participants] == ["ブリンケン", "東京", "茂木"]
    assert (launch.type, [p.span.of(text) for p in launch.participants]) == (
        "missile_launch", ["北朝鮮"]
    )  # fmt: skip


def test_chinese_and_korean_triggers() -> None:
    chinese = _report(
        "杨洁篪与布林肯在安克雷奇会谈。", "zh", {"杨洁篪": "PERSON", "布林肯": "PERSON"}
    )
    korean = _report(
        "정의용 장관은 블링컨 장관과 회담했다.", "ko", {"정의용": "PERSON", "블링컨": "PERSON"}
    )
    assert [e.type for e in extract_cjk_events(chinese)] == ["meeting"]
    (event,) = extract_cjk_events(korean)
    assert event.type == "meeting" and len(event.participants) == 2


def test_one_event_per_type_and_sentence_at_the_longest_word() -> None:
    text = "首相を表敬訪問し、会談した後、再び会談した。"
    visit, meeting = extract_cjk_events(_report(text, "ja", {}))
    assert visit.trigger.of(text) == "表敬訪問" and meeting.trigger.of(text) == "会談"


def test_two_plus_two_and_planned() -> None:
    text = "日米は来月、２＋２を開き会談する予定だ。\n韓米は2プラス2で会談した。"
    planned, held = extract_cjk_events(_report(text, "ja", {}))
    assert planned.status == "planned" and ("kind", "2+2") in planned.attributes
    assert held.status == "happened" and ("kind", "2+2") in held.attributes


def test_a_word_inside_a_name_is_no_trigger() -> None:
    text = "日米安全保障協議委員会が声明を出した。"
    doc = _report(text, "ja", {"日米安全保障協議委員会": "GPE"})
    assert [e.type for e in extract_cjk_events(doc)] == ["statement"]


def test_other_languages_have_no_cjk_events() -> None:
    assert extract_cjk_events(_report("They met in Tokyo.", "en", {})) == ()


def test_after_linking_a_city_is_the_place_and_a_country_takes_part() -> None:
    text = "米国と北朝鮮は東京で2021年3月16日に会談した。"
    doc = _report(text, "ja", {"米国": "GPE", "北朝鮮": "GPE", "東京": "GPE"})
    doc = replace(doc, events=extract_cjk_events(doc))
    linked = {
        "米国": ("country", "usa"),
        "北朝鮮": ("country", "prk"),
        "東京": ("place", "tokyo"),
    }
    mentions = tuple(
        replace(m, kind=linked[m.text][0], entity=linked[m.text][1]) for m in doc.mentions
    )
    date = text.index("2021")
    timex = TimeExpression(Span(date, date + 10), "2021年3月16日", "DATE", "2021-03-16", "test")
    doc = replace(doc, mentions=mentions, timexes=(timex,))
    (event,) = link_events(doc).events
    assert [p.entity for p in event.participants] == ["usa", "prk"]
    assert (event.place_entity, event.date) == ("tokyo", "2021-03-16")


def test_settle_places_leaves_english_events_alone() -> None:
    doc = _report("東京で会談した。", "ja", {"東京": "GPE"})
    (event,) = extract_cjk_events(doc)
    by_span = {m.span: m for m in doc.mentions}
    assert settle_places(event, by_span).participants == ()  # a city takes no part
    english = replace(event, stage="events.extract.v1")
    assert settle_places(english, by_span) == english


def test_a_japanese_telling_merges_with_an_english_one() -> None:
    english_text = "Blinken met Motegi in Tokyo on March 16, 2021."
    english = report(
        "en",
        english_text,
        [
            event_in(
                english_text,
                "met",
                date="2021-03-16",
                place=("Tokyo", "e-tokyo"),
                who=[("Blinken", "agent", "e-blinken"), ("Motegi", "counterpart", "e-motegi")],
            )
        ],
        published="2021-03-16",
    )
    text = "ブリンケン国務長官は2021年3月16日、東京で茂木外相と会談した。"
    japanese = _report(text, "ja", {"ブリンケン": "PERSON", "東京": "GPE", "茂木": "PERSON"})
    entities = {"ブリンケン": "e-blinken", "東京": "e-tokyo", "茂木": "e-motegi"}
    date = text.index("2021")
    timex = TimeExpression(Span(date, date + 10), "2021年3月16日", "DATE", "2021-03-16", "test")
    japanese = replace(
        japanese,
        id="ja",
        published="2021-03-16",
        events=extract_cjk_events(japanese),
        mentions=tuple(replace(m, entity=entities[m.text]) for m in japanese.mentions),
        timexes=(timex,),
    )
    (event,) = merge_events([english, link_events(japanese)])
    assert event.documents == ("en", "ja") and event.date == "2021-03-16"
    assert {p.entity for p in event.participants} == {"e-blinken", "e-motegi"}


def _one(text: str, language: str, names: dict[str, str] | None = None) -> tuple[str, str]:
    """(type, status) of the only event of a one-sentence report."""
    (event,) = extract_cjk_events(_report(text, language, names or {}))
    return event.type, event.status


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("日本と韓国の外相会談は、日程が合わず見送られた。", "ja", ("meeting", "denied")),
        ("北朝鮮が核実験に踏み切る可能性がある。", "ja", ("missile_launch", "hypothetical")),
        ("政府は来月、追加の支援を行う方針だ。", "ja", ("aid", "planned")),
        ("拜登没有出席东亚峰会。", "zh", ("meeting", "denied")),
        ("专家认为，朝鲜可能进行核试验。", "zh", ("missile_launch", "hypothetical")),
        ("秦刚下个月将访问欧洲。", "zh", ("visit", "planned")),
        ("정부는 북한과의 회담 개최를 부인했다.", "ko", ("meeting", "denied")),
        ("북한이 핵실험을 감행할 가능성이 있다.", "ko", ("missile_launch", "hypothetical")),
        ("미국은 제재를 검토하고 있다.", "ko", ("sanction", "planned")),
        ("러시아는 우크라이나를 침공했다.", "ko", ("attack", "happened")),
    ],
)
def test_status_cues_in_the_triggers_scope(text: str, language: str, expected: tuple) -> None:
    assert _one(text, language) == expected


def test_a_cue_before_a_japanese_or_korean_trigger_is_not_in_its_scope() -> None:
    # The planned word governs the first clause's verb, not the talks told after it.
    assert cjk_status("ja", "訪問しない予定の首相は会談した。", 11) == "happened"
    assert cjk_status("ja", "訪問しない予定の首相は会談した。", 0) == "denied"
    # Chinese puts negation and modality before the verb, within its clause.
    assert cjk_status("zh", "他表示，没有举行会议的计划。", 8) == "denied"
    assert cjk_status("zh", "他没有说明，双方举行会议。", 10) == "happened"


def test_organisations_take_part_and_affiliations_do_not() -> None:
    text = "中国の秦剛外相と外務省が会談した。"
    doc = _report(text, "ja", {"中国": "GPE", "秦剛": "PERSON", "外務省": "ORG"})
    (event,) = extract_cjk_events(doc)
    assert [p.span.of(text) for p in event.participants] == ["秦剛", "外務省"]
    text = "美国国防部长奥斯汀与魏凤和举行会谈。"
    doc = _report(text, "zh", {"美国国防部": "ORG", "奥斯汀": "PERSON", "魏凤和": "PERSON"})
    (event,) = extract_cjk_events(doc)
    assert [p.span.of(text) for p in event.participants] == ["奥斯汀", "魏凤和"]
    text = "조태열 장관은 왕이 중국 외교부장과 회담했다."
    doc = _report(text, "ko", {"조태열": "PERSON", "왕이": "PERSON", "중국": "GPE"})
    (event,) = extract_cjk_events(doc)
    assert [p.span.of(text) for p in event.participants] == ["조태열", "왕이"]


def test_a_country_with_a_particle_before_a_person_still_takes_part() -> None:
    text = "日本と韓国は岸田首相の提案で会談した。"
    doc = _report(text, "ja", {"日本": "GPE", "韓国": "GPE", "岸田": "PERSON"})
    (event,) = extract_cjk_events(doc)
    assert [p.span.of(text) for p in event.participants] == ["日本", "韓国", "岸田"]


def test_a_word_holding_a_trigger_is_no_trigger() -> None:
    assert extract_cjk_events(_report("국회의원 선거가 치러졌다.", "ko", {}))[0].type == "election"
    assert [e.type for e in extract_cjk_events(_report("国会議員が集まった。", "ja", {}))] == []


def test_korean_shoot_is_a_launch_only_with_a_missile() -> None:
    assert _one("북한이 쏜 미사일이 동해상에 떨어졌다.", "ko") == ("missile_launch", "happened")
    assert extract_cjk_events(_report("경찰이 쏜 총에 맞았다.", "ko", {})) == ()


def test_a_name_ending_with_a_trigger_is_the_event_misread() -> None:
    text = "赖清德宣誓就职。"
    doc = _report(text, "zh", {"赖清德": "PERSON", "宣誓就职": "PERSON"})
    (event,) = extract_cjk_events(doc)
    assert event.type == "appointment" and event.trigger.of(text) == "就职"
    assert [p.span.of(text) for p in event.participants] == ["赖清德"]


def test_a_launch_has_one_agent_a_linked_country_before_it() -> None:
    text = "松野官房長官は北朝鮮が日本海に向けてミサイルを発射したと述べた。"
    names = {"松野": "PERSON", "北朝鮮": "GPE", "日本海": "LOC"}
    doc = _report(text, "ja", {**names, "日本海": "GPE"})
    (event,) = extract_cjk_events(doc)
    assert [p.span.of(text) for p in event.participants] == ["北朝鮮", "日本海"]
    kinds = {"松野": "person", "北朝鮮": "country", "日本海": "place"}
    by_span = {m.span: replace(m, kind=kinds[m.text]) for m in doc.mentions}
    settled = settle_places(event, by_span)
    assert [p.span.of(text) for p in settled.participants] == ["北朝鮮"]
    assert settled.place is not None and settled.place.of(text) == "日本海"


def test_cues_in_another_clause_say_nothing_of_the_event() -> None:
    agreed = "4閣僚は共同発表で、秩序と整合しない場合には、課題をもたらすとの認識で一致した。"
    assert _one(agreed, "ja") == ("statement", "happened")
    talks, statement = extract_cjk_events(_report("会谈结束后，双方没有发表联合声明。", "zh", {}))
    assert (talks.type, talks.status) == ("meeting", "happened")
    assert (statement.type, statement.status) == ("statement", "denied")
    assert _one("외교부는 다음 달, 일본과 협의를 열 계획이다.", "ko") == ("meeting", "planned")


def test_a_meeting_told_again_with_its_people_points_back() -> None:
    """Japanese marks no definite noun phrase: the 2+2 of the first sentence (countries
    only) and the talks of the four ministers in the next are one meeting; a second
    talk between other people is not."""
    text = (
        "日米は16日、2プラス2の協議を東京で開いた。\n"
        "ブリンケン氏は茂木氏と会談した。\n"
        "オースティン氏は岸氏と会談した。"
    )
    names = {"日米": "GPE", "東京": "GPE", "ブリンケン": "PERSON", "茂木": "PERSON",
             "オースティン": "PERSON", "岸": "PERSON"}  # fmt: skip
    first, second, third = extract_cjk_events(_report(text, "ja", names))
    assert ("reference", "definite") not in first.attributes
    assert ("reference", "definite") in second.attributes
    assert ("reference", "definite") not in third.attributes  # other people: its own talks


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("就任後初めての外国訪問で東京を訪れた。", "ja"),
        ("这是拜登就职后两国首次会谈。", "zh"),
        ("취임 후 첫 해외 순방이다.", "ko"),
    ],
)
def test_an_event_word_before_after_or_since_is_a_point_of_reference(
    text: str, language: str
) -> None:
    types = [e.type for e in extract_cjk_events(_report(text, language, {}))]
    assert "appointment" not in types


def test_a_date_before_since_does_not_date_an_event() -> None:
    from storyline.events.arguments import is_reference_point

    for text, date in (
        ("2019年4月以来の開催となる。", "2019年4月"),
        ("2016년 이후 처음이다.", "2016년"),
    ):
        assert is_reference_point(text, Span(0, len(date)))
    assert not is_reference_point("2021年3月16日に開いた。", Span(0, 10))
