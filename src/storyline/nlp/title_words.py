"""The words of titles: one vocabulary for every stage that reads "Foreign Minister Motegi".

Mention clean-up (`nlp.mentions`) splits a title off a person's name, name
normalisation (`entities.names`) drops it from a name's tokens, and speaker
finding (`quotes.lexicon`) reads "the minister said". Each needs a slightly
different set (a name starts after "Secretary" but may well be "General"), so
the words are kept here in groups and each reader takes the union it needs.
"""

from __future__ import annotations

import re

# fmt: off
# The word lists below are data: kept a screenful each, not a word a line.
#: Heads of an office, common to every reader: never a word of the name they precede.
OFFICE_HEADS: frozenset[str] = frozenset(
    [
        "president", "premier", "minister", "secretary", "chancellor", "ambassador", "envoy",
        "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson", "governor", "senator",
        "mayor", "chairman", "chairwoman", "director", "councillor", "councilor", "commander",
        "admiral", "king", "queen", "prince", "princess"
    ]
)
#: Formal heads that name a rank or a dignity ("Emperor", "Colonel", "Speaker").
RANK_HEADS: frozenset[str] = frozenset(
    [
        "emperor", "colonel", "lieutenant", "speaker", "judge", "pope", "sheikh"
    ]
)
#: Honorifics that stand before a name ("Mr", "Dr").
HONORIFICS: frozenset[str] = frozenset(
    [
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "madam"
    ]
)
#: Heads that are also everyday words ("general", "chief", "leader", "head"): a title
#: when they stand before a name, but not a sign that a name ends where they stand.
LOOSE_HEADS: frozenset[str] = frozenset(
    [
        "general", "chief", "leader", "chair", "representative", "deputy", "vice", "prime", "crown",
        "justice", "undersecretary", "under-secretary", "secretary-general", "assistant", "head",
        "official", "officer", "ceo", "diplomat"
    ]
)
#: Plural heads: "foreign ministers" names several people, never one.
PLURAL_HEADS: frozenset[str] = frozenset(
    [
        "ministers", "secretaries", "presidents", "premiers", "leaders", "diplomats", "officials"
    ]
)
#: Abbreviated titles, with what they stand for.
ABBREVIATIONS: dict[str, str] = {
    "pm": "prime minister", "fm": "foreign minister", "dm": "defense minister",
    "sec": "secretary", "secy": "secretary", "pres": "president", "gen": "general",
    "adm": "admiral", "col": "colonel", "lt": "lieutenant", "sen": "senator",
    "rep": "representative", "gov": "governor", "amb": "ambassador", "cmdr": "commander",
}
#: Words that qualify a title: its office ("Foreign", "Defense"), its standing ("former",
#: "acting") and the connectors inside it ("Secretary of State").
TITLE_MODIFIERS: frozenset[str] = frozenset(
    [
        "of", "for", "and", "the", "state", "defense", "defence", "foreign", "affairs", "national",
        "security", "interior", "finance", "trade", "home", "economy", "justice", "white", "house",
        "chief", "staff", "former", "acting", "interim", "senior", "top", "new", "then", "ex",
        "executive", "general", "joint", "chiefs", "cabinet", "first", "second", "army", "navy",
        "air", "force", "military", "intelligence", "council", "committee", "party", "treasury",
        "commerce", "energy", "education", "health", "labor", "labour", "agriculture",
        "environment", "transport", "culture", "economic", "late", "incoming", "outgoing",
        "designate", "previous"
    ]
)
#: Adjectives of nationality: they qualify a title and never start a name.
NATIONALITIES: frozenset[str] = frozenset(
    [
        "american", "japanese", "chinese", "korean", "british", "french", "russian", "german",
        "italian", "canadian", "australian", "indian", "brazilian", "mexican", "argentine",
        "argentinian", "saudi", "turkish", "indonesian", "ukrainian", "iranian", "taiwanese",
        "israeli", "philippine", "vietnamese", "pakistani"
    ]
)
#: Country names and adjectives, as they qualify a title ("Japanese Foreign Minister")
#: or precede a name ("United States Barack Obama"); folded forms.
DEMONYMS: dict[str, str] = {
    "us": "USA", "u s": "USA", "united states": "USA", "american": "USA", "america": "USA",
    "white house": "USA", "pentagon": "USA",
    "japan": "JPN", "japanese": "JPN", "china": "CHN", "chinese": "CHN",
    "south korea": "KOR", "south korean": "KOR", "korean": "KOR", "korea": "KOR",
    "north korea": "PRK", "north korean": "PRK", "russia": "RUS", "russian": "RUS",
    "britain": "GBR", "british": "GBR", "uk": "GBR", "france": "FRA", "french": "FRA",
    "germany": "DEU", "german": "DEU", "italy": "ITA", "italian": "ITA", "canada": "CAN",
    "canadian": "CAN", "australia": "AUS", "australian": "AUS", "india": "IND", "indian": "IND",
    "brazil": "BRA", "brazilian": "BRA", "mexico": "MEX", "mexican": "MEX",
    "argentina": "ARG", "argentine": "ARG", "argentinian": "ARG", "saudi": "SAU",
    "saudi arabia": "SAU", "turkey": "TUR", "turkish": "TUR", "indonesia": "IDN",
    "indonesian": "IDN", "south africa": "ZAF", "south african": "ZAF", "ukraine": "UKR",
    "ukrainian": "UKR", "iran": "IRN", "iranian": "IRN", "taiwan": "TWN", "taiwanese": "TWN",
    "israel": "ISR", "israeli": "ISR", "philippine": "PHL", "philippines": "PHL",
    "vietnam": "VNM", "vietnamese": "VNM", "pakistan": "PAK", "pakistani": "PAK",
}
# fmt: on
#: The single words of country names and adjectives ("south", "korean", "u.s.").
COUNTRY_WORDS: frozenset[str] = frozenset(
    {word for name in DEMONYMS for word in name.split()} | {"u.s", "u.k", "usa"}
) - {"white", "house", "s", "u"}

