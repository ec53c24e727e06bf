"""Words that cue speech and words that name speakers.

Everything here is a constant: frozensets of lower-case words and precompiled
patterns. The speech-verb forms are listed inflected (not lemmatised) because the
stage works without a parse; `SPEECH_LEMMAS` serves the optional parse.
"""

from __future__ import annotations

import re

from storyline.nlp.title_words import OFFICE_HEADS


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- Speech cues -----------------------------------------------------------------------

#: Finite forms that report speech ("said", "told", "stressed") and take a speaker.
_FINITE = _set(
    """
said says say told tells tell added adds stressed stresses noted stated
emphasized emphasised emphasizes emphasises warned warns wrote writes asked asks
argued argues insisted insists explained explains declared declares announced announces
urged urges remarked remarks underlined underlines underscored underscores reiterated
reiterates acknowledged acknowledges claimed claims asserted asserts replied replies
responded responds commented comments observed observes continued concluded admitted
admits conceded concedes maintained maintains confirmed confirms tweeted recalled
cautioned contended affirmed
    """
)
#: Participles that hang a second report off the sentence's speaker ("…, saying …").
_PARTICIPLES = _set(
    """
saying adding noting stressing emphasizing emphasising warning insisting explaining
declaring telling writing arguing stating urging underlining reiterating acknowledging
asserting claiming cautioning
    """
)
_MULTIWORD = ("according to", "pointed out", "points out", "pointing out", "point out")

SPEECH_FORMS: frozenset[str] = _FINITE | _PARTICIPLES | frozenset(_MULTIWORD)
PARTICIPLES: frozenset[str] = frozenset({*_PARTICIPLES, "pointing out"})
ACCORDING_TO = "according to"

#: Verbs whose clause may follow without "that": "Blinken said the talks went well".
#: The others usually take a noun object ("announced plans", "stressed the need").
BARE_CLAUSE_VERBS: frozenset[str] = _set(
    "said says say told tells tell added adds wrote writes insisted insists argued argues "
    "claimed claims maintained maintains"
)
#: Verbs that take a person object before the reported clause: "told reporters that".
OBJECT_VERBS: frozenset[str] = _set(
    "told tells tell telling warned warns warning urged urges urging asked asks reminded "
    "assured informed"
)

#: Lemmas of speech verbs, for the optional dependency parse.
SPEECH_LEMMAS: frozenset[str] = _set(
    """say tell add stress note state emphasize emphasise warn write ask argue insist explain
    declare announce urge remark underline underscore point reiterate acknowledge claim assert
    reply respond comment observe continue conclude admit concede maintain confirm tweet
    recall caution contend affirm"""
)

_CUE_ALTERNATION = "|".join(
    sorted((re.escape(form).replace(r"\ ", r"\s+") for form in SPEECH_FORMS), key=len, reverse=True)
)
#: A speech cue anywhere: "said", "According to", "pointed out".
CUE = re.compile(rf"\b(?:{_CUE_ALTERNATION})\b", re.IGNORECASE)
#: A speech cue at the start of a string, after white space or a comma.
CUE_AT_START = re.compile(rf"[\s,]*((?:{_CUE_ALTERNATION}))\b", re.IGNORECASE)

# --- Speakers --------------------------------------------------------------------------

