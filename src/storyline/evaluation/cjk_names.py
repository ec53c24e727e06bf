"""Names in Japanese, Chinese and Korean text: exact-span precision, recall and F1.

An analyser (`nlp.languages.Analyser`) is scored against a corpus of texts with
gold name spans, per label of the comparison: PERSON, ORG, and LOC/GPE as one
(corpora rarely tell a country from a region the way OntoNotes does). A name counts
only when both its span and its label match exactly. The speed (characters a second)
is measured over the same run.

Japanese: the Wikipedia NER corpus of Stockmark (`ja_ner_wikipedia/ner.json.gz`, a
JSON list of `{"curid", "text", "entities": [{"name", "span": [start, end], "type"}]}`),
whose types map as `JA_WIKIPEDIA_LABELS` says; facilities, products and events are not
compared.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.evaluation.metrics import Score
from storyline.nlp.languages import Analyser

#: The labels compared.
LABELS: tuple[str, ...] = ("PERSON", "ORG", "LOC/GPE")

#: An analyser's label -> the label compared (NORP and others are not compared).
ANALYSER_LABELS: Mapping[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC/GPE",
    "LOC": "LOC/GPE",
}

#: The Japanese Wikipedia corpus's types -> the label compared.
JA_WIKIPEDIA_LABELS: Mapping[str, str] = {
    "人名": "PERSON",
    "法人名": "ORG",
    "政治的組織名": "ORG",
    "その他の組織名": "ORG",
    "地名": "LOC/GPE",
}

Name = tuple[int, int, str]  # start, end, compared label


@dataclass(frozen=True, slots=True)
class GoldText:
    """One text of a corpus with its gold names (compared labels only)."""

    text: str
    names: frozenset[Name]


@dataclass(slots=True)
class NameEvaluation:
    """Counts per label over a corpus, and the time the analyser took."""

    corpus: str
    texts: int = 0
    chars: int = 0
    seconds: float = 0.0
    true: Counter[str] = field(default_factory=Counter)
    false: Counter[str] = field(default_factory=Counter)  # predicted, not gold
    missed: Counter[str] = field(default_factory=Counter)  # gold, not predicted

    def score(self, label: str | None = None) -> Score:
        """Precision and recall of `label`, or of all labels together (micro)."""
        labels = LABELS if label is None else (label,)
        true = sum(self.true[x] for x in labels)
        predicted = true + sum(self.false[x] for x in labels)
        gold = true + sum(self.missed[x] for x in labels)
        return Score(true / predicted if predicted else 0.0, true / gold if gold else 0.0)

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0

    def add(self, gold: frozenset[Name], predicted: frozenset[Name]) -> None:
        for _, _, label in gold & predicted:
            self.true[label] += 1
        for _, _, label in predicted - gold:
            self.false[label] += 1
        for _, _, label in gold - predicted:
            self.missed[label] += 1

    def table(self) -> str:
        """The figures as a Markdown table."""
        lines = [
            f"{self.corpus}: {self.texts} texts, {self.chars} characters, "
            f"{self.chars_per_second:,.0f} characters a second",
            "",
            "| label | gold | P | R | F1 |",
            "|---|---|---|---|---|",
        ]
        for label in (*LABELS, None):
            score = self.score(label)
            gold = sum(
                self.true[x] + self.missed[x] for x in (LABELS if label is None else (label,))
            )
            name = label or "all (micro)"
            lines.append(
                f"| {name} | {gold} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} |"
            )
        return "\n".join(lines)


def predicted_names(analyser: Analyser, text: str) -> frozenset[Name]:
    """The names `analyser` finds in `text`, with compared labels."""
    return frozenset(
        (span.start, span.end, ANALYSER_LABELS[label])
        for span, label in analyser.analyse(text).names
        if label in ANALYSER_LABELS
    )


def evaluate_names(corpus: str, analyser: Analyser, texts: Iterable[GoldText]) -> NameEvaluation:
    """Scores of `analyser` on `texts`; the time counts the analyser only."""
    evaluation = NameEvaluation(corpus)
    for gold in texts:
        started = time.perf_counter()
        predicted = predicted_names(analyser, gold.text)
        evaluation.seconds += time.perf_counter() - started
        evaluation.texts += 1
        evaluation.chars += len(gold.text)
        evaluation.add(gold.names, predicted)
    return evaluation


#: The halves of a corpus: rules are tuned on even-numbered texts and reported on the
#: odd-numbered ones, which were not read while tuning.
HALVES: Mapping[str, int] = {"tune": 0, "test": 1}


def read_ja_ner_wikipedia(
    path: Path, limit: int | None = None, half: str | None = None
) -> list[GoldText]:
    """The texts of the Japanese Wikipedia NER corpus (the first `limit` of them; of
    those, only the `half` named, "tune" or "test", when one is)."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        rows: Sequence[dict[str, object]] = json.load(stream)
    texts = []
    for number, row in enumerate(rows[:limit]):
        if half is not None and number % 2 != HALVES[half]:
            continue
        text = str(row["text"])
        names = frozenset(
            (int(e["span"][0]), int(e["span"][1]), JA_WIKIPEDIA_LABELS[e["type"]])
            for e in row["entities"]  # type: ignore[attr-defined]
            if e["type"] in JA_WIKIPEDIA_LABELS
        )
        texts.append(GoldText(text, names))
    return texts


def evaluate_ja_ner_wikipedia(
    path: Path, analyser: Analyser, limit: int | None = None, half: str | None = None
) -> NameEvaluation:
    """The Japanese analyser on the Wikipedia NER corpus at `path` (one half of it when
    `half` is "tune" or "test")."""
    name = "ja_ner_wikipedia" + (f" ({half} half)" if half else "")
    return evaluate_names(name, analyser, read_ja_ner_wikipedia(path, limit, half))
