"""Speed per language: characters a second through the analyser and through the whole
per-report stage chain, for Japanese, Chinese and Korean against English in the same run.

    python benchmarks/languages_speed.py                  # 8 reports of 3,000 characters each
    python benchmarks/languages_speed.py --chars 1500 --reports 20 --repeat 3

Each language gets reports of the same length in characters, made of the project's own
text in that language: its demo report and its annotated event and quote sentences
(`tests/events/data`, `tests/quotes/data`) for ja, zh and ko; the English demo reports
for English. Lines are taken in turn until a report is `--chars` long.

- "analyser": the language stage alone (`nlp.spacy.v1` with no annotators): spaCy's
  English model, GiNZA, jieba or Kiwi;
- "chain": every stage `storyline ingest` runs after the duplicate check
  (`ingest.analysis.standard_stages`: language, office terms, dating, time, linking,
  events, quotes).

One report is processed at a time, after a warm-up pass that also loads the models;
the best of `--repeat` runs is kept, since a busy machine only ever makes a run slower.
The ratio column is each language's characters a second over English's. A CJK
character carries more than a Latin letter (a Japanese report tells in about a third of
the characters what its English version tells), so the figures compare the cost per
character, not per story.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DEMO = ROOT / "examples" / "demo" / "txt"
OWN_TEXT = {
    "en": ["03_tokyo_2plus2_statement.txt", "05_anchorage_talks.txt", "09_camp_david_summit.txt"],
    "ja": ["14_tokyo_2plus2_ja.txt"],
    "ko": ["15_seoul_2plus2_ko.txt"],
    "zh": ["16_anchorage_zh.txt"],
}
LANGUAGES = ("en", "ja", "zh", "ko")


def language_lines(language: str) -> list[str]:
    """The non-empty lines of the project's own text in `language`."""
    lines = []
    for name in OWN_TEXT[language]:
        lines += (DEMO / name).read_text(encoding="utf-8").splitlines()
    if language != "en":
        for data in ("events/data/cjk_events.jsonl", "quotes/data/cjk_quotes.jsonl"):
            for line in (ROOT / "tests" / data).read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                if record["language"] == language:
                    lines.append(record["text"])
    return [line.strip() for line in lines if line.strip()]


def reports(language: str, chars: int, count: int) -> list[str]:
    """`count` texts of about `chars` characters, taking the language's lines in turn."""
    lines = itertools.cycle(language_lines(language))
    texts = []
    for _ in range(count):
        taken: list[str] = []
        while sum(len(line) + 1 for line in taken) < chars:
            taken.append(next(lines))
        texts.append("\n".join(taken))
    return texts


def best_seconds(run: Callable[[], object], repeat: int) -> float:
    """The fastest of `repeat` timed runs, after one warm-up run."""
    run()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return min(timings)


def measure(chars: int, count: int, repeat: int) -> dict[str, dict[str, float]]:
    """Characters a second per language through the analyser and the chain."""
    from storyline.ingest.analysis import standard_stages
    from storyline.nlp.model import load_model
    from storyline.nlp.spacy_stage import SpacyStage
    from storyline.records import Document
    from storyline.settings import Settings

    settings = Settings()
    analyser = SpacyStage(load_model(settings.spacy_model), english_only=settings.english_only)
    chain = standard_stages(settings)
    figures: dict[str, dict[str, float]] = {}
    for language in LANGUAGES:
        docs = [
            Document(
                id=f"{language}{n}",
                key=f"{language}{n}",
                origin="bench",
                source="bench",
                text=text,
                language=language,
                published="2023-06-01",
                published_how="metadata",
            )  # fmt: skip
            for n, text in enumerate(reports(language, chars, count))
        ]
        total = sum(len(doc.text) for doc in docs)
        figures[language] = {
            "characters": total,
            "analyser": total / best_seconds(lambda d=docs: _each(d, [analyser]), repeat),
            "chain": total / best_seconds(lambda d=docs: _each(d, chain), repeat),
        }
    return figures


def _each(docs: Sequence[object], stages: Sequence[object]) -> None:
    """Each report through the stages on its own (no batching across reports)."""
    for doc in docs:
        stream = iter([doc])
        for stage in stages:
            stream = stage.pipe(stream)  # type: ignore[attr-defined]
        list(stream)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=3000, help="characters per report")
    parser.add_argument("--reports", type=int, default=8, help="reports per language")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (best is kept)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = measure(args.chars, args.reports, args.repeat)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    english = figures["en"]
    print(f"{args.reports} reports of ~{args.chars} characters per language, best of {args.repeat}")
    print("lang  characters  analyser chars/s  ratio  chain chars/s  ratio")
    for language, row in figures.items():
        print(
            f"{language:4}  {int(row['characters']):10,d}  {row['analyser']:16,.0f}"
            f"  {row['analyser'] / english['analyser']:5.2f}  {row['chain']:13,.0f}"
            f"  {row['chain'] / english['chain']:5.2f}"
        )


if __name__ == "__main__":
    main()
