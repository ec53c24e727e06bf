"""The Korean analyser: sentences and names of a Korean report, on kiwipiepy.

Kiwi splits sentences and tags parts of speech; it has no named-entity model. Names
are therefore built from runs of proper nouns (NNP, and foreign words SL inside such a
run), stretched over a glued organisation or place suffix ("서울" + "시") or over the
given name Kiwi cut off a family name ("강모" + "연"), cut at a space when one word of
the run is an organisation of its own ("황우여" / "새누리당"), and labelled by the
strongest evidence found, in this order:

1. the curated KB's hangul names (people and organisations) and a short list of
   countries and capitals;
2. an organisation ending no name of a person has ("…위원회", "…은행", "…당" after two
   syllables): "새누리당 대표" is the party's leader;
3. the word after the name: "씨", "대통령", "장관", "총리" … make a person;
4. the name's own ending: "…부", "…청", "…위원회", "…당" make an organisation,
   "…시", "…도", "…국" a place;
5. its shape: two to four hangul syllables starting with a common surname make a person;
6. otherwise an organisation for Latin letters ("KBS"), a person for the rest — the
   commoner label of unexplained proper nouns in news text (measured on KLUE, see
   `storyline.evaluation.cjk_names_kozh`).

Besides proper nouns, three kinds of word are names: compounds of common nouns ending
in an organisation head ("보건" + "복지부", "금융" + "당국"), the common nouns that
stand for one institution ("경찰", "정부"), and capital-letter acronyms ("MBC", but not
"SNS"). A compound of country syllables ("한미", "남북", "한·미·일") is the countries it
joins, one name per syllable, as the linker reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kiwipiepy import Kiwi

from storyline.nlp.languages import LanguageAnalysis
from storyline.nlp.native_names import (
    KOREAN_COUNTRY_SYLLABLES,
    country_compound,
    is_hangul,
    kb_names,
)
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
        베를린 키이우 뉴욕 홍콩 상하이 오사카 남한 남미 중남미 중미
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

#: Endings of organisation names (longest first when tested). "대" and "고" are the
#: short forms of universities and high schools ("서울대", "단원고").
ORG_ENDINGS: tuple[str, ...] = tuple(
    sorted(
        _words(
            """
        부 청 처 위원회 위 당 회사 은행 대학교 대학 그룹 전자 협회 공사 공단 센터 연구원 연구소
        재단 방송 일보 신문 증권 보험 병원 학교 법원 검찰 경찰 군 FC 구단 노조 연합 기구 통신
        상사 건설 화학 자동차 항공 제약 협의회 조합 본부 뉴스 스포츠 연대 엔터테인먼트 마트 대 고
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
#: for the police force concerned, "정부" for the government). Not "군" (an army, or a
#: county), "당국" (whichever authorities) or "법원" (a court, any court): on KLUE's
#: tuning half none of their 27 occurrences alone named an organisation.
INSTITUTIONS: frozenset[str] = frozenset(
    _words(
        """
        경찰 검찰 정부 국회 청와대 재판부 대법원 헌법재판소 여당 야당 백악관 국방부 외교부 통일부
        국정원 대검 특검 선관위 교육청
        """
    )
)

#: Heads that make a compound of common nouns an organisation ("국토" + "부" is the land
#: ministry, "기상청" the weather agency, "금융" + "당국" the financial authorities,
#: "북한군" the North Korean army). Kiwi tags these compounds as common nouns, so they
#: count only as a compound (two nouns or more, or one of three syllables or more):
#: alone, "일부" or "정부" are words, not names. On KLUE's tuning half, taking away any
#: of 위원회, 당국, 부, 청, 위 or 군 lowers the organisation F1 (41 of the 85 compounds
#: ending in 부 are organisations, 11 of 26 in 위원회; the others are kept as the same
#: kind of word), and adding 원, 대, 소, 사 or 관 lowers it (공무원, 시위대, 주유소).
COMMON_NOUN_HEADS: tuple[str, ...] = (
    "위원회", "당국", "본부", "조합", "노조", "공단", "부", "청", "처", "위", "군",
)  # fmt: skip

