"""Finding time expressions: a rule grammar of compiled regexes, longest match wins.

Each `Rule` is one compiled pattern with named groups and a `kind` that tells
the normaliser how to read them (`normalise.py`). The timex itself is the group
`t` when the pattern has one; words around it that only make it a timex (the
"in" of "in May", the "on" of "on the 16th") stay outside `t`, so spans follow
TimeML: prepositions out, determiners and modifiers ("the", "early", "about")
in. All rules run over the whole text; overlapping candidates are settled by
length (then by rule order), which is what "longest match" means here.

The patterns are built once, at import, from the lexicon's fragments; nothing
here holds state.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from storyline.time.lexicon import (
    FREQUENCIES,
    FREQUENCY_RE,
    MONTH_FULL_RE,
    MONTH_RE,
    MONTHS,
    NUMBER_RE,
    ORDINAL_WORD_RE,
    PART_OF_DAY_RE,
    PERIOD_MOD_RE,
    QUANTITY_MOD_RE,
    SEASON_RE,
    UNIT_RE,
    WEEKDAY_RE,
    WEEKDAYS,
)


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, the resolver kind that reads it, and the trigger classes it needs:
    every set in `requires` must have one of its classes present in the text."""

    name: str
    kind: str
    pattern: re.Pattern[str]
    requires: tuple[frozenset[str], ...] = ()
    pre: bool = False  # read the preposition before the match into the group "pre"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One match of one rule: the timex span and the rule's named groups."""

    start: int
    end: int
    rule: Rule
    groups: dict[str, str | None]

    @property
    def length(self) -> int:
        return self.end - self.start


# Shared fragments (no named groups, so they can be used twice in one pattern).
# White space never spans a blank line, and a comma-separated date never a line
# break, so a title's last word and a date line below it stay apart.
_W = r"[^\S\n]"  # one space or tab
_S = rf"(?=\s){_W}*\n?{_W}*"  # white space with at most one line break
_SEP = rf"{_W}*,?{_W}*"  # "March 16, 2021" and the tokenised "March 16 , 2021"
_HY = rf"(?:-|{_W})"  # "third-quarter" and "third quarter"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_DAY_SUFFIX = r"(?:st|nd|rd|th)"
_START = r"(?<![\w$£€#@/\\])(?<!\d[.,])"  # not inside a word, an amount or "1,000"
_MOD = rf"(?:(?P<modw>{PERIOD_MOD_RE}){_HY}*)"
_POD_OF = rf"(?:(?i:the){_S}(?P<pod1>{PART_OF_DAY_RE}){_S}(?i:of){_S})"
_POD_AFTER = rf"(?:{_S}(?P<pod2>{PART_OF_DAY_RE})(?![\w]))"
_WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY_RE}){_SEP})"
_PREP = (
    r"(?i:in|since|by|from|until|till|to|through|throughout|during|before|after|between"
    r"|and|or|of|for|on|as\s+of|as\s+early\s+as|as\s+late\s+as|starting|beginning|around"
    r"|about|prior\s+to|ahead\s+of|into|within|over|at)"
)
# The preposition before a month, a year or a season ("in May") only makes it a timex,
# so it stays outside the span; rules marked `pre` read it from the text just before.
# "in just minutes", "for only weeks": a degree word may stand between the two.
_PRE_BEFORE = re.compile(
    rf"(?<![\w-])({_PREP}){_S}(?:(?i:just|only|mere|barely|a\s+matter\s+of){_S})?$"
)
_YREL = rf"(?:{_S}(?i:of){_S}(?P<yrel>(?i:this|last|next|that|the\s+same)){_S}(?i:year))"
_CLOCK_TZ = (
    r"(?:\(?[^\S\n]?(?:UTC|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|CET|CEST|BST|JST|KST|HKT"
    r"|SGT|AEST|AEDT|Z)(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?(?:[^\S\n]?\))?|(?i:hrs|hours)(?![\w]))"
)
# "over" read as "more than" after "in", "for", "of" ("its lowest level in over six years");
# elsewhere it is a preposition ("gained 50% over six years").
_OVER_AS_MORE = r"(?:(?<=\bin )|(?<=\bfor )|(?<=\bof ))(?i:over)"
# What may follow "the day before" or "a year after" when they close their clause.
_CLAUSE_END = r"[^\S\n]*(?:[,.;:!?)\"”]|$|\n|(?i:and|but|when|while|as)\b)"
_BACK_OR_AHEAD = r"last|next|this|coming|past|previous|following"
_DURATION_REL = (
    r"(?i:the\s+(?:past|last|next|previous|coming|first|final|initial|remaining|ensuing"
    r"|preceding|following|latest|same|better\s+part\s+of(?:\s+the)?)|another"
    r"|(?:an?\s+)?(?:additional|further|extra)|past|last|next)"
)
# Words between a number and its unit: "six straight days", "two consecutive quarters".
_UNIT_ADJECTIVE = r"(?i:straight|consecutive|successive|full|whole|more|additional|further|extra)"
# "the" before a counted stretch named by a noun is part of it, as TimeML keeps determiners:
# "in the 12 months to February", "the three months ended March 31". Not before an
# adjective ("the 10-year yield": "the" goes with "yield").
_THE_COUNT = (
    rf"(?i:the)(?={_S}(?:{NUMBER_RE}){_S}(?:{_UNIT_ADJECTIVE}{_S})?(?:{UNIT_RE})(?![\w'’-]))"
)


