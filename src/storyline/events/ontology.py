"""The event ontology: types, roles, statuses and the trigger lexicon.

`docs/events.md` is the reference for people; this module is the same
ontology for the extractor. Types start from PLOVER's sixteen categories and
add what diplomacy and security news needs (meetings with their format,
visits, statements, signings, missile launches, appointments, elections …)
and what business news needs (acquisitions, orders, deliveries, product
launches, results, job cuts, bankruptcies, market moves).

Triggers are keyed by lemma and coarse part of speech. A trigger may ask for a
context word (`with_words`: "launch" is a missile launch only next to
"missile", "rocket" …; "fire" is a dismissal only with a person as object).
Light verbs ("hold talks", "pay a visit", "impose sanctions") carry no event of
their own: the noun is the trigger and the verb gives status, subject and place.
All tables are immutable and built at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

STATUSES: Final = ("happened", "planned", "hypothetical", "denied", "generic")
ROLES: Final = ("agent", "counterpart", "target", "host", "participant")
FORMATS: Final = ("in_person", "virtual", "phone")


@dataclass(frozen=True, slots=True)
class EventType:
    """One type of the ontology."""

    name: str
    label: str  # for titles: "Meeting"
    plover: str  # the PLOVER root category it refines, or "-" when PLOVER has none
    object_role: str = "participant"  # the role of a direct object or passive subject
    hostable: bool = False  # a country it is held in is its host
    single_agent: bool = False  # two different agents from two sources are a conflict
    distinct_words: bool = False  # different trigger words name different events (shot, killed)
    vague: bool = False  # names a stance or a relation, not a happening ("cooperation")


_TYPES: tuple[EventType, ...] = (
    EventType("meeting", "Meeting", "CONSULT", "counterpart", hostable=True),
    EventType("visit", "Visit", "CONSULT", "host", hostable=True),
    EventType("statement", "Statement", "-", "participant"),
    EventType("agreement", "Agreement", "AGREE", "counterpart"),
    EventType("signing", "Signing", "AGREE", "counterpart", hostable=True),
    EventType("condemnation", "Condemnation", "ACCUSE", "target"),
    EventType("threat", "Threat", "THREATEN", "target"),
    EventType("request", "Request", "REQUEST", "target"),
    EventType("rejection", "Rejection", "REJECT", "target"),
    EventType("support", "Support", "SUPPORT", "target", vague=True),
    EventType("cooperation", "Cooperation", "COOPERATE", "counterpart", vague=True),
    EventType("military_posture", "Military deployment", "MOBILIZE", "participant"),
    EventType("military_exercise", "Military exercise", "MOBILIZE", "counterpart", hostable=True),
    EventType("missile_launch", "Missile launch", "MOBILIZE", "target", single_agent=True),
    EventType("attack", "Attack", "ASSAULT", "target", single_agent=True, distinct_words=True),
    EventType("retreat", "Withdrawal", "RETREAT", "participant"),
    EventType("sanction", "Sanction", "SANCTION", "target"),
    EventType("aid", "Aid", "AID", "target"),
    EventType("appointment", "Taking office", "-", "target", single_agent=True),
    EventType("leaving_office", "Leaving office", "-", "target"),
    EventType("coup", "Coup", "COERCE", "target", single_agent=True),
    EventType("arrest", "Arrest", "COERCE", "target", distinct_words=True),
    EventType("legal_action", "Legal action", "COERCE", "target", distinct_words=True),
    EventType("protest", "Protest", "PROTEST", "target", hostable=True),
    EventType("election", "Election", "-", "participant", hostable=True),
    EventType("death", "Death", "-", "target", distinct_words=True),
    EventType("disaster", "Disaster", "-", "target", distinct_words=True),
    EventType("accident", "Accident", "-", "target", distinct_words=True),
    # Business news (MEANTIME's airlines, carmakers, markets; PLOVER has no such roots).
    EventType("acquisition", "Acquisition", "-", "target"),
    EventType("order", "Order", "-", "participant"),
    EventType("delivery", "Delivery", "-", "participant"),
    EventType("product_launch", "Product launch", "-", "participant", distinct_words=True),
    EventType("financial_result", "Financial results", "-", "participant"),
    EventType("job_cuts", "Job cuts", "-", "participant"),
    EventType("bankruptcy", "Bankruptcy", "-", "participant", single_agent=True),
    EventType("market_move", "Market move", "-", "participant", distinct_words=True),
    EventType("other", "Event", "-", "participant", distinct_words=True),
)

EVENT_TYPES: Final = MappingProxyType({t.name: t for t in _TYPES})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that names an event of `type` when its conditions hold."""

    type: str
    pos: str  # "VERB" or "NOUN" (PROPN and ADJ taggings of nouns count as NOUN)
    with_words: frozenset[str] = frozenset()  # one of these lemmas must modify or complement it
    person_object: bool = False  # it needs a person (or role noun) as its object


