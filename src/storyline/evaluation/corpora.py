"""ECB+ and MEANTIME as storyline documents with gold event mentions, and their parses.

Each gold corpus becomes `EvalDocument`s: a `Document` whose text is the
corpus tokens joined by spaces (sentences from the corpus), the gold event
mentions with their cross-document cluster, and the spaCy parse built on the
corpus's own tokens and sentence breaks — so offsets agree exactly. Parses can
be cached on disk (a spaCy `DocBin` per corpus and model), which never changes
results.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.entities.surface import SurfaceEntityStage
from storyline.evaluation.catxml import CatDocument, read_cat, url_sentences
from storyline.events.extract import extract_events
from storyline.nlp.mentions import make_mention
from storyline.records import Document, EventMention, Sentence, Span, TimeExpression

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

GOLD = "gold"
_SPACY = "nlp.spacy.v1"

#: The standard ECB+ split (Cybulska and Vossen 2015): training topics, used to choose settings.
ECB_TRAIN = (
    1,
    3,
    4,
    6,
    7,
    8,
    9,
    10,
    11,
    13,
    14,
    16,
    19,
    20,
    22,
    24,
    25,
    26,
    27,
    28,
    29,
    30,
    31,
    32,
    33,
)
#: The standard ECB+ development topics, held out here.
ECB_DEV = (2, 5, 12, 18, 21, 23, 34, 35)


@dataclass(frozen=True, slots=True)
class GoldMention:
    document: str
    span: Span
    cluster: str  # the cross-document instance, or a singleton id


@dataclass(frozen=True, slots=True)
class EvalDocument:
    document: Document
    topic: str
    subtopic: str  # ECB+: "ecb" or "ecbplus"; MEANTIME: the corpus
    gold: tuple[GoldMention, ...]
    words: tuple[str, ...]
    sentence_starts: tuple[bool, ...]

    @property
    def annotated(self) -> tuple[Span, ...]:
        """Sentences with at least one gold event mention (ECB+ annotates only some)."""
        spans = [s.span for s in self.document.sentences]
        return tuple(s for s in spans if any(s.start <= g.span.start < s.end for g in self.gold))


def load_ecbplus(root: Path, topics: Iterable[int] | None = None) -> list[EvalDocument]:
    """ECB+ topics under `root` (the folder holding `ECB+/<topic>/`), in topic order."""
    base = root / "ECB+" if (root / "ECB+").is_dir() else root
    wanted = set(topics) if topics is not None else None
    out: list[EvalDocument] = []
    folders = sorted((p for p in base.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
    for folder in folders:
        if wanted is not None and int(folder.name) not in wanted:
            continue
        for path in sorted(folder.glob("*.xml"), key=_file_order):
            cat = read_cat(path, drop_sentence=url_sentences(path))
            subtopic = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
            gold = _ecb_gold(cat, path.stem)
            out.append(_eval_document(cat, path.stem, folder.name, subtopic, gold))
    return out


def _file_order(path: Path) -> tuple[int, str]:
    digits = "".join(c for c in path.stem.split("_")[-1] if c.isdigit())
    return (int(digits) if digits else 0, path.stem)


def _ecb_gold(cat: CatDocument, doc_id: str) -> tuple[GoldMention, ...]:
    events = {m.id: m for m in cat.markables if m.tag.startswith(("ACTION_", "NEG_ACTION_"))}
    cluster: dict[str, str] = {}
    for relation in cat.relations:
        if relation.tag == "CROSS_DOC_COREF":
            name = relation.attribute("note") or relation.attribute("r_id") or ""
        elif relation.tag == "INTRA_DOC_COREF":
            name = f"{doc_id}/intra/{relation.attribute('r_id')}"
        else:
            continue
        for source in relation.sources:
            cluster.setdefault(source, name)
    out = []
    for markable in events.values():
        span = cat.span_of(markable)
        if span is not None and markable.tokens:
            label = cluster.get(markable.id, f"{doc_id}/{markable.id}")
            out.append(GoldMention(doc_id, span, label))
    return tuple(sorted(out, key=lambda g: g.span))


def load_meantime(root: Path) -> list[EvalDocument]:
    """MEANTIME English, cross-document layer, with each report's creation time and timexes."""
    base = root / "intra_cross-doc_annotation"
    out: list[EvalDocument] = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.xml")):
            cat = read_cat(path)
            doc_id = path.stem.split("_")[0]
            item = _eval_document(
                cat, doc_id, folder.name, folder.name, _meantime_gold(cat, doc_id)
            )
            published, timexes = _meantime_time(cat)
            document = replace(item.document, published=published, timexes=timexes)
            out.append(replace(item, document=document))
    return out


