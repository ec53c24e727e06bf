"""Names: normal forms, fuzzy keys and similarity, robust to translation garbling.

Machine translation and romanisation garble names in a few regular ways:
case and accents, possessives and titles glued on ("Secretary Blinken's"),
family name first ("Hayashi Yoshimasa"), initials ("A. Blinken"), nicknames
("Tony"), Japanese romanisation systems ("Hayasi" / "Hayashi", "Itoh" / "Ito"),
Korean and Japanese back-transliteration of English names (r/l, v/b, epenthetic
vowels: "Beullingkeon", "Burinken") and plain misspelling ("Blincoln").

Everything here is a pure function of its input; the few caches never change a
result. Keys (`token_keys`) are what the index is searched by, so a garbled
token must share at least one key with the right one; the similarity
(`token_similarity`, `person_similarity`) then decides.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from rapidfuzz.fuzz import ratio, token_sort_ratio

from storyline.nlp import title_words

_SPACES = re.compile(r"\s+")
_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){2,}")  # "U.S." "U.K." -> "US" "UK"
_POSSESSIVE = re.compile(r"(?:'s|s')(?=\s|$)")
_PUNCT = re.compile(r"[^\w\s]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")

# fmt: off
# The word lists below are data: kept a screenful each, not a word a line.
#: Words that head or qualify a title or an honorific and are never part of a name.
HONORIFICS: frozenset[str] = (
    title_words.TITLE_HEADS
    | title_words.TITLE_MODIFIERS
    | title_words.NATIONALITIES
    | {"us", "u", "s"}  # "U.S." and "U. S." folded
)
#: The words that head a title: a name starts after the last of them ("Australian Prime
#: Minister John Howard" -> "John Howard"). Not the loose heads ("General", "Chief"), which
#: may be words of a name.
TITLE_HEADS: frozenset[str] = (
    title_words.OFFICE_HEADS
    | title_words.RANK_HEADS
    | title_words.HONORIFICS
    | frozenset(title_words.ABBREVIATIONS)
    | {"ceo", "officer"}
)
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: Particles of names that are too common to search by on their own.
PARTICLES = frozenset(
    {"de", "da", "di", "do", "du", "del", "der", "den", "van", "von", "la", "le", "al", "el",
     "bin", "ibn", "ben", "abu", "of", "the", "and", "y", "e", "st"}
)
#: Country names and adjectives, as they qualify a title ("Japanese Foreign Minister")
#: or precede a name ("United States Barack Obama").
DEMONYMS: dict[str, str] = title_words.DEMONYMS
#: Countries whose names are written family name first (in English too).
FAMILY_FIRST: frozenset[str] = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM"})

# English given names and their usual short forms (public knowledge, not fitted).
_NICKNAMES: dict[str, tuple[str, ...]] = {
    "anthony": ("tony", "ant"), "antony": ("tony",), "william": ("bill", "will", "billy"),
    "robert": ("bob", "rob", "bobby"), "richard": ("dick", "rick", "rich"),
    "michael": ("mike", "mick"), "james": ("jim", "jimmy", "jamie"),
    "joseph": ("joe",), "thomas": ("tom", "tommy"), "edward": ("ed", "ted", "eddie"),
    "charles": ("chuck", "charlie"), "elizabeth": ("liz", "beth", "betsy"),
    "margaret": ("maggie", "meg", "peggy"), "katherine": ("kate", "kathy"),
    "catherine": ("kate", "cathy"), "christopher": ("chris",), "daniel": ("dan", "danny"),
    "david": ("dave",), "donald": ("don",), "gerald": ("gerry", "jerry"),
    "jacob": ("jake",), "jonathan": ("jon",), "kenneth": ("ken",), "lawrence": ("larry",),
    "matthew": ("matt",), "nicholas": ("nick",), "patrick": ("pat",), "peter": ("pete",),
    "ronald": ("ron",), "samuel": ("sam",), "stephen": ("steve",), "steven": ("steve",),
    "susan": ("sue",), "timothy": ("tim",), "alexander": ("alex",), "andrew": ("andy",),
    "benjamin": ("ben", "bibi"), "frederick": ("fred",), "hillary": ("hill",),
    "jennifer": ("jen",), "rebecca": ("becky",), "theodore": ("ted",), "vladimir": ("vova",),
    "walter": ("walt",), "zachary": ("zach",), "lloyd": ("lloyd",),
}
#: The most common family names (English-speaking countries, China, Korea, Japan, South
#: Asia): on their own they name nobody in particular.
COMMON_FAMILY_NAMES: frozenset[str] = frozenset(
    [
        "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez",
        "martinez", "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor",
        "moore", "jackson", "martin", "lee", "perez", "thompson", "white", "harris", "sanchez",
        "clark", "ramirez", "lewis", "robinson", "walker", "young", "allen", "king", "wright",
        "scott", "torres", "nguyen", "hill", "flores", "green", "adams", "nelson", "baker", "hall",
        "rivera", "campbell", "mitchell", "carter", "roberts", "wang", "li", "zhang", "liu", "chen",
        "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin",
        "gao", "luo", "kim", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim", "yi",
        "sato", "suzuki", "takahashi", "tanaka", "watanabe", "ito", "yamamoto", "nakamura",
        "kobayashi", "kato", "yoshida", "yamada", "sasaki", "yamaguchi", "matsumoto", "inoue",
        "kimura", "shimizu", "singh", "kumar", "khan", "ali", "ahmed", "hussein",
    ]
)
# Romanisations of one Korean family name (public knowledge: McCune-Reischauer,
# Revised Romanisation and customary spellings).
_KOREAN_FAMILY_NAMES: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "lee yi rhee ri rhie", "park pak bak", "choi choe", "moon mun", "yoon yun",
        "roh noh no ro", "chung jung jeong cheong", "cho jo joh", "kim gim", "shin sin",
        "lim im rim", "seo suh", "ahn an", "jang chang", "jeon jun chun chon", "ko go koh",
        "yoo yu ryu ryoo", "kang gang", "hwang whang", "bae pae", "baek paek paik",
    )
)
_KOREAN_GROUP: dict[str, int] = {
    name: number for number, group in enumerate(_KOREAN_FAMILY_NAMES) for name in group
}
_NICKNAME_PAIRS: frozenset[tuple[str, str]] = frozenset(
    pair
    for full, shorts in _NICKNAMES.items()
    for short in shorts
    for pair in ((full, short), (short, full))
)

# Japanese Kunrei-shiki -> Hepburn, applied only to tokens made of Japanese syllables
# (so that "Austin" does not become "Auschin").
_KUNREI: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"sy([aou])", r"sh\1"), (r"ty([aou])", r"ch\1"), (r"zy([aou])", r"j\1"),
        (r"si", "shi"), (r"ti", "chi"), (r"tu", "tsu"),
        (r"zi", "ji"), (r"(?<![sc])hu", "fu"),
    )
)
_JAPANESE = re.compile(
    r"^(?:(?:[kgsztdnhbpmrwfjy]|sh|ch|ts|[kgsztnhbpmrjc]y|kk|ss|tt|pp|tch)?[aeiou]+|n)+$"
)
# Long vowels, and the sounds that Korean, Japanese and Chinese transliteration of
# English merge (r/l, v/b, eo/o, eu/u, epenthetic "ng" before k).
_ROMANISATION: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"eo", "o"), (r"eu", "u"), (r"ou", "o"), (r"oh(?=[^aeiou]|$)", "o"),
        (r"uu", "u"), (r"oo", "o"), (r"aa", "a"), (r"ii", "i"),
        (r"ng(?=[kg])", "n"), (r"r", "l"), (r"v", "b"), (r"([a-z])\1", r"\1"),
    )
)


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name after normalisation: folded text and its tokens."""

    text: str  # as written
    norm: str  # folded: "antony blinken"
    tokens: tuple[str, ...]

    @property
    def sorted_key(self) -> str:
        return " ".join(sorted(self.tokens))

    @property
    def is_cjk(self) -> bool:
        return has_cjk(self.norm)