def _entries(type_: str, pos: str, lemmas: str, with_words: str = "") -> list[tuple[str, Trigger]]:
    words = frozenset(with_words.split())
    return [(lemma, Trigger(type_, pos, words)) for lemma in lemmas.split()]


_MISSILE = "missile rocket icbm slbm projectile warhead satellite weapon munition"
_MILITARY = "military joint naval navy air army live-fire drill war combat amphibious"
_GOODS = (
    "aircraft airliner jet jets plane planes tanker tankers jetliner a380 a350 787 dreamliner "
    "helicopter ship ships vehicle vehicles car cars truck trucks locomotive train trains"
)
_PRODUCTS = (
    "product model car vehicle phone iphone ipod ipad computer laptop device service software "
    "version console tablet aircraft airliner jet plane"
)
_RESULTS = "profit profits loss losses earnings revenue revenues sale sales income"
_JOBS = "job jobs worker workers workforce staff employee employees position positions"
_MARKETS = (
    "share shares stock stocks index indices market markets dow nasdaq ftse dax nikkei "
    "price prices bond bonds yield yields"
)

_LEXICON: list[tuple[str, Trigger]] = [
    *_entries("meeting", "VERB", "meet confer negotiate"),
    *_entries(
        "meeting",
        "NOUN",
        "meeting talk talks summit dialogue dialog consultation negotiation teleconference "
        "videoconference conference 2+2 two-plus-two",
    ),
    *_entries("meeting", "NOUN", "call", "phone telephone video"),
    *_entries("visit", "VERB", "visit tour"),
    *_entries("visit", "VERB", "travel arrive fly head", "to in"),
    *_entries("visit", "NOUN", "visit trip tour"),
    *_entries("statement", "VERB", "announce declare reaffirm reiterate affirm pledge unveil"),
    *_entries(
        "statement",
        "NOUN",
        "statement announcement declaration communique communiqué briefing speech",
    ),
    *_entries("agreement", "VERB", "agree", "to on deal"),
    *_entries("agreement", "NOUN", "agreement deal accord pact treaty memorandum"),
    *_entries("signing", "VERB", "sign ink"),
    *_entries("signing", "NOUN", "signing"),
    *_entries(
        "condemnation",
        "VERB",
        "condemn denounce criticize criticise accuse blame deplore rebuke censure",
    ),
    *_entries("condemnation", "NOUN", "condemnation criticism accusation rebuke"),
    *_entries("threat", "VERB", "threaten warn"),
    *_entries("threat", "NOUN", "ultimatum warning"),
    *_entries("request", "VERB", "urge demand request"),
    *_entries("request", "NOUN", "demand request appeal"),
    *_entries("rejection", "VERB", "reject refuse veto"),
    *_entries("rejection", "NOUN", "rejection refusal veto"),
    *_entries("support", "VERB", "praise welcome endorse applaud commend"),
    *_entries("support", "NOUN", "endorsement"),
    *_entries("cooperation", "VERB", "cooperate collaborate"),
    *_entries("military_posture", "VERB", "deploy station dispatch mobilize mobilise"),
    *_entries("military_posture", "NOUN", "deployment dispatch mobilization buildup build-up"),
    *_entries("military_posture", "VERB", "send", "troop troops force forces warship ship"),
    *_entries("military_exercise", "NOUN", "drill maneuver manoeuvre wargame war-game"),
    *_entries("military_exercise", "NOUN", "exercise", _MILITARY),
    *_entries("missile_launch", "VERB", "launch fire test-fire test", _MISSILE),
    *_entries("missile_launch", "NOUN", "launch test test-firing", _MISSILE + " nuclear"),
    *_entries("attack", "VERB", "attack bomb shoot shell raid invade assault ambush kill murder"),
    *_entries("attack", "VERB", "stab hijack massacre"),
    *_entries(
        "attack",
        "NOUN",
        "attack bombing shooting shelling raid invasion assault ambush killing murder "
        "massacre stabbing airstrike hijacking gunfire",
    ),
    *_entries("attack", "NOUN", "strike", "air missile drone military preemptive pre-emptive"),
    *_entries("attack", "VERB", "strike", "target base city"),
    *_entries("retreat", "VERB", "withdraw evacuate"),
    *_entries("retreat", "NOUN", "withdrawal pullout pull-out evacuation"),
    *_entries("sanction", "VERB", "sanction embargo blacklist expel"),
    *_entries("sanction", "NOUN", "sanction sanctions embargo expulsion"),
    *_entries("aid", "VERB", "donate"),
    *_entries("aid", "NOUN", "aid assistance donation"),
    *_entries("appointment", "VERB", "appoint nominate inaugurate hire"),
    *_entries("appointment", "NOUN", "appointment nomination inauguration"),
    *_entries("appointment", "VERB", "take assume", "office post helm oath presidency"),
    *_entries("leaving_office", "VERB", "resign dismiss sack oust"),
    *_entries("leaving_office", "NOUN", "resignation dismissal ouster"),
    *_entries("coup", "NOUN", "coup putsch"),
    *_entries("coup", "VERB", "overthrow topple"),
    *_entries("coup", "VERB", "seize", "power"),
    *_entries("arrest", "VERB", "arrest detain apprehend extradite"),
    *_entries("arrest", "NOUN", "arrest detention extradition"),
    *_entries("legal_action", "VERB", "indict convict sentence sue acquit charge"),
    *_entries("legal_action", "NOUN", "trial indictment conviction lawsuit verdict"),
    *_entries("protest", "VERB", "protest riot"),
    *_entries("protest", "NOUN", "protest demonstration rally riot unrest sit-in"),
    *_entries("election", "VERB", "elect vote re-elect reelect"),
    *_entries("election", "NOUN", "election vote referendum ballot re-election reelection"),
    *_entries("death", "VERB", "die"),
    *_entries("death", "NOUN", "death"),
    *_entries(
        "disaster",
        "NOUN",
        "earthquake quake tsunami flood wildfire blaze fire explosion blast eruption "
        "hurricane typhoon landslide",
    ),
    *_entries("disaster", "VERB", "explode erupt"),
    *_entries("accident", "VERB", "crash collide derail capsize"),
    *_entries("accident", "NOUN", "crash collision accident derailment"),
    *_entries("acquisition", "VERB", "acquire buy purchase"),
    *_entries("acquisition", "NOUN", "acquisition purchase takeover merger buyout"),
    *_entries("order", "VERB", "order", _GOODS),
    *_entries("order", "NOUN", "order", _GOODS),
    *_entries("delivery", "VERB", "deliver", _GOODS),
    *_entries("delivery", "NOUN", "delivery", _GOODS),
    *_entries("product_launch", "VERB", "launch release introduce debut", _PRODUCTS),
    *_entries("product_launch", "NOUN", "launch release debut", _PRODUCTS),
    *_entries("financial_result", "VERB", "report post", _RESULTS),
    *_entries("financial_result", "NOUN", "earnings"),
    *_entries("job_cuts", "VERB", "cut eliminate shed slash", _JOBS),
    *_entries("job_cuts", "NOUN", "layoff layoffs job-cut job-cuts"),
    *_entries("job_cuts", "NOUN", "cut cuts", _JOBS),
    *_entries("bankruptcy", "NOUN", "bankruptcy insolvency"),
    *_entries("bankruptcy", "VERB", "file", "bankruptcy"),
    *_entries(
        "market_move", "VERB", "fall rise drop plunge slump soar climb tumble jump slide", _MARKETS
    ),
    *_entries(
        "market_move", "NOUN", "fall rise drop plunge slump rally selloff sell-off", _MARKETS
    ),
]

