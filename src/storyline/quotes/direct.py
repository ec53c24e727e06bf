"""Direct quotations: who said each quoted stretch.

For each quoted stretch, in order:

1. an unclosed stretch that holds ", X said" or ", said X" ends there ("“It failed,
   Marin said at a rally." — the stray mark does not swallow the sentence);
2. words before it in its sentence ("the lead") must introduce it: a speech verb
   followed by at most a short adverbial or object and then , : or "that" ("X said,
   “…”", "X told reporters: “…”", "…, saying, “…”"), or a speaker and a colon
   ("Haddad: “…”"); a lead that does neither makes the stretch a phrase quoted inside
   a sentence (a term, a title, scare quotes), which is not a quotation of its own;
3. a stretch that opens its clause may be attributed by the words after it ("“…,”
   X said", "“…,” said the minister", "“…,” according to X");
4. otherwise it continues the previous quotation of its paragraph (or of the
   paragraph just before, when that ended on it), or takes the speaker named in the
   sentence before (a lead ending in a colon, a speech verb's subject, else the first
   person named there);
5. an unattributed stretch of four words or more is still a quotation, with no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.quotes import lexicon as lx
from storyline.quotes.context import Report, inside, key_of
from storyline.quotes.found import DIRECT, Found
from storyline.quotes.marks import DOUBLE_MARKS, Segment
from storyline.quotes.speakers import Speaker, SpeakerFinder
from storyline.records import Span

#: An unattributed quotation needs this many words to count as speech.
MIN_UNATTRIBUTED_WORDS = 4
#: At most this many words between a speech verb and the quotation it introduces.
MAX_LEAD_GAP_WORDS = 10
_LEAD_END = re.compile(r"\s*(?:[,:—–]|\bthat)\s*$")
_SPEAKER_LEAD_END = re.compile(r"\s*(?:[,:—–]|that)?\s*")
_COMMA = re.compile(r",\s")
#: An attribution after a quotation whose subject we cannot resolve has at most this many words.
_UNRESOLVED_SUBJECT_WORDS = 5
_BLOCKING_MARKS = DOUBLE_MARKS + "‘"


def attribute_direct(
    report: Report, segments: Sequence[Segment], finder: SpeakerFinder
) -> list[Found]:
    found: list[Found] = []
    for index, segment in enumerate(segments):
        previous = segments[index - 1] if index else None
        quote = _attribute(report, finder, segment, previous, found)
        if quote is not None:
            found.append(quote)
    return found


def _attribute(
    report: Report,
    finder: SpeakerFinder,
    segment: Segment,
    previous: Segment | None,
    found: Sequence[Found],
) -> Found | None:
    text = report.text
    if not segment.closed:
        cut = _inline_attribution(report, finder, segment)
        if cut is not None:
            return cut
    start = max(
        report.sentence_at(segment.outer.start).start,
        report.paragraph_at(segment.outer.start).start,
    )
    if previous is not None and previous.outer.end > start:
        start = previous.outer.end
    lead = Span(min(start, segment.outer.start), segment.outer.start)
    lead_text = lead.of(text).strip()
    if lead_text:
        introduced = from_lead(report, finder, lead, segment.outer.end)
        if introduced is not None:
            return Found(segment.inner, DIRECT, *introduced)
        if not lead_text.endswith((":", "—", "–")):
            return None  # a phrase quoted inside a sentence
    paragraph_end = report.paragraph_at(segment.outer.end - 1).end
    after = attribution_after(report, finder, segment.outer.end, paragraph_end)
    if after is not None:
        return Found(_trim_orphan(report, segment, after[0]), DIRECT, *after)
    inherited = _inherit(report, finder, segment, found)
    if inherited is not None:
        return Found(segment.inner, DIRECT, *inherited)
    if segment.opened and len(lx.WORD.findall(segment.inner.of(text))) >= MIN_UNATTRIBUTED_WORDS:
        return Found(segment.inner, DIRECT, None, None)
    return None


def from_lead(
    report: Report, finder: SpeakerFinder, lead: Span, quote_end: int | None = None
) -> tuple[Speaker | None, Span | None] | None:
    """The speaker and cue that the words before a quotation give, if they introduce it."""
    text = report.text
    cues = list(lx.CUE.finditer(text, lead.start, lead.end))
    if cues:
        cue = Span(cues[-1].start(), cues[-1].end())
        if _introduces(report, finder, cue, Span(cue.end, lead.end)) and not _quoted_subject(
            text, lead, quote_end
        ):
            return finder.for_cue(cue, lead.start), cue
    stripped = text[lead.start : lead.end].rstrip()
    if stripped.endswith(":"):
        colon = lead.start + len(stripped) - 1
        speaker = finder.before(colon, lead.start, inherit=False)
        if (
            speaker is not None
            and speaker.span is not None
            and _names_only(text, lead.start, speaker)
        ):
            return speaker, None
    return None


def attribution_after(
    report: Report, finder: SpeakerFinder, position: int, ceiling: int
) -> tuple[Speaker | None, Span] | None:
    """ "…," X said / "…," said X / "…," according to X: the speaker and cue after a quotation."""
    text = report.text
    limit = report.clause_end(position, ceiling)
    first = position
    while first < limit and (text[first].isspace() or text[first] == ","):
        first += 1
    if first >= limit:
        return None
    inverted = lx.CUE_AT_START.match(text, first, limit)
    if inverted is not None:
        cue = Span(inverted.start(1), inverted.end(1))
        return finder.after(cue.end, limit), cue
    match = lx.CUE.search(text, first, limit)
    if match is None:
        return None
    cue = Span(match.start(), match.end())
    speaker = finder.before(match.start(), first, inherit=False)
    if speaker is not None and speaker.phrase.start == first:
        return speaker, cue
    subject = text[first : match.start()]
    if "," not in subject and 0 < len(lx.WORD.findall(subject)) <= _UNRESOLVED_SUBJECT_WORDS:
        return None, cue  # someone we cannot name said it; not the speaker of the sentence before
    return None


def _introduces(report: Report, finder: SpeakerFinder, cue: Span, gap: Span) -> bool:
    """Whether the words between a speech verb and a quotation let the verb introduce it."""
    text = report.text
    gap_text = gap.of(text)
    if any(ch in _BLOCKING_MARKS for ch in gap_text):
        return False
    if not gap_text.strip():
        return True
    ending = _LEAD_END.search(gap_text)
    if ending is None:
        return False
    body = gap_text[: ending.start()].strip()
    if not body:
        return True
    words = lx.WORD.findall(body)
    if not words or len(words) > MAX_LEAD_GAP_WORDS or any(w.lower() == "that" for w in words):
        return False
    if re.search(r"[.;!?]", body):
        return False
    form = " ".join(cue.of(text).lower().split())
    if words[0].lower() in lx.GAP_OPENERS or form in lx.OBJECT_VERBS:
        return True
    speaker = finder.after(cue.end, gap.end)  # "said Blinken, “…”"
    return speaker is not None and bool(
        _SPEAKER_LEAD_END.fullmatch(text, speaker.phrase.end, gap.end)
    )


def _quoted_subject(text: str, lead: Span, quote_end: int | None) -> bool:
    """ "explained that “complete denuclearisation” remains the goal": a quoted subject."""
    if quote_end is None or not re.search(r"\bthat\s*$", text[lead.start : lead.end]):
        return False
    following = lx.WORD.match(
        text, quote_end + (1 if text[quote_end : quote_end + 1] == " " else 0)
    )
    return following is not None and bool(lx.FINITE_VERB.fullmatch(following.group()))


def _names_only(text: str, start: int, speaker: Speaker) -> bool:
    """ "Foreign Minister Motegi:" — nothing but capitalised words before the speaker."""
    before = lx.WORD.findall(text, start, speaker.phrase.start)
    return all(w[0].isupper() for w in before) and len(before) <= 5


def _inline_attribution(report: Report, finder: SpeakerFinder, segment: Segment) -> Found | None:
    """An unclosed quotation that runs into its own attribution: end it there."""
    text = report.text
    ceiling = report.paragraph_at(segment.inner.start).end
    for comma in _COMMA.finditer(text, segment.inner.start, segment.inner.end):
        after = attribution_after(report, finder, comma.start(), ceiling)
        if after is None:
            continue
        end = comma.start()
        while end > segment.inner.start and text[end - 1].isspace():
            end -= 1
        if end > segment.inner.start:
            return Found(Span(segment.inner.start, end), DIRECT, *after)
    return None


def _inherit(
    report: Report, finder: SpeakerFinder, segment: Segment, found: Sequence[Found]
) -> tuple[Speaker, Span | None] | None:
    """The speaker (and cue) of a quotation that names none: the quotation before it, or the
    sentence before (a lead ending in a colon, a speech verb's subject, the first person)."""
    paragraph = report.paragraph_index(segment.outer.start)
    previous = next((f for f in reversed(found) if f.kind == DIRECT), None)
    if previous is not None and previous.speaker is not None:
        previous_paragraph = report.paragraph_index(previous.span.end - 1)
        if previous_paragraph == paragraph or (
            previous_paragraph == paragraph - 1 and _ends_paragraph(report, previous)
        ):
            return previous.speaker, None
    sentence = report.sentence_before(segment.outer.start)
    if sentence is None or report.paragraph_index(sentence.start) < paragraph - 1:
        return None
    if inside(sentence.start, [f.span for f in found]):
        return None
    if sentence.of(report.text).rstrip().endswith(":"):
        introduced = from_lead(report, finder, Span(sentence.start, segment.outer.start))
        if introduced is not None and introduced[0] is not None:
            return introduced[0], introduced[1]
    for cue in lx.CUE.finditer(report.text, sentence.start, sentence.end):
        if inside(cue.start(), finder.quoted):
            continue
        speaker = finder.for_cue(Span(cue.start(), cue.end()), sentence.start, inverted=False)
        if speaker is not None and speaker.span is not None:
            return speaker, None
    for mention in report.mentions_within(sentence):
        if report.is_person(mention) and not inside(mention.span.start, finder.quoted):
            return Speaker(mention.span, mention.span, mention.entity), None
    return None


def _ends_paragraph(report: Report, quote: Found) -> bool:
    """Whether a quotation (or its attribution) is in the last sentence of its paragraph."""
    paragraph = report.paragraph_at(quote.span.end - 1)
    last = report.sentence_at(max(paragraph.end - 1, paragraph.start))
    return quote.span.end > last.start or (quote.cue is not None and quote.cue.start >= last.start)


def _trim_orphan(report: Report, segment: Segment, speaker: Speaker | None) -> Span:
    """A quotation whose opener was lost does not start with sentences naming its speaker."""
    inner = segment.inner
    if segment.opened or speaker is None or speaker.span is None:
        return inner
    key = key_of(speaker.span.of(report.text))
    start = inner.start
    for sentence in report.sentences_in(inner):
        if sentence.end >= inner.end:
            break
        named = any(
            key_of(m.span.of(report.text)) == key
            for m in report.mentions_within(Span(max(sentence.start, inner.start), sentence.end))
        )
        if not named:
            break
        start = sentence.end
    while start < inner.end and report.text[start].isspace():
        start += 1
    return Span(start, inner.end) if start < inner.end else inner