@lru_cache(maxsize=65536)
def has_cjk(text: str) -> bool:
    """Whether `text` holds a kana, Han or hangul character."""
    return bool(_CJK.search(text))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent-, punctuation- and possessive-insensitive form; CJK kept as is."""
    value = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    value = _DOTTED.sub(lambda m: m.group().replace(".", ""), value)
    value = _POSSESSIVE.sub("", value)
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch)).casefold()
    value = _PUNCT.sub(" ", value.replace("_", " "))
    value = _SPACES.sub(" ", value).strip()
    while value.startswith("the "):  # "the the Secretary", a garble: folded once for all
        value = value[4:]
    return value


_LEGAL_SUFFIXES = frozenset(
    [
        "inc", "incorporated", "corp", "corporation", "co", "ltd", "limited", "llc", "plc", "ag",
        "sa", "spa", "nv", "gmbh", "se",
    ]
)
# fmt: on
_CONNECTORS = PARTICLES | {"for", "&", "on", "am", "an", "upon"}
_INNER_POSSESSIVE = re.compile(r"^.*?['’]\s?s\s+(?=[a-z])")
_GOVERNMENT = re.compile(
    r"^(?:the\s+)?(?:governments?\s+of\s+(.+)|(.+?)\s+governments?)$", re.IGNORECASE
)
_PREPOSITION = re.compile(r"\s(?:in|at|near|outside|from|on)\s")


@lru_cache(maxsize=65536)
def mention_name(text: str, kind: str) -> str:
    """The name inside a mention's text, as a model or an annotator may extend it.

    Drops a parenthesis ("General Motors (GM)"); for organisations and places
    also "government" around a country ("the US government", "government of Canada"),
    a descriptor before the name ("US automaker GM", "central London"), an
    owner before a possessive ("the country's largest carmaker GM"), a location
    after a preposition ("Moscone Center in San Francisco") and an apposition
    after a comma ("San Francisco, California").
    """
    value = text.split("(")[0].strip() or text
    if kind == "person":
        return value
    government = _GOVERNMENT.match(value)
    if government:  # "the US government", "government of Canada": the country
        value = government.group(1) or government.group(2)
    value = _INNER_POSSESSIVE.sub("", value)
    value = _PREPOSITION.split(value, maxsplit=1)[0].strip() or value
    head = value.split(",")[0].strip()
    if head and any(ch.isupper() for ch in head):
        value = head
    words = value.split()
    lower = [i for i, w in enumerate(words) if w[:1].islower() and w.lower() not in _CONNECTORS]
    if lower and lower[-1] < len(words) - 1:
        words = words[lower[-1] + 1 :]
    return " ".join(words)


def organization_core(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """An organisation's name without its legal form: "apple inc" -> "apple"."""
    while len(tokens) > 1 and tokens[-1] in _LEGAL_SUFFIXES:
        tokens = tokens[:-1]
    return tokens


