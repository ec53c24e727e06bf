"""Time of the cross-report step (merging event mentions into events) against corpus size.

    python benchmarks/merge_scale.py                    # 1k, 10k and 100k reports
    python benchmarks/merge_scale.py --reports 1000 5000

Reports are synthetic variations: a pool of real events (one per five reports,
so the pool grows with the corpus, as news does), each with a type, a day, a
place and participants drawn from a pool of entities that grows too. Every
report tells two or three events, in its own words (sentences from a few
templates, with report-specific filler words), and about one report in twenty is
a syndicated copy of another. Only the merge runs (no language model): the
reports come with their event mentions, as the per-report stages leave them.

For each size it prints the merge time, time per report, the number of pairs
scored (against all pairs), and B³ of the merged events against the real
events, so that speed is not bought with quality. Growth is near-linear when
the time per report stays flat.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.evaluation.metrics import b_cubed  # noqa: E402
from storyline.events.merge import merge_reports  # noqa: E402
from storyline.records import (  # noqa: E402
    Document,
    EventMention,
    Mention,
    Participant,
    Sentence,
    Span,
)

_TYPES = {
    "meeting": ("{a} met {b} in {place} on {day}", "{a} and {b} held talks in {place} on {day}"),
    "visit": ("{a} visited {place} on {day} at the invitation of {b}",),
    "signing": ("{a} and {b} signed a deal in {place} on {day}",),
    "attack": ("{a} attacked positions held by {b} near {place} on {day}",),
    "statement": ("{a} announced support for {b} in {place} on {day}",),
}
_FILLER = ("officials", "analysts", "sources", "observers", "reporters", "diplomats", "aides")


@dataclass(frozen=True, slots=True)
class RealEvent:
    number: int
    type: str
    day: date
    place: str
    people: tuple[str, str]


def real_events(count: int, rng: random.Random) -> list[RealEvent]:
    people = [f"Person{n}" for n in range(max(50, count // 2))]
    places = [f"City{n}" for n in range(max(20, count // 10))]
    start = date(2020, 1, 1)
    return [
        RealEvent(
            n,
            rng.choice(sorted(_TYPES)),
            start + timedelta(days=rng.randrange(3 * 365)),
            rng.choice(places),
            tuple(rng.sample(people, 2)),  # type: ignore[arg-type]
        )
        for n in range(count)
    ]


def reports(count: int, seed: int = 7) -> tuple[list[Document], dict[tuple[str, int], int]]:
    """`count` reports and, for each event mention (document, trigger start), its real event."""
    rng = random.Random(seed)
    pool = real_events(max(1, count // 5), rng)
    docs: list[Document] = []
    truth: dict[tuple[str, int], int] = {}
    for n in range(count):
        doc_id = f"d{n:07d}"
        if docs and rng.random() < 0.05:
            original = rng.choice(docs)
            docs.append(_copy(original, doc_id))
            continue
        told = rng.sample(pool, min(len(pool), rng.choice((2, 3))))
        doc = _report(doc_id, told, rng, truth)
        docs.append(doc)
    return docs, truth


def _copy(original: Document, doc_id: str) -> Document:
    return Document(
        id=doc_id,
        key=doc_id,
        origin=doc_id,
        source="wire",
        text=original.text,
        published=original.published,
        duplicate_of=original.duplicate_of or original.id,
    )


def _report(
    doc_id: str, told: list[RealEvent], rng: random.Random, truth: dict[tuple[str, int], int]
) -> Document:
    parts: list[str] = []
    events: list[EventMention] = []
    mentions: list[Mention] = []
    sentences: list[Sentence] = []
    position = 0
    published = max(e.day for e in told) + timedelta(days=rng.randrange(2))
    for event in told:
        template = rng.choice(_TYPES[event.type])
        a, b = event.people if rng.random() < 0.5 else event.people[::-1]
        day = event.day + timedelta(days=1 if rng.random() < 0.03 else 0)  # a few disagree
        words = {"a": a, "b": b, "place": event.place, "day": day.isoformat()}
        sentence = template.format(**words) + f", {rng.choice(_FILLER)} said."
        start = position
        spans = {key: _find(sentence, value, start) for key, value in words.items()}
        trigger_word = sentence.split()[1] if event.type != "meeting" else "met"
        trigger = _find(sentence, trigger_word, start) if trigger_word in sentence else spans["a"]
        for key in ("a", "b", "place"):
            label = "GPE" if key == "place" else "PERSON"
            mentions.append(
                Mention(spans[key], words[key], label, "x", "bench", entity="e" + words[key])
            )
        events.append(
            EventMention(
                trigger=trigger,
                sentence=Span(start, start + len(sentence)),
                type=event.type,
                status="happened",
                stage="bench",
                date=day.isoformat(),
                place=spans["place"],
                place_entity="e" + event.place,
                participants=(
                    Participant("agent", spans["a"], "e" + a),
                    Participant("counterpart", spans["b"], "e" + b),
                ),
            )
        )
        truth[(doc_id, trigger.start)] = event.number
        sentences.append(Sentence(Span(start, start + len(sentence)), "bench"))
        parts.append(sentence)
        position += len(sentence) + 1
    return Document(
        id=doc_id,
        key=doc_id,
        origin=doc_id,
        source=f"outlet{rng.randrange(20)}",
        text=" ".join(parts),
        published=published.isoformat(),
        sentences=tuple(sentences),
        mentions=tuple(mentions),
        events=tuple(events),
    )


def _find(sentence: str, words: str, offset: int) -> Span:
    start = sentence.index(words)
    return Span(offset + start, offset + start + len(words))


def run(count: int) -> dict[str, float]:
    docs, truth = reports(count)
    started = time.perf_counter()
    result = merge_reports(docs)
    seconds = time.perf_counter() - started
    response = [frozenset((t.document, t.start) for t in event.triggers) for event in result.events]
    key_groups: dict[int, set[tuple[str, int]]] = {}
    for mention, event_number in truth.items():
        key_groups.setdefault(event_number, set()).add(mention)
    quality = b_cubed([frozenset(g) for g in key_groups.values()], response)
    return {
        "reports": count,
        "mentions": len(truth),
        "seconds": seconds,
        "ms_per_report": 1000 * seconds / count,
        "comparisons": result.comparisons,
        "all_pairs": len(truth) * (len(truth) - 1) / 2,
        "events": len(result.events),
        "b3_f1": quality.f1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[1000, 10_000, 100_000])
    args = parser.parse_args()
    print("reports  mentions   seconds  ms/report  pairs scored  (of all pairs)  events  B3 F1")
    for count in args.reports:
        row = run(count)
        print(
            f"{row['reports']:>7} {row['mentions']:>9} {row['seconds']:>9.2f} "
            f"{row['ms_per_report']:>10.3f} {row['comparisons']:>13} {row['all_pairs']:>15.3g} "
            f"{row['events']:>7} {row['b3_f1']:>6.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
