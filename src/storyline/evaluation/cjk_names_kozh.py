"""How well the Korean and Chinese analysers find names: exact spans, per label.

Korean is measured on the KLUE NER dev file (`klue-ner-v1.1_dev.tsv.gz`, character-level
BIO; PS -> PERSON, LC -> place, OG -> ORG; dates, times and quantities ignored). Chinese
is measured on a small hand-annotated set (`tests/nlp/data/zh_names.jsonl`). Each set is
split in two by position — even-numbered sentences to tune the rules on, odd-numbered
ones held out — and the held-out half is the figure to report.

    python -m storyline.evaluation.cjk_names_kozh klue \
        ../shared/data/ko_ner_klue/klue-ner-v1.1_dev.tsv.gz
    python -m storyline.evaluation.cjk_names_kozh zh tests/nlp/data/zh_names.jsonl

A place is right whether it is labelled GPE or LOC: KLUE's LC does not tell them apart.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.evaluation.metrics import Score
from storyline.nlp.languages import Analyser

#: Corpus labels -> the label family scored (GPE and LOC are one "PLACE" family).
FAMILY: dict[str, str] = {
    "PS": "PERSON",
    "LC": "PLACE",
    "OG": "ORG",
    "PERSON": "PERSON",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "ORG": "ORG",
}


@dataclass(frozen=True, slots=True)
class Annotated:
    """One sentence and its gold names as (start, end, family)."""

    text: str
    names: frozenset[tuple[int, int, str]]


@dataclass(frozen=True, slots=True)
class NameScores:
    """Per-family and overall exact-span scores, and the analyser's speed."""

    by_label: dict[str, Score]
    overall: Score
    sentences: int
    seconds: float

    def lines(self) -> list[str]:
        rows = [f"{self.sentences} sentences, {self.sentences / max(self.seconds, 1e-9):.0f}/s"]
        for label, score in [*sorted(self.by_label.items()), ("ALL", self.overall)]:
            rows.append(f"{label:7} P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}")
        return rows


def read_klue(path: Path) -> Iterator[Annotated]:
    """The sentences of a KLUE NER file: blocks of `char<TAB>BIO-tag` lines."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as stream:
        block: list[tuple[str, str]] = []
        for line in stream:
            line = line.rstrip("\n")
            if line.startswith("##"):
                continue
            if not line:
                if block:
                    yield _from_bio(block)
                block = []
                continue
            char, _, tag = line.rpartition("\t")
            block.append((char, tag))
        if block:
            yield _from_bio(block)


def _from_bio(block: Sequence[tuple[str, str]]) -> Annotated:
    text = "".join(char for char, _ in block)
    names: set[tuple[int, int, str]] = set()
    start, kind = -1, ""
    for index, (_, tag) in enumerate((*block, ("", "O"))):
        inside = tag.startswith("I-") and tag[2:] == kind
        if start >= 0 and not inside:
            if kind in FAMILY:
                names.add((start, index, FAMILY[kind]))
            start, kind = -1, ""
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, kind = index, tag[2:]
    return Annotated(text, frozenset(names))


def read_zh(path: Path) -> Iterator[Annotated]:
    """The sentences of the Chinese set: JSON lines `{"text", "names": [[start, end, label]]}`."""
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                record = json.loads(line)
                names = frozenset((s, e, FAMILY[label]) for s, e, label in record["names"])
                yield Annotated(record["text"], names)


def halves(items: Iterable[Annotated]) -> tuple[list[Annotated], list[Annotated]]:
    """(tuning half, held-out half): even and odd positions."""
    listed = list(items)
    return listed[0::2], listed[1::2]


def score(analyser: Analyser, sentences: Sequence[Annotated]) -> NameScores:
    """Exact-span, same-family scores of `analyser` on `sentences`, and its speed."""
    right: Counter[str] = Counter()
    found: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    began = time.perf_counter()
    for sentence in sentences:
        analysis = analyser.analyse(sentence.text)
        predicted = {
            (span.start, span.end, FAMILY[label])
            for span, label in analysis.names
            if label in FAMILY
        }
        for _, _, family in predicted:
            found[family] += 1
        for _, _, family in sentence.names:
            gold[family] += 1
        for _, _, family in predicted & sentence.names:
            right[family] += 1
    seconds = time.perf_counter() - began
    by_label = {
        family: _score(right[family], found[family], gold[family])
        for family in sorted(set(gold) | set(found))
    }
    overall = _score(sum(right.values()), sum(found.values()), sum(gold.values()))
    return NameScores(by_label, overall, len(sentences), seconds)


def _score(right: int, found: int, gold: int) -> Score:
    return Score(right / found if found else 0.0, right / gold if gold else 0.0)


def main(argv: Sequence[str]) -> int:
    """`klue PATH` or `zh PATH`: print the tuning and held-out scores."""
    if len(argv) != 2 or argv[0] not in {"klue", "zh"}:
        print(__doc__)
        return 2
    from storyline.nlp.languages import analyser_for

    reader, language = (read_klue, "ko") if argv[0] == "klue" else (read_zh, "zh")
    analyser = analyser_for(language)
    if analyser is None:
        print(f"no analyser for {language}: install the cjk extra")
        return 1
    tune, held_out = halves(reader(Path(argv[1])))
    for title, part in (("tuning half", tune), ("held-out half", held_out)):
        print(title)
        for row in score(analyser, part).lines():
            print("  " + row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
