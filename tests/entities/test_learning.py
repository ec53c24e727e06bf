"""Terms in office proposed from what reports tell (hand-built reports, no model)."""

from __future__ import annotations

import pytest

from storyline.entities.learning import TitledMention, holder_at, propose_terms, term_links
from storyline.records import Document, Sentence, Span, TermProposal, TimeExpression
from tests.entities.conftest import mentions_in


def _doc(text: str, people: list[str], published: str = "2025-07-22", **extra) -> Document:
    specs = [(p, "PERSON") for p in people] + [(c, "GPE") for c in extra.pop("places", [])]
    sentences, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (2 if start + len(part) < len(text) else 0)
        sentences.append(Sentence(Span(start, min(end, len(text))), "test"))
        start = end
    return Document(
        id="d1", key="k", origin="o", source="s", text=text, published=published,
        sentences=tuple(sentences), mentions=mentions_in(text, specs), **extra,
    )  # fmt: skip


def test_sworn_in_as_a_title_with_its_country() -> None:
    doc = _doc("Cho Hyun was sworn in as South Korea's foreign minister on Monday.", ["Cho Hyun"])
    (term,) = propose_terms(doc)
    assert (term.person, term.office_keys, term.country) == (
        "Cho Hyun", ("foreign_minister",), "KOR",
    )  # fmt: skip
    assert term.shape == "took" and term.start == "2025-07-22"


def test_the_day_the_sentence_names_is_the_start() -> None:
    text = "Cho Hyun took office as South Korean foreign minister on July 21."
    at = text.index("July 21")
    timex = TimeExpression(Span(at, at + 7), "July 21", "DATE", "2025-07-21", "test")
    (term,) = propose_terms(_doc(text, ["Cho Hyun"], timexes=(timex,)))
    assert term.start == "2025-07-21" and term.confidence == 0.9


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("Enrique Manalo, the new Philippine foreign secretary, met envoys.", "new"),
        ("New Philippine Foreign Secretary Enrique Manalo met envoys.", "new"),
        ("Enrique Manalo was appointed Philippine foreign secretary.", "given"),
        ("Marcos named Enrique Manalo as Philippine foreign secretary.", "given"),
    ],
)
def test_shapes(text: str, shape: str) -> None:
    (term,) = propose_terms(_doc(text, ["Enrique Manalo"]))
    assert term.shape == shape and term.country == "PHL"
    assert term.office_keys == ("foreign_minister",)


@pytest.mark.parametrize(
    "text",
    [
        "Cho Hyun will be sworn in as South Korea's foreign minister.",
        "Cho Hyun is expected to be named South Korea's foreign minister.",
        "Cho Hyun, the former South Korean foreign minister, spoke.",
        "Cho Hyun was not appointed South Korea's foreign minister.",
        "Cho Hyun was sworn in as minister.",  # which office, unsaid
        "Cho Hyun was sworn in as foreign minister.",  # whose, unsaid
        "Cho Hyun met the new South Korean foreign minister.",
    ],
)
def test_nothing_proposed(text: str) -> None:
    assert propose_terms(_doc(text, ["Cho Hyun"])) == []


def test_the_only_country_of_the_sentence() -> None:
    doc = _doc(
        "In Seoul, Cho Hyun was sworn in as foreign minister.", ["Cho Hyun"], places=["Seoul"]
    )
    assert propose_terms(doc) == []  # a capital is a place, not the country
    doc = _doc(
        "In South Korea, Cho Hyun was sworn in as foreign minister.", ["Cho Hyun"],
        places=["South Korea"],
    )  # fmt: skip
    (term,) = propose_terms(doc)
    assert term.country == "KOR"


def test_holder_at_a_day() -> None:
    first = propose_terms(
        _doc("A Bee was sworn in as Japanese defense minister.", ["A Bee"], "2024-01-02")
    )
    second = propose_terms(
        _doc("C Dee was sworn in as Japanese defense minister.", ["C Dee"], "2025-01-02")
    )
    both = [*first, *second]
    assert holder_at(both, ["defence_minister"], "JPN", "2024-06-01").person == "A Bee"
    assert holder_at(both, ["defence_minister"], "JPN", "2025-06-01").person == "C Dee"
    assert holder_at(both, ["defence_minister"], "JPN", "2023-06-01") is None
    assert holder_at(both, ["foreign_minister"], "JPN", "2025-06-01") is None


def _titled(ident: int, text: str, title: str, day: str, **kw) -> TitledMention:
    fields = {"entity": None, "entity_key": None, "reason": None, "before": ""} | kw
    return TitledMention(ident, f"r{ident}", 0, len(text), text, title, day=day, **fields)


def _proposal(person: str, entity: str, start: str, keys=("foreign_minister",)) -> TermProposal:
    return TermProposal(
        "p-" + person, 0, len(person), person, entity, "foreign secretary", keys, "PHL", start,
        0.9, "took", f"{person} was sworn in as Philippine foreign secretary.",
    )  # fmt: skip


def test_titles_link_to_whoever_a_learned_term_says_held_the_office() -> None:
    first = _proposal("Teodoro Locsin", "e-locsin", "2020-01-01")
    second = _proposal("Enrique Manalo", "e-manalo", "2022-07-01")
    alone = _titled(1, "Philippine foreign secretary", "Philippine foreign secretary", "2022-08-06",
                    entity="e-office", entity_key="office:foreign_minister:PHL")  # fmt: skip
    earlier = _titled(
        2, "Philippine foreign secretary", "Philippine foreign secretary", "2021-05-01"
    )
    named = _titled(3, "Foreign Secretary Manalo", "Foreign Secretary", "2022-08-06",
                    before="the Philippine ")  # fmt: skip
    wrong_name = _titled(4, "Foreign Secretary Locsin", "Foreign Secretary", "2022-08-06",
                         before="the Philippine ")  # fmt: skip
    undated = _titled(5, "Philippine foreign secretary", "Philippine foreign secretary", "2022")
    links = term_links([first, second], [alone, earlier, named, wrong_name, undated], _no_kb)
    assert {link.mention.ident: link.entity for link in links} == {
        1: "e-manalo", 2: "e-locsin", 3: "e-manalo",
    }  # fmt: skip
    assert "learned term" in links[0].reason and "2022-07-01" in links[0].reason


def test_the_knowledge_base_keeps_its_own_links_by_name_and_its_newer_holders() -> None:
    learned = _proposal("Enrique Manalo", "e-manalo", "2022-07-01")
    by_name = _titled(1, "Foreign Secretary Lazaro", "Philippine foreign secretary", "2025-08-01",
                      entity="e-lazaro", entity_key="kb:person:theresa-lazaro:phl",
                      reason="name matches")  # fmt: skip
    newer = _titled(2, "Philippine foreign secretary", "Philippine foreign secretary", "2025-08-01",
                    entity="e-lazaro", entity_key="kb:person:theresa-lazaro:phl",
                    reason="title 'Philippine foreign secretary' ...")  # fmt: skip
    older = _titled(3, "Philippine foreign secretary", "Philippine foreign secretary", "2022-08-01",
                    entity="e-locsin", entity_key="kb:person:teodoro-locsin:phl",
                    reason="title 'Philippine foreign secretary' ...")  # fmt: skip
    starts = {
        "kb:person:theresa-lazaro:phl": "2025-07-01",
        "kb:person:teodoro-locsin:phl": "2018-10-17",
    }
    links = term_links([learned], [by_name, newer, older], lambda key, _t, _d: starts[key])
    assert [link.mention.ident for link in links] == [3]


def _no_kb(key: str, title: object, day: str) -> None:
    return None