_FIRE_PERSON = Trigger("leaving_office", "VERB", person_object=True)


def _build() -> MappingProxyType[str, tuple[Trigger, ...]]:
    table: dict[str, list[Trigger]] = {}
    for lemma, trigger in _LEXICON:
        table.setdefault(lemma, []).append(trigger)
    table.setdefault("fire", []).append(_FIRE_PERSON)
    # Conditional senses first, so that "launch" next to "missile" is tried before others.
    return MappingProxyType(
        {
            lemma: tuple(sorted(senses, key=lambda s: (not s.with_words, not s.person_object)))
            for lemma, senses in table.items()
        }
    )


TRIGGERS: Final = _build()

#: Particle verbs: (verb lemma, particle) -> type ("step down", "sworn in").
PHRASAL: Final = MappingProxyType(
    {
        ("step", "down"): "leaving_office",
        ("swear", "in"): "appointment",
        ("pass", "away"): "death",
        ("pull", "out"): "retreat",
        ("break", "off"): "rejection",
        ("open", "fire"): "attack",
        ("lay", "off"): "job_cuts",
    }
)

#: Verbs that only carry a noun trigger as their object; the value is the role of their subject.
LIGHT_VERBS: Final = MappingProxyType(
    {
        "hold": "agent", "have": "agent", "convene": "agent", "conduct": "agent",
        "carry": "agent", "stage": "agent", "begin": "agent", "start": "agent",
        "open": "agent", "resume": "agent", "end": "agent", "conclude": "agent",
        "reach": "agent", "make": "agent", "pay": "agent", "give": "agent",
        "issue": "agent", "release": "agent", "impose": "agent", "launch": "agent",
        "lodge": "agent", "provide": "agent", "offer": "agent", "deliver": "agent",
        "host": "host", "attend": "participant", "join": "participant",
        "participate": "participant", "express": "agent", "call": "agent", "undertake": "agent",
    }
)  # fmt: skip

