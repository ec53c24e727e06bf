"""Speed of every page, API call and search on a generated knowledge base of 100,000 reports.

    python benchmarks/web_speed.py                          # generate, index, serve, time
    python benchmarks/web_speed.py --db /tmp/kb100k.db      # keep (or reuse) the database
    python benchmarks/web_speed.py --reports 10000 --rounds 10

The reports are synthetic variations (templated sentences naming people,
organisations, places and countries drawn with a Zipf law, so a few entities
are in a large share of the reports, mixed with sentences of the demo corpus)
written straight through `Store.write_document`: no spaCy. Their sentences are
embedded and indexed (IVF) as the embedding stage will do. The app is served by
uvicorn on 127.0.0.1 in its own process and requested over HTTP, one request at
a time; each request is repeated `--rounds` times with varied parameters (other
entities, reports, pages, queries), after one warm-up round. Targets: pages
and API calls under 200 ms, search under 100 ms (median and p95).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TOPICS = (
    "missile launches", "the alliance", "trade in semiconductors", "maritime security",
    "the Taiwan Strait", "host-nation support", "climate finance", "vaccine supply",
    "export controls", "human rights", "the nuclear programme", "fishing rights",
    "rare earths", "defence spending", "cyber attacks", "the sanctions regime",
    "space cooperation", "energy prices", "food security", "a free trade agreement",
)
TEMPLATES = (
    "{P} met {P} in {L} on {D} to discuss {T}.",
    "{C} and {C} agreed to strengthen cooperation on {T}, {O} said on {D}.",
    "{P}, speaking in {L}, warned that {C} would respond to any threat to {T}.",
    "Officials from {O} said the talks in {L} covered {T} and {T}.",
    "{C} condemned the move and called on {C} to show restraint over {T}.",
    "The visit by {P} to {L} was the first by a senior official since {Y}.",
    "{O} is expected to publish a report on {T} before the summit in {L}.",
    "{P} told reporters in {L} that {C} remained committed to {T}.",
)
TITLES = ("President", "Prime Minister", "Foreign Minister", "Defense Minister", "Secretary")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FIRST = ("Akira", "Anna", "Chen", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jun",
         "Kim", "Lars", "Maya", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sami", "Tomas",
         "Uma", "Victor", "Wen", "Xavier", "Yuki", "Zara", "Moon", "Park", "Lee", "Ravi")
LAST = ("Tanaka", "Smith", "Wang", "Kowalski", "Haddad", "Suzuki", "Garcia", "Okafor", "Ivanova",
        "Nakamura", "Lindqvist", "Kaur", "Rossi", "Yamamoto", "Novak", "Dubois", "Khan", "Sato",
        "Moreau", "Jensen", "Ito", "Silva", "Choi", "Kato", "Meyer", "Abe", "Gupta", "Lopez",
        "Park", "Hayashi", "Kishi", "Motegi", "Blinken", "Austin", "Chung", "Suh", "Yang")
PLACES = tuple(f"{a}{b}" for a in ("Port ", "New ", "East ", "North ", "San ", "")
               for b in ("Haven", "Kobe", "Riva", "Sendai", "Lorne", "Mira", "Tala", "Bergen",
                         "Osaka", "Tokyo", "Seoul", "Anchorage", "Hiroshima", "Geneva", "Delhi",
                         "Canberra", "Manila", "Hanoi", "Jakarta", "Nairobi"))
COUNTRIES = ("Japan", "United States", "China", "South Korea", "North Korea", "India",
             "Australia", "Philippines", "Vietnam", "Indonesia", "France", "Germany",
             "United Kingdom", "Canada", "Russia", "Taiwan", "Brazil", "Mexico", "Kenya",
             "Egypt", "Turkey", "Saudi Arabia", "Italy", "Spain", "Poland", "Thailand")
ORGS = tuple(f"{a} {b}" for a in ("National", "Pacific", "Joint", "Allied", "Central", "Global",
                                  "Regional", "Maritime")
             for b in ("Security Council", "Defense Agency", "Trade Office", "Institute",
                       "Coast Guard", "Foreign Ministry", "News Agency", "Research Centre"))


@dataclass(frozen=True, slots=True)
class Pool:
    """Entities of one type, drawn with a Zipf law (a few are in many reports)."""

    names: list[str]
    kind: str
    weights: list[float]

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.names, cum_weights=self.weights)[0]


def pool(names: list[str], kind: str, exponent: float = 1.1) -> Pool:
    total, weights = 0.0, []
    for rank in range(1, len(names) + 1):
        total += 1 / rank**exponent
        weights.append(total)
    return Pool(names, kind, weights)


def entity_id(kind: str, name: str) -> str:
    return "e" + hashlib.sha256(f"{kind}:{name.lower()}".encode()).hexdigest()[:12]


def demo_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted((ROOT / "examples" / "demo" / "txt").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 60 < len(s) < 300]
    return sentences or ["The ministers met to discuss the alliance and regional security."]


def generate(db: Path, reports: int, seed: int = 11) -> None:
    """Write `reports` synthetic reports (3% of them near-copies) into a new database."""
    from storyline.records import (
        Document,
        EntityRef,
        Mention,
        RemovedLine,
        Sentence,
        Span,
        TimeExpression,
    )
    from storyline.store.sqlite import Store

    rng = random.Random(seed)
    people = pool(rng.sample([f"{f} {ln}" for f in FIRST for ln in LAST], 1000), "person")
    places = pool(list(PLACES), "place")
    countries = pool(list(COUNTRIES), "country", 0.8)
    orgs = pool(list(ORGS), "organization")
    pools = {"P": people, "L": places, "C": countries, "O": orgs}
    labels = {"person": "PERSON", "place": "GPE", "country": "GPE", "organization": "ORG"}
    sources = pool([f"{w} {k}" for w in ("Harbor", "Eastline", "Northstar", "Pacific", "Capitol",
                                         "Kanto", "Hokuto", "Seto", "Indo", "Atlas")
                    for k in ("Wire", "Herald", "Daily", "Times", "Digest")], "source")
    filler = demo_sentences()
    first_day = date(2015, 1, 1)
    originals: list[Document] = []

    def report(number: int) -> Document:
        if originals and rng.random() < 0.03:  # a syndicated copy of an earlier report
            source = originals[rng.randrange(len(originals))]
            key = hashlib.sha256(f"copy{number}".encode()).hexdigest()
            return Document(
                id="d" + key[:15], key=key, origin=f"gen/{number}", source=sources.draw(rng),
                text=source.text, title=source.title, published=source.published,
                published_how=source.published_how, language="en",
                duplicate_of=source.id, flags=("near-duplicate",),
                stages=("bench.generate.v1",),
            )
        day = first_day + timedelta(days=rng.randrange(3650))
        parts: list[str] = []
        sentences, mentions, timexes = [], [], []
        entities: dict[str, EntityRef] = {}
        position = 0
        for paragraph in range(rng.randint(3, 5)):
            if paragraph:
                parts.append("\n\n")
                position += 2
            for number_in_paragraph in range(rng.randint(2, 4)):
                if number_in_paragraph:
                    parts.append(" ")
                    position += 1
                start = position
                if rng.random() < 0.35:
                    text = filler[rng.randrange(len(filler))]
                    parts.append(text)
                    position += len(text)
                else:
                    for piece in re.split(r"(\{[A-Z]\})", rng.choice(TEMPLATES)):
                        kind = piece[1:-1] if piece.startswith("{") else ""
                        if kind in pools:
                            chosen = pools[kind]
                            name = chosen.draw(rng)
                            title = None
                            if chosen.kind == "person" and rng.random() < 0.3:
                                title = rng.choice(TITLES)
                                parts.append(title + " ")
                                position += len(title) + 1
                            eid = entity_id(chosen.kind, name)
                            entities[eid] = EntityRef(eid, f"{chosen.kind}:{name.lower()}",
                                                      name, chosen.kind, "bench.generate.v1")
                            mentions.append(Mention(
                                Span(position, position + len(name)), name, labels[chosen.kind],
                                chosen.kind, "bench.generate.v1", title=title, entity=eid))
                            piece = name
                        elif kind == "D":
                            piece = WEEKDAYS[day.weekday()]
                            timexes.append(TimeExpression(
                                Span(position, position + len(piece)), piece, "DATE",
                                day.isoformat(), "bench.generate.v1", anchor="dct"))
                        elif kind == "T":
                            piece = rng.choice(TOPICS)
                        elif kind == "Y":
                            piece = str(rng.randint(1990, 2014))
                        parts.append(piece)
                        position += len(piece)
                sentences.append(Sentence(Span(start, position), "bench.generate.v1"))
        text = "".join(parts)
        key = hashlib.sha256(f"report{number}".encode()).hexdigest()
        dated = rng.random()
        published, how = (
            (day.isoformat(), "metadata") if dated < 0.75 else
            (day.isoformat(), "dateline") if dated < 0.83 else
            (day.isoformat()[:7], "inferred") if dated < 0.88 else (None, None)
        )
        title = f"{mentions[0].text if mentions else 'Officials'} on {rng.choice(TOPICS)}"
        doc = Document(
            id="d" + key[:15], key=key, origin=f"gen/{number}.txt", source=sources.draw(rng),
            text=text, title=title, published=published, published_how=how, language="en",
            removed=(RemovedLine("Loading", "debris", "navigation word", "bench"),
                     RemovedLine("Comment(s) Write comment", "debris", "comment widget", "bench")),
            sentences=tuple(sentences), mentions=tuple(mentions),
            entities=tuple(entities.values()), timexes=tuple(timexes),
            stages=("bench.generate.v1",),
        )
        if len(originals) < 20_000:
            originals.append(doc)
        elif rng.random() < 0.05:
            originals[rng.randrange(len(originals))] = doc
        return doc

    with Store(db) as store, store.transaction():
        for number in range(reports):
            store.write_document(report(number))
            if number % 2000 == 1999:
                store.checkpoint()
                print(f"\r  wrote {number + 1:,} reports", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


def index(db: Path) -> None:
    """Sentence vectors + IVF index (the embedding stage); the indexes come with the schema."""
    from storyline.nlp.embeddings import embed_and_index
    from storyline.store.sqlite import Store

    with Store(db) as store:
        started = time.perf_counter()
        added = embed_and_index(store.db)
        print(f"  embedded and indexed {added:,} sentences in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = (
        f"import sys, uvicorn; sys.path.insert(0, {str(ROOT / 'src')!r}); "
        "from storyline.web.app import create_app; "
        f"uvicorn.run(create_app({str(db)!r}), host='127.0.0.1', port={port}, "
        "log_level='warning')"
    )
    process = subprocess.Popen([sys.executable, "-c", code])
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start")


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    kind: str  # "page", "api" or "search"
    paths: Callable[[int], str]  # round -> path (varied parameters)


def cases(db: Path, rng: random.Random) -> list[Case]:
    from storyline.store.views import Views

    with Views(db, timeout=60) as views:
        total = views.overview().reports
        docs = [d.id for d in views.list_documents(rng.randrange(max(1, total - 50)), 50).items]
        top = [e.id for e in views.list_entities(0, 5).items]
        some = [e.id for e in views.list_entities(rng.randrange(200), 20).items]
        sources = [s for s, _n in views.sources()]
    entities = top + some

    def pick(items: list[str]) -> Callable[[int], str]:
        return lambda r: items[r % len(items)]

    doc, entity, source = pick(docs), pick(entities), pick(sources)
    words = ["alliance", "missile", "Tokyo", "semiconductors", "restraint", "Haven", "summit",
             "visit", "condemned", "rare earths", "talks Tokyo", "human rights"]
    word = pick(words)
    meaning = pick(["missile launch over Japan", "trade talks on chips", "a summit in Tokyo",
                    "calls for restraint", "new sanctions announced"])
    month = lambda r: f"20{15 + r % 10}-{1 + r % 12:02d}"  # noqa: E731
    return [
        Case("home", "page", lambda r: "/"),
        Case("timeline (all, by year)", "page", lambda r: "/timeline"),
        Case("timeline (a month, by day)", "page",
             lambda r: f"/timeline?start={month(r)}-01&end={month(r)}-28&zoom=day"),
        Case("timeline (an entity)", "page", lambda r: f"/timeline?entity={entity(r)}"),
        Case("timeline (a source, page 20)", "page",
             lambda r: f"/timeline?source={source(r)}&page=20"),
        Case("timeline (page 1,000)", "page", lambda r: f"/timeline?page={1000 + r}"),
        Case("reports (page 500)", "page", lambda r: f"/reports?page={500 + r}"),
        Case("report", "page", lambda r: f"/reports/{doc(r)}"),
        Case("entities", "page", lambda r: f"/entities?page={1 + r % 5}"),
        Case("entities (name filter)", "page", lambda r: f"/entities?q={'ao'[r % 2]}&type=person"),
        Case("entity", "page", lambda r: f"/entities/{entity(r)}"),
        Case("search page (full text)", "search", lambda r: f"/search?q={word(r)}"),
        Case("search page (semantic)", "search", lambda r: f"/search?q={meaning(r)}&mode=semantic"),
        Case("api overview", "api", lambda r: "/api/overview"),
        Case("api documents (offset 50,000)", "api",
             lambda r: f"/api/documents?offset={50_000 + r}&limit=50"),
        Case("api document", "api", lambda r: f"/api/documents/{doc(r)}"),
        Case("api entities", "api", lambda r: f"/api/entities?offset={r * 50}"),
        Case("api entity", "api", lambda r: f"/api/entities/{entity(r)}"),
        Case("api entity documents", "api", lambda r: f"/api/entities/{entity(r)}/documents"),
        Case("api timeline (by month)", "api", lambda r: f"/api/timeline?zoom=month&offset={r}"),
        Case("api timeline (entity + year)", "api",
             lambda r: f"/api/timeline?entity={entity(r)}&start=20{15 + r % 10}"
                       f"&end=20{15 + r % 10}"),
        Case("api search (full text)", "search", lambda r: f"/api/search?q={word(r)}"),
        Case("api search (full text, source filter)", "search",
             lambda r: f"/api/search?q={word(r)}&source={source(r)}"),
        Case("api search (semantic)", "search",
             lambda r: f"/api/search?q={meaning(r)}&mode=semantic"),
    ]


def measure(base: str, case: Case, rounds: int) -> tuple[list[float], float]:
    """(times in ms of `rounds` varied requests, time of the first, cold one)."""
    import httpx

    with httpx.Client(base_url=base, timeout=30) as client:
        def timed(path: str) -> float:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{path}: {response.status_code} {response.text[:200]}")
            return elapsed

        cold = timed(case.paths(0))
        for warm in range(1, min(rounds, 5)):  # one warm-up pass over some variants
            timed(case.paths(warm))
        return [timed(case.paths(r)) for r in range(rounds)], cold


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def table(results: Iterator[tuple[Case, list[float], float]]) -> list[str]:
    lines = ["| request | kind | median ms | p95 ms | max ms | first (cold) ms | target |",
             "|---|---|---:|---:|---:|---:|---|"]
    for case, times, cold in results:
        target = 100 if case.kind == "search" else 200
        p95 = percentile(times, 0.95)
        mark = "ok" if p95 < target else "**over**"
        lines.append(
            f"| {case.name} | {case.kind} | {statistics.median(times):.1f} | {p95:.1f} | "
            f"{max(times):.1f} | {cold:.1f} | < {target} ms {mark} |"
        )
        print(lines[-1], flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30, help="requests per case")
    parser.add_argument("--db", type=Path, help="database to create, or to reuse if it exists")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    db = args.db or Path("/tmp") / f"storyline-web-{args.reports}.db"
    if not db.exists():
        started = time.perf_counter()
        generate(db, args.reports)
        index(db)
        print(f"  generated in {time.perf_counter() - started:.0f} s "
              f"({db.stat().st_size / 1e6:,.0f} MB)", file=sys.stderr)
    from storyline.store.views import Views

    with Views(db, timeout=60) as views:
        overview = views.overview()
    print(f"knowledge base: {overview.reports:,} reports, {overview.sentences:,} sentences, "
          f"{overview.mentions:,} mentions, {sum(overview.entities.values()):,} entities, "
          f"{overview.vectors:,} vectors")
    port = free_port()
    server = serve(db, port)
    try:
        chosen = cases(db, random.Random(5))
        rows = [(case, *measure(f"http://127.0.0.1:{port}", case, args.rounds))
                for case in chosen]
        table(iter(rows))
    finally:
        server.terminate()
        server.wait(timeout=10)
    if args.json:
        args.json.write_text(json.dumps(
            {case.name: {"kind": case.kind, "median": statistics.median(times),
                         "p95": percentile(times, 0.95), "max": max(times), "cold": cold}
             for case, times, cold in rows}, indent=2))


if __name__ == "__main__":
    main()
