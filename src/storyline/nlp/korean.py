"""The Korean analyser: sentences and names of a Korean report, on kiwipiepy.

Kiwi splits sentences and tags parts of speech; it has no named-entity model. Names
are therefore built from runs of proper nouns (NNP, and foreign words SL inside such a
run), stretched over a glued organisation or place suffix ("서울" + "시") or over the
given name Kiwi cut off a family name ("강모" + "연"), and labelled by the strongest
evidence found, in this order:

1. the curated KB's hangul names (people and organisations) and a short list of
   countries and capitals;
2. the word after the name: "씨", "대통령", "장관", "총리" … make a person;
3. the name's own ending: "…부", "…청", "…위원회", "…당" make an organisation,
   "…시", "…도", "…국" a place;
4. its shape: two to four hangul syllables starting with a common surname make a person;
5. otherwise an organisation for Latin letters ("KBS"), a place for the rest — the
   commoner label of unexplained proper nouns in news text (measured on KLUE, see
   `storyline.evaluation.cjk_names_kozh`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kiwipiepy import Kiwi

from storyline.nlp.languages import LanguageAnalysis
from storyline.nlp.native_names import is_hangul, kb_names
from storyline.records import Span


def _words(text: str) -> tuple[str, ...]:
    """The white-space separated words of `text` (word lists below read as prose)."""
    return tuple(text.split())


#: Countries and capitals as Korean news writes them (the KB lists people and organisations only).
PLACES: frozenset[str] = frozenset(
    _words(
        """
        한국 대한민국 북한 조선 미국 중국 일본 러시아 영국 프랑스 독일 이탈리아 캐나다 호주 인도
        브라질 멕시코 이란 이라크 이스라엘 우크라이나 대만 베트남 태국 필리핀 인도네시아
        사우디아라비아 터키 튀르키예 이집트 시리아 아프가니스탄 파키스탄 몽골 유럽 아시아 서울
        평양 부산 인천 대구 광주 대전 울산 세종 제주 도쿄 베이징 워싱턴 모스크바 런던 파리
        베를린 키이우 뉴욕 홍콩 상하이 오사카
        """
    )
)

#: Words that, right after a name, say it names a person.
PERSON_CUES: frozenset[str] = frozenset(
    _words(
        """
        씨 대통령 장관 총리 의원 위원장 대표 회장 사장 감독 선수 교수 기자 대변인 총장 차관 국장
        부장 팀장 원장 청장 지사 시장 군수 구청장 후보 여사 박사 변호사 검사 판사 작가 배우 가수
        국왕 주석 총통 수석 전 前 모
        """
    )
)

#: Endings of organisation names (longest first when tested).
ORG_ENDINGS: tuple[str, ...] = tuple(
    sorted(
        _words(
            """
        부 청 처 위원회 위 당 회사 은행 대학교 대학 그룹 전자 협회 공사 공단 센터 연구원 연구소
        재단 방송 일보 신문 증권 보험 병원 학교 법원 검찰 경찰 군 FC 구단 노조 연합 기구 통신
        상사 건설 화학 자동차 항공 제약 협의회 조합 본부
        """
        ),
        key=len,
        reverse=True,
    )
)

#: Endings of place names.
PLACE_ENDINGS: tuple[str, ...] = (
    "특별시",
    "광역시",
    "시",
    "도",
    "군",
    "구",
    "읍",
    "면",
    "동",
    "리",
    "국",
    "주",
    "섬",
    "산",
    "강",
)

#: Common Korean family names (one syllable), for the shape rule.
SURNAMES: frozenset[str] = frozenset(
    _words(
        """
        김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허
        남 심 노 하 곽 성 차 주 우 구 민 진 나 지 엄 변 채 원 방 천 공 현 함 염 여 추 도 소 석
        선 설 마 길 연 위 표 명 기 반 라 왕 금 옥 육 인 맹 제 탁 국 어 은 편 용 예 경 봉 사 부
        황보 남궁 제갈 선우 독고
        """
    )
)

#: Common nouns that, standing alone, name one institution (Korean news writes "경찰"
#: for the police force concerned, "정부" for the government).
INSTITUTIONS: frozenset[str] = frozenset(
    _words(
        """
        경찰 검찰 정부 국회 청와대 법원 재판부 대법원 헌법재판소 군 당국 여당 야당 백악관 국방부
        외교부 통일부 국정원 대검 특검 선관위 교육청
        """
    )
)

#: Kiwi tags that may stand inside a name: proper nouns and foreign (Latin) words.
_NAME_TAGS = frozenset({"NNP", "SL"})


@dataclass(frozen=True, slots=True)
class _Token:
    form: str
    tag: str
    start: int
    end: int


class KoreanAnalyser:
    """Sentences and names of Korean text (see the module docstring for the rules)."""

    language = "ko"

    def __init__(self, kiwi: Kiwi) -> None:
        self.kiwi = kiwi
        self.known = kb_names("hangul")

    def analyse(self, text: str) -> LanguageAnalysis:
        sentences: list[Span] = []
        names: list[tuple[Span, str]] = []
        for sentence in self.kiwi.split_into_sents(text, return_tokens=True):
            if not text[sentence.start : sentence.end].strip():
                continue
            sentences.append(Span(sentence.start, sentence.end))
            tokens = [_token(t) for t in sentence.tokens]
            names.extend(self._names(text, tokens))
        return LanguageAnalysis(tuple(sentences), tuple(names))

    def _names(self, text: str, tokens: Sequence[_Token]) -> list[tuple[Span, str]]:
        found: list[tuple[Span, str]] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.form in INSTITUTIONS and token.tag.startswith("NN") or _is_acronym(token):
                found.append((Span(token.start, token.end), "ORG"))
                index += 1
                continue
            if token.tag != "NNP":
                index += 1
                continue
            end = _run_end(tokens, index)
            end = _with_suffix(tokens, end)
            end = _with_given_name(tokens, index, end)
            span = Span(tokens[index].start, tokens[end - 1].end)
            following = tokens[end].form if end < len(tokens) else ""
            if not _is_jamo(span.of(text)):
                found.append((span, self.label(span.of(text), following)))
            index = end
        return found

    def label(self, name: str, following: str) -> str:
        """The label of `name` (a proper-noun run) given the word after it."""
        if name in self.known:
            return self.known[name]
        if name in PLACES:
            return "GPE"
        if following in PERSON_CUES:
            return "PERSON"
        if name.endswith(ORG_ENDINGS) and len(name) > 1:
            return "ORG"
        if name.endswith(PLACE_ENDINGS) and len(name) > 1:
            return "GPE"
        if _looks_like_person(name):
            return "PERSON"
        if not is_hangul(name):
            return "ORG"
        return "PERSON"


def _token(token: Any) -> _Token:
    return _Token(token.form, token.tag, token.start, token.start + token.len)


def _is_acronym(token: _Token) -> bool:
    """A word of two or more capital Latin letters standing on its own ("MBC", "CJ"):
    in Korean news, nearly always a company, broadcaster or party."""
    return token.tag == "SL" and len(token.form) >= 2 and token.form.isupper()


def _run_end(tokens: Sequence[_Token], index: int) -> int:
    """The end (exclusive) of the run of name tokens starting at `index`: proper nouns
    and foreign words that touch or stand one space apart."""
    end = index + 1
    while (
        end < len(tokens)
        and tokens[end].tag in _NAME_TAGS
        and tokens[end].start - tokens[end - 1].end <= 1
    ):
        end += 1
    return end


def _with_given_name(tokens: Sequence[_Token], index: int, end: int) -> int:
    """`end` stretched over the rest of a Korean name Kiwi cut short: a family name (and
    maybe one more syllable) tagged as a proper noun, then glued nouns ("강모" + "연",
    "김" + "상" + "석"), up to three syllables — never over "씨" or a title."""
    name = "".join(t.form for t in tokens[index:end])
    if not (is_hangul(name) and len(name) <= 2 and name[0] in SURNAMES) or name in PLACES:
        return end
    while end < len(tokens):
        nxt = tokens[end]
        glued = nxt.start == tokens[end - 1].end and nxt.tag in {"NNG", "NNB", "NNP"}
        if not glued or nxt.form in PERSON_CUES or len(name) + len(nxt.form) > 3:
            break
        if not is_hangul(nxt.form):
            break
        name += nxt.form
        end += 1
    return end


def _is_jamo(name: str) -> bool:
    """True for loose hangul letters ("ㅋㅋ"): chat laughter, never a name."""
    return all("\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f" for c in name)


def _with_suffix(tokens: Sequence[_Token], end: int) -> int:
    """`end` stretched over a glued common-noun or suffix ending an organisation or place
    ("서울" + "시", "민주" + "당")."""
    if end < len(tokens):
        nxt = tokens[end]
        glued = nxt.start == tokens[end - 1].end
        if glued and nxt.tag in {"NNG", "XSN"} and nxt.form in (*ORG_ENDINGS, *PLACE_ENDINGS):
            return end + 1
    return end


def _looks_like_person(name: str) -> bool:
    """One to four hangul syllables, no space, starting with a common family name (a
    family name alone, "박", is how reports name a person they keep anonymous)."""
    if not is_hangul(name) or " " in name or not 1 <= len(name) <= 4:
        return False
    return name[0] in SURNAMES or (len(name) >= 3 and name[:2] in SURNAMES)


def make_analyser() -> KoreanAnalyser:
    """The Korean analyser (builds Kiwi and loads its model: about a second)."""
    return KoreanAnalyser(Kiwi())
