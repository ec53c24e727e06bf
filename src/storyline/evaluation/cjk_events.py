"""How well events and quotes are read from Japanese, Chinese and Korean reports.

The gold sentences are our own (`tests/events/data/cjk_events.jsonl`,
`tests/quotes/data/cjk_quotes.jsonl`): each record has its language, its split
("tune": read while fixing the rules; "heldout": never read for that), the text
and, for events, the report date and each event's type, trigger, status and
participants as written; for quotes, each quotation's words and speaker.

Every sentence goes through the real per-report stages, as `storyline ingest`
runs them (`ingest.analysis.standard_stages`): the language's analyser, office
terms, dating, time, linking, events and quotes. Scores, per language and split:

- trigger P/R/F1: a predicted event matches a gold one of the same type whose
  trigger span it overlaps (one to one);
- participant P/R over matched events: a predicted participant matches a gold
  one whose span it overlaps;
- status accuracy over matched events;
- quote P/R/F1: a predicted quotation matches a gold one whose span it overlaps;
- speaker accuracy over matched quotations: the predicted speaker span overlaps
  the gold speaker.

Run: `storyline eval languages` (or `python -m storyline.evaluation.cjk_events`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Final

from storyline.evaluation.metrics import Score
from storyline.pipeline import Stage
from storyline.records import Document, Span

_TESTS: Final = Path(__file__).resolve().parents[3] / "tests"
EVENTS_DATA: Final = _TESTS / "events" / "data" / "cjk_events.jsonl"
QUOTES_DATA: Final = _TESTS / "quotes" / "data" / "cjk_quotes.jsonl"
LANGUAGES: Final = ("ja", "zh", "ko")
SPLITS: Final = ("tune", "heldout")

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class EventCounts:
    """Event mentions predicted and gold, and what matched."""

    predicted: int = 0
    gold: int = 0
    triggers: int = 0  # matched (same type, overlapping trigger)
    participants_predicted: int = 0  # over matched events
    participants_gold: int = 0
    participants: int = 0
    statuses: int = 0  # matched events with the gold status

    def __add__(self, other: EventCounts) -> EventCounts:
        return EventCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def trigger(self) -> Score:
        return _score(self.triggers, self.predicted, self.gold)

    @property
    def participant(self) -> Score:
        return _score(self.participants, self.participants_predicted, self.participants_gold)

    @property
    def status_accuracy(self) -> float:
        return self.statuses / self.triggers if self.triggers else 0.0


@dataclass(frozen=True, slots=True)
class QuoteCounts:
    """Quotations predicted and gold, and what matched."""

    predicted: int = 0
    gold: int = 0
    quotes: int = 0  # matched by overlapping span
    speakers: int = 0  # matched quotations whose speaker overlaps the gold one

    def __add__(self, other: QuoteCounts) -> QuoteCounts:
        return QuoteCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def quote(self) -> Score:
        return _score(self.quotes, self.predicted, self.gold)

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers / self.quotes if self.quotes else 0.0


@dataclass(frozen=True, slots=True)
class Figures:
    """One language and split: its sentences, event counts and quote counts."""

    language: str
    split: str
    sentences: int
    events: EventCounts
    quotes: QuoteCounts


def _score(hits: int, predicted: int, gold: int) -> Score:
    return Score(hits / predicted if predicted else 0.0, hits / gold if gold else 0.0)


def read_records(path: Path) -> list[Record]:
    """The records of a JSON-lines gold file."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def as_document(record: Record) -> Document:
    """A gold sentence as the cleaner hands a report on: its text, language and date."""
    date = record.get("report_date")
    return Document(
        id=record["id"], key=record["id"], origin=f"{record['id']}.txt", source="cjk-eval",
        text=record["text"], language=record["language"], published=date,
        published_how="metadata" if date else None,
    )  # fmt: skip


def analyse(records: Sequence[Record], stages: Sequence[Stage]) -> list[Document]:
    """Each record's document after the stages, in order."""
    stream: Iterable[Document] = (as_document(record) for record in records)
    for stage in stages:
        stream = stage.pipe(stream)
    return list(stream)


