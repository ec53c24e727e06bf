"""The argument evaluation on MEANTIME: gold participants read from CAT XML, and scoring."""

from __future__ import annotations

from pathlib import Path

from storyline.evaluation.arguments import (
    GoldArguments,
    Tally,
    _score_event,
    gold_arguments,
)
from storyline.evaluation.catxml import read_cat
from storyline.records import Participant, Span

# "Boeing said it sued Airbus ." : "it" refers to Boeing; sued has Arg0 "it", Arg1 "Airbus".
_CAT = """<Document doc_name="x.xml" doc_id="x">
<token t_id="1" sentence="0" number="0">Boeing</token>
<token t_id="2" sentence="0" number="1">said</token>
<token t_id="3" sentence="0" number="2">it</token>
<token t_id="4" sentence="0" number="3">sued</token>
<token t_id="5" sentence="0" number="4">Airbus</token>
<token t_id="6" sentence="0" number="5">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="PRO"><token_anchor t_id="3"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="NAM"><token_anchor t_id="5"/></ENTITY_MENTION>
<EVENT_MENTION m_id="4"><token_anchor t_id="4"/></EVENT_MENTION>
<ENTITY m_id="10" instance_id="ORG1"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="10"/></REFERS_TO>
<HAS_PARTICIPANT r_id="2" sem_role="Arg0"><source m_id="4"/><target m_id="2"/></HAS_PARTICIPANT>
<HAS_PARTICIPANT r_id="3" sem_role="Arg1"><source m_id="4"/><target m_id="3"/></HAS_PARTICIPANT>
</Relations>
</Document>
"""


def _gold(tmp_path: Path) -> tuple[str, GoldArguments]:
    path = tmp_path / "x.xml"
    path.write_text(_CAT, encoding="utf-8")
    cat = read_cat(path)
    return cat.text, gold_arguments(cat)


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def test_gold_arguments_carry_roles_and_instances(tmp_path: Path) -> None:
    text, gold = _gold(tmp_path)
    (arguments,) = gold.events.values()
    assert [(a.span.of(text), a.role, a.named) for a in arguments] == [
        ("it", "Arg0", True),  # a pronoun of a named entity
        ("Airbus", "Arg1", True),
    ]
    assert [s.of(text) for s in gold.mentions[arguments[0].instance]] == ["Boeing", "it"]


def test_a_resolved_pronoun_is_right_by_entity_not_by_span(tmp_path: Path) -> None:
    text, gold = _gold(tmp_path)
    (arguments,) = gold.events.values()
    tally = Tally()
    found = [
        Participant("agent", _span(text, "Boeing")),
        Participant("target", _span(text, "Airbus")),
    ]
    _score_event(tally, found, arguments, gold)
    figures = tally.figures()
    assert (tally.predicted, tally.right_by_span, tally.right_by_entity) == (2, 1, 2)
    assert figures["recall"] == 1.0
    assert figures["arg0_as_agent"] == 1.0 and figures["arg1_as_target_or_counterpart"] == 1.0


def test_a_wrong_participant_and_a_missed_one(tmp_path: Path) -> None:
    text, gold = _gold(tmp_path)
    (arguments,) = gold.events.values()
    tally = Tally()
    _score_event(tally, [Participant("agent", _span(text, "Airbus"))], arguments, gold)
    assert (tally.predicted, tally.right_by_entity, tally.found, tally.gold) == (1, 1, 1, 2)
    assert tally.figures()["arg1_as_target_or_counterpart"] == 0.0  # Airbus is Arg1, not agent