#: Verb triggers that absorb a noun trigger of another type as their object
#: ("sign an agreement" is one signing). A verb always absorbs a noun of its own type.
ABSORBS: Final = MappingProxyType(
    {
        "signing": frozenset({"agreement"}),
        "sanction": frozenset({"sanction"}),
    }
)

#: (modifier lemma, noun lemma) -> type, overriding the noun's own type ("press conference").
COMPOUND_TYPES: Final = MappingProxyType(
    {
        ("press", "conference"): "statement",
        ("news", "conference"): "statement",
        ("press", "briefing"): "statement",
        ("missile", "test"): "missile_launch",
        ("nuclear", "test"): "missile_launch",
        ("labor", "strike"): "protest",
        ("labour", "strike"): "protest",
        ("general", "strike"): "protest",
        ("hunger", "strike"): "protest",
    }
)

#: Nouns naming a role or person, accepted as "a person" object ("fired the coach").
PERSON_NOUNS: Final = frozenset(
    """
    coach manager ceo chief director minister secretary official officer employee worker staff
    head chairman president executive adviser advisor ambassador general
    """.split()  # noqa: SIM905
)

#: Words that give a meeting its format.
FORMAT_WORDS: Final = MappingProxyType(
    {
        "virtual": "virtual", "online": "virtual", "video": "virtual", "remote": "virtual",
        "videoconference": "virtual", "teleconference": "virtual", "video-conference": "virtual",
        "phone": "phone", "telephone": "phone", "call": "phone",
        "in-person": "in_person", "face-to-face": "in_person", "person": "in_person",
        "face": "in_person",
    }
)  # fmt: skip

#: Multiword spellings of the "2+2" format (lower-cased token sequences).
TWO_PLUS_TWO: Final = (
    ("2", "+", "2"),
    ("2", "plus", "2"),
    ("two", "plus", "two"),
    ("two", "-", "plus", "-", "two"),
    ("2+2",),
    ("two-plus-two",),
    ("2plus2",),
)


def triggers_for(lemma: str) -> tuple[Trigger, ...]:
    """The senses of `lemma` (lower-cased), most specific first; empty when it is no trigger."""
    return TRIGGERS.get(lemma.casefold(), ())


def event_type(name: str) -> EventType:
    """The type called `name`; unknown names fall back to "other"."""
    return EVENT_TYPES.get(name, EVENT_TYPES["other"])
