"""`storyline eval entities`: linking and cross-report clustering measured on data nobody
here wrote (MEANTIME), and precision on a set of real name-variant patterns.

MEANTIME (English, 120 Wikinews articles) marks entity mentions, ties them to
cross-document instances, and links many instances to DBpedia. Evaluated here:
the mentions that are names (`syntactic_type="NAM"`) of people, organisations
and places, each given to the linker with its gold span (so mention detection
is not measured), with the document's creation time as the report date.

- linking accuracy: over mentions of instances whose DBpedia page names exactly
  one KB entity of a compatible type, the share linked to that entity;
- wrong links: mentions linked to a KB entity that is not their instance's;
- clustering: B³ precision, recall and F1 of the system's entities (KB entities,
  and surface entities merged across reports by `clusters.cluster_names`) against
  the gold cross-document instances, with exact-surface-form clustering (what
  `entities.surface.v1` did) as the baseline.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from storyline.entities.candidates import COMPATIBLE
from storyline.entities.clusters import NameRecord, cluster_names
from storyline.entities.kb.model import Window
from storyline.entities.linker import Context, Linker
from storyline.entities.names import fold
from storyline.entities.stage import LinkStage
from storyline.entities.titles import parse_title
from storyline.evaluation import metrics
from storyline.evaluation.catxml import read_cat
from storyline.evaluation.reading_variants import format_reading_figures
from storyline.nlp.mentions import make_mention
from storyline.records import Document, Mention, Span
from storyline.store.kb_index import KBIndex

LABELS = {"PER": ("PERSON", "person"), "ORG": ("ORG", "organization"), "LOC": ("GPE", "place")}


@dataclass(frozen=True, slots=True)
class GoldMention:
    span: Span
    label: str  # PER | ORG | LOC
    instance: str  # cross-document instance id
    dbpedia: str | None  # the instance's DBpedia page title, when linked


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    date: str | None
    mentions: tuple[GoldMention, ...]


def read_meantime(folder: Path) -> Iterator[GoldDoc]:
    """The documents of MEANTIME's cross-document layer, with their name mentions."""
    for path in sorted(folder.glob("intra_cross-doc_annotation/*/*.xml")):
        yield _read_doc(path)


def _read_doc(path: Path) -> GoldDoc:
    cat = read_cat(path, sentence_break="\n", raw_tokens=True)
    tokens = cat.token_index
    mentions = {m.id: m for m in cat.markables if m.tag == "ENTITY_MENTION"}
    entities = {e.id: e for e in cat.markables if e.tag == "ENTITY"}
    date = next(
        (
            t.attribute("value")
            for t in cat.markables
            if t.tag == "TIMEX3" and t.attribute("functionInDocument") == "CREATION_TIME"
        ),
        None,
    )
    gold = []
    for relation in cat.relations:
        entity = entities.get(relation.targets[0]) if relation.targets else None
        if relation.tag != "REFERS_TO" or entity is None:
            continue
        if entity.attribute("ent_type") not in LABELS:
            continue
        for source in relation.sources:
            mention = mentions.get(source)
            if mention is None or mention.attribute("syntactic_type") != "NAM":
                continue
            anchors = [tokens[t].span for t in mention.tokens if t in tokens]
            if anchors:
                span = Span(min(a.start for a in anchors), max(a.end for a in anchors))
                gold.append(
                    GoldMention(
                        span,
                        entity.attribute("ent_type") or "",
                        entity.attribute("instance_id") or "",
                        dbpedia_title(entity.attribute("external_ref")),
                    )
                )
    gold.sort(key=lambda g: (g.span.start, g.span.end))
    return GoldDoc(cat.id, cat.text, date, tuple(gold))


def dbpedia_title(url: str | None) -> str | None:
    """ "http://dbpedia.org/resource/Washington,_D.C." -> "Washington, D.C." """
    if not url or "dbpedia.org/" not in url:
        return None
    return unquote(url.strip().rstrip("/").rsplit("/", 1)[-1]).replace("_", " ").strip() or None


