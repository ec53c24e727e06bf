"""Precision and recall of quotation spans and speakers on the hand-annotated set.

    python benchmarks/quotes_eval.py                      # gold mentions (oracle NER + linking)
    python benchmarks/quotes_eval.py --model              # spaCy sentences and mentions
    python benchmarks/quotes_eval.py --split heldout --errors

Each line of `tests/quotes/data/annotated.jsonl` is a short report: `text`,
`mentions` (names with their NER label and entity id; every whole-word occurrence
is a mention, longest names first, titles read as the spaCy stage reads them) and
`quotes` (`kind`, `text` — the quoted words as docs/quotes.md delimits them —,
`speaker` — an entity id —, or `speaker_text` for a speaker with no entity —
"a senior official" —, or neither for an unnamed one, `cue`). `split` is "dev"
(written before the code and used while writing it) or "heldout" (written after,
never tuned on).

A prediction matches a gold quotation exactly (same characters) or by overlap (Dice
of their word sets at least 0.5, one to one). The speaker is right when its entity
is the gold entity, or its text the gold text, or both are unnamed. With `--model`
a mention's entity is the one the annotation gives its text, as a linker would.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.nlp.mentions import preceding_title  # noqa: E402
from storyline.quotes import find_quotes  # noqa: E402
from storyline.records import Mention, Quote, Span  # noqa: E402

DATA = ROOT / "tests" / "quotes" / "data" / "annotated.jsonl"
MIN_DICE = 0.5
_WORD = re.compile(r"\w+")
_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place"}


@dataclass(frozen=True)
class Gold:
    span: Span
    kind: str
    speaker: str | None  # entity id
    speaker_text: str | None
    cue: str | None


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    speaker_right: int = 0  # among overlap matches
    cue_right: int = 0  # among overlap matches
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("gold", "predicted", "exact", "overlap", "speaker_right", "cue_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    def scores(self) -> dict[str, float]:
        def prf(hits: int) -> tuple[float, float, float]:
            p = hits / self.predicted if self.predicted else 1.0
            r = hits / self.gold if self.gold else 1.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        exact, overlap, both = prf(self.exact), prf(self.overlap), prf(self.speaker_right)
        return {
            "exact_p": exact[0], "exact_r": exact[1], "exact_f1": exact[2],
            "overlap_p": overlap[0], "overlap_r": overlap[1], "overlap_f1": overlap[2],
            "speaker_acc": self.speaker_right / self.overlap if self.overlap else 0.0,
            "cue_acc": self.cue_right / self.overlap if self.overlap else 0.0,
            "span_speaker_p": both[0], "span_speaker_r": both[1], "span_speaker_f1": both[2],
        }  # fmt: skip


def load(path: Path = DATA) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def gold_mentions(record: dict[str, Any]) -> tuple[Mention, ...]:
    text = record["text"]
    taken: list[Span] = []
    found: list[Mention] = []
    for spec in sorted(record["mentions"], key=lambda m: -len(m["text"])):
        for match in re.finditer(rf"(?<!\w){re.escape(spec['text'])}(?!\w)", text):
            span = Span(match.start(), match.end())
            if any(span.start < t.end and t.start < span.end for t in taken):
                continue
            taken.append(span)
            label = spec["label"]
            title = preceding_title(text, span.start) if label == "PERSON" else None
            found.append(
                Mention(span, spec["text"], label, _KIND[label], "gold", title, spec["entity"])
            )
    return tuple(sorted(found, key=lambda m: m.span))


def model_inputs(record: dict[str, Any], nlp: Any) -> tuple[list[Span], tuple[Mention, ...]]:
    """Sentences and mentions from the real spaCy stage; entities as a linker would give."""
    from dataclasses import replace

    from storyline.nlp.spacy_stage import SpacyStage
    from storyline.records import Document

    doc = Document(id="x", key="x", origin="x", source="eval", text=record["text"], language="en")
    doc = SpacyStage(nlp)(doc)
    entity = {m["text"]: m["entity"] for m in record["mentions"]}
    mentions = tuple(replace(m, entity=entity.get(m.text)) for m in doc.mentions)
    return [s.span for s in doc.sentences], mentions


def gold_quotes(record: dict[str, Any]) -> list[Gold]:
    text = record["text"]
    found = []
    for quote in record["quotes"]:
        start = -1
        for _ in range(quote.get("occurrence", 0) + 1):
            start = text.index(quote["text"], start + 1)
        span = Span(start, start + len(quote["text"]))
        found.append(
            Gold(span, quote["kind"], quote["speaker"], quote.get("speaker_text"), quote["cue"])
        )
    return found


def score(record: dict[str, Any], predicted: Sequence[Quote]) -> Tally:
    text = record["text"]
    gold = gold_quotes(record)
    tally = Tally(gold=len(gold), predicted=len(predicted))
    pairs = sorted(
        (
            (_dice(text, g.span, p.span), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
        ),
        reverse=True,
    )
    matched_gold: dict[int, int] = {}
    used: set[int] = set()
    for dice, gi, pi in pairs:
        if dice < MIN_DICE or gi in matched_gold or pi in used:
            continue
        matched_gold[gi] = pi
        used.add(pi)
    for gi, g in enumerate(gold):
        pi = matched_gold.get(gi)
        if pi is None:
            tally.errors.append(f"{record['id']}: missed {g.kind} {g.span.of(text)!r}")
            continue
        p = predicted[pi]
        tally.overlap += 1
        tally.exact += p.span == g.span
        if p.span != g.span:
            tally.errors.append(
                f"{record['id']}: span {p.span.of(text)!r} for gold {g.span.of(text)!r}"
            )
        if _speaker_right(text, g, p):
            tally.speaker_right += 1
        else:
            said = p.speaker.of(text) if p.speaker else None
            tally.errors.append(
                f"{record['id']}: speaker {said!r} [{p.speaker_entity}] for gold "
                f"{g.speaker or g.speaker_text!r} in {g.span.of(text)[:40]!r}"
            )
        cue = p.cue.of(text) if p.cue else None
        tally.cue_right += (cue or "").lower() == (g.cue or "").lower()
    for pi, p in enumerate(predicted):
        if pi not in used:
            tally.errors.append(f"{record['id']}: spurious {p.kind} {p.span.of(text)!r}")
    return tally


def evaluate(
    records: Iterable[dict[str, Any]], *, nlp: Any = None, split: str = "all"
) -> dict[str, Tally]:
    """Tallies by kind ("direct", "indirect") and overall ("all")."""
    tallies = {"direct": Tally(), "indirect": Tally(), "all": Tally()}
    for record in records:
        if split != "all" and record.get("split", "dev") != split:
            continue
        if nlp is None:
            sentences: list[Span] = []
            mentions = gold_mentions(record)
        else:
            sentences, mentions = model_inputs(record, nlp)
        predicted = find_quotes(record["text"], sentences, mentions)
        tallies["all"].add(score(record, predicted))
        for kind in ("direct", "indirect"):
            only = {**record, "quotes": [q for q in record["quotes"] if q["kind"] == kind]}
            tally = score(only, [q for q in predicted if q.kind == kind])
            tally.errors = []
            tallies[kind].add(tally)
    return tallies


def _dice(text: str, one: Span, other: Span) -> float:
    a = [m.span() for m in _WORD.finditer(text, one.start, one.end)]
    b = [m.span() for m in _WORD.finditer(text, other.start, other.end)]
    if not a or not b:
        return 0.0
    return 2 * len(set(a) & set(b)) / (len(a) + len(b))


def _speaker_right(text: str, gold: Gold, predicted: Quote) -> bool:
    if gold.speaker is not None:
        return predicted.speaker_entity == gold.speaker
    if gold.speaker_text is not None:
        said = predicted.speaker.of(text) if predicted.speaker else ""
        return said.lower() == gold.speaker_text.lower()
    return predicted.speaker is None


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--model", action="store_true", help="spaCy sentences and mentions")
    parser.add_argument("--split", default="all", choices=["all", "dev", "heldout"])
    parser.add_argument("--errors", action="store_true", help="list every mistake")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    nlp = None
    if args.model:
        from storyline.nlp.model import load_model

        nlp = load_model()
    tallies = evaluate(load(args.data), nlp=nlp, split=args.split)
    if args.json:
        print(json.dumps({k: {"gold": t.gold, **t.scores()} for k, t in tallies.items()}))
        return
    print(f"quotes, {'spaCy' if args.model else 'gold'} mentions, split {args.split}")
    print(f"{'':9} {'gold':>5} {'pred':>5}   exact P/R/F1       overlap P/R/F1     speaker  cue")
    for kind, tally in tallies.items():
        s = tally.scores()
        print(
            f"{kind:9} {tally.gold:5d} {tally.predicted:5d}   "
            f"{s['exact_p']:.2f} {s['exact_r']:.2f} {s['exact_f1']:.2f}     "
            f"{s['overlap_p']:.2f} {s['overlap_r']:.2f} {s['overlap_f1']:.2f}     "
            f"{s['speaker_acc']:.2f}   {s['cue_acc']:.2f}"
        )
    s = tallies["all"].scores()
    print(
        f"span+speaker (overlap match, right speaker): P {s['span_speaker_p']:.2f} "
        f"R {s['span_speaker_r']:.2f} F1 {s['span_speaker_f1']:.2f}"
    )
    if args.errors:
        for error in tallies["all"].errors:
            print("  " + error)


if __name__ == "__main__":
    main()