SINGULAR_PRONOUNS: frozenset[str] = frozenset({"he", "she"})
#: Pronouns that name a speaker we do not resolve to one person.
GROUP_PRONOUNS: frozenset[str] = frozenset({"they", "we", "i", "you"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which"})

#: Heads of titles that stand for one person: "the minister", "the defense secretary".
TITLE_HEADS: frozenset[str] = OFFICE_HEADS | _set(
    "chair general leader chief secretary-general representative"
)
#: Words that qualify a title; they must match the person's title to resolve it.
TITLE_QUALIFIERS: frozenset[str] = _set(
    """foreign defense state prime vice deputy finance trade economy economic interior home
    health justice security national treasury commerce energy education labor labour
    agriculture environment transport culture cabinet chief first central bank"""
)
#: Nouns of unnamed sources and documents that can speak: "a government official said".
SOURCE_NOUNS: frozenset[str] = _set(
    """official source diplomat aide analyst expert lawmaker legislator officer person
    executive manager negotiator researcher scientist economist witness resident worker captain
    lawyer attorney activist
    insider document sheet statement report communique communiqué letter memo release study survey
    newspaper paper agency ministry department embassy government administration office
    company council committee commission court police army military organization
    organisation group union bank party spokesman spokeswoman spokesperson"""
)
#: Heads that a definite description shares with an organisation's name: "the ministry".
ORG_HEADS: frozenset[str] = _set(
    """ministry department agency embassy government administration office company council
    committee commission court police army organization organisation group union bank party
    pentagon"""
)
#: Plural heads of unnamed speakers: "officials said" keeps no speaker.
PLURAL_SOURCES: frozenset[str] = _set(
    """officials sources diplomats aides analysts experts lawmakers legislators officers
    people residents witnesses authorities critics observers sides ministers secretaries
    leaders governments countries allies spokesmen spokespeople documents reports
    representatives members media press"""
)
DETERMINERS: frozenset[str] = frozenset(
    {"the", "a", "an", "one", "another", "its", "his", "her", "their", "this", "that"}
)
#: Prepositions that may attach a short phrase to a speaker: "a spokeswoman for the utility".
SPEAKER_PREPOSITIONS: frozenset[str] = frozenset({"for", "of", "at", "from", "in", "with"})

#: Words skipped between a subject and its speech verb: "Blinken also said".
SKIP_BEFORE_CUE: frozenset[str] = _set(
    """also further later then again once previously reportedly has have had was were is
    earlier separately only recently had already still too"""
)
#: Words that never belong to a speaker phrase (function words, verbs).
NOT_SPEAKER: frozenset[str] = _set(
    """and or but nor that which who whom whose to by as if when while because than so is are
    was were be been being has have had do does did will would shall should can could may
    might must it this these those there here not no said says say told added also then what
    in on at for of with from into about after before during over under between"""
)

#: Words that open an adverbial between a speech verb and its clause ("said on Tuesday that").
GAP_OPENERS: frozenset[str] = _set(
    """on at in during after before ahead following to from with while when last this
    earlier later again also repeatedly publicly privately today yesterday tonight
    monday tuesday wednesday thursday friday saturday sunday"""
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
#: A time adverbial right after a verb: "said Sunday", "said on Tuesday", "said last week".
TIME_ADVERBIAL = re.compile(
    rf"\s+(?:(?:on\s+)?(?:{_WEEKDAYS})|today|yesterday|tonight|"
    r"(?:last|this|earlier\s+this|late\s+last)\s+(?:week|month|year|weekend))\b",
    re.IGNORECASE,
)
#: A finite verb: what shows that words after a speech verb are a clause, not its object.
FINITE_VERB = re.compile(
    r"(?:is|are|was|were|will|would|must|can|could|should|shall|may|might|has|have|had|"
    r"did|does|do|remain|remains|need|needs|want|wants|plan|plans|seeks|says|means|seems|"
    r"looks|faces|appears|continues|expects|hopes|intends|aims|stands|falls|applies|"
    r"believes|includes|\w+ed|began|became|came|went|took|made|gave|rose|fell|grew|held|met|"
    r"left|won|lost|saw|knew|thought|sent|spent|kept|brought|stood|ran|found|got|led|paid)",
    re.IGNORECASE,
)
#: A reported clause shows its verb within this many words.
CLAUSE_VERB_REACH = 8
#: Person-like heads of unnamed sources: "he" may refer back to one.
PERSON_SOURCES: frozenset[str] = _set(
    """official source diplomat aide adviser advisor officer insider analyst expert lawmaker
    person spokesman spokeswoman spokesperson executive manager negotiator researcher scientist
    economist witness resident worker captain lawyer attorney activist"""
)
#: Subjects that make a clause at once: "said he wants…".
CLAUSE_SUBJECTS: frozenset[str] = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "there", "this", "these"}
)
#: Where a reported clause stops short of its sentence's end: a second report.
CLAUSE_STOP = re.compile(
    rf",?\s+(?:and|but)\s+(?:also\s+)?(?:{_CUE_ALTERNATION})\b|"
    rf",\s+(?:{'|'.join(_PARTICIPLES)})\b|;\s",
    re.IGNORECASE,
)

#: A word of running text: letters, digits and inner dots, hyphens and apostrophes.
WORD = re.compile(r"[^\W_](?:[\w.\-’']*\w)?")
#: A possessive word that can open a noun phrase: "Sorin's office".
POSSESSIVE = re.compile(r"^[A-Z][\w.\-]*['’]s$")
#: Sentence-initial capitalised words that are not names.
NOT_A_NAME: frozenset[str] = _set(
    """the a an it this that these those there he she they we i in on at but and or
    meanwhile however still later also then after before when while during"""
)


def normalise_title_word(word: str) -> str:
    """Lower-cased, with British spellings folded: "Defence" -> "defense"."""
    lowered = word.lower().strip(".")
    return {"defence": "defense", "labour": "labor", "councillor": "councilor"}.get(
        lowered, lowered
    )


def title_words(title: str) -> frozenset[str]:
    """The words of a title that tell offices apart: "Secretary of State" -> {secretary, state}."""
    words = (normalise_title_word(w) for w in WORD.findall(title))
    return frozenset(w for w in words if w in TITLE_HEADS or w in TITLE_QUALIFIERS)