@lru_cache(maxsize=65536)
def mention_form(text: str, kind: str) -> NameForm:
    """The normal form of a mention's name: `mention_name`, then `parse_name` (titles
    stripped for people), and an organisation's legal form dropped."""
    form = parse_name(mention_name(text, kind), strip_titles=kind == "person")
    if kind == "organization":
        core = organization_core(form.tokens)
        if core != form.tokens:
            return NameForm(text, " ".join(core), core)
    return form


@lru_cache(maxsize=65536)
def kb_form(name: str, kind: str) -> NameForm:
    """The normal form of a KB name, as mentions are compared with it."""
    form = parse_name(name, strip_titles=False)
    if kind == "organization":
        core = organization_core(form.tokens)
        if core != form.tokens:
            return NameForm(name, " ".join(core), core)
    return form


@lru_cache(maxsize=65536)
def parse_name(text: str, strip_titles: bool = True) -> NameForm:
    """The normal form of a name; leading titles ("Secretary", "Mr") and suffixes dropped."""
    tokens = fold(text).split()
    if strip_titles:
        heads = [i for i, t in enumerate(tokens[:-1]) if t in TITLE_HEADS]
        if heads:
            tokens = tokens[heads[-1] + 1 :]
        while len(tokens) > 1 and tokens[0] in HONORIFICS:
            tokens.pop(0)
        for size in (2, 1):  # a country before the name: "United States Barack Obama"
            if len(tokens) > size + 1 and " ".join(tokens[:size]) in DEMONYMS:
                tokens = tokens[size:]
                break
    while len(tokens) > 2 and tokens[-1] in _NAME_SUFFIXES:
        tokens.pop()
    return NameForm(text, " ".join(tokens), tuple(tokens))


