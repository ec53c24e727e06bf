"""`storyline eval timeline`: timeline summaries measured on the SemEval-2015 entity timelines.

SemEval-2015 Task 4 gives, for target entities of two MEANTIME topics (Airbus:
corpus_1; GM, Chrysler and Ford: corpus_2), the events the entity takes part in
with their anchor dates (the trial timelines, about Apple, are over documents that
are not in MEANTIME, and are left out). Each topic's 30 MEANTIME documents
are ingested by the project's own pipeline (the text as MEANTIME's tokens, one
sentence a line, the document's creation time as its published date) into a
knowledge base of its own, cached under `.cache/`; then, for each gold timeline,
`storyline.briefing.summarise` selects by the target entity's name and is scored
as in the timeline-summarisation literature (Martschat & Markert 2017; news-tls):

- date F1: the set F1 of the chosen days against the gold timeline's days, the days
  its events are anchored to with day precision (`YYYY-MM-DD`), with N = the number
  of gold days;
- ROUGE-1 F (lower-cased word unigrams, clipped counts) of the chosen sentences
  against the gold sentences, the sentences holding the gold event mentions of
  those days, with K = the gold's sentences per day (mean, rounded, at least 1):
  `concat` (all sentences of the timeline as one text) and `agreement` (only the
  sentences of days both timelines have count as overlap).

Timelines with no day-precision anchor are left out of the means (their count is
reported).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.briefing import Briefing, summarise
from storyline.evaluation.meantime import GoldDocument, read_corpus
from storyline.evaluation.metrics import Score
from storyline.records import RawReport
from storyline.settings import Settings
from storyline.store.queries import Reader
from storyline.store.schema import SCHEMA_VERSION

#: SemEval-2015 Task 4 folders and the MEANTIME topic whose documents they are about.
#: (The trial timelines, about Apple, are over documents of their own that are not here.)
TIMELINE_SETS = {
    "corpus_1/TimeLines_Gold_Standard": "airbus",
    "corpus_2/TimeLines_Gold_Standard": "gm",
}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"\w+", re.UNICODE)
_MENTION = re.compile(r"^(\d+)-(\d+)-")
#: Bump to rebuild the cached knowledge bases (the feeding of the documents changed).
CACHE_VERSION = "1"


@dataclass(frozen=True, slots=True)
class GoldTimeline:
    """One SemEval entity timeline: its target, topic, and per day the gold sentences."""

    name: str  # the file's stem, e.g. "boeing"
    entity: str  # the target entity, e.g. "Boeing"
    topic: str  # the MEANTIME topic: apple, airbus, gm
    days: dict[str, list[str]]  # YYYY-MM-DD -> the gold sentences of that day (distinct)

    @property
    def sentences_per_day(self) -> int:
        if not self.days:
            return 1
        return max(1, round(sum(len(s) for s in self.days.values()) / len(self.days)))


def read_timeline(path: Path, topic: str, documents: dict[str, GoldDocument]) -> GoldTimeline:
    """A gold timeline file; `documents` maps a MEANTIME document's number to it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    entity = lines[0].strip()
    days: dict[str, list[str]] = {}
    for line in lines[1:]:
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 3 or fields[0] == "0" or not _DAY.match(fields[1]):
            continue
        found = days.setdefault(fields[1], [])
        for mention in fields[2:]:
            sentence = _gold_sentence(mention, documents)
            if sentence is not None and sentence not in found:
                found.append(sentence)
    return GoldTimeline(path.stem, entity, topic, dict(sorted(days.items())))


def _gold_sentence(mention: str, documents: dict[str, GoldDocument]) -> str | None:
    """The sentence of a `docid-sentence-word` mention (sentences numbered from 0)."""
    match = _MENTION.match(mention)
    if not match or match.group(1) not in documents:
        return None  # the gold files have a few typos in document numbers
    lines = documents[match.group(1)].text.split("\n")
    number = int(match.group(2))
    return lines[number] if number < len(lines) else None