def _trigger_table() -> dict[str, frozenset[str]]:
    """Each trigger word (case-folded) and the classes it opens."""
    classes: dict[str, set[str]] = {}

    def add(kind: str, words: str) -> None:
        for word in words.split():
            classes.setdefault(word, set()).add(kind)

    add("month", " ".join(MONTHS))
    add("weekday", " ".join(w for w in WEEKDAYS if len(w) > 4))
    add("weekday", "mondays tuesdays wednesdays thursdays fridays saturdays sundays")
    units = "second minute hour day night week weekend fortnight month quarter year decade"
    add("unit", units + " " + " ".join(w + "s" for w in units.split()))
    add("unit", "century centuries millennium millennia hrs hr mins min secs sec")
    add("unit", "midyear midmonth midweek midquarter")
    add("ref", "today tonight yesterday tomorrow now current currently present presently")
    add("ref", "recent recently lately past future soon term nowadays moment time coming ahead")
    add("ref", "later earlier")
    add("point", "point date stage")
    add("season", "spring summer autumn fall winter")
    add("part", "quarter half q")
    add("fiscal", "fiscal financial fy")
    add("pod", "morning afternoon evening night noon midnight midday overnight dawn dusk")
    add("pod", "lunchtime daytime")
    add("freq", " ".join(FREQUENCIES).replace("-", " "))
    add("holiday", "christmas new easter good thanksgiving halloween valentine valentines")
    add("holiday", "independence labor labour memorial boxing veterans")
    add("holiday", "black cyber ash palm maundy shrove")
    add("decade", "twenties thirties forties fifties sixties seventies eighties nineties")
    add("every", "every each")
    return {word: frozenset(kinds) for word, kinds in classes.items()}


# Trigger classes: the words of a sentence, looked up in one table, tell which rules
# can match at all, so a sentence without a digit, a month or a unit word skips most
# of the grammar. A word may open several classes ("quarter" is a unit and a part).
_TRIGGER_TABLE: Final[dict[str, frozenset[str]]] = _trigger_table()
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


def triggers(text: str) -> frozenset[str]:
    """The trigger classes present in `text`."""
    table = _TRIGGER_TABLE
    present: set[str] = {"digit"} if _DIGIT.search(text) else set()
    for word in _WORD.findall(text):
        classes = table.get(word.casefold())
        if classes is not None:
            present |= classes
    return frozenset(present)


def _rule(name: str, kind: str, pattern: str, *requires: str, pre: bool = False) -> Rule:
    """A rule; each of `requires` is a "|"-separated set of trigger classes."""
    needed = tuple(frozenset(r.split("|")) for r in requires)
    return Rule(name, kind, re.compile(pattern), needed, pre)