@lru_cache(maxsize=65536)
def romanise(token: str) -> str:
    """A token folded across romanisation systems and back-transliteration."""
    value = token
    if _JAPANESE.match(value):
        for pattern, repl in _KUNREI:
            value = pattern.sub(repl, value)
    for pattern, repl in _ROMANISATION:
        value = pattern.sub(repl, value)
    return value


@lru_cache(maxsize=65536)
def phonetic(token: str) -> str:
    """Metaphone of the romanisation-folded token ("" for non-Latin tokens)."""
    if not token.isascii() or not token.isalpha():
        return ""
    return jellyfish.metaphone(romanise(token))


def token_keys(token: str) -> tuple[str, ...]:
    """The fuzzy keys a name token is indexed and searched by.

    `t:` the token itself, `m:` the first four letters of its phonetic code
    ("Blincoln" and "Blinken" both give PLNK... as BLNK), and `p:` its first
    four letters for tokens long enough to be misspelt past them.
    """
    if token in PARTICLES or len(token) < 2:
        return ()
    keys = [f"t:{token}"]
    code = phonetic(token)
    if len(code) >= 2:
        keys.append(f"m:{code[:4]}")
    if len(token) >= 5 and token.isalpha():
        keys.append(f"p:{token[:4]}")
    return tuple(keys)


def acronym(tokens: tuple[str, ...]) -> str:
    """Initials of the significant words: "north atlantic treaty organization" -> "nato"."""
    return "".join(t[0] for t in tokens if t not in PARTICLES and t.isalpha())


def name_keys(form: NameForm, kind: str) -> set[str]:
    """Every fuzzy key of a name: its tokens' keys, its sorted tokens, an org's acronym."""
    keys: set[str] = set()
    if form.is_cjk or not form.tokens:
        return keys
    for token in form.tokens:
        keys.update(token_keys(token))
    if len(form.tokens) > 1:
        keys.add(f"s:{form.sorted_key}")
    if kind == "organization" and len(form.tokens) >= 3:
        keys.add(f"a:{acronym(form.tokens)}")
    return keys


@lru_cache(maxsize=262144)
def token_similarity(a: str, b: str) -> float:
    """How likely two name tokens are spellings of one name, 0..1.

    Exact 1.0; an initial against a word with that initial 0.9; a known
    nickname or romanisation of one Korean family name 0.9; one word inside the
    other (Kishi / Kishida, Qiang / Keqiang) at most 0.75; otherwise the best of the
    edit similarity of the raw and the romanisation-folded tokens, raised to 0.9
    when their phonetic codes agree and to 0.8 when the codes share their first
    four sounds and first letter.
    """
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return 0.9 if a[0] == b[0] else 0.0
    if (a, b) in _NICKNAME_PAIRS or _KOREAN_GROUP.get(a, -1) == _KOREAN_GROUP.get(b, -2):
        return 0.9
    ra, rb = romanise(a), romanise(b)
    if ra == rb:
        return 0.95
    score = max(ratio(a, b), ratio(ra, rb)) / 100
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) >= 2 and (long.startswith(short) or long.endswith(short)):
        return min(score, 0.75)  # another name that contains this one: Kishi / Kishida
    pa, pb = phonetic(a), phonetic(b)
    if pa == pb and len(pa) >= 3:  # short codes ("KN": Kan, Kono) say little
        score = max(score, 0.9)
    elif len(pa) >= 4 and pa[:4] == pb[:4] and a[0] == b[0]:
        score = max(score, 0.8)
    return score


