"""Sentences and named-entity mentions from spaCy, batched over both cores."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from storyline.nlp.languages import Analyser, analyser_for, stripped_span
from storyline.nlp.mentions import make_mention
from storyline.nlp.title_phrases import title_mentions
from storyline.pipeline import Stage
from storyline.records import KIND_BY_LABEL, Document, Mention, Sentence, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class Annotator(Protocol):
    """A step that reads the parse of a report (e.g. `events.extract.v1`)."""

    adds: ClassVar[frozenset[str]]

    def annotate(self, doc: Document, spacy_doc: Doc) -> Document: ...


@runtime_checkable
class OriginalAnnotator(Protocol):
    """An annotator that also reads reports analysed in their own language (no spaCy
    parse; sentences and mentions only)."""

    def annotate_original(self, doc: Document) -> Document: ...


def no_analyser_flag(language: str | None) -> str:
    """The flag of a report left unanalysed: no analyser reads its language."""
    return f"no-analyser:{language or 'unknown'}"


class SpacyStage(Stage):
    """Runs the spaCy pipeline over every English, non-duplicate report, and the
    language's own analyser (`nlp.languages`) over a report in a language that has one.

    With `english_only`, another report passes through unchanged but for a flag
    `no-analyser:xx` saying why. Reports the English model does not read are fed
    to spaCy as empty strings so that the output stream stays aligned with the
    input, at no cost.
    """

    name: ClassVar[str] = "nlp.spacy.v1"
    needs: ClassVar[frozenset[str]] = frozenset({"text", "language", "duplicates"})
    adds: ClassVar[frozenset[str]] = frozenset({"sentences", "mentions"})

    def __init__(
        self,
        nlp: Language,
        *,
        batch_size: int = 64,
        processes: int = 1,
        english_only: bool = True,
        annotators: Sequence[Annotator] = (),
    ) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.processes = processes
        self.english_only = english_only
        # Steps that need the parse (event extraction) run here, on the same spaCy Doc,
        # so no report is parsed twice; what they add is declared with the stage's.
        self.annotators = tuple(annotators)
        self.adds = SpacyStage.adds.union(*(a.adds for a in annotators))  # type: ignore[misc]

    def wants(self, doc: Document) -> bool:
        return self.parses(doc) or self.analyser(doc) is not None

    def parses(self, doc: Document) -> bool:
        """Whether the English model reads `doc`."""
        if doc.is_duplicate or self.analyser(doc) is not None:
            return False
        return not self.english_only or doc.language == "en"

    @staticmethod
    def analyser(doc: Document) -> Analyser | None:
        """The analyser of the original language of `doc`, when it has one."""
        if doc.is_duplicate or doc.language in (None, "en"):
            return None
        return analyser_for(doc.language)

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = (model_safe(doc) for doc in docs)
        parsed = parse_alongside(self.nlp, docs, self.parses, self.batch_size, self.processes)
        for doc, spacy_doc in parsed:
            yield self._passed(doc) if spacy_doc is None else self.annotate(doc, spacy_doc)

    def __call__(self, doc: Document) -> Document:
        doc = model_safe(doc)
        if not self.parses(doc):
            return self._passed(doc)
        return self.annotate(doc, self.nlp(doc.text))

    def _passed(self, doc: Document) -> Document:
        """A report the English model does not read: analysed in its language when it
        has an analyser, else unchanged (flagged when it is skipped for its language)."""
        analyser = self.analyser(doc)
        if analyser is not None:
            return self.annotate_original(doc, analyser)
        if doc.is_duplicate or doc.language == "en" or not self.english_only:
            return doc
        return replace(doc, flags=doc.flagged(no_analyser_flag(doc.language)))

    def annotate_original(self, doc: Document, analyser: Analyser) -> Document:
        """`doc` with the sentences and names its language's analyser reads, then the
        annotators that read such reports (event triggers of the language)."""
        analysis = analyser.analyse(doc.text)
        sentences = tuple(Sentence(span, self.name) for span in analysis.sentences)
        mentions = []
        titles = dict(analysis.titles)
        for span, label in analysis.names:
            mention = original_mention(doc.text, span, label, self.name)
            if mention is not None:
                mentions.append(replace(mention, title=titles.get(span)))
        mentions.sort(key=lambda m: (m.span.start, m.span.end))
        doc = doc.evolve(self.name, sentences=sentences, mentions=tuple(mentions))
        for annotator in self.annotators:
            if isinstance(annotator, OriginalAnnotator):
                doc = annotator.annotate_original(doc)
        return doc

    def annotate(self, doc: Document, spacy_doc: Doc) -> Document:
        sentences = tuple(
            Sentence(span, self.name)
            for sent in spacy_doc.sents
            for span in _line_spans(doc.text, sent.start_char, sent.end_char)
        )
        mentions: list[Mention] = []
        for ent in spacy_doc.ents:
            mention = make_mention(
                doc.text, Span(ent.start_char, ent.end_char), ent.label_, self.name
            )
            if mention is not None:
                mentions.append(mention)
        mentions += title_mentions(doc.text, mentions, self.name)
        mentions.sort(key=lambda m: (m.span.start, m.span.end))
        doc = doc.evolve(self.name, sentences=sentences, mentions=tuple(mentions))
        for annotator in self.annotators:
            try:
                doc = annotator.annotate(doc, spacy_doc)
            except Exception as exc:
                # A failure is the annotator's, not the parser's (the skip names it).
                exc.storyline_stage = getattr(annotator, "name", type(annotator).__name__)  # type: ignore[attr-defined]
                raise
        return doc


_SURROGATES = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, one character for one (no
    encoder takes a lone surrogate; every offset stays where it was)."""
    return _SURROGATES.sub("\ufffd", text)