RULES: Final[tuple[Rule, ...]] = (
    _rule(
        "iso-date",
        "iso",
        rf"(?<![\w/.-])(?P<t>(?P<year>(?:1[6-9]|20)\d\d)(?P<sep>[-/])(?P<month>0?[1-9]|1[0-2])(?P=sep)"
        rf"(?P<day>{_DAY})(?:T(?P<h>[01]\d|2[0-3]):(?P<m>[0-5]\d))?)(?![\w/-])",
        "digit",
    ),
    _rule(
        "slash-date",
        "slash",
        r"(?<![\w/.-])(?P<t>(?P<a>[01]?\d|[23]\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<c>\d{4}|\d{2}))"
        r"(?![\w/-]|\.\d)",
        "digit",
    ),
    _rule(
        "month-day",
        "md",
        rf"{_START}(?P<t>{_POD_OF}?{_WD_PREFIX}?(?P<month>{MONTH_RE}){_W}*(?P<day>{_DAY})"
        rf"{_DAY_SUFFIX}?(?![\d:%]|\.\d|,\d)(?:{_SEP}(?P<year>{_YEAR})"
        rf"|{_SEP}['’](?P<yy>\d\d)(?![\w]))?{_POD_AFTER}?)",
        "month",
        "digit",
    ),
    _rule(
        "day-month",
        "md",
        rf"{_START}(?P<t>{_POD_OF}?{_WD_PREFIX}?(?:(?i:the){_S})?(?P<day>{_DAY}){_DAY_SUFFIX}?"
        rf"{_S}(?:(?i:of){_S})?(?P<month>{MONTH_RE})(?:{_SEP}(?P<year>{_YEAR}))?{_POD_AFTER}?)",
        "month",
        "digit",
    ),
    _rule(
        "week-of-month",
        "weekof",
        rf"{_START}(?P<t>(?i:the){_S}(?P<nth>(?i:first|second|third|fourth|last|final)){_S}"
        rf"(?i:week){_S}(?i:of){_S}(?P<month>{MONTH_FULL_RE})(?:{_SEP}(?P<year>{_YEAR}))?)",
        "month",
        "unit",
    ),
    _rule(
        "month-year",
        "month",
        rf"{_START}(?P<t>{_MOD}?(?P<month>{MONTH_RE}){_SEP}(?:(?i:of){_S})?(?P<year>{_YEAR}))",
        "month",
        "digit",
    ),
    _rule(
        "month",
        "month",
        rf"{_START}(?P<t>{_MOD}?(?:(?P<rel>(?i:{_BACK_OR_AHEAD}|that)){_S})?"
        rf"(?P<month>{MONTH_FULL_RE}){_YREL}?)",
        "month",
        pre=True,
    ),
    _rule(
        "year",
        "year",
        rf"{_START}(?P<t>{_MOD}?(?:(?i:the){_S}(?i:year){_S})?(?:(?P<fy>(?i:fiscal(?:{_S}year)?"
        rf"|financial{_S}year){_S}|FY{_W}?))?(?<![\w$£€#.,/])(?P<year>{_YEAR})"
        rf"(?![.,]\d|-[A-Za-z]|{_W}*%|{_W}*(?i:per{_W}?cent)))",
        "digit",
        pre=True,
    ),
    _rule(
        "short-year",
        "year",
        rf"(?<![\w-])(?P<pre>{_PREP}){_S}(?P<t>{_MOD}?['’](?P<yy>\d\d))(?![\w'’])",
        "digit",
    ),
    _rule(
        "decade",
        "decade",
        rf"{_START}(?P<t>(?:(?i:the){_S})?{_MOD}?(?:(?i:the){_S})?(?:(?P<dec>(?:1[0-9]|20)\d0){_W}?['’]?s"
        rf"|['’](?P<dec2>[1-9]0)['’]?s|(?<=the )(?P<dec3>[1-9]0)['’]?s"
        rf"|(?P<decw>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties"
        rf"|nineties))))(?![\w])",
        "digit|decade",
    ),
    _rule(
        "century",
        "century",
        rf"{_START}(?P<t>(?:(?i:the){_S})?{_MOD}?(?:(?i:the){_S})?(?:(?P<cent>\d{{1,2}}){_DAY_SUFFIX}"
        rf"|(?P<centw>{ORDINAL_WORD_RE})|(?P<rel>(?i:this|last|next|past|previous)))"
        rf"{_HY}+(?i:century))(?![\w])",
        "unit",
    ),
    _rule(
        "season",
        "season",
        rf"{_START}(?P<t>{_MOD}?(?:(?P<rel>(?i:{_BACK_OR_AHEAD}|the|that)){_S})?"
        rf"(?P<season>{SEASON_RE})(?:{_SEP}(?:(?i:of){_S})?(?P<year>{_YEAR})|{_YREL})?)",
        "season",
        pre=True,
    ),
    _rule(
        "quarter",
        "quarter",
        rf"{_START}(?P<t>{_MOD}?(?:(?i:the){_S})?(?:(?P<qn>(?i:first|second|third|fourth|final|1st|2nd"
        rf"|3rd|4th))|(?P<rel>(?i:last|latest|current|previous|next|same|this|coming|past|prior"
        rf"|most\s+recent|recent))|(?P<qm1>{MONTH_FULL_RE})(?:{_W}*[-–]{_W}*|{_S}(?i:to|through)"
        rf"{_S})(?P<qm2>{MONTH_FULL_RE})){_HY}+(?i:(?:fiscal|financial|calendar){_S})?(?i:quarter)"
        rf"(?:{_S}(?:(?i:of){_S})?(?:(?i:fiscal){_S})?(?P<year>{_YEAR})|{_YREL})?)(?![\w])",
        "part|unit",
    ),
    _rule(
        "quarter-code",
        "quarter",
        rf"{_START}(?P<t>(?:Q(?P<qd>[1-4])|(?P<qd2>[1-4])Q)"
        rf"(?:{_HY}*(?:(?P<year>{_YEAR})|['’]?(?P<yy>\d\d)))?)(?![\w])",
        "part|digit",
    ),
    _rule(
        "half-code",
        "half",
        # "H1 2009", "1H09", "in H2"
        rf"{_START}(?P<t>(?:H(?P<hd>[12])|(?P<hd2>[12])H)"
        rf"(?:{_HY}*(?:(?P<year>{_YEAR})|['’]?(?P<yy>\d\d)))?)(?![\w])",
        "digit",
    ),
    _rule(
        "half",
        "half",
        rf"{_START}(?P<t>{_MOD}?(?:(?i:the){_S})?(?P<hn>(?i:first|second|1st|2nd|latter)){_HY}+"
        rf"(?i:half)(?:{_S}(?:(?i:of){_S})?(?:(?i:fiscal){_S})?(?P<year>{_YEAR})|{_YREL}"
        rf"|{_S}(?i:of){_S}(?i:the){_S}(?i:year))?)(?![\w])",
        "part",
    ),
    _rule(
        "fiscal-year",
        "fiscal",
        rf"{_START}(?P<t>(?:(?P<rel>(?i:this|last|next|current|previous|coming|the(?:\s+(?:current"
        rf"|previous|last|next|coming|same|new))?)){_S})?(?i:fiscal|financial){_S}(?i:year)"
        rf"(?:{_S}(?P<year>{_YEAR}))?|FY{_W}?(?P<yy>\d\d)(?![\w]))",
        "fiscal",
    ),
    _rule(
        "period-end",
        "unitend",
        rf"{_START}(?P<t>(?:(?i:the){_S})?(?:(?P<rel>(?i:this|last|next)){_S})?"
        rf"(?P<unit>(?i:year|month|quarter|week)){_HY}(?i:end)(?P<pos>['’]s)?)(?![\w-])",
        "unit",
    ),
    _rule(
        "period-middle",
        "unitend",
        # "by mid-year", "midyear", "mid-month": the middle of the report's period.
        rf"{_START}(?P<t>(?P<mid>(?i:mid)){_HY}?(?P<unit>(?i:year|month|quarter|week)))(?![\w-])",
        "unit",
    ),
    _rule(
        "relative-period",
        "relunit",
        rf"{_START}(?P<t>(?:(?P<ear>(?i:earlier|later|early|late)){_S}(?:(?i:in){_S})?)?{_MOD}?"
        rf"(?P<rel>(?i:this|last|next|past|previous|coming|current|following|same|that|the"
        rf"(?:\s+(?:past|last|previous|coming|next|following|same|current|preceding|ensuing"
        rf"|upcoming|present|entire|whole|full|prior))?|(?:the\s+)?(?:entire|whole)))"
        rf"{_S}(?P<unit>(?i:week|weekend|month|year|decade|century|calendar\s+year)))"
        rf"(?P<pos>['’]s)?(?![\w-])",
        "unit",
        pre=True,
    ),
    _rule(
        "past-unit-and-a-half",
        "relunit",
        rf"{_START}(?P<t>(?P<rel>(?i:the{_S}(?:past|last|next|coming)))"
        rf"{_S}(?P<unit>(?i:week|month|year|decade)){_S}(?P<half2>(?i:and\s+a\s+half)))(?![\w-])",
        "unit",
    ),
    _rule(
        "nth-in-a-row",
        "inrow",
        # "a second consecutive day", "the fourth straight quarter", "fourth week in a row":
        # the run's latest period, the one the text is about.
        rf"{_START}(?P<t>(?:(?i:a|the){_S})?(?i:second|third|fourth|fifth|sixth|seventh|eighth"
        rf"|ninth|tenth|\d{{1,2}}(?:st|nd|rd|th)){_S}(?:(?P<adj>(?i:consecutive|straight"
        rf"|successive)){_S})?(?P<unit>(?i:day|week|month|quarter|year))(?(adj)|(?={_S}(?i:in)"
        rf"{_S}(?i:a){_S}(?i:row))))(?![\w-])",
        "unit",
    ),
    _rule(
        "nth-period-for",
        "inrow",
        # "fell for a fifth month", "for the third day": a run without "straight" or "in a
        # row" (not quarters: "a loss for the second quarter" is Q2).
        rf"(?<![\w-])(?i:for){_S}(?P<t>(?i:a|the){_S}(?i:second|third|fourth|fifth|sixth|seventh"
        rf"|eighth|ninth|tenth|\d{{1,2}}(?:st|nd|rd|th)){_S}(?P<unit>(?i:day|week|month|year)))"
        rf"(?![\w-])",
        "unit",
    ),
    _rule(
        "rest-of-period",
        "restof",
        # "for the rest of the year", "the remainder of the week": the period, one unit long.
        rf"(?<![\w-])(?i:rest|remainder|balance){_S}(?i:of){_S}(?P<t>(?i:the){_S}"
        rf"(?P<unit>(?i:day|week|month|quarter|year|decade)))(?![\w'’-])",
        "unit",
    ),
    _rule(
        "superlative-period",
        "superlative",
        # "its best week since November", "the worst month for car sales in 27 years".
        rf"(?<![\w-])(?i:best|worst|biggest|largest|strongest|weakest|busiest|sharpest|steepest"
        rf"|deepest|heaviest|quietest|slowest|highest|lowest){_S}(?P<t>(?P<unit>(?i:day|week"
        rf"|month|quarter|year)))(?={_S}(?i:since|in|for|of|ever|on\s+record)(?![\w-]))",
        "unit",
    ),
    _rule(
        "same-period-a-year-ago",
        "sameperiod",
        rf"{_START}(?P<t>(?i:the){_S}(?i:same){_S}(?P<unit>(?i:day|week|month|quarter|period"
        rf"|time)){_S}(?:(?i:(?:of{_S})?last{_S}year|a{_S}year{_S}(?:ago|earlier|before)"
        rf"|(?:of{_S})?the{_S}(?:previous|prior){_S}year)|(?i:in|of){_S}(?P<year>{_YEAR})))"
        rf"(?![\w-])",
        "unit|digit",
    ),
    _rule(
        "year-ago-period",
        "sameperiod",
        # "the year-ago quarter", "the year-earlier period": the same period a year back.
        rf"{_START}(?P<t>(?i:the){_S}(?i:year){_HY}(?i:ago|earlier|before){_S}"
        rf"(?P<unit>(?i:day|week|month|quarter|period)))(?![\w-])",
        "unit",
    ),
    _rule(
        "relative-day",
        "relday",
        rf"{_START}(?P<t>(?:(?P<ear>(?i:earlier|later|early|late)){_S})?(?P<rd>(?i:today|tonight"
        rf"|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow))"
        rf"(?:{_S}(?P<pod>{PART_OF_DAY_RE}))?"
        # "today (16th)": translated Korean and Japanese news names the day in brackets.
        rf"(?:\s?\((?:the\s+)?(?P<dd>\d{{1,2}})(?:st|nd|rd|th)\))?)(?![\w-])",
        "ref",
    ),
    _rule(
        "this-morning",
        "relday",
        rf"{_START}(?P<t>(?:(?P<ear>(?i:earlier|later|early|late)){_S})?(?P<rd>(?i:this|last))"
        rf"{_S}(?P<pod>(?i:morning|afternoon|evening|night)))(?![\w-])",
        "pod|unit",
    ),
    _rule(
        "anchored-day",
        "dayref",
        rf"{_START}(?P<t>(?:(?P<ear>(?i:earlier|later|early|late)){_S})?(?:(?i:the){_S})?"
        rf"(?P<rel>(?i:next|following|previous|same|preceding|prior|that|this\s+same)){_S}"
        rf"(?P<unit>(?i:day|morning|afternoon|evening|night)))"
        rf"(?![\w-])",
        "unit|pod",
    ),
    _rule(
        "day-before",
        "dayref",
        rf"{_START}(?P<t>(?i:the){_S}(?P<unit>(?i:day|night|morning|evening)){_S}"
        rf"(?P<rel>(?i:before|after|earlier|later)))(?![\w-])"
        # "the day before" ends its clause; "the day after the vote" is "the day" + a signal.
        rf"(?={_W}*(?:[,.;:!?)\"”]|$|\n|(?i:and|but|when|while|as)\b))",
        "unit|pod",
    ),
    _rule(
        "period-before",
        "periodbefore",
        # "up from the year before", "the month after": as "the previous/following year".
        rf"{_START}(?P<t>(?i:the){_S}(?P<unit>(?i:week|month|quarter|year)){_S}"
        rf"(?P<rel>(?i:before|after|earlier|later)))(?![\w-])(?={_CLAUSE_END})",
        "unit",
    ),
    _rule(
        "part-of-the-day",
        "dayref",
        # "late in the day", "the start of the day": the day in question, with its part as mod.
        rf"{_START}(?P<t>(?P<modw>(?i:(?:early|late)\s+in|(?:the\s+)?(?:start|beginning|end|close"
        rf"|middle)\s+of)){_S}(?i:the){_S}(?P<unit>(?i:day)))(?![\w-])",
        "unit",
    ),
    _rule(
        "the-day",
        "dayref",
        rf"(?<![\w-])(?P<pre>(?i:on|for|during|in|of|end|ends|ended|ending|finish|finished"
        rf"|finishing|close|closed|closing|open|opened|opening|start|started|starting)){_S}"
        rf"(?P<t>(?i:the){_S}(?P<unit>(?i:day)))(?![\w-])",
        "unit",
    ),
    _rule(
        "weekday",
        "weekday",
        rf"{_START}(?P<t>{_POD_OF}?(?:(?P<rel>(?i:{_BACK_OR_AHEAD}|early|late|earlier|later))"
        rf"(?:{_S}(?i:on))?{_S})?(?P<wd>{WEEKDAY_RE})(?:{_S}(?P<pod2>{PART_OF_DAY_RE})(?![\w]))?"
        rf"(?:{_SEP}(?:(?i:the){_S})?(?P<day>{_DAY}){_DAY_SUFFIX})?)(?![\w])",
        "weekday",
    ),
    _rule(
        "weekday-set",
        "wdset",
        rf"{_START}(?P<t>(?:(?i:every|each){_S}(?P<wd>{WEEKDAY_RE})"
        rf"|(?i:every|each){_S}(?P<month>{MONTH_FULL_RE})"
        rf"|(?P<wds>(?i:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays))))"
        rf"(?![\w])",
        "weekday|every",
    ),
    _rule(
        "day-of-month",
        "ordday",
        rf"(?<![\w-])(?P<pre>(?i:on|from|until|till|by|since|before|after|through|to|and"
        rf"|of|between|or|as\s+of|starting|for)){_S}(?P<t>{_POD_OF}?(?i:the){_S}"
        rf"(?P<day>{_DAY}){_DAY_SUFFIX})(?![\w-])",
        "digit",
    ),
    _rule(
        "clock",
        "clock",
        rf"(?<![\w:.,])(?P<t>(?:(?P<approx>(?i:about|around|approximately|shortly\s+before"
        rf"|shortly\s+after|just\s+before|just\s+after)){_S})?(?:(?P<h>1[0-2]|0?[1-9])"
        rf"(?:[:.](?P<m>[0-5]\d))?{_W}*(?P<ampm>(?i:[ap]\.?{_W}?m\.?)(?![\w]))"
        rf"|(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)(?::[0-5]\d)?(?![\d:])"
        rf"|(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)(?={_W}*(?:{_CLOCK_TZ}))"
        rf"|(?P<noon>(?i:noon|midnight|midday)))(?:{_W}*(?P<tz>{_CLOCK_TZ}))?"
        rf"(?:{_SEP}(?:(?i:on){_S})?(?P<wd>{WEEKDAY_RE})|{_S}(?P<rd>(?i:today|tonight|yesterday"
        rf"|tomorrow))(?![\w])|{_SEP}(?:(?i:on){_S})?(?P<month>{MONTH_RE}){_W}*(?P<day>{_DAY})"
        rf"{_DAY_SUFFIX}?"
        rf"(?![\d])(?:{_SEP}(?P<year>{_YEAR}))?)?)",
        "digit|pod",
    ),
    _rule(
        "set",
        "set",
        rf"{_START}(?P<t>(?:(?P<times>(?i:once|twice|thrice|(?:{NUMBER_RE}){_W}+times)){_S})?"
        rf"(?P<every>(?i:every|each|per|a|an)){_S}(?:(?i:other){_S})?(?:(?P<num>{NUMBER_RE})"
        rf"{_HY}+)?(?P<unit>{UNIT_RE}))(?![\w-])",
        "unit",
    ),
    _rule(
        "set-part-of-day",
        "set",
        rf"{_START}(?P<t>(?P<every>(?i:every|each)){_S}(?P<pod>(?i:morning|afternoon|evening"
        rf"|night)))(?![\w-])",
        "pod|unit",
    ),
    _rule("frequency", "freq", rf"{_START}(?P<t>(?P<freq>{FREQUENCY_RE}))", "freq|unit"),
    _rule(
        "duration",
        "duration",
        rf"{_START}(?P<t>(?:(?P<qmod>{QUANTITY_MOD_RE}|{_OVER_AS_MORE}){_S})?"
        rf"(?:(?P<rel>{_DURATION_REL}|{_THE_COUNT}){_S})?"
        rf"(?P<num>{NUMBER_RE})(?:{_S}(?P<half>(?i:and\s+an?\s+half|or\s+so|or\s+more)))?"
        rf"{_HY}*(?:{_UNIT_ADJECTIVE}{_S})?(?P<unit>{UNIT_RE})"
        rf"(?:{_S}(?P<half2>(?i:and\s+an?\s+half)))?(?P<long>(?:-+(?i:long)|{_HY}+(?i:old))(?![\w]))?"
        rf"(?:{_S}(?P<dir>(?i:ago|later|earlier|hence|from\s+now|afterwards?|back"
        rf"|(?:before|after)(?={_CLAUSE_END}))))?)(?![\w])",
        "unit",
    ),
    _rule(
        "shared-unit",
        "sharedunit",
        rf"{_START}(?P<t>(?P<num>\d{{1,4}}|(?i:one|two|three|four|five|six|seven|eight|nine|ten"
        rf"|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety)))"
        rf"(?={_W}*(?:-|–|(?i:to|and|or)){_W}*(?:\d{{1,4}}|[A-Za-z]+){_W}+(?P<unit>{UNIT_RE}))",
        "unit",
    ),
    _rule(
        "vague-duration",
        "vague",
        rf"{_START}(?P<t>(?:(?i:the){_S}(?:(?P<rel>(?i:past|last|coming|next|previous|following"
        rf"|recent)){_S})?)?(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|years|decades"
        rf"|centuries))(?P<long>-long)?(?:{_S}(?P<dir>(?i:ago|later|earlier)))?)(?![\w])",
        "unit",
        pre=True,
    ),
    _rule(
        "reference",
        "ref",
        rf"{_START}(?P<t>(?P<ref>(?i:right\s+now|now|currently|at\s+present|presently|nowadays"
        rf"|these\s+days|at\s+the\s+moment|the\s+time\s+being|the\s+present(?:\s+day|\s+time)?"
        rf"|(?:more\s+)?recently|lately|recent\s+(?:years|months|weeks|days|decades|times)|recent|current"
        rf"|the\s+past"
        rf"|soon|the\s+future|the\s+(?:near|distant|foreseeable)\s+future|later|earlier"
        rf"|the\s+(?:near|short|long|medium|longer)(?:-|\s)+term|(?:the\s+)?coming\s+(?:days"
        rf"|weeks|months|years|decades)|the\s+(?:days|weeks|months|years|decades)\s+ahead)))"
        rf"(?![\w-])",
        "ref",
    ),
    _rule(
        "unspecified-time",
        "unspecified",
        # "call back at a later time", "at a future date", "at some point": a time the
        # text does not give.
        rf"{_START}(?P<t>(?P<which>(?i:an?{_S}(?:later|earlier|future|subsequent){_S}(?:date|time|stage)"
        rf"|(?<=at ){_W}*(?:one|some){_S}point)))(?![\w-])",
        "ref|point",
    ),
    _rule(
        "holiday",
        "holiday",
        rf"{_START}(?P<t>(?:(?P<rel>(?i:last|next|this)){_S})?(?P<hol>Christmas(?:\s+Day"
        rf"|\s+Eve)?|New\s+Year['’]?s?(?:\s+Day|\s+Eve)|New\s+Year['’]s|Easter(?:\s+Sunday"
        rf"|\s+Monday)?|Good\s+Friday|Thanksgiving(?:\s+Day)?|Halloween|Valentine['’]?s\s+Day"
        rf"|Independence\s+Day|Labou?r\s+Day|Memorial\s+Day|Boxing\s+Day|Veterans\s+Day"
        rf"|Black\s+Friday|Cyber\s+Monday|Ash\s+Wednesday|Palm\s+Sunday|Maundy\s+Thursday"
        rf"|Shrove\s+Tuesday)"
        rf"(?:{_SEP}(?P<year>{_YEAR}))?)(?![\w])",
        "holiday",
    ),
)


