"""Entity linking speed: mentions linked per second on one core, through `LinkStage`.

    python benchmarks/link_speed.py                       # the curated KB shipped
    python benchmarks/link_speed.py --kb big.sqlite       # any index (e.g. from kb_index.py)
    python benchmarks/link_speed.py --reports 3000 --distinct 0.5

Reports are made from templates ("Japanese Foreign Minister Toshimitsu Motegi
met ... in Tokyo"), with mentions as the spaCy stage makes them (trimmed, with
titles). Names are drawn from the KB's people, places and organisations, a
share of them garbled (a letter changed, dropped or doubled, given and family
name swapped), plus people who are in no KB. `--distinct` is the share of
mentions whose text is drawn fresh rather than repeated from earlier reports:
news repeats the same few names, so the default is 0.3. Everything runs in this
process; the rate is per second of this process's CPU time (one core, whatever
else the machine runs), with the wall-clock rate beside it. The target is 5,000.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.entities.kb.build import curated_index  # noqa: E402
from storyline.entities.stage import LinkStage  # noqa: E402
from storyline.nlp.mentions import make_mention  # noqa: E402
from storyline.records import Document, Mention, Span  # noqa: E402
from storyline.store.kb_index import KBIndex, open_index  # noqa: E402

TITLES = ["Foreign Minister", "Defense Minister", "Prime Minister", "President",
          "Secretary of State", "Japanese Foreign Minister", "U.S. Secretary of Defense", ""]
UNKNOWN = ["Raymond Greene", "Aung San Suu Kyi", "Maria Lopez", "Hiroshi Tanabe",
           "Park Ji-hoon", "Chen Wei", "Olena Kovalenko", "Ahmed Farouk"]


def garble(name: str, rng: random.Random) -> str:
    words = name.split()
    if len(words) == 2 and rng.random() < 0.3:
        return f"{words[1]} {words[0]}"
    word = rng.randrange(len(words))
    letters = list(words[word])
    at = rng.randrange(1, max(2, len(letters)))
    action = rng.choice(["change", "drop", "double"])
    if action == "change":
        letters[at - 1] = rng.choice("aeiou")
    elif action == "drop" and len(letters) > 3:
        del letters[at - 1]
    else:
        letters.insert(at, letters[at - 1])
    words[word] = "".join(letters)
    return " ".join(words)


def name_pools(index: KBIndex, rng: random.Random) -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {"person": [], "place": [], "organization": []}
    for ident in rng.sample(range(1, index.size + 1), min(index.size, 20_000)):
        entity = index.entity(ident)
        if entity.name.isascii():
            pools["place" if entity.type == "country" else entity.type].append(entity.name)
    return pools


def make_report(n: int, pools: dict[str, list[str]], seen: list[tuple[str, str]],
                distinct: float, rng: random.Random) -> Document:
    parts: list[tuple[str, str | None]] = []
    for _ in range(rng.randint(4, 8)):
        picks = []
        for kind in ("person", "person", "place", "organization"):
            if seen and rng.random() > distinct:
                picks.append(rng.choice(seen))
                continue
            if kind == "person" and rng.random() < 0.1:
                name = rng.choice(UNKNOWN)
            else:
                name = rng.choice(pools[kind] or pools["place"])
                if kind == "person" and rng.random() < 0.25:
                    name = garble(name, rng)
            picks.append((kind, name))
            seen.append((kind, name))
        person_a, person_b, place, org = picks
        title = rng.choice(TITLES)
        parts.append((f"{title} " if title else "", None))
        parts += [(person_a[1], "PERSON"), (" met ", None), (person_b[1], "PERSON"),
                  (" of the ", None), (org[1], "ORG"), (" in ", None), (place[1], "GPE"),
                  (". ", None)]
    text, spans = "", []
    for piece, label in parts:
        if label:
            spans.append((Span(len(text), len(text) + len(piece)), label))
        text += piece
    mentions: list[Mention] = []
    for span, label in spans:
        mention = make_mention(text, span, label, "bench")
        if mention is not None:
            mentions.append(mention)
    return Document(id=f"d{n}", key=f"k{n}", origin="bench", source="bench", text=text,
                    published=f"20{rng.randint(10, 23)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                    mentions=tuple(mentions))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=Path, default=None, help="An index file (default: curated).")
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--distinct", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    started = time.perf_counter()
    index = open_index(args.kb) if args.kb else curated_index()
    print(f"KB: {args.kb or 'curated'} ({index.size:,} entities), "
          f"ready in {time.perf_counter() - started:.2f} s")
    rng = random.Random(args.seed)
    pools = name_pools(index, rng)
    seen: list[tuple[str, str]] = []
    reports = [make_report(n, pools, seen, args.distinct, rng) for n in range(args.reports)]
    total = sum(len(r.mentions) for r in reports)
    stage = LinkStage(index)
    wall, cpu = time.perf_counter(), time.process_time()
    linked = 0
    for report in stage.pipe(reports):
        linked += sum(1 for m in report.mentions if m.score is not None)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{args.reports} reports, {total:,} mentions ({args.distinct:.0%} drawn fresh), "
          f"{linked / max(total, 1):.0%} linked to the KB: {total / cpu:,.0f} mentions per "
          f"CPU-second on one core (target 5,000); {total / wall:,.0f}/s wall clock")


if __name__ == "__main__":
    main()
