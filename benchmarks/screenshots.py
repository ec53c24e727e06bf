"""Screenshots of every page of the web UI, for docs/screenshots/.

    python benchmarks/screenshots.py                 # ingests examples/ into a scratch database
    python benchmarks/screenshots.py --db demo.db    # an existing knowledge base

Ingests the demo corpus with the English model (or the given database as it is),
embeds its sentences, serves it with uvicorn on 127.0.0.1 and a free port, and
drives Debian's headless Chromium (/usr/bin/chromium + chromedriver) with Selenium.
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.web.chromium import available, open_chromium  # noqa: E402


def build_demo(db: Path) -> None:
    from storyline.ingest.analysis import standard_stages
    from storyline.ingest.runner import ingest
    from storyline.nlp.embeddings import embed_and_index
    from storyline.settings import Settings
    from storyline.store.sqlite import Store

    settings = Settings().override({"processes": 0})
    with Store(db) as store:
        # The stage of `storyline ingest`: events are extracted from the parse and merged.
        ingest([str(ROOT / "examples")], store, standard_stages, settings)
        embed_and_index(store.db, cells=8, rebuild=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(db: Path, port: int) -> object:
    import uvicorn

    from storyline.web.app import create_app

    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    for _ in range(100):
        if server.started:
            return server
        time.sleep(0.05)
    raise RuntimeError("the server did not start")


def full_page(driver, path: Path, width: int = 1280) -> None:  # type: ignore[no-untyped-def]
    """A screenshot of the whole page, not only the window."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(int(height), 600), 6000) + 120)
    time.sleep(0.2)
    driver.save_screenshot(str(path))
    driver.set_window_size(width, 900)


def shoot(db: Path, out: Path) -> list[Path]:
    from selenium.webdriver.common.by import By

    from storyline.store.event_views import EventFilter, EventViews
    from storyline.store.views import TimelineFilter

    with EventViews(db) as views:
        first = views.timeline(TimelineFilter(kind="report"), limit=1).items.items
        report = next(
            (d.id for d in views.list_documents(0, 50).items if d.published_how == "metadata"),
            first[0].id if first else None,
        )
        copied = next(
            (d.duplicate_of for d in views.list_documents(0, 500).items if d.duplicate_of), None
        )
        person = views.list_entities(0, 1, type="person").items
        # The event told by the most sources (conflicts first), and the longest story.
        events = views.list_events(EventFilter(), 0, 200).items
        event = max(events, key=lambda e: (e.conflicts > 0, e.sources), default=None)
        stories = views.list_stories(0, 200).items
        story = max(stories, key=lambda s: s.events, default=None)
    port = free_port()
    server = serve(db, port)
    base = f"http://127.0.0.1:{port}"
    pages = [
        ("home", "/"),
        ("timeline", "/timeline"),
        ("timeline-months", "/timeline?start=2023-01-01&end=2023-12-31&zoom=month"),
        ("reports", "/reports"),
        ("entities", "/entities"),
        ("search-text", "/search?q=missile+Japan"),
        ("search-semantic", "/search?q=ballistic+missile+over+Japan&mode=semantic"),
    ]
    if report:
        pages.append(("report", f"/reports/{report}"))
    if copied:
        pages.append(("report-with-copy", f"/reports/{copied}"))
    if person:
        pages.append(("entity", f"/entities/{person[0].id}"))
    if event:
        pages.append(("timeline-reports", "/timeline?kind=report"))
        pages.append(("event", f"/events/{event.id}"))
    if story:
        pages.append(("stories", "/stories"))
        pages.append(("story", f"/stories/{story.id}"))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as profile:
        driver = open_chromium(Path(profile), extra=("--hide-scrollbars",))
        try:
            for name, path in pages:
                driver.get(base + path)
                driver.find_element(By.CSS_SELECTOR, "main")
                target = out / f"{name}.png"
                full_page(driver, target)
                written.append(target)
        finally:
            driver.quit()
            server.should_exit = True  # type: ignore[attr-defined]
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing database (default: the demo)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not available():
        sys.exit(
            "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium "
            "chromium-driver)"
        )
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db
        if db is None:
            db = Path(scratch) / "demo.db"
            build_demo(db)
        for path in shoot(db, args.out):
            print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main()
