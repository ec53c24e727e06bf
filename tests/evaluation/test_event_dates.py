"""Gold event dates from MEANTIME's temporal links, and exported dates compared to them."""

from __future__ import annotations

from pathlib import Path

from storyline.evaluation.event_dates import DateFigures, compare_dates, instance_dates

_CAT = """<Document doc_name="x.xml" doc_id="x">
<token t_id="1" sentence="0" number="0">Airbus</token>
<token t_id="2" sentence="0" number="1">won</token>
<token t_id="3" sentence="0" number="2">on</token>
<token t_id="4" sentence="0" number="3">Monday</token>
<token t_id="5" sentence="0" number="4">and</token>
<token t_id="6" sentence="0" number="5">will</token>
<token t_id="7" sentence="0" number="6">build</token>
<token t_id="8" sentence="0" number="7">later</token>
<Markables>
<EVENT_MENTION m_id="1"><token_anchor t_id="2"/></EVENT_MENTION>
<EVENT_MENTION m_id="2"><token_anchor t_id="7"/></EVENT_MENTION>
<TIMEX3 m_id="3" type="DATE" value="2008-03-03"><token_anchor t_id="4"/></TIMEX3>
<TIMEX3 m_id="4" type="DATE" value="FUTURE_REF"><token_anchor t_id="8"/></TIMEX3>
<EVENT m_id="10" instance_id="WIN1"/>
<EVENT m_id="11" instance_id="BUILD1"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="11"/></REFERS_TO>
<TLINK r_id="3" reltype="IS_INCLUDED"><source m_id="1"/><target m_id="3"/></TLINK>
<TLINK r_id="4" reltype="SIMULTANEOUS"><source m_id="2"/><target m_id="4"/></TLINK>
<TLINK r_id="5" reltype="BEFORE"><source m_id="1"/><target m_id="4"/></TLINK>
</Relations>
</Document>
"""


def test_a_mention_inside_a_calendar_date_dates_its_instance(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text(_CAT, encoding="utf-8")
    # "later" is no calendar value, and BEFORE puts nothing inside a date
    assert instance_dates([path]) == {"WIN1": "2008-03-03"}


def test_dates_are_exact_consistent_at_another_precision_wrong_or_missing() -> None:
    pairs = [
        ("2008-03-03", "2008-03-03"),
        ("2008-03", "2008-03-03"),
        ("2008-03-03", "2008"),
        ("2008-04-01", "2008-03-03"),
        (None, "2008"),
    ]
    assert compare_dates(pairs) == DateFigures(exact=1, consistent=2, wrong=1, undated=1)