def _located(text: str, words: str) -> Span:
    """The first place `words` are written in `text` (the gold files' convention)."""
    at = text.index(words)
    return Span(at, at + len(words))


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _pairs(
    gold: Sequence[Span], predicted: Sequence[Span], same: Any = None
) -> Iterator[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans, gold in order,
    each taking the first free prediction; `same(g, p)` may add a condition."""
    taken: set[int] = set()
    for g, gold_span in enumerate(gold):
        for p, span in enumerate(predicted):
            if p not in taken and _overlaps(gold_span, span) and (same is None or same(g, p)):
                taken.add(p)
                yield g, p
                break


def score_events(record: Record, doc: Document) -> EventCounts:
    """The event counts of one gold sentence against its analysed document."""
    text, gold = record["text"], record["events"]
    predicted = doc.events
    counts = EventCounts(predicted=len(predicted), gold=len(gold))
    pairs = _pairs(
        [_located(text, g["trigger"]) for g in gold],
        [e.trigger for e in predicted],
        lambda g, p: gold[g]["type"] == predicted[p].type,
    )
    for g, p in pairs:
        gold_parts = [_located(text, name) for name in gold[g]["participants"]]
        parts = [participant.span for participant in predicted[p].participants]
        counts += EventCounts(
            triggers=1,
            participants_predicted=len(parts),
            participants_gold=len(gold_parts),
            participants=sum(1 for _ in _pairs(gold_parts, parts)),
            statuses=int(gold[g]["status"] == predicted[p].status),
        )
    return counts


def score_quotes(record: Record, doc: Document) -> QuoteCounts:
    """The quote counts of one gold sentence against its analysed document."""
    text, gold = record["text"], record["quotes"]
    predicted = [quote for quote in doc.quotes if quote.kind == "direct"]
    counts = QuoteCounts(predicted=len(predicted), gold=len(gold))
    for g, p in _pairs([_located(text, q["quote"]) for q in gold], [q.span for q in predicted]):
        speaker = predicted[p].speaker
        right = speaker is not None and _overlaps(speaker, _located(text, gold[g]["speaker"]))
        counts += QuoteCounts(quotes=1, speakers=int(right))
    return counts


def evaluate(stages: Sequence[Stage], events_path: Path = EVENTS_DATA,
             quotes_path: Path = QUOTES_DATA) -> list[Figures]:  # fmt: skip
    """Figures per language and split, the sentences analysed by `stages`."""
    events, quotes = read_records(events_path), read_records(quotes_path)
    event_docs = analyse(events, stages)
    quote_docs = analyse(quotes, stages)
    figures = []
    for language in LANGUAGES:
        for split in SPLITS:
            chosen = [
                i for i, r in enumerate(events) if (r["language"], r["split"]) == (language, split)
            ]
            quoted = [
                i for i, r in enumerate(quotes) if (r["language"], r["split"]) == (language, split)
            ]
            figures.append(Figures(
                language, split, len(chosen) + len(quoted),
                sum((score_events(events[i], event_docs[i]) for i in chosen), EventCounts()),
                sum((score_quotes(quotes[i], quote_docs[i]) for i in quoted), QuoteCounts()),
            ))  # fmt: skip
    return figures


def misses(stages: Sequence[Stage], split: str, events_path: Path = EVENTS_DATA,
           quotes_path: Path = QUOTES_DATA) -> Iterator[str]:  # fmt: skip
    """One line per sentence of `split` whose reading differs from its gold, for reading
    the errors of the tuning half."""
    for path, key in ((events_path, "events"), (quotes_path, "quotes")):
        records = [r for r in read_records(path) if r["split"] == split]
        for record, doc in zip(records, analyse(records, stages), strict=True):
            got = _readable_events(doc) if key == "events" else _readable_quotes(doc)
            want = _gold_events(record) if key == "events" else _gold_quotes(record)
            if got != want:
                yield f"{record['id']} {record['text']}\n   gold {want}\n   got  {got}"


def _readable_events(doc: Document) -> list[str]:
    return sorted(
        f"{e.type}:{e.trigger.of(doc.text)}:{e.status}:"
        + ",".join(p.span.of(doc.text) for p in e.participants)
        for e in doc.events
    )


def _gold_events(record: Record) -> list[str]:
    return sorted(
        f"{g['type']}:{g['trigger']}:{g['status']}:" + ",".join(g["participants"])
        for g in record["events"]
    )


def _readable_quotes(doc: Document) -> list[str]:
    return [
        f"{q.span.of(doc.text)} <- {q.speaker.of(doc.text) if q.speaker else None}"
        for q in doc.quotes
    ]


def _gold_quotes(record: Record) -> list[str]:
    return [f"{q['quote']} <- {q['speaker']}" for q in record["quotes"]]


def figures_as_dict(figures: Sequence[Figures]) -> list[dict[str, Any]]:
    """The figures as plain numbers, for `--json` and for tests."""
    return [
        {
            "language": f.language,
            "split": f.split,
            "sentences": f.sentences,
            "events": f.events.gold,
            "trigger_p": f.events.trigger.precision,
            "trigger_r": f.events.trigger.recall,
            "trigger_f1": f.events.trigger.f1,
            "participant_p": f.events.participant.precision,
            "participant_r": f.events.participant.recall,
            "status_accuracy": f.events.status_accuracy,
            "quotes": f.quotes.gold,
            "quote_p": f.quotes.quote.precision,
            "quote_r": f.quotes.quote.recall,
            "quote_f1": f.quotes.quote.f1,
            "speaker_accuracy": f.quotes.speaker_accuracy,
        }  # fmt: skip
        for f in figures
    ]


def format_figures(figures: Sequence[Figures]) -> str:
    """A table: one row per language and split."""
    header = ("lang", "split", "events", "trig P", "trig R", "trig F1", "part P", "part R",
              "status", "quotes", "quote P", "quote R", "speaker")  # fmt: skip
    rows = [header]
    for row in figures_as_dict(figures):
        rows.append((
            row["language"], row["split"], str(row["events"]),
            *(f"{row[k]:.2f}" for k in ("trigger_p", "trigger_r", "trigger_f1",
                                        "participant_p", "participant_r", "status_accuracy")),
            str(row["quotes"]),
            *(f"{row[k]:.2f}" for k in ("quote_p", "quote_r", "speaker_accuracy")),
        ))  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


def ingest_stages() -> list[Stage]:
    """The stages `storyline ingest` runs on each report, with the default settings."""
    from storyline.ingest.analysis import standard_stages
    from storyline.settings import Settings

    return list(standard_stages(Settings()))


def main() -> None:
    """Print the figures with the standard stages and default settings."""
    print(format_figures(evaluate(ingest_stages())))


if __name__ == "__main__":
    main()