def model_safe(doc: Document) -> Document:
    """`doc` with the lone surrogates of its text replaced (`without_surrogates`): the
    ingest's decoding removes them, a report handed in directly may still hold one."""
    text = without_surrogates(doc.text)
    return doc if text == doc.text else replace(doc, text=text)


def original_mention(text: str, span: Span, label: str, stage: str) -> Mention | None:
    """A name an analyser found in a report's original language, as a mention (the
    English clean-up of titles and possessives does not apply to it); None for a label
    that makes no entity mention."""
    kind = KIND_BY_LABEL.get(label)
    if kind is None or span.end <= span.start:
        return None
    return Mention(span, text[span.start : span.end], label, kind, stage)


def _line_spans(text: str, start: int, end: int) -> Iterator[Span]:
    """The parts of `[start, end)` on separate lines, without surrounding white space.

    The model sometimes runs a sentence over a paragraph break; a sentence never
    crosses a line of the clean text (paragraphs are lines).
    """
    position = start
    while position < end:
        stop = text.find("\n", position, end)
        stop = end if stop == -1 else stop
        span = stripped_span(text, position, stop)
        if span is not None:
            yield span
        position = stop + 1


def parse_alongside(
    nlp: Language,
    docs: Iterable[Document],
    wants: Callable[[Document], bool],
    batch_size: int,
    processes: int = 1,
) -> Iterator[tuple[Document, Doc | None]]:
    """Each report with its parse (None when `wants` declines it), in order, streamed
    through `nlp.pipe`: a declined report is parsed as "" to keep its place."""
    waiting: dict[int, Document] = {}

    def feed() -> Iterator[tuple[str, int]]:
        for number, doc in enumerate(docs):
            waiting[number] = doc
            yield (doc.text if wants(doc) else "", number)

    parsed = nlp.pipe(feed(), as_tuples=True, batch_size=batch_size, n_process=processes)
    for spacy_doc, number in parsed:
        doc = waiting.pop(number)
        yield doc, (spacy_doc if wants(doc) else None)


def is_parse_of(spacy_doc: Doc, text: str) -> bool:
    """Whether `spacy_doc` parses `text`, checked without joining its tokens again
    (`Doc.text` rebuilds the string on every call, a millisecond for a long report):
    the lengths agree and the first and last tokens stand at their offsets."""
    if len(spacy_doc) == 0:
        return text == ""
    first, last = spacy_doc[0], spacy_doc[-1]
    if last.idx + len(last.text_with_ws) != len(text):
        return False
    return all(text[t.idx : t.idx + len(t.text)] == t.text for t in (first, last))
