"""Templates and the small presentation helpers they use: links, dates, numbers, bar charts.

Autoescaping is on for every template, whatever its name; `StrictUndefined`
turns a misspelt variable into an error instead of an empty string.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from storyline.store.views import ZOOMS, Bucket

HERE = Path(__file__).resolve().parent
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WIKIDATA = re.compile(r"^Q[1-9]\d*$")
CHILD_ZOOM = {"year": "month", "month": "day", "day": "day"}
PARENT_ZOOM = {"day": "month", "month": "year", "year": "year"}
TYPE_LABELS = {
    "person": "people",
    "organization": "organisations",
    "place": "places",
    "country": "countries",
    "other": "other",
}


def templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(href=href, safe_url=safe_url, wikidata_url=wikidata_url)
    env.globals["type_labels"] = TYPE_LABELS
    env.filters.update(number=number, date_label=date_label, path=path_part)
    return Jinja2Templates(env=env)


def href(path: str, **params: object) -> str:
    """`path` with the non-empty `params` as its query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(kept) if kept else "")


def path_part(value: str) -> str:
    """`value` quoted for use as one segment of a URL path."""
    return quote(value, safe="")


def safe_url(url: str | None) -> str | None:
    """`url` if it is http(s), else None: a report's URL never becomes a javascript: link."""
    if url and re.match(r"^https?://[^\s\"'<>]+$", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def wikidata_url(qid: str | None) -> str | None:
    return f"https://www.wikidata.org/wiki/{qid}" if qid and _WIKIDATA.match(qid) else None


def number(value: int | float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def date_label(value: str | None) -> str:
    """ "2021-03-16" -> "16 Mar 2021", "2021-03" -> "Mar 2021", "2021" -> "2021"."""
    if not value:
        return "undated"
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


# -- the timeline's zoom ----------------------------------------------------------------


def bucket_range(key: str) -> tuple[str, str]:
    """First and last day of a bucket: "2021" -> 2021-01-01..2021-12-31."""
    if len(key) == 4:
        return f"{key}-01-01", f"{key}-12-31"
    if len(key) == 7:
        year, month = int(key[:4]), int(key[5:7])
        return f"{key}-01", f"{key}-{calendar.monthrange(year, month)[1]:02d}"
    return key, key


def pan(start: str | None, end: str | None, zoom: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """The ranges before and after [start, end] at the parent of `zoom` (a year, a month)."""
    unit = PARENT_ZOOM[zoom] if zoom != "year" else "year"
    anchor = start or end or date.today().isoformat()
    key = anchor[: ZOOMS[unit]] if unit != "year" else anchor[:4]
    if len(key) == 4:
        year = int(key)
        return bucket_range(str(year - 1)), bucket_range(str(year + 1))
    first = date(int(key[:4]), int(key[5:7]), 1)
    before = (first - timedelta(days=1)).isoformat()[:7]
    after = (first + timedelta(days=32)).isoformat()[:7]
    return bucket_range(before), bucket_range(after)


@dataclass(frozen=True, slots=True)
class Bar:
    key: str
    count: int
    x: float
    y: float
    width: float
    height: float
    label: str  # the tick label under the bar ("" when skipped for room)
    title: str  # what a screen reader and a tooltip say


def filled(
    buckets: Sequence[Bucket],
    zoom: str,
    start: str | None = None,
    end: str | None = None,
    limit: int = 400,
) -> list[Bucket]:
    """The precise buckets with the empty ones between them, so gaps in time show as gaps;
    from `start` to `end` (YYYY-MM-DD) when given, else from the first bucket to the last."""
    precise = [b for b in buckets if b.precise]
    if not precise and not (start and end):
        return []
    size = ZOOMS[zoom]
    first = start[:size] if start and len(start) >= size else precise[0].key
    last = end[:size] if end and len(end) >= size else precise[-1].key
    keys = _keys_between(first, last, zoom, limit)
    if keys is None:
        return precise
    counts = {b.key: b.count for b in precise}
    return [Bucket(key, counts.get(key, 0), True) for key in keys]


def _keys_between(first: str, last: str, zoom: str, limit: int) -> list[str] | None:
    keys: list[str] = []
    if zoom == "year":
        keys = [str(y) for y in range(int(first), int(last) + 1)]
    elif zoom == "month":
        year, month = int(first[:4]), int(first[5:7])
        while f"{year:04d}-{month:02d}" <= last and len(keys) <= limit:
            keys.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        day, stop = date.fromisoformat(first), date.fromisoformat(last)
        while day <= stop and len(keys) <= limit:
            keys.append(day.isoformat())
            day += timedelta(days=1)
    return keys if len(keys) <= limit else None


def bars(buckets: Sequence[Bucket], width: float = 960, height: float = 120) -> list[Bar]:
    """SVG geometry of a bar chart of `buckets` (attributes only: the CSP forbids inline style)."""
    if not buckets:
        return []
    top = max(b.count for b in buckets) or 1
    slot = width / len(buckets)
    bar_width = min(max(slot * 0.8, 1.0), 56.0)
    every = max(1, round(len(buckets) / 12))  # at most about twelve tick labels
    out = []
    for number_, bucket in enumerate(buckets):
        bar_height = 0 if not bucket.count else max(2.0, height * bucket.count / top)
        label = _tick(bucket.key) if number_ % every == 0 else ""
        out.append(
            Bar(
                bucket.key,
                bucket.count,
                round(number_ * slot + (slot - bar_width) / 2, 2),
                round(height - bar_height, 2),
                round(bar_width, 2),
                round(bar_height, 2),
                label,
                f"{date_label(bucket.key)}: {_items(bucket.count)}",
            )
        )
    return out


def _items(count: int) -> str:
    return f"{count:,} item" + ("" if count == 1 else "s")


def _tick(key: str) -> str:
    if len(key) == 10:
        return str(int(key[8:]))
    if len(key) == 7:
        month = _MONTHS[int(key[5:7]) - 1]
        return f"{month} {key[:4]}" if key[5:7] == "01" else month
    return key