@dataclass(frozen=True, slots=True)
class PersonMatch:
    """How a mention's name compares with one of a person's names."""

    score: float  # 0..1
    family: float  # similarity of the family names
    given: float | None  # similarity of the given names; None when the mention has none
    swapped: bool  # the mention has family and given name the other way round

    @property
    def given_conflict(self) -> bool:
        """Both have given names and they are clearly different ("John" / "Antony")."""
        return self.given is not None and self.given < 0.6


def split_person(tokens: tuple[str, ...], family_first: bool) -> tuple[str, tuple[str, ...]]:
    """(family name, given names) of a name in its canonical order."""
    if family_first:
        return tokens[0], tokens[1:]
    return tokens[-1], tokens[:-1]


def _given_similarity(mention: tuple[str, ...], entity: tuple[str, ...]) -> float:
    """Given names compared word by word in order when they have as many words ("Jae In"
    / "Jae-in"); else each mention word against its best match, or both joined ("Jaein")."""
    if not entity:
        return 0.5
    if len(mention) == len(entity):
        pairs = zip(mention, entity, strict=True)
        return sum(token_similarity(m, e) for m, e in pairs) / len(mention)
    per_token = sum(max(token_similarity(m, e) for e in entity) for m in mention) / len(mention)
    joined = token_similarity("".join(mention), "".join(entity))
    first = token_similarity(mention[0], entity[0])
    return max(per_token, joined, first if len(mention) == 1 else 0.0)


def person_similarity(mention: NameForm, entity: NameForm, family_first: bool) -> PersonMatch:
    """Compare a person mention with one name of a KB person.

    The family name carries most weight; a mention of the family name alone
    ("Blinken") is ordinary news usage and scores high, one of the given name
    alone does not. Both token orders are tried, since translation from
    Japanese, Chinese and Korean often keeps the family name first.
    """
    if mention.is_cjk or entity.is_cjk:
        same = mention.norm.replace(" ", "") == entity.norm.replace(" ", "")
        return PersonMatch(1.0 if same else 0.0, 1.0 if same else 0.0, None, False)
    m, e = mention.tokens, entity.tokens
    if not m or not e:
        return PersonMatch(0.0, 0.0, None, False)
    e_family, e_given = split_person(e, family_first)
    if len(m) == 1:
        family = token_similarity(m[0], e_family)
        given_only = max((token_similarity(m[0], g) for g in e_given), default=0.0)
        return PersonMatch(max(0.95 * family, 0.5 * given_only), family, None, False)
    if len(e) == 1:
        family = max(token_similarity(t, e_family) for t in m)
        return PersonMatch(0.7 * family, family, None, False)
    best = PersonMatch(0.0, 0.0, None, False)
    for swapped in (False, True):
        m_family, m_given = split_person(m, family_first != swapped)
        family = token_similarity(m_family, e_family)
        given = _given_similarity(m_given, e_given)
        score = 0.6 * family + 0.4 * given - (0.02 if swapped else 0.0)
        if score > best.score:
            best = PersonMatch(score, family, given, swapped)
    return best


def flat_similarity(mention: NameForm, entity: NameForm) -> float:
    """Similarity of organisation and place names: word order free, strict on letters."""
    if mention.norm == entity.norm:
        return 1.0
    if mention.is_cjk or entity.is_cjk:
        return 0.0
    if (
        len(mention.tokens) == 1
        and len(entity.tokens) >= 3
        and mention.norm == acronym(entity.tokens)
    ):
        return 0.9
    return token_sort_ratio(mention.norm, entity.norm) / 100
