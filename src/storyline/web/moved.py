"""Old ids: a page or resource asked for by an id that stopped naming anything (two events
merged, one split, a name renamed) is sent on to the id that names it now.

307 (temporary) rather than 308: an id that names something again loses its redirect,
and a browser would remember a permanent one.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse

from storyline.store.queries import Reader

#: The response header that says why the id was redirected ("merged or split", "renamed"...).
REASON_HEADER = "Storyline-Redirect-Reason"

#: How an old id is described in the API's route documentation.
MOVED: dict[int | str, dict[str, Any]] = {
    307: {"description": "an old id (merged, split, renamed): sent on to its current id"}
}


def moved(request: Request, views: Reader, kind: str, old_id: str, path: str) -> RedirectResponse:
    """A 307 to `path` (its `{}` the new id) with the request's query string; 404 when
    `old_id` was never redirected."""
    found = views.redirect(kind, old_id)
    if found is None:
        raise HTTPException(404, f"no {kind} {old_id}")
    url = path.format(quote(found.new_id, safe=""))
    if request.url.query:
        url += "?" + request.url.query
    reason = quote(found.reason, safe=" ,;()")  # a header is ASCII
    return RedirectResponse(url, status_code=307, headers={REASON_HEADER: reason})