def topic_documents(meantime: Path, topic: str) -> list[GoldDocument]:
    """The MEANTIME documents of one topic (`meantime` is MEANTIME's top folder)."""
    return list(read_corpus(meantime / "intra-doc_annotation" / f"corpus_{topic}"))


def read_timelines(data: Path) -> list[GoldTimeline]:
    """Every gold timeline under `data` (the folder of semeval2015_timelines/ and
    meantime_en/), by topic and name."""
    timelines: list[GoldTimeline] = []
    for folder, topic in TIMELINE_SETS.items():
        documents = {
            d.name.split("_", 1)[0]: d for d in topic_documents(data / "meantime_en", topic)
        }
        for path in sorted((data / "semeval2015_timelines" / folder).glob("*.txt")):
            timelines.append(read_timeline(path, topic, documents))
    return timelines


def report_of(document: GoldDocument) -> RawReport:
    """A MEANTIME document as the pipeline reads a report: its text, and its creation
    time as the published date (what `evaluation.entities` and `evaluation.time` give)."""
    key = hashlib.sha256(f"meantime/{document.name}".encode()).hexdigest()
    return RawReport(
        key=key,
        origin=f"meantime/{document.topic}/{document.name}",
        source="wikinews",
        text=document.text,
        published=document.dct.isoformat() if document.dct else None,
    )


def knowledge_base(
    data: Path, topic: str, cache: Path, settings: Settings | None = None, *, rebuild: bool = False
) -> Path:
    """The knowledge base of one topic's MEANTIME documents, ingested once into `cache`
    (again with `rebuild`: the cache does not know when the pipeline changed)."""
    from storyline.knowledge_base import KnowledgeBase

    documents = topic_documents(data / "meantime_en", topic)
    path = cache / f"meantime-{topic}-{_cache_tag()}.db"
    done = path.with_suffix(".done")
    if path.exists() and done.exists() and not rebuild:
        return path
    for stale in (path, done, *path.parent.glob(f"{path.name}-*")):
        stale.unlink(missing_ok=True)
    cache.mkdir(parents=True, exist_ok=True)
    with KnowledgeBase.open(path, settings, create=True) as kb:
        kb.ingest(records=[report_of(d) for d in documents])
    done.write_text(f"{len(documents)}\n", encoding="utf-8")
    return path


def _cache_tag() -> str:
    """The cache's version and the store's schema: a new schema is a fresh ingest."""
    return f"v{CACHE_VERSION}-schema{SCHEMA_VERSION}"


# -- scores ------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-cased word tokens, as ROUGE counts them."""
    return [w.casefold() for w in _WORD.findall(text)]


#: Precision and recall (and F1), as the other evaluations score.
PRF = Score


def date_scores(chosen: Iterable[str], gold: Iterable[str]) -> PRF:
    """Set precision and recall of the chosen days against the gold days."""
    system, reference = set(chosen), set(gold)
    hits = len(system & reference)
    return PRF(hits / len(system) if system else 0.0, hits / len(reference) if reference else 0.0)


def rouge_1(system: Sequence[str], reference: Sequence[str]) -> PRF:
    """ROUGE-1 of `system` sentences against `reference` sentences (clipped unigram overlap)."""
    ours, theirs = (
        Counter(w for s in system for w in words(s)),
        Counter(w for s in reference for w in words(s)),
    )
    overlap = sum((ours & theirs).values())
    return _ratio(overlap, sum(ours.values()), sum(theirs.values()))


def agreement_rouge_1(system: dict[str, list[str]], reference: dict[str, list[str]]) -> PRF:
    """ROUGE-1 where only the sentences of a day both timelines have can overlap."""
    overlap = 0
    for day in system.keys() & reference.keys():
        ours = Counter(w for s in system[day] for w in words(s))
        theirs = Counter(w for s in reference[day] for w in words(s))
        overlap += sum((ours & theirs).values())
    total_ours = sum(len(words(s)) for sentences in system.values() for s in sentences)
    total_theirs = sum(len(words(s)) for sentences in reference.values() for s in sentences)
    return _ratio(overlap, total_ours, total_theirs)