#: Capital-letter words that are common nouns, not bodies ("SNS", "CEO", "TV").
COMMON_ACRONYMS: frozenset[str] = frozenset(
    _words(
        """
        SNS TV CCTV IPTV CEO CFO CTO COO IT ICT AI VR AR PC OST MC CG FA PD DJ VJ GDP GNP DNA
        PR PPL UCC SUV LED LCD OLED USB GPS ATM QR SMS PT CF MV OK NG DM MRI CT PCR ID PIN
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
            compound = _organisation_compound(tokens, index)
            if compound:
                found.append((Span(token.start, tokens[compound - 1].end), "ORG"))
                index = compound
                continue
            if token.form in INSTITUTIONS and token.tag.startswith("NN") or _is_acronym(token):
                found.append((Span(token.start, token.end), "ORG"))
                index += 1
                continue
            if token.tag != "NNP":
                index += 1
                continue
            end = _run_end(tokens, index)
            countries = _country_compound(text, Span(token.start, tokens[end - 1].end))
            if countries:
                found.extend((span, "GPE") for span in countries)
                index = end
                continue
            end = _with_suffix(tokens, end)
            end = _with_given_name(tokens, index, end)
            for start, stop in self._parts(text, tokens, index, end):
                span = Span(tokens[start].start, tokens[stop - 1].end)
                following = tokens[stop].form if stop < len(tokens) else ""
                if not _is_jamo(span.of(text)):
                    found.append((span, self.label(span.of(text), following)))
            index = end
        return found

    def _parts(
        self, text: str, tokens: Sequence[_Token], start: int, end: int
    ) -> list[tuple[int, int]]:
        """The names in the proper-noun run `tokens[start:end]`: the whole run, or its
        space-separated words one by one when one of them is a name of its own (a
        person then his party, "황우여 새누리당"; a country then a university, "영국
        서리대학교") and the whole is no name the KB knows."""
        words = _spaced_words(tokens, start, end)
        whole = text[tokens[start].start : tokens[end - 1].end]
        if len(words) == 1 or whole in self.known:
            return [(start, end)]
        if any(self._stands_alone(text[tokens[a].start : tokens[b - 1].end]) for a, b in words):
            return words
        return [(start, end)]

    def _stands_alone(self, word: str) -> bool:
        """Whether `word` is an organisation by what it is, not by where it stands: one
        the KB knows, or ending as only organisations do (an address, "서울 강남구", is
        one place)."""
        if self.known.get(word) == "ORG":
            return True
        return _has_organisation_ending(word) and not word.endswith(PLACE_ENDINGS)

    def label(self, name: str, following: str) -> str:
        """The label of `name` (a proper-noun run) given the word after it."""
        if name in self.known:
            return self.known[name]
        if name in PLACES:
            return "GPE"
        if _has_long_organisation_ending(name):
            return "ORG"  # "새누리당 대표": the party's leader, not a person called so
        if following in PERSON_CUES:
            return "PERSON"
        if _has_organisation_ending(name):
            return "ORG"
        if name.endswith(PLACE_ENDINGS) and len(name) > 1:
            return "GPE"
        if _looks_like_person(name):
            return "PERSON"
        if not is_hangul(name):
            return "ORG"
        return "PERSON"


def _country_compound(text: str, run: Span) -> list[Span]:
    """The countries a compound of country syllables joins ("한미": South Korea and the US;
    "남북": the two Koreas; "한·미·일"), one span per syllable; none for another word or
    a place of its own ("남미" is South America, "남한" South Korea)."""
    if run.of(text) in PLACES:
        return []
    return country_compound(text, run, KOREAN_COUNTRY_SYLLABLES)


def _spaced_words(tokens: Sequence[_Token], start: int, end: int) -> list[tuple[int, int]]:
    """`tokens[start:end]` cut where a space stands between two tokens."""
    words = []
    first = start
    for index in range(start + 1, end):
        if tokens[index].start > tokens[index - 1].end:
            words.append((first, index))
            first = index
    words.append((first, end))
    return words


def _has_organisation_ending(name: str) -> bool:
    return len(name) > 1 and name.endswith(ORG_ENDINGS)


def _has_long_organisation_ending(name: str) -> bool:
    """An organisation ending no person's name has: two syllables or more ("위원회",
    "은행") after a name, or a party's "당" after two syllables or more ("민주당",
    "새누리당"; a one-syllable given name may follow a family name, "김당")."""
    ending = next((e for e in ORG_ENDINGS if name.endswith(e)), "")
    if len(ending) >= 2 and len(name) > len(ending):
        return True
    return ending == "당" and len(name) >= 3


def _token(token: Any) -> _Token:
    return _Token(token.form, token.tag, token.start, token.start + token.len)


def _is_acronym(token: _Token) -> bool:
    """A word of two or more capital Latin letters standing on its own ("MBC", "CJ"):
    in Korean news, nearly always a company, broadcaster or party — unless it is one
    of the common nouns written so ("SNS", "CEO")."""
    return (
        token.tag == "SL"
        and len(token.form) >= 2
        and token.form.isupper()
        and token.form not in COMMON_ACRONYMS
    )


def _organisation_compound(tokens: Sequence[_Token], index: int) -> int:
    """The end (exclusive) of a compound of glued common nouns from `index` that ends in
    an organisation head ("보건" + "복지부", "기상청", "금융" + "당국"), 0 when there is none."""
    end = index
    while (
        end < len(tokens)
        and tokens[end].tag == "NNG"
        and (end == index or tokens[end].start == tokens[end - 1].end)
    ):
        end += 1
    if end == index:
        return 0
    compound = "".join(t.form for t in tokens[index:end])
    long_enough = end - index >= 2 or len(compound) >= 3
    return end if long_enough and compound.endswith(COMMON_NOUN_HEADS) else 0


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
