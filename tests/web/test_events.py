"""Events and stories in the web UI and the API, over a copy of the knowledge base with
hand-built events (the rule-based pipeline of the tests makes none)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.web.conftest import EVENT_IDS, EVENT_SCRIPT, HOSTILE_PARTICIPANT, SCRIPT
from tests.web.test_safety import assert_inert, html_of

MEETING, VISIT, UNDATED, LOW, TRIP = (
    EVENT_IDS[k] for k in ("meeting", "visit", "undated", "low", "trip")
)


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params or None)
    assert response.status_code == 200, response.text
    return response.json()


# -- timeline ---------------------------------------------------------------------------


def test_timeline_shows_events_by_default(events_client: TestClient) -> None:
    timeline = get(events_client, "/api/timeline")
    assert timeline["kinds"] == ["event", "report"]
    items = timeline["items"]["items"]
    assert [i["id"] for i in items] == [MEETING, VISIT]  # dated events, in date order
    assert {i["kind"] for i in items} == {"event"}
    meeting = items[0]
    assert meeting["type"] == "meeting" and meeting["sources"] == 2
    assert meeting["conflicts"] == 2 and meeting["status"] == "happened"
    assert {e["id"] for e in meeting["entities"]} == {"ehandmotegi01", "ehandblinken1"}
    assert timeline["undated"] == 1
    assert [b["key"] for b in timeline["buckets"]] == ["2021-03-16", "2021-03-18"]


def test_timeline_event_filters(events_client: TestClient) -> None:
    def ids(**params: Any) -> list[str]:
        found = get(events_client, "/api/timeline", kind="event", **params)
        return [i["id"] for i in found["items"]["items"]]

    assert ids(entity="ehandmotegi01") == [MEETING]
    assert ids(entity="ehandblinken1") == [MEETING, VISIT]
    assert ids(type="visit") == [VISIT]
    assert ids(status="planned") == [VISIT]
    assert ids(status="happened", type="visit") == []
    assert ids(start="2021-03-17") == [VISIT]
    assert ids(end="2021-03-16") == [MEETING]
    assert ids(start="2021-03") == [MEETING, VISIT]
    assert ids(source="Hand Wire") == [MEETING, VISIT]
    assert ids(type="election") == []


def test_reports_stay_on_the_timeline_as_their_kind(events_client: TestClient) -> None:
    reports = get(events_client, "/api/timeline", kind="report")
    assert reports["items"]["total"] > 0
    assert {i["kind"] for i in reports["items"]["items"]} == {"report"}
    assert get(events_client, "/api/timeline", kind="report", type="meeting")["items"]["total"] == 0


def test_no_events_means_reports_by_default(client: TestClient) -> None:
    timeline = get(client, "/api/timeline")
    assert timeline["kinds"] == ["report"]
    assert {i["kind"] for i in timeline["items"]["items"]} == {"report"}
    assert get(client, "/api/timeline", kind="event")["items"]["total"] == 0
    assert get(client, "/api/events")["total"] == 0
    stories = get(client, "/api/stories")  # every report is in a story: its report group
    assert stories["total"] > 0 and {s["kind"] for s in stories["items"]} == {"story"}
    assert client.get(f"/events/{MEETING}").status_code == 404


def test_timeline_page_lists_events(events_client: TestClient) -> None:
    html = html_of(events_client, "/timeline")
    page = assert_inert(html)
    assert f"Motegi meets Blinken {EVENT_SCRIPT}" in unescape("".join(page.text))
    assert f'href="/events/{MEETING}"' in html
    assert "2 conflicts" in html and "planned" in html
    assert 'id="f-type"' in html and 'id="f-status"' in html
    html = html_of(events_client, "/timeline", type="visit", status="planned")
    assert f'href="/events/{VISIT}"' in html and f'href="/events/{MEETING}"' not in html
    reports = html_of(events_client, "/timeline", kind="report")
    assert "/events/" not in reports and 'href="/reports/' in reports


# -- event page and API -------------------------------------------------------------------


def test_event_api(events_client: TestClient) -> None:
    event = get(events_client, f"/api/events/{MEETING}")
    assert event["summary"]["title"] == f"Motegi meets Blinken {EVENT_SCRIPT}"
    assert event["date_basis"] == "text" and event["summary"]["date_precision"] == "day"
    assert [p["role"] for p in event["participants"]] == ["agent", "counterpart", "participant"]
    assert event["participants"][0]["entity_type"] == "person"
    assert [d["id"] for d in event["documents"]][0] == "dhand0000000001"
    first = event["evidence"][0]
    assert first["sentence"] == 0
    assert [seg for seg in first["marked"] if seg[1]] == [["met", True]]
    assert "".join(seg[0] for seg in first["marked"]) == first["text"]
    assert {c["fact"] for c in event["conflicts"]} == {"date", "participant"}
    date = next(c for c in event["conflicts"] if c["fact"] == "date")
    assert date["chosen"] == "2021-03-16" and date["other"] == "2021-03-17"
    assert [d["id"] for d in date["chosen_documents"]] == ["dhand0000000001"]
    assert [s["id"] for s in event["stories"]] == [TRIP]
    assert events_client.get("/api/events/vnope").status_code == 404


def test_events_list_api(events_client: TestClient) -> None:
    found = get(events_client, "/api/events")
    assert found["total"] == 3
    assert [e["id"] for e in found["items"]] == [MEETING, VISIT, UNDATED]  # undated last
    assert [e["id"] for e in get(events_client, "/api/events", status="denied")["items"]] == [
        UNDATED
    ]
    paged = get(events_client, "/api/events", offset=1, limit=1)
    assert [e["id"] for e in paged["items"]] == [VISIT] and paged["total"] == 3
    assert get(events_client, "/api/events", entity="ehandmotegi01")["total"] == 1
    assert events_client.get("/api/events", params={"status": "maybe"}).status_code == 422
    assert events_client.get("/api/events", params={"start": "March"}).status_code == 422


def test_event_page(events_client: TestClient) -> None:
    html = html_of(events_client, f"/events/{MEETING}")
    page = assert_inert(html)
    text = unescape("".join(page.text))
    assert f"Motegi meets Blinken {EVENT_SCRIPT}" in text  # shown as text, never as markup
    assert HOSTILE_PARTICIPANT in text
    assert SCRIPT in text  # the hostile report's evidence sentence, as text
    assert 'href="/entities/ehandmotegi01"' in html
    assert 'href="/reports/dhand0000000001#s0"' in html
    assert '<mark class="trigger">met</mark>' in html
    assert '<mark class="trigger">arrived</mark>' in html
    assert "date from the text of 2 independent sources" in html
    # The sentence that tells it best comes first, escaped, with its trigger marked.
    told_best = html[html.index('class="told-best"') : html.index("</figure>")]
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in told_best
    assert '<mark class="trigger">arrived</mark>' in told_best
    assert html.index('class="told-best"') < html.index('id="facts-title"')
    assert "one report, no who or where" not in html
    assert "2021-03-17" in html  # the other date of the conflict
    assert f'href="/stories/{TRIP}"' in html
    assert "in_person" in html
    assert 'href="/entities/Tokyo"' not in html  # an unlinked place is not a link
    assert events_client.get("/events/vnope").status_code == 404


def test_event_page_without_evidence(events_client: TestClient) -> None:
    html = html_of(events_client, f"/events/{UNDATED}")
    assert_inert(html)
    assert "No evidence sentence" in html and "Not part of a story" in html
    assert "possible days: to <time datetime=\"2021-03-20\">20 Mar 2021</time>" in html
    assert "day 16 of its month" in html
    assert get(events_client, f"/api/events/{UNDATED}")["possible_days"] == {
        "earliest": None, "latest": "2021-03-20", "day_of_month": 16
    }


def test_event_api_has_salience_and_the_sentence_that_tells_it_best(
    events_client: TestClient,
) -> None:
    meeting = get(events_client, f"/api/events/{MEETING}")
    assert meeting["salience"] == "normal"
    assert meeting["date_basis"] == "text" and meeting["date_sources"] == 2
    told = meeting["summary_sentence"]
    assert told["document"] == meeting["evidence"][1]["document"] and told["sentence"] == 0
    assert SCRIPT in told["text"] and ["arrived", True] in told["marked"]
    low = get(events_client, f"/api/events/{LOW}")
    assert low["salience"] == "low" and low["date_basis"] == "report"
    assert low["summary_sentence"]["text"].startswith("Two days later")
    assert get(events_client, f"/api/events/{UNDATED}")["summary_sentence"] is None


def test_low_salience_event_page(events_client: TestClient) -> None:
    html = html_of(events_client, f"/events/{LOW}")
    page = assert_inert(html)
    assert f"A meeting {EVENT_SCRIPT}" in unescape("".join(page.text))
    assert "date of the report" in html and "date from the text" not in html
    assert "one report, no who or where" in html and "Low salience" in html
    assert "Two days later the ministers flew to Seoul." in html
    assert "<dt>salience</dt>" not in html  # shown once, as salience, not as an attribute


# -- events of low salience: listed apart, never hidden -------------------------------------


def test_timeline_api_counts_low_salience_events_and_lists_them_on_request(
    events_client: TestClient,
) -> None:
    default = get(events_client, "/api/timeline")
    assert [i["id"] for i in default["items"]["items"]] == [MEETING, VISIT]
    assert {i["salience"] for i in default["items"]["items"]} == {"normal"}
    assert default["low_salience"] == 1
    every = get(events_client, "/api/timeline", low="true")
    assert [i["id"] for i in every["items"]["items"]] == [MEETING, LOW, VISIT]
    assert [i["salience"] for i in every["items"]["items"]] == ["normal", "low", "normal"]
    assert every["low_salience"] == 0 and every["items"]["total"] == 3
    assert [b["count"] for b in every["buckets"]] == [1, 1, 1]
    # The count follows the filters: the low event is on 17 March and has no participant.
    assert get(events_client, "/api/timeline", start="2021-03-18")["low_salience"] == 0
    assert get(events_client, "/api/timeline", entity="ehandmotegi01")["low_salience"] == 0
    assert get(events_client, "/api/timeline", kind="report")["low_salience"] == 0
    assert get(events_client, "/api/events")["total"] == 3  # the list API leaves them out


def test_timeline_page_lists_low_salience_events_collapsed(events_client: TestClient) -> None:
    html = html_of(events_client, "/timeline")
    page = assert_inert(html)
    assert f"A meeting {EVENT_SCRIPT}" in unescape("".join(page.text))
    details = html[html.index('<details class="low-salience"') : html.index("</details>")]
    assert "1 more event told by one report only, without who or where" in details
    assert f'href="/events/{LOW}"' in details and f'href="/events/{MEETING}"' not in details
    assert "one report, no who or where" in details  # each is marked
    assert 'href="/timeline?low=1' in details
    # Outside the collapsed list the low event is nowhere.
    assert html.count(f'href="/events/{LOW}"') == 1
    # A filter that leaves it out leaves out the list too.
    assert "low-salience" not in html_of(events_client, "/timeline", start="2021-03-18")


def test_timeline_page_with_low_lists_them_in_order(events_client: TestClient) -> None:
    html = html_of(events_client, "/timeline", low="1")
    assert_inert(html)
    assert '<details class="low-salience"' not in html
    assert html.index(f"/events/{MEETING}") < html.index(f"/events/{LOW}")
    assert html.index(f"/events/{LOW}") < html.index(f"/events/{VISIT}")
    assert 'id="f-low" name="low" type="checkbox" value="1" checked' in html
    assert "leave them out" in html
    # Pages and zoom links keep the choice.
    assert 'id="zoom-out"' not in html or "low=1" in html[html.index('id="zoom-out"') :][:200]


# -- stories ------------------------------------------------------------------------------


def test_stories_api(events_client: TestClient) -> None:
    found = get(events_client, "/api/stories")
    assert found["total"] == 1
    story = found["items"][0]
    assert story["id"] == TRIP and story["events"] == 2 and story["documents"] == 2
    detail = get(events_client, f"/api/stories/{TRIP}")
    assert [e["id"] for e in detail["events"]] == [MEETING, VISIT]
    assert len(detail["documents"]) == 2
    assert events_client.get("/api/stories/snope").status_code == 404


def test_story_pages(events_client: TestClient) -> None:
    listing = html_of(events_client, "/stories")
    assert_inert(listing)
    assert f'href="/stories/{TRIP}"' in listing
    html = html_of(events_client, f"/stories/{TRIP}")
    page = assert_inert(html)
    assert f"Blinken's trip {EVENT_SCRIPT}" in unescape("".join(page.text))
    assert html.index(f"/events/{MEETING}") < html.index(f"/events/{VISIT}")
    assert 'href="/reports/dhand0000000001"' in html
    assert events_client.get("/stories/snope").status_code == 404


# -- entity and report pages ----------------------------------------------------------------


def test_entity_page_lists_its_events(events_client: TestClient) -> None:
    html = html_of(events_client, "/entities/ehandblinken1")
    assert_inert(html)
    section = html[html.index('id="events-title"') :]
    assert f'href="/events/{MEETING}"' in section and f'href="/events/{VISIT}"' in section
    assert re.search(r'class="flag role"[^>]*>counterpart<', section)
    # the chart stays the reports per month
    assert "Reports per month" in html


def test_report_page_lists_its_events(events_client: TestClient) -> None:
    html = html_of(events_client, "/reports/dhand0000000001")
    assert_inert(html)
    assert "Events in this report" in html
    assert f'href="/events/{MEETING}"' in html and f'href="/events/{VISIT}"' in html
    assert f"/events/{UNDATED}" not in html


def test_no_events_section_without_events(client: TestClient) -> None:
    assert "Events in this report" not in html_of(client, "/reports/dhand0000000001")
    assert 'id="events-title"' not in html_of(client, "/entities/ehandblinken1")
    stories = html_of(client, "/stories")  # the reports' own stories, no trip or series
    assert "No story yet" not in stories and '<span class="kind">story</span>' in stories
    assert '<span class="kind">trip</span>' not in stories


def test_the_cli_and_the_web_timeline_list_the_same_events(events_kb: Any) -> None:
    """One query serves both: the CLI's list (export shape) and the web's items agree."""
    from storyline.store.event_views import EventViews
    from storyline.store.filters import TimelineFilter
    from storyline.store.queries import Reader

    with Reader(events_kb) as reader, EventViews(events_kb) as views:
        for start, end, entity in [
            (None, None, None),
            ("2021-03-17", None, None),
            (None, "2021-03-16", None),
            ("2021-03", "2021-03", "ehandblinken1"),
            ("2021-03-01", None, "ehandmotegi01"),
        ]:
            cli = [e["id"] for e in reader.timeline(start=start, end=end, entity=entity)]
            where = TimelineFilter(start=start, end=end, entity=entity, kind="event")
            web = [i.id for i in views.timeline(where).items.items]
            assert cli == web, (start, end, entity)
        # The CLI matches a part of a name too; an undated event is listed apart.
        assert [e["id"] for e in reader.timeline(entity="Motegi")] == [MEETING]
        assert [e["id"] for e in reader.timeline(undated=True)] == [UNDATED]


def test_a_report_group_story_lists_reports_sources_and_disagreements(
    events_kb: Any, tmp_path: Path
) -> None:
    import shutil

    from storyline.records import Story
    from storyline.store.events import replace_group_stories
    from storyline.store.sqlite import Store
    from storyline.web.app import create_app

    path = tmp_path / "kb.db"
    shutil.copyfile(events_kb, path)
    with Store(path) as store, store.transaction():
        documents = [r[0] for r in store.db.execute(
            "SELECT document_id FROM event_documents WHERE event_id = ?", (MEETING,))]  # fmt: skip
        story = Story("sgroup0000000001", "story", "Motegi meets Blinken", (MEETING,),
                      tuple(documents), "2021-03-16", "2021-03-16", sources=2)  # fmt: skip
        replace_group_stories(store.db, [], [story])
    with TestClient(create_app(path, allowed_hosts=["testserver"])) as client:
        html = html_of(client, f"/stories/{story.id}")
    assert_inert(html)
    assert "Reports, by source and date" in html and "2 independent sources" in html
    assert 'id="conflicts-title"' in html  # the meeting's reports disagree
    assert 'id="briefing-title"' in html and f'href="/stories/{story.id}/briefing.md"' in html


def test_an_entity_page_has_its_briefing_and_a_markdown_download(
    events_client: TestClient,
) -> None:
    html = html_of(events_client, "/entities/ehandblinken1")
    assert_inert(html)  # the meeting is told best by a hostile sentence
    assert 'id="briefing-title"' in html and "2021-03-16" in html
    assert 'href="/entities/ehandblinken1/briefing.md"' in html
    response = events_client.get("/entities/ehandblinken1/briefing.md")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    text = response.text
    assert text.startswith("# Briefing: ") and "## 2021-03-16" in text
    assert "<script>" not in text and "&lt;script&gt;" in text  # the report's text, escaped
    assert events_client.get("/entities/nosuchentity/briefing.md").status_code == 404