def expected_keys(index: KBIndex, title: str | None, label: str) -> frozenset[str] | None:
    """The KB entities a DBpedia title names; None when it cannot be told.

    A title is matched whole ("Washington, D.C."), else without its qualifier
    ("San Jose, California" -> "San Jose", "Washington (state)" -> "Washington");
    a qualified name that several KB entities have cannot be told apart (None). An
    unqualified title shared by a country and a city names the country, as on DBpedia
    ("Singapore"). An empty set: no KB entity has that name.
    """
    if title is None:
        return None
    allowed = COMPATIBLE[LABELS[label][1]]

    def named(name: str) -> dict[str, str]:
        found = index.entities(index.ids_by_name(fold(name)))
        return {e.key: e.type for e in found if e.type in allowed}

    keys, qualified = named(title), False
    if not keys:
        bare = title.split(" (")[0].split(",")[0].strip()
        qualified = bare != title
        keys = named(bare) if qualified else {}
    if len(keys) <= 1:
        return frozenset(keys)
    if qualified:
        return None
    countries = [k for k, kind in keys.items() if kind == "country"]
    return frozenset(countries) if len(countries) == 1 else None


def b_cubed(gold: Sequence[str], system: Sequence[str]) -> tuple[float, float, float]:
    """B³ precision, recall and F1 of two labellings of the same items (by position)."""
    if not gold:
        return 0.0, 0.0, 0.0
    score = metrics.b_cubed(
        metrics.clusters_from(dict(enumerate(gold))),
        metrics.clusters_from(dict(enumerate(system))),
    )
    return score.precision, score.recall, score.f1


@dataclass(slots=True)
class MeantimeFigures:
    documents: int = 0
    mentions: int = 0
    in_kb: int = 0  # mentions of instances whose DBpedia page names a KB entity
    correct: int = 0  # of those, linked to that entity
    wrong: int = 0  # linked to a KB entity that their instance's DBpedia page does not name
    linked_unverifiable: int = 0  # linked to the KB; their instance has no (clear) DBpedia page
    by_label: dict[str, list[int]] = field(default_factory=dict)  # label -> [in KB, correct]
    missed: list[str] = field(default_factory=list)  # mentions of KB entities left unlinked
    b3: tuple[float, float, float] = (0.0, 0.0, 0.0)
    b3_surface: tuple[float, float, float] = (0.0, 0.0, 0.0)
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.in_kb if self.in_kb else 0.0

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values["accuracy"] = round(self.accuracy, 4)
        values["b3"] = [round(v, 4) for v in self.b3]
        values["b3_surface"] = [round(v, 4) for v in self.b3_surface]
        values["errors"] = self.errors[:20]
        values["missed"] = self.missed[:40]
        return values


def _document(gold: GoldDoc) -> tuple[Document, list[Mention]]:
    mentions = []
    for g in gold.mentions:
        label, kind = LABELS[g.label]
        made = make_mention(gold.text, g.span, label, "gold")
        mentions.append(made or Mention(g.span, g.span.of(gold.text), label, kind, "gold"))
    doc = Document(
        id=gold.id,
        key=gold.id,
        origin=gold.id,
        source="meantime",
        text=gold.text,
        published=gold.date,
        mentions=tuple(mentions),
    )
    return doc, mentions


