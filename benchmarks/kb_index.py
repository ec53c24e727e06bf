"""Knowledge-base index: build a synthetic KB of a million entities, then time opening it
and looking names up.

    python benchmarks/kb_index.py                        # 1,000,000 entities in a temp dir
    python benchmarks/kb_index.py --entities 200000 --keep kb.sqlite

Entities are people, organisations and places with made-up names drawn from
English, Japanese, Korean and Chinese syllables (so that keys collide as real
names do), one in twenty people with a dated office. The target is an index
that opens in under 5 seconds; opening is timed in a fresh process, so that no
Python object built during the build is reused (the file itself may be in the
OS page cache, as it would be on a machine that used it recently).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.entities.kb.index import build_index  # noqa: E402
from storyline.entities.kb.model import KBEntity, Role  # noqa: E402

GIVEN = [
    "john", "mary", "james", "linda", "robert", "susan", "michael", "karen", "david", "nancy",
    "william", "lisa", "richard", "yoshi", "taro", "hiro", "kazu", "masa", "nobu", "toshi",
    "fumi", "shin", "ken", "min", "ji", "seo", "hye", "jun", "woo", "young", "xiao", "wei",
    "li", "ming", "hong", "jin", "ping",
]
FAMILY_SYLLABLES = [
    "ta", "ka", "shi", "mo", "te", "gi", "ha", "ya", "na", "be", "su", "ga", "ki", "da", "no",
    "ri", "to", "mi", "ra", "wa", "ya", "ma", "kim", "park", "lee", "choi", "jung", "kang",
    "yoon", "wang", "zhang", "liu", "chen", "yang", "huang", "smith", "john", "son", "ander",
    "wil", "li", "ams", "brown", "mil", "ler", "dav", "is",
]
ORG_WORDS = [
    "national", "bank", "group", "holdings", "airlines", "motors", "energy", "united", "trade",
    "council",
]
COUNTRIES = [f"X{a}{b}" for a in "ABCDEFGHIJKLMNOP" for b in "ABCDEFGHIJKLM"]  # 208
OFFICES = ["head_of_state", "head_of_government", "foreign_minister", "defence_minister"]


def family_name(rng: random.Random) -> str:
    return "".join(rng.choice(FAMILY_SYLLABLES) for _ in range(rng.randint(2, 3))).title()


def synthetic_entities(count: int, seed: int = 7) -> Iterator[KBEntity]:
    rng = random.Random(seed)
    for n in range(count):
        kind = rng.choices(["person", "organization", "place"], [7, 2, 1])[0]
        if kind == "person":
            given, family = rng.choice(GIVEN).title(), family_name(rng)
            name = f"{given} {family}"
            aliases: tuple[str, ...] = (f"{family} {given}",) if rng.random() < 0.3 else ()
            roles: tuple[Role, ...] = ()
            if rng.random() < 0.05:
                start = rng.randint(1990, 2020)
                roles = (Role("Office", rng.choice(OFFICES), rng.choice(COUNTRIES),
                              f"{start}-01-01", f"{start + rng.randint(1, 6)}-01-01"),)
            yield KBEntity(f"syn:{n}", name, "person", None, "XXA", aliases, roles, 0.3)
        elif kind == "organization":
            words = [family_name(rng)] + rng.sample(ORG_WORDS, rng.randint(1, 2))
            yield KBEntity(f"syn:{n}", " ".join(w.title() for w in words), "organization",
                           None, None, (), (), 0.3)
        else:
            yield KBEntity(f"syn:{n}", family_name(rng) + " City", "place", None, "XXA",
                           (), (), 0.3)


_PROBE = """
import json, random, sys, time
t = time.perf_counter()
sys.path.insert(0, {src!r})
from storyline.store.kb_index import open_index
from storyline.entities.kb.model import Window
from storyline.entities.linker import Context, Linker
imported = time.perf_counter() - t
t = time.perf_counter()
index = open_index({path!r})
index.ids_by_name("probe")
opened = time.perf_counter() - t
names = json.loads({names!r})
t = time.perf_counter()
for name in names:
    index.ids_by_name(name.lower())
exact = len(names) / (time.perf_counter() - t)
linker = Linker(index)
rng = random.Random(1)
garbled = [n[:-1] + rng.choice("aeiou") for n in names]
t = time.process_time()
linked = sum(linker.link(n, "person", None, Context()).linked for n in garbled)
fuzzy = len(garbled) / (time.process_time() - t)
print(json.dumps({{"import_s": imported, "open_s": opened, "exact_per_s": exact,
                  "fuzzy_link_per_s": fuzzy, "garbled_linked": linked, "probes": len(names)}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="Write the index here.")
    parser.add_argument("--probes", type=int, default=2000, help="Names looked up.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "kb.sqlite"
        started = time.perf_counter()
        report = build_index(synthetic_entities(args.entities), path)
        built = time.perf_counter() - started
        size_mb = path.stat().st_size / 1e6
        print(f"built {report.entities:,} entities ({report.names:,} names, {report.keys:,} keys,"
              f" {report.roles:,} roles) in {built:.0f} s; {size_mb:,.0f} MB")
        rng = random.Random(3)
        sample = [e.name for e in synthetic_entities(min(args.entities, 50_000))
                  if e.type == "person"]
        names = rng.sample(sample, min(args.probes, len(sample)))
        probe = _PROBE.format(src=str(ROOT / "src"), path=str(path), names=json.dumps(names))
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                check=True)
        figures = json.loads(result.stdout)
        print(f"open (fresh process, after imports): {figures['open_s']:.3f} s "
              f"(target < 5 s); imports {figures['import_s']:.2f} s")
        print(f"exact name lookups: {figures['exact_per_s']:,.0f}/s; "
              f"garbled names linked (candidates + scoring): {figures['fuzzy_link_per_s']:,.0f}/s "
              f"({figures['garbled_linked']}/{figures['probes']} linked)")


if __name__ == "__main__":
    main()
