"""Business news: acquisitions, orders, deliveries, launches, results, job cuts,
bankruptcies and market moves (the ontology's business types)."""

from __future__ import annotations

import pytest

from tests.events.test_extract import _analyse, _summary

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fiat agreed to buy a large stake in Chrysler.", ("acquisition", "buy")),
        ("Emirates ordered 30 more A380 aircraft.", ("order", "ordered")),
        ("Airbus delivered the first A380 to Singapore Airlines.", ("delivery", "delivered")),
        ("Apple released a new version of the iPod.", ("product_launch", "released")),
        ("GM posted a loss of $15.5 billion.", ("financial_result", "posted")),
        ("Ford will cut 10,000 jobs.", ("job_cuts", "cut")),
        ("Chrysler filed for bankruptcy protection.", ("bankruptcy", "bankruptcy")),
        ("Shares in Apple fell 3% on Monday.", ("market_move", "fell")),
    ],
)
def test_business_events(model_nlp, text: str, expected: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    found = {(kind, trigger) for kind, _, trigger in _summary(_analyse(model_nlp, text))}
    assert expected in found


@pytest.mark.parametrize(
    "text",
    [
        "The general ordered troops to the border.",  # an order, not of goods
        "He delivered a speech in Tokyo.",  # a speech is no delivery of goods
        "Temperatures fell sharply overnight.",  # no market
    ],
)
def test_not_business_events(model_nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    kinds = {kind for kind, _, _ in _summary(_analyse(model_nlp, text))}
    assert not kinds & {"order", "delivery", "market_move"}