def _meantime_gold(cat: CatDocument, doc_id: str) -> tuple[GoldMention, ...]:
    instances = {
        m.id: m.attribute("instance_id")
        for m in cat.markables
        if m.tag == "EVENT" and m.attribute("instance_id")
    }
    cluster: dict[str, str] = {}
    for relation in cat.relations:
        if relation.tag == "REFERS_TO":
            for target in relation.targets:
                if target in instances:
                    for source in relation.sources:
                        cluster.setdefault(source, instances[target] or target)
    out = []
    for markable in cat.markables:
        if markable.tag == "EVENT_MENTION" and markable.tokens:
            span = cat.span_of(markable)
            if span is not None:
                label = cluster.get(markable.id, f"{doc_id}/{markable.id}")
                out.append(GoldMention(doc_id, span, label))
    return tuple(sorted(out, key=lambda g: g.span))


def _meantime_time(cat: CatDocument) -> tuple[str | None, tuple[TimeExpression, ...]]:
    published = None
    timexes = []
    for markable in cat.markables:
        if markable.tag != "TIMEX3":
            continue
        value = markable.attribute("value") or ""
        if markable.attribute("functionInDocument") == "CREATION_TIME" and len(value) >= 10:
            published = value[:10]
        span = cat.span_of(markable)
        if span is not None and markable.tokens and value:
            kind = markable.attribute("type") or "DATE"
            timexes.append(TimeExpression(span, span.of(cat.text), kind, value, GOLD))
    return published, tuple(sorted(timexes, key=lambda t: t.span))


def _eval_document(
    cat: CatDocument, doc_id: str, topic: str, subtopic: str, gold: tuple[GoldMention, ...]
) -> EvalDocument:
    document = Document(
        id=doc_id,
        key=hashlib.sha256(cat.text.encode("utf-8")).hexdigest(),
        origin=cat.name,
        source=topic,
        text=cat.text,
        language="en",
        sentences=tuple(Sentence(span, GOLD) for span in cat.sentences),
    )
    starts = []
    previous: int | None = None
    for token in cat.tokens:
        starts.append(token.sentence != previous)
        previous = token.sentence
    return EvalDocument(
        document, topic, subtopic, gold, tuple(t.text for t in cat.tokens), tuple(starts)
    )


def parse(nlp: Language, docs: Sequence[EvalDocument], cache: Path | None = None) -> list[Doc]:
    """The model's parse of each document, on the corpus's own tokens and sentences."""
    from spacy.tokens import Doc, DocBin

    digest = hashlib.sha256()
    digest.update(f"{nlp.meta.get('name')}-{nlp.meta.get('version')}".encode())
    for item in docs:
        digest.update(item.document.key.encode())
    path = cache / f"parses-{digest.hexdigest()[:16]}.spacy" if cache is not None else None
    if path is not None and path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    inputs = [
        Doc(
            nlp.vocab,
            words=list(d.words),
            spaces=[True] * (len(d.words) - 1) + [False],
            sent_starts=list(d.sentence_starts),
        )
        for d in docs
    ]
    parsed = list(nlp.pipe(inputs, batch_size=32))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=parsed).to_disk(path)
    return parsed


def analyse(item: EvalDocument, spacy_doc: Doc, *, gold_triggers: bool = False) -> Document:
    """The document with the model's entity mentions (linked by surface form) and events.

    With `gold_triggers`, the events are those at the gold event mentions (the
    extractor still reads their status, date, place and participants).
    """
    doc = item.document
    mentions = tuple(
        m
        for ent in spacy_doc.ents
        if (m := make_mention(doc.text, Span(ent.start_char, ent.end_char), ent.label_, _SPACY))
    )
    doc = SurfaceEntityStage()(doc.evolve(_SPACY, mentions=mentions))
    triggers = [g.span for g in item.gold] if gold_triggers else None
    events: tuple[EventMention, ...] = extract_events(spacy_doc, doc, triggers=triggers)
    return doc.evolve("events.extract.v1", events=events)