def evaluate_meantime(folder: Path, index: KBIndex) -> MeantimeFigures:
    """Linking accuracy and cross-document B³ on MEANTIME's name mentions."""
    figures = MeantimeFigures()
    stage = LinkStage(index, title_mentions=False)
    rows: list[tuple[str, str, bool, str]] = []  # gold instance, system key, in KB, surface
    records: list[NameRecord] = []
    for gold_doc in read_meantime(folder):
        figures.documents += 1
        doc, mentions = _document(gold_doc)
        resolutions = stage.resolutions(doc)
        for gold, mention, resolution in zip(gold_doc.mentions, mentions, resolutions, strict=True):
            figures.mentions += 1
            expected = expected_keys(index, gold.dbpedia, gold.label)
            if expected:
                figures.in_kb += 1
                figures.correct += resolution.key in expected
                counts = figures.by_label.setdefault(gold.label, [0, 0])
                counts[0] += 1
                counts[1] += resolution.key in expected
                if not resolution.in_kb:
                    figures.missed.append(f"{gold_doc.id}: '{mention.text}' (gold {gold.dbpedia})")
            if resolution.in_kb:
                if expected is None:
                    figures.linked_unverifiable += 1
                elif resolution.key not in expected:
                    figures.wrong += 1
                    figures.errors.append(
                        f"{gold_doc.id}: '{mention.text}' -> {resolution.name} "
                        f"(gold {gold.dbpedia})"
                    )
            else:
                records.append(NameRecord(resolution.key, resolution.name, resolution.kind))
            surface = f"{mention.kind}:{fold(mention.text)}"
            rows.append((gold.instance, resolution.key, resolution.in_kb, surface))
    clusters = cluster_names(records)
    gold_ids = [r[0] for r in rows]
    figures.b3 = b_cubed(gold_ids, [r[1] if r[2] else clusters.get(r[1], r[1]) for r in rows])
    figures.b3_surface = b_cubed(gold_ids, [r[3] for r in rows])
    return figures


@dataclass(slots=True)
class VariantFigures:
    items: int = 0
    expected_in_kb: int = 0  # items whose expected person is in the KB
    expected_missing: int = 0  # items whose expected person the KB lacks (left out)
    linked: int = 0  # links made, over the items evaluated
    correct: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.linked if self.linked else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected_in_kb if self.expected_in_kb else 0.0

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values.update(precision=round(self.precision, 4), recall=round(self.recall, 4))
        return values


def evaluate_variants(path: Path, index: KBIndex) -> VariantFigures:
    """Precision and recall of the linker on the name-variant set, one mention at a time."""
    figures = VariantFigures()
    linker = Linker(index)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        figures.items += 1
        expected: frozenset[str] = frozenset()
        if item["expected"] is not None:
            expected = expected_keys(index, item["expected"], "PER") or frozenset()
            if len(expected) != 1:
                figures.expected_missing += 1
                continue
            figures.expected_in_kb += 1
        decision = linker.link(
            item["variant"],
            "person",
            parse_title(item.get("title")),
            Context(Window.of(item.get("date"))),
        )
        where = f"'{item['variant']}' [{item.get('title')}, {item.get('date')}]"
        if decision.entity is not None:
            figures.linked += 1
            if decision.entity.key in expected:
                figures.correct += 1
            else:
                figures.wrong.append(
                    f"{where} -> {decision.entity.name}, expected {item['expected']}"
                )
        elif item["expected"] is not None:
            figures.missed.append(f"{where}: {decision.reason}")
    return figures


def format_figures(figures: dict[str, Any]) -> str:
    lines = []
    if "meantime" in figures:
        m = figures["meantime"]
        lines += [
            f"MEANTIME   {m['documents']} documents, {m['mentions']} name mentions",
            f"  linking  accuracy {m['accuracy']:.3f} on {m['in_kb']} mentions of KB entities; "
            f"{m['wrong']} wrong links, {m['linked_unverifiable']} links that cannot be checked "
            "(no DBpedia page, or an ambiguous one)",
            "  by type  "
            + ", ".join(f"{label} {c}/{n}" for label, (n, c) in sorted(m["by_label"].items())),
            "  B³       P {:.3f} R {:.3f} F1 {:.3f}".format(*m["b3"]),
            "  surface  P {:.3f} R {:.3f} F1 {:.3f} (exact surface forms)".format(*m["b3_surface"]),
        ]
    if "variants" in figures:
        v = figures["variants"]
        lines += [
            f"variants   {v['items']} items "
            f"({v['expected_missing']} left out: person not in the KB)",
            f"  precision {v['precision']:.3f} ({v['correct']}/{v['linked']}), "
            f"recall {v['recall']:.3f} ({v['correct']}/{v['expected_in_kb']})",
        ]
        lines += [f"  wrong: {w}" for w in v["wrong"]]
    if "readings" in figures:
        lines.append(format_reading_figures(figures["readings"]))
    return "\n".join(lines)
