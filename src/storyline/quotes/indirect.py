"""Indirect speech: what a speaker said, without quotation marks.

Four shapes, each a speech verb with a speaker resolved as for direct quotations:

- forward: "X said (that) …", "X told reporters …", "X stressed that …", "…, adding
  that …". Verbs that often take a noun object ("announced plans", "stressed the
  need") count only with "that"; "said", "told" and a few others also without, when
  what follows reads as a clause (a pronoun, or a finite verb within a few words);
- "According to X, …" at the start of a sentence;
- trailing: "…, X said." / "…, said X." / "…, according to X." at the end of one;
- with a dependency parse: any speech verb with a subject and a clausal complement
  (`nsubj` + `ccomp`).

A reported clause runs to the end of its sentence, or to a second report in it
("…, and added that …", "…, saying …").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.quotes import lexicon as lx
from storyline.quotes.context import Report, inside
from storyline.quotes.found import INDIRECT, Found
from storyline.quotes.marks import DOUBLE_MARKS
from storyline.quotes.speakers import SpeakerFinder
from storyline.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: A reported clause has at least this many words.
MIN_CLAUSE_WORDS = 2
#: At most this many words follow a trailing attribution ("…, X said in a statement.").
MAX_TAIL_WORDS = 10

_THAT = re.compile(r"(?P<gap>(?:\s+[^\s,;:.!?\"“”«»‘]+){0,8}?)\s+(?P<that>that)\b\s*")
_AUDIENCE = re.compile(
    r"\s+(?:reporters|journalists|lawmakers|legislators|parliament|delegates|him|her|them|us|me|"
    r"the\s+(?:press|media|parliament|senate|assembly|audience|crowd|committee|hearing)|"
    r"(?:a|the)\s+(?:news|press)\s+conference|"
    r"[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2})\b"
)
_SPACE = re.compile(r"\s*")
_CLOSING = re.compile(r"\.?[\"”»]")
_TRAILING_PUNCTUATION = " \t\n.,;:"


def find_indirect(report: Report, finder: SpeakerFinder) -> list[Found]:
    """Indirect speech by regular patterns over each sentence."""
    found: list[Found] = []
    for sentence in report.sentences:
        for match in lx.CUE.finditer(report.text, sentence.start, sentence.end):
            if inside(match.start(), finder.quoted):
                continue
            cue = Span(match.start(), match.end())
            form = " ".join(match.group().lower().split())
            if form == lx.ACCORDING_TO:
                quote = _according(report, finder, cue, sentence)
            elif _after_comma(report.text, sentence.start, cue.start):  # "…, said X"
                quote = _trailing(report, finder, cue, form, sentence) or _forward(
                    report, finder, cue, form, sentence
                )
            else:
                quote = _forward(report, finder, cue, form, sentence) or _trailing(
                    report, finder, cue, form, sentence
                )
            if quote is not None:
                found.append(quote)
    return found


def find_parsed(report: Report, finder: SpeakerFinder, doc: Doc) -> list[Found]:
    """Indirect speech from a dependency parse: a speech verb with `nsubj` and `ccomp`."""
    found: list[Found] = []
    for token in doc:
        if token.lemma_.lower() not in lx.SPEECH_LEMMAS or inside(token.idx, finder.quoted):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        if not subjects or not clauses:
            continue
        cue_end = token.idx + len(token.text)
        for particle in token.children:
            if particle.dep_ == "prt" and particle.idx - cue_end <= 1:
                cue_end = particle.idx + len(particle.text)
        clause = list(clauses[0].subtree)
        if clause[0].lower_ == "that" and clause[0].dep_ == "mark":
            clause = clause[1:]
        if not clause or clause[0].text[0] in DOUBLE_MARKS:
            continue
        span = _trim(report.text, clause[0].idx, clause[-1].idx + len(clause[-1].text))
        head = subjects[0]
        sentence = report.sentence_at(token.idx)
        speaker = finder.before(head.idx + len(head.text), sentence.start)
        if span is not None and speaker is not None:
            found.append(Found(span, INDIRECT, speaker, Span(token.idx, cue_end)))
    return found


def _forward(
    report: Report, finder: SpeakerFinder, cue: Span, form: str, sentence: Span
) -> Found | None:
    start = _clause_start(report.text, cue, form, sentence.end)
    if start is None:
        return None
    speaker = finder.for_cue(cue, sentence.start, inverted=False)
    if speaker is None:
        return None
    stop = lx.CLAUSE_STOP.search(report.text, start, sentence.end)
    span = _trim(report.text, start, stop.start() if stop else sentence.end)
    return Found(span, INDIRECT, speaker, cue) if span is not None else None


def _clause_start(text: str, cue: Span, form: str, limit: int) -> int | None:
    """Where the reported clause after a speech verb starts, if one follows it."""
    that = _THAT.match(text, cue.end, limit)
    if that is not None:
        gap = lx.WORD.findall(that.group("gap"))
        if not gap or gap[0].lower() in lx.GAP_OPENERS or form in lx.OBJECT_VERBS:
            following = lx.WORD.match(text, that.end(), limit)
            if following is not None and lx.FINITE_VERB.fullmatch(following.group()):
                return that.start("that")  # "said that was not the way": "that" is the subject
            return that.end()
    if form not in lx.BARE_CLAUSE_VERBS:
        return None
    position = cue.end
    if form in lx.OBJECT_VERBS:
        audience = _AUDIENCE.match(text, position, limit)
        if audience is None:
            return None
        position = audience.end()
    time = lx.TIME_ADVERBIAL.match(text, position, limit)
    if time is not None:
        position = time.end()
    space = _SPACE.match(text, position, limit)
    position = space.end() if space else position
    first = lx.WORD.match(text, position, limit)
    if first is None or position == cue.end:
        return None
    word = first.group().lower()
    if word in lx.CLAUSE_SUBJECTS:
        return position
    if word in lx.NOT_SPEAKER or word in lx.SPEECH_FORMS:
        return None
    next_words = lx.WORD.findall(text, first.end(), limit)[: lx.CLAUSE_VERB_REACH]
    if any(lx.FINITE_VERB.fullmatch(w) for w in next_words):
        return position
    return None


def _trailing(
    report: Report, finder: SpeakerFinder, cue: Span, form: str, sentence: Span
) -> Found | None:
    """ "The talks were useful, Blinken said." — the clause before a closing attribution."""
    text = report.text
    speaker = finder.before(cue.start, sentence.start, inherit=False)
    tail_start = cue.end
    if speaker is not None:
        comma = _comma_before(text, sentence.start, speaker.phrase.start)
    else:
        comma = _comma_before(text, sentence.start, cue.start)
        speaker = finder.after(cue.end, sentence.end) if comma is not None else None
        if speaker is not None:
            tail_start = speaker.phrase.end
    if comma is None or speaker is None or not _is_tail(text, tail_start, sentence.end, form):
        return None
    span = _trim(text, sentence.start, comma)
    return Found(span, INDIRECT, speaker, cue) if span is not None else None


def _according(report: Report, finder: SpeakerFinder, cue: Span, sentence: Span) -> Found | None:
    text = report.text
    speaker = finder.after(cue.end, sentence.end)
    if speaker is None:
        return None
    if not text[sentence.start : cue.start].strip():  # "According to X, …"
        comma = text.find(",", speaker.phrase.end, min(sentence.end, speaker.phrase.end + 60))
        span = _trim(text, comma + 1, sentence.end) if comma != -1 else None
    else:  # "…, according to X."
        closing = _comma_before(text, sentence.start, cue.start)
        if closing is None or not _is_tail(text, speaker.phrase.end, sentence.end, lx.ACCORDING_TO):
            return None
        span = _trim(text, sentence.start, closing)
    return Found(span, INDIRECT, speaker, cue) if span is not None else None


def _comma_before(text: str, floor: int, position: int) -> int | None:
    """The comma just before `position` (possibly inside a closing quote mark: `,"`)."""
    end = position
    while end > floor and text[end - 1].isspace():
        end -= 1
    if end > floor and text[end - 1] in DOUBLE_MARKS + "’":
        end -= 1
    if end > floor and text[end - 1] == ",":
        return end - 1
    return None


def _after_comma(text: str, floor: int, position: int) -> bool:
    return text[floor:position].rstrip().endswith(",")


def _is_tail(text: str, start: int, end: int, form: str) -> bool:
    """Whether what follows an attribution just closes its sentence: "in a statement."."""
    stop = lx.CLAUSE_STOP.search(text, start, end)
    tail = text[start : stop.start() if stop else end].strip().rstrip(".!?").strip()
    if not tail:
        return True
    if any(ch in DOUBLE_MARKS for ch in tail):
        return False
    words = lx.WORD.findall(tail)
    if not words:  # only punctuation left: ".)", "?'"
        return True
    if len(words) > MAX_TAIL_WORDS or any(w.lower() == "that" for w in words):
        return False
    first = words[0].lower()  # "in a statement", "who accompanied him"
    return first in lx.GAP_OPENERS or first in lx.RELATIVE_PRONOUNS or form in lx.OBJECT_VERBS


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING_PUNCTUATION:
        end -= 1
    # A clause that opens a quotation keeps its closing mark: … including "countering …"
    marks = sum(text.count(mark, start, end) for mark in DOUBLE_MARKS)
    if marks % 2:
        closing = _CLOSING.match(text, end)
        if closing is not None:
            end = closing.end()
    if len(lx.WORD.findall(text, start, end)) < MIN_CLAUSE_WORDS:
        return None
    return Span(start, end)