def _ratio(overlap: int, system: int, reference: int) -> PRF:
    return PRF(overlap / system if system else 0.0, overlap / reference if reference else 0.0)


@dataclass(frozen=True, slots=True)
class TimelineFigures:
    name: str
    entity: str
    topic: str
    gold_days: int
    sentences_per_day: int
    chosen_days: list[str]
    dates: PRF
    concat: PRF
    agreement: PRF

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "entity": self.entity, "topic": self.topic,
            "gold_days": self.gold_days, "sentences_per_day": self.sentences_per_day,
            "chosen_days": self.chosen_days,
            "date_f1": round(self.dates.f1, 4),
            "rouge1_concat_f": round(self.concat.f1, 4),
            "rouge1_agreement_f": round(self.agreement.f1, 4),
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Evaluation:
    timelines: list[TimelineFigures]
    without_days: list[str] = field(default_factory=list)  # gold timelines with no day anchor
    seeds: TimelineFigures | None = None  # the demo corpus against SEEDS_GOLD

    def as_dict(self) -> dict[str, Any]:
        return {
            "timelines": [t.as_dict() for t in self.timelines],
            "mean": {
                "date_f1": round(self.mean("dates"), 4),
                "rouge1_concat_f": round(self.mean("concat"), 4),
                "rouge1_agreement_f": round(self.mean("agreement"), 4),
            },
            "left_out": self.without_days,
            "seeds": self.seeds.as_dict() if self.seeds else None,
        }

    def mean(self, attribute: str) -> float:
        if not self.timelines:
            return 0.0
        return sum(getattr(t, attribute).f1 for t in self.timelines) / len(self.timelines)


def target_names(data: Path) -> dict[str, str]:
    """A timeline file's stem -> its target entity as the task's list writes it (the list
    mends a few typos of the timelines' first lines: "United States Air Froce")."""
    names: dict[str, str] = {}
    for listing in (data / "semeval2015_timelines").glob("corpus_*/list_target_entities_*.txt"):
        for line in listing.read_text(encoding="utf-8").splitlines():
            if line.strip():
                names[re.sub(r"\W+", "_", line.strip().casefold())] = line.strip()
    return names


def score_timeline(gold: GoldTimeline, briefing: Briefing) -> TimelineFigures:
    """Date F1 and ROUGE-1 of a briefing against one gold timeline."""
    chosen = {day.date: [s.text for s in day.sentences] for day in briefing.days}
    return TimelineFigures(
        name=gold.name,
        entity=gold.entity,
        topic=gold.topic,
        gold_days=len(gold.days),
        sentences_per_day=gold.sentences_per_day,
        chosen_days=sorted(chosen),
        dates=date_scores(chosen, gold.days),
        concat=rouge_1([s for day in chosen.values() for s in day], _all(gold.days)),
        agreement=agreement_rouge_1(chosen, gold.days),
    )


def _all(days: dict[str, list[str]]) -> list[str]:
    return [s for sentences in days.values() for s in sentences]


def evaluate(
    data: Path, cache: Path, settings: Settings | None = None, *, rebuild: bool = False
) -> Evaluation:
    """Every gold timeline with day anchors, summarised from its topic's knowledge base."""
    names = target_names(data)
    figures: list[TimelineFigures] = []
    without: list[str] = []
    built: set[str] = set()
    for gold in read_timelines(data):
        if not gold.days:
            without.append(gold.name)
            continue
        again = rebuild and gold.topic not in built
        path = knowledge_base(data, gold.topic, cache, settings, rebuild=again)
        built.add(gold.topic)
        with Reader(path) as reader:
            briefing = summarise(
                reader,
                entity=names.get(gold.name, gold.entity),
                dates=len(gold.days),
                sentences=gold.sentences_per_day,
            )
        figures.append(score_timeline(gold, briefing))
    return Evaluation(figures, without)


# -- the demo corpus: a gold briefing written here from public facts ---------------------

