"""Whether an event happened, is planned, wished, denied, or is no happening at all."""

from __future__ import annotations

import pytest

from storyline.events.status import governors, status_of

pytestmark = pytest.mark.model


def _status(nlp, text: str, trigger: str) -> str:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return status_of(token, governors(token))


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        # a disposition: wished, neither done nor planned
        ("Washington has shown a willingness to engage in dialogue with Beijing.", "dialogue",
         "hypothetical"),
        # a habit, a state, a manner: no happening
        ("They voiced concern about behavior that threatens the region.", "threatens", "generic"),
        ("They signed a deal on support for forces stationed in Japan.", "stationed", "generic"),
        ("The review is conducted in consultation with Japan and South Korea.", "consultation",
         "generic"),
        # ... but one told with its time, or in the past, or a state of talks, is one
        ("The troops stationed in Japan on Monday left.", "stationed", "happened"),
        ("The man who attacked the embassy was arrested.", "attacked", "happened"),
        ("Russia is in talks with Ukraine.", "talks", "happened"),
        ("Blinken will visit Tokyo.", "visit", "planned"),
    ],
)  # fmt: skip
def test_statuses(model_nlp, text: str, trigger: str, status: str) -> None:  # type: ignore[no-untyped-def]
    assert _status(model_nlp, text, trigger) == status
