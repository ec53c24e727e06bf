"""Who speaks: the words before or after a speech cue, resolved within the report.

A speaker phrase is, in order of preference: a mention ("Blinken", "the State
Department", coordinated "Blinken and Austin"); a pronoun ("he" -> the most recent
person mention outside quotations); a title ("the foreign minister" -> the most
recent person whose title in this report has those words); a description of an
organisation ("the ministry" -> the most recent ORG mention with that word); a
singular unnamed source ("a Japanese government official", kept as its own span);
a plural unnamed source ("officials", kept with no speaker span).

`Speaker.phrase` is where the speaker is named next to the cue; `Speaker.span` is the
speaker itself, which for a pronoun or title is a mention earlier in the report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.quotes import lexicon as lx
from storyline.quotes import phrases as ph
from storyline.quotes.context import Report, inside
from storyline.records import Mention, Span

# Speakers joined by "and" ("Blinken and Austin said"); a comma alone joins too much.
_COORDINATION = re.compile(r"(?:\s*,)?\s+(?:and|&)\s+$")
_COORDINATION_AHEAD = re.compile(r"(?:\s*,)?\s+(?:and|&)\s+")
#: How far back a subject may reach from its verb.
_REACH = 120
#: An appositive between a speaker and the verb ("Shaw, the chancellor, said") is this short.
_APPOSITIVE_WORDS = 8


@dataclass(frozen=True, slots=True)
class Speaker:
    phrase: Span  # the words naming the speaker next to the cue
    span: Span | None  # the speaker: a mention, a title or a source phrase; None if unnamed
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class SpeakerFinder:
    report: Report
    quoted: Sequence[Span]  # quoted words: their mentions are never antecedents
    sources: Sequence[Span] = ()  # unnamed people who speak ("a diplomatic source"): antecedents

    @classmethod
    def build(cls, report: Report, quoted: Sequence[Span]) -> SpeakerFinder:
        """A finder that also knows the unnamed people who speak in the report."""
        plain = cls(report, quoted)
        sources: list[Span] = []
        for cue in lx.CUE.finditer(report.text):
            if inside(cue.start(), quoted):
                continue
            floor = report.sentence_at(cue.start()).start
            speaker = plain.before(cue.start(), floor, inherit=False) or plain.after(cue.end())
            if (
                speaker is not None
                and speaker.span == speaker.phrase
                and ph.is_person_source(speaker.phrase.of(report.text))
            ):
                sources.append(speaker.phrase)
        return cls(report, quoted, tuple(sorted(set(sources))))

    # --- Entry points ------------------------------------------------------------------

    def for_cue(self, cue: Span, floor: int, *, inverted: bool = True) -> Speaker | None:
        """The speaker of the speech verb at `cue`, looking no further back than `floor`."""
        form = " ".join(cue.of(self.report.text).lower().split())
        if form == lx.ACCORDING_TO:
            return self.after(cue.end)
        if form in lx.PARTICIPLES:
            return self.inherited(cue.start)
        found = self.before(cue.start, floor)
        if found is None and inverted:
            found = self.after(cue.end)
        return found

    def before(self, end: int, floor: int, *, inherit: bool = True) -> Speaker | None:
        """The subject ending just before `end` (a speech verb), skipping adverbs."""
        text = self.report.text
        floor = max(floor, end - _REACH, 0)
        words = ph.words_before(text, end, floor)
        while words and (words[-1].lower in lx.SKIP_BEFORE_CUE or ph.is_adverb(words[-1])):
            words.pop()
        position = words[-1].end if words else ph.skip_space_back(text, end, floor)
        if position <= floor:
            return None
        mention = self.report.mention_ending_at(position)
        if mention is not None and mention.span.start >= floor:
            if ph.attached(words, mention):  # "a diplomatic source in Seoul"
                phrase = self._noun_phrase_before(words)
                if phrase is not None:
                    return phrase
            return self._named(mention, floor)
        if text[position - 1] == ",":
            return self._appositive(position - 1, floor)
        if not words or words[-1].end != position:
            return None
        last = words[-1]
        if last.lower in ("and", "but") and inherit:
            return self.inherited(end)
        if last.lower in lx.RELATIVE_PRONOUNS:
            comma = ph.skip_space_back(text, last.start, floor)
            if comma > floor and text[comma - 1] == ",":
                comma -= 1
            return self.before(comma, floor, inherit=False)
        pronoun = self._pronoun(last)
        if pronoun is not None:
            return pronoun
        phrase = self._noun_phrase_before(words)
        if phrase is not None:
            return phrase
        if last.text[0].isupper() and last.lower not in lx.NOT_A_NAME:
            names = [w for w in words if w.text[0].isupper() and w.lower not in lx.NOT_A_NAME]
            return self._proper_name(names, last)
        if last.text.isalpha() and last.text.islower() and last.lower not in lx.NOT_SPEAKER:
            return Speaker(Span(last.start, last.end), None)  # "both sides", "critics"
        return None

    def after(self, start: int, ceiling: int | None = None) -> Speaker | None:
        """The speaker named just after `start`: "said Blinken", "according to the ministry"."""
        text = self.report.text
        ceiling = min(len(text), start + _REACH if ceiling is None else ceiling)
        words = ph.words_after(text, start, ceiling)
        if not words:
            return None
        pronoun = self._pronoun(words[0])
        if pronoun is not None:
            return pronoun
        phrase: list[ph.Word] = []
        for word in words[:9]:
            if word.lower in lx.NOT_SPEAKER and word.lower not in lx.SPEAKER_PREPOSITIONS:
                break
            phrase.append(word)
        for index, word in enumerate(phrase[:7]):
            mention = self.report.mention_starting_at(word.start)
            if mention is not None and not self._modifies_head(mention, phrase):
                if all(ph.title_like(w) for w in phrase[:index]):
                    return self._named_ahead(mention, ceiling)
                break
        head = ph.head_index(phrase)
        if head is not None:
            end = ph.prepositional_tail(phrase, head)
            first = next((i for i, w in enumerate(phrase) if w.lower not in lx.DETERMINERS), 0)
            return self._classify(phrase[0].start, end, phrase[head], phrase[first:head])
        names: list[ph.Word] = []
        for word in phrase:
            if not word.text[0].isupper() or word.lower in lx.NOT_A_NAME:
                break
            names.append(word)
        if names:
            return self._proper_name(names, names[-1])
        return None

    def inherited(self, position: int) -> Speaker | None:
        """The speaker of a participle or a second verb: "…, saying", "… and noted"."""
        report = self.report
        sentence = report.sentence_at(position)
        earlier = [
            m
            for m in lx.CUE.finditer(report.text, sentence.start, position)
            if not inside(m.start(), self.quoted)
        ]
        for cue in reversed(earlier):
            form = " ".join(cue.group().lower().split())
            if form in lx.PARTICIPLES or form == lx.ACCORDING_TO:
                continue
            found = self.before(cue.start(), sentence.start, inherit=False)
            if found is not None:
                return found
        within = [
            m
            for m in report.mentions_within(Span(sentence.start, position))
            if not self._is_quoted(m)
        ]
        person = next((m for m in within if report.is_person(m)), None)
        if person is not None:
            return self._named(person, sentence.start, coordinate=False)
        first = ph.words_after(report.text, sentence.start, position)
        if first:
            pronoun = self._pronoun(first[0])
            if pronoun is not None:
                return pronoun
        group = ph.plural_subject(report.text, sentence.start, position)
        if group is not None and (not within or group.end <= within[0].span.start):
            return Speaker(group, None)  # "The top officials of the two countries …, saying"
        if within:
            return self._named(within[0], sentence.start, coordinate=False)
        return None

    # --- Resolution --------------------------------------------------------------------

    def person_before(self, position: int, title: frozenset[str] | None = None) -> Mention | None:
        """The most recent person mention before `position` outside quotations (with `title`)."""
        for mention in self.report.mentions_before(position):
            if not self.report.is_person(mention) or self._is_quoted(mention):
                continue
            if title is None or any(title <= known for known in self.report.titles_of(mention)):
                return mention
        return None

    def organisation_before(self, position: int, head: str | None) -> Mention | None:
        for mention in self.report.mentions_before(position):
            if mention.kind != "organization" or self.report.is_person(mention):
                continue
            if self._is_quoted(mention):
                continue
            if head is None or head in mention.span.of(self.report.text).lower():
                return mention
        return None

    def _pronoun(self, word: ph.Word) -> Speaker | None:
        phrase = Span(word.start, word.end)
        if word.lower in lx.SINGULAR_PRONOUNS:
            found = self.person_before(word.start)
            source = next((s for s in reversed(self.sources) if s.end <= word.start), None)
            if source is not None and (found is None or found.span.end < source.start):
                return Speaker(phrase, source)
        elif word.lower == "it":  # an organisation only when one was just named
            found = self.organisation_before(word.start, None)
            previous = self.report.sentence_before(self.report.sentence_at(word.start).start)
            horizon = previous.start if previous is not None else 0
            if found is not None and found.span.start < horizon:
                found = None
        elif word.lower in lx.GROUP_PRONOUNS:
            return Speaker(phrase, None)
        else:
            return None
        return Speaker(phrase, found.span if found else None, found.entity if found else None)

    def _named(self, mention: Mention, floor: int, *, coordinate: bool = True) -> Speaker:
        first = mention
        while coordinate:
            window = max(floor, first.span.start - 8)
            gap = _COORDINATION.search(self.report.text, window, first.span.start)
            other = self.report.mention_ending_at(gap.start()) if gap else None
            if other is None or other.span.start < floor or not self._alike(other, mention):
                break
            first = other
        if first is mention:
            return Speaker(mention.span, mention.span, mention.entity)
        together = Span(first.span.start, mention.span.end)
        return Speaker(together, together)

    def _named_ahead(self, mention: Mention, ceiling: int) -> Speaker:
        last = mention
        while True:
            gap = _COORDINATION_AHEAD.match(self.report.text, last.span.end, ceiling)
            other = self.report.mention_starting_at(gap.end()) if gap else None
            if other is None or other.span.end > ceiling or not self._alike(other, mention):
                break
            last = other
        if last is mention:
            return Speaker(mention.span, mention.span, mention.entity)
        together = Span(mention.span.start, last.span.end)
        return Speaker(together, together)

    def _appositive(self, comma: int, floor: int) -> Speaker | None:
        """ "Britain's chancellor, Henry Shaw, said" and "Blinken, who …, said"."""
        text = self.report.text
        opening = text.rfind(",", floor, comma)
        if opening == -1:
            return None
        inner = ph.words_after(text, opening + 1, comma)
        if not inner:
            return None
        mention = self.report.mention_ending_at(ph.skip_space_back(text, comma, opening))
        if mention is not None and mention.span.start == inner[0].start:
            return self._named(mention, opening, coordinate=False)
        first = inner[0].lower
        if (
            first in lx.RELATIVE_PRONOUNS
            or first.isdigit()
            or first in lx.GAP_OPENERS
            or (first.endswith("ing") and first.isalpha())
        ):  # "Blinken, who …,", "Kerr, 61,", "Sadiq, speaking at the summit,"
            return self.before(opening, floor, inherit=False)
        descriptive = inner[0].lower in lx.DETERMINERS or lx.POSSESSIVE.match(inner[0].text)
        if descriptive and len(lx.WORD.findall(text, opening, comma)) <= _APPOSITIVE_WORDS:
            return self.before(opening, floor, inherit=False)
        return None

    def _noun_phrase_before(self, words: list[ph.Word], end: int | None = None) -> Speaker | None:
        """A title, description or source ending the subject: "a spokeswoman for the utility"."""
        last = len(words) - 1
        head = last if ph.head(words[last].lower) else None
        if head is None:  # a short prepositional tail after the head
            for index in range(last - 1, max(-1, last - 6), -1):
                if (
                    ph.head(words[index].lower)
                    and words[index + 1].lower in lx.SPEAKER_PREPOSITIONS
                    and ph.attachable(words[index + 2 :])
                ):
                    head = index
                    break
        if head is None:
            return None
        start = head
        while start > 0 and head - start < 5:
            word = words[start - 1]
            if word.lower in lx.DETERMINERS or lx.POSSESSIVE.match(word.text):
                start -= 1
                break
            if word.lower in lx.NOT_SPEAKER or word.text[0] in '"“”«»':
                break
            start -= 1
        if (
            start >= 2
            and words[start - 1].lower in lx.SPEAKER_PREPOSITIONS
            and ph.head(words[start - 2].lower)
        ):
            # "an official at the embassy": the embassy qualifies the official
            return self._noun_phrase_before(words[: start - 1], end=words[last].end)
        modifiers = [w for w in words[start:head] if w.lower not in lx.DETERMINERS]
        return self._classify(words[start].start, end or words[last].end, words[head], modifiers)

    def _classify(
        self, start: int, end: int, head: ph.Word, modifiers: Sequence[ph.Word]
    ) -> Speaker:
        phrase = Span(start, end)
        text = self.report.text
        determiner = text[start : head.start].split()[0].lower() if start < head.start else ""
        if head.lower in lx.PLURAL_SOURCES:
            return Speaker(phrase, None)
        if head.lower in lx.TITLE_HEADS and determiner not in ("a", "an", "one", "another"):
            wanted = lx.title_words(" ".join([*(w.text for w in modifiers), head.text]))
            person = self.person_before(start, wanted) if wanted else None
            if person is not None:
                return Speaker(phrase, person.span, person.entity)
        if head.lower in lx.ORG_HEADS and determiner in ("the", "its"):
            organisation = self.organisation_before(start, head.lower)
            if organisation is not None:
                return Speaker(phrase, organisation.span, organisation.entity)
        return Speaker(phrase, phrase)

    def _proper_name(self, names: Sequence[ph.Word], last: ph.Word) -> Speaker:
        """A capitalised name the model did not mark: kept as it stands."""
        run = [last]
        for word in reversed(names):
            if word.end < run[0].start and self.report.text[word.end : run[0].start].isspace():
                run.insert(0, word)
        phrase = Span(run[0].start, run[-1].end)
        return Speaker(phrase, phrase, self.report.entity_for_name(phrase.of(self.report.text)))

    def _modifies_head(self, mention: Mention, words: Sequence[ph.Word]) -> bool:
        """ "a senior State Department official", "Japanese media": the name qualifies a noun."""
        following = [w for w in words if w.start >= mention.span.end][:1]
        if not following or following[0].start - mention.span.end > 1:
            return False
        word = following[0]
        if ph.head(word.lower):
            return True
        return (  # a common noun after the name, not "Blinken yesterday"
            word.text.isalpha()
            and word.text.islower()
            and word.lower not in lx.NOT_SPEAKER
            and word.lower not in lx.GAP_OPENERS
            and word.lower not in lx.SPEECH_FORMS
        )

    def _alike(self, one: Mention, other: Mention) -> bool:
        return self.report.is_person(one) == self.report.is_person(other)

    def _is_quoted(self, mention: Mention) -> bool:
        return inside(mention.span.start, self.quoted)