#: The three Japan-US "2+2" security talks the seed reports tell, as a briefing on
#: Antony Blinken: written for this evaluation from the public record (the ministers'
#: joint statements and press releases), not from the seeds; one sentence per day.
SEEDS_GOLD = GoldTimeline(
    name="seeds_blinken",
    entity="Antony Blinken",
    topic="seeds",
    days={
        "2021-03-16": [
            "Secretary of State Antony Blinken and Defense Secretary Lloyd Austin met Foreign"
            " Minister Toshimitsu Motegi and Defense Minister Nobuo Kishi in Tokyo for the first"
            " Japan-US 2+2 security talks of the Biden administration, voicing concern over"
            " China's coercion in the Indo-Pacific."
        ],
        "2022-01-07": [
            "Blinken, Austin, Foreign Minister Yoshimasa Hayashi and Defense Minister Nobuo Kishi"
            " held a virtual 2+2 meeting and agreed to strengthen the alliance against China's"
            " growing military assertiveness and North Korea's missile launches."
        ],
        "2023-01-11": [
            "In Washington, Blinken, Austin, Hayashi and Defense Minister Yasukazu Hamada named"
            " China the greatest strategic challenge and the United States backed Japan's plan to"
            " acquire counterstrike capabilities."
        ],
    },
)


def evaluate_seeds(
    seeds: Path, cache: Path, settings: Settings | None = None, *, rebuild: bool = False
) -> TimelineFigures:
    """The briefing on Antony Blinken from the five seed reports against SEEDS_GOLD."""
    from storyline.knowledge_base import KnowledgeBase

    path = cache / f"seeds-{_cache_tag()}.db"
    done = path.with_suffix(".done")
    if rebuild or not done.exists():
        for stale in (path, done, *path.parent.glob(f"{path.name}-*")):
            stale.unlink(missing_ok=True)
        cache.mkdir(parents=True, exist_ok=True)
        with KnowledgeBase.open(path, settings, create=True) as kb:
            kb.ingest([str(seeds)])
        done.write_text("seeds\n", encoding="utf-8")
    with Reader(path) as reader:
        briefing = summarise(
            reader,
            entity=SEEDS_GOLD.entity,
            dates=len(SEEDS_GOLD.days),
            sentences=SEEDS_GOLD.sentences_per_day,
        )
    return score_timeline(SEEDS_GOLD, briefing)


def format_evaluation(evaluation: Evaluation) -> str:
    """The per-timeline table and the means."""
    lines = [
        "SemEval-2015 entity timelines over MEANTIME: date F1 and ROUGE-1 F of timeline summaries",
        "topic   timeline                  gold days  K  chosen  date F1  R1 concat  R1 agree",
    ]
    for t in evaluation.timelines:
        lines.append(
            f"{t.topic:<7} {t.name:<25} {t.gold_days:>9} {t.sentences_per_day:>2}"
            f" {len(t.chosen_days):>7}  {t.dates.f1:7.3f}  {t.concat.f1:9.3f}"
            f"  {t.agreement.f1:8.3f}"
        )
    lines.append(
        f"mean over {len(evaluation.timelines)} timelines"
        f"{'':<19}{evaluation.mean('dates'):7.3f}  {evaluation.mean('concat'):9.3f}"
        f"  {evaluation.mean('agreement'):8.3f}"
    )
    if evaluation.without_days:
        lines.append(f"left out (no day-precision anchor): {', '.join(evaluation.without_days)}")
    seeds = evaluation.seeds
    if seeds is not None:
        lines.append("")
        lines.append(
            f"demo corpus (5 seed reports), briefing on {seeds.entity} against a gold briefing"
            f" written from public facts: {seeds.gold_days} days, chosen"
            f" {', '.join(seeds.chosen_days) or 'none'}; date F1 {seeds.dates.f1:.3f},"
            f" ROUGE-1 F concat {seeds.concat.f1:.3f}, agreement {seeds.agreement.f1:.3f}"
        )
    return "\n".join(lines)