_ORDER: Final[dict[str, int]] = {rule.name: index for index, rule in enumerate(RULES)}


def candidates(text: str, rules: tuple[Rule, ...] = RULES) -> Iterator[Candidate]:
    """Every match of every rule, overlapping, in rule order."""
    present = triggers(text)
    for rule in rules:
        if not all(present & needed for needed in rule.requires):
            continue
        for match in rule.pattern.finditer(text):
            start, end = match.span("t") if match.group("t") is not None else match.span()
            if end > start:
                groups = match.groupdict()
                if rule.pre:
                    before = _PRE_BEFORE.search(text, max(0, start - 30), start)
                    groups["pre"] = before.group(1) if before else None
                yield Candidate(start, end, rule, groups)


def longest_first(found: Sequence[Candidate]) -> list[int]:
    """Indices of non-overlapping candidates, in text order: longer spans win, then
    earlier rules, then earlier text."""
    ranked = sorted(
        range(len(found)),
        key=lambda i: (-found[i].length, _ORDER.get(found[i].rule.name, 0), found[i].start),
    )
    taken: list[int] = []
    occupied: list[tuple[int, int]] = []
    for index in ranked:
        cand = found[index]
        if all(cand.end <= s or cand.start >= e for s, e in occupied):
            taken.append(index)
            occupied.append((cand.start, cand.end))
    return sorted(taken, key=lambda i: found[i].start)
