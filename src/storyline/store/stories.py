"""Stories: the reports that tell one happening (a report group), and related events
(a trip, a summit series); listed and one whole."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.store.event_rows import EVENT_COLUMNS, EventSummary, event_summary
from storyline.store.view_base import DocumentSummary, Page, ViewsBase


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: str
    kind: str  # "story" (a report group) | "trip" | "series"
    title: str
    start: str | None
    end: str | None
    events: int
    documents: int
    sources: int = 0  # independent sources among its reports (report-group stories)


@dataclass(frozen=True, slots=True)
class StoryDetail:
    summary: StorySummary
    events: list[EventSummary]  # in story order
    documents: list[DocumentSummary]


class StoryViews(ViewsBase):
    """Stories, newest first, and one story with its events and reports."""

    def list_stories(self, offset: int = 0, limit: int = 50) -> Page[StorySummary]:
        """Stories, newest first (undated last)."""
        if not self.has_table("stories"):
            return Page([], 0, offset, limit)
        total = self._scalar("SELECT count(*) FROM stories")
        rows = self._rows(
            "SELECT id FROM stories ORDER BY start IS NULL, start DESC, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return Page(self._stories([r[0] for r in rows]), total, offset, limit)

    def _stories(self, ids: Sequence[str]) -> list[StorySummary]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = {
            r["id"]: StorySummary(
                r["id"], r["kind"], r["title"], r["start"], r["end"], r["n"],
                len(json.loads(r["data"]).get("documents", [])),
                int(json.loads(r["data"]).get("sources") or 0),
            )
            for r in self._rows(
                "SELECT s.id, s.kind, s.title, s.start, s.end, s.data, "
                "(SELECT count(*) FROM story_events se WHERE se.story_id = s.id) AS n "
                f"FROM stories s WHERE s.id IN ({marks})",
                tuple(ids),
            )
        }  # fmt: skip
        return [found[i] for i in ids if i in found]

    def story_detail(self, story_id: str) -> StoryDetail | None:
        if not self.has_table("stories"):
            return None
        found = self._stories([story_id])
        if not found:
            return None
        data = json.loads(self._rows("SELECT data FROM stories WHERE id = ?", (story_id,))[0][0])
        events = [
            event_summary(r)
            for r in self._rows(
                f"SELECT {EVENT_COLUMNS} FROM story_events se JOIN events e ON e.id = se.event_id "
                "WHERE se.story_id = ? ORDER BY se.position",
                (story_id,),
            )
        ]
        ids = list(data.get("documents") or [])
        documents = self._documents(ids)
        listed = sorted(
            (documents[d] for d in ids if d in documents),
            key=lambda d: (d.source or "", d.published or "9999", d.id),
        )  # by source, then date
        return StoryDetail(found[0], events, listed)