#: Capitals that stand for their country's government when they own a title ("Seoul's
#: foreign minister"); folded forms.
CAPITALS: dict[str, str] = {
    "washington": "USA", "tokyo": "JPN", "beijing": "CHN", "seoul": "KOR", "pyongyang": "PRK",
    "moscow": "RUS", "london": "GBR", "paris": "FRA", "berlin": "DEU", "rome": "ITA",
    "ottawa": "CAN", "canberra": "AUS", "new delhi": "IND", "delhi": "IND", "brasilia": "BRA",
    "riyadh": "SAU", "ankara": "TUR", "jakarta": "IDN", "kyiv": "UKR", "kiev": "UKR",
    "tehran": "IRN", "taipei": "TWN", "manila": "PHL", "hanoi": "VNM", "islamabad": "PAK",
}  # fmt: skip
#: Every word that heads a title, however loosely.
TITLE_HEADS: frozenset[str] = (
    OFFICE_HEADS | RANK_HEADS | HONORIFICS | LOOSE_HEADS | PLURAL_HEADS | frozenset(ABBREVIATIONS)
)


def title_word(word: str) -> str:
    """A word as the lists hold it: lower case, no trailing dot ("Sec." -> "sec")."""
    return word.lower().rstrip(".").replace("’", "'")


def is_title_head(word: str) -> bool:
    return title_word(word) in TITLE_HEADS


def is_title_word(word: str) -> bool:
    """A head, a modifier or a country word of a title."""
    lowered = title_word(word)
    return lowered in TITLE_HEADS or lowered in TITLE_MODIFIERS or lowered in COUNTRY_WORDS


def expand_abbreviations(title: str) -> str:
    """A title with its abbreviations written out: "PM" -> "prime minister"."""
    words = title.split()
    return " ".join(ABBREVIATIONS.get(title_word(w), w) for w in words)


#: Words that make a title speak of another holder than the present one.
NOT_NOW: frozenset[str] = frozenset(
    {"former", "ex", "then", "late", "incoming", "designate", "future", "next", "previous"}
)
#: Words that join the words of a title ("Secretary of State") and never begin or end one.
CONNECTORS: frozenset[str] = frozenset({"of", "for", "and", "the"})
_POSSESSIVE_END = re.compile(r"['’]s?$")


def strip_possessive(word: str) -> str:
    """A word without its possessive ending: "China's" -> "China"."""
    return _POSSESSIVE_END.sub("", word)


def is_title_token(word: str) -> bool:
    """A word of running text that can be part of a title; a trailing dot only on an
    abbreviation ("Sec.", "Mr.", "U.S."), since "Minister." ends a sentence, not a title."""
    if not is_title_word(word):
        return False
    dotted = word.endswith(".") and "." not in word[:-1]
    return not dotted or title_word(word) in ABBREVIATIONS or title_word(word) in HONORIFICS


def is_country_word(word: str) -> bool:
    """A word of a country's name or adjective ("Korean", "U.S.", "China's")."""
    return title_word(strip_possessive(word)) in COUNTRY_WORDS


def is_possessive_country(word: str) -> bool:
    """A country, or a capital standing for it, that owns the title after it: "China's",
    "Korea’s", "Seoul's"."""
    if not _POSSESSIVE_END.search(word):
        return False
    return is_country_word(word) or title_word(strip_possessive(word)) in CAPITALS
