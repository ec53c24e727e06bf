"""Hand-built mentions and readable quotes for the quote tests."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from storyline.nlp.mentions import preceding_title
from storyline.quotes import find_quotes
from storyline.records import Mention, Quote, Span

KIND_BY_LABEL = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place"}


def mentions_of(
    text: str, names: Iterable[str | tuple[str, str] | tuple[str, str, str]]
) -> tuple[Mention, ...]:
    """Every whole-word occurrence of each name, longest names first, as the spaCy stage makes
    them. A name is "Blinken", ("State Department", "ORG") or ("Blinken", "PERSON", "Q-id")."""
    specs = [(n, "PERSON", None) if isinstance(n, str) else (*n, None)[:3] for n in names]
    taken: list[Span] = []
    found: list[Mention] = []
    for name, label, entity in sorted(specs, key=lambda s: -len(s[0])):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            span = Span(match.start(), match.end())
            if any(span.start < t.end and t.start < span.end for t in taken):
                continue
            taken.append(span)
            title = preceding_title(text, span.start) if label == "PERSON" else None
            found.append(
                Mention(span, name, label, KIND_BY_LABEL[label], "test", title=title, entity=entity)
            )
    return tuple(sorted(found, key=lambda m: m.span))


def quotes_in(
    text: str,
    names: Iterable[str | tuple[str, str] | tuple[str, str, str]] = (),
    sentences: Sequence[Span] = (),
) -> tuple[Quote, ...]:
    return find_quotes(text, sentences, mentions_of(text, names))


def readable(text: str, quotes: Iterable[Quote]) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, words, speaker, cue) of each quote, as text."""
    return [
        (
            q.kind,
            q.span.of(text),
            q.speaker.of(text) if q.speaker else None,
            q.cue.of(text) if q.cue else None,
        )
        for q in quotes
    ]


def read(
    text: str, names: Iterable[str | tuple[str, str] | tuple[str, str, str]] = ()
) -> list[tuple[str, str, str | None, str | None]]:
    return readable(text, quotes_in(text, names))
