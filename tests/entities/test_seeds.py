"""The five seed reports with the shipped knowledge base and hand-built mentions (no model).

Mentions are what the spaCy stage makes of these spans: trimmed, each person with
the title before it. Skips while the shipped data lacks the people involved.
"""

from pathlib import Path

import pytest

from storyline.entities.kb.build import curated_index
from storyline.entities.kb.curated import data_files
from storyline.entities.names import fold
from storyline.entities.stage import LinkStage
from storyline.store.kb_index import KBIndex
from tests.conftest import SEEDS, make_document
from tests.entities.conftest import mentions_in

PEOPLE = [
    "Antony Blinken",
    "Toshimitsu Motegi",
    "Yoshihide Suga",
    "Naoto Kan",
    "Yoshimasa Hayashi",
    "Lloyd Austin",
    "Nobuo Kishi",
    "Fumio Kishida",
]
SPECS = {
    "000": [
        ("Blinken", "PERSON"),
        ("Antony Blinken", "PERSON"),
        ("Austin", "PERSON"),
        ("Suga", "PERSON"),
        ("Wang Yi", "PERSON"),
        ("Sullivan", "PERSON"),
        ("Tokyo", "GPE"),
        ("Japan", "GPE"),
        ("China", "GPE"),
    ],
    "002": [
        ("John Blinken", "PERSON"),
        ("Toshimichi Motegi", "PERSON"),
        ("Toshimichi Mogi", "PERSON"),
        ("Toshimichi Shigeki", "PERSON"),
        ("Kan", "PERSON"),
        ("Austin", "PERSON"),
        ("Nobuo Kishi", "PERSON"),
        ("Sullivan", "PERSON"),
        ("Wang Yi", "PERSON"),
        ("Yang Jiechi", "PERSON"),
        ("Blinken", "PERSON"),
        ("Tokyo", "GPE"),
        ("Beijing", "GPE"),
        ("Anchorage", "GPE"),
    ],
    "003": [
        ("Yoshimasa Hayashi", "PERSON"),
        ("Hayashi", "PERSON"),
        ("Nobuo Kishi", "PERSON"),
        ("Antony Blinken", "PERSON"),
        ("Lloyd Austin", "PERSON"),
        ("Blinken", "PERSON"),
        ("Austin", "PERSON"),
        ("Fumio Kishida", "PERSON"),
        ("Rahm Emanuel", "PERSON"),
        ("Raymond Greene", "PERSON"),
    ],
    "004": [
        ("Tony Blincoln", "PERSON"),
        ("Blincoln", "PERSON"),
        ("Lloyd Austin", "PERSON"),
        ("Austin", "PERSON"),
        ("Hayashi Yoshimasa", "PERSON"),
        ("Yasukazu Hamada", "PERSON"),
        ("Joe Biden", "PERSON"),
        ("Fumio Kishida", "PERSON"),
        ("Japan", "GPE"),
    ],
}


@pytest.fixture(scope="module")
def shipped() -> KBIndex:
    if not data_files():
        pytest.skip("the curated people and organisations are not shipped yet")
    index = curated_index()
    missing = [p for p in PEOPLE if not index.ids_by_name(fold(p))]
    if missing:
        pytest.skip(f"the shipped data lacks {', '.join(missing)}")
    return index


def linked(index: KBIndex, seed: str, published: str | None = None) -> dict[tuple[str, str], str]:
    """(mention text, title) -> entity name, for one seed report."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not here")
    text = next(Path(SEEDS).glob(f"{seed}_*.txt")).read_text(encoding="utf-8")
    doc = make_document(text, mentions=mentions_in(text, SPECS[seed]), published=published)
    out = LinkStage(index)(doc)
    names = {e.id: e.name for e in out.entities}
    return {(m.text, m.title or ""): names[m.entity] for m in out.mentions if m.entity}


def test_seed_002_garbled_names(shipped: KBIndex) -> None:
    found = linked(shipped, "002", published="2021-03-16")
    assert found[("John Blinken", "Secretary of State")] == "Antony Blinken"
    for name in ["Toshimichi Motegi", "Toshimichi Mogi"]:
        assert found[(name, "Japanese Foreign Minister")] == "Toshimitsu Motegi"
    assert found[("Toshimichi Shigeki", "")] == "Toshimitsu Motegi"
    assert found[("Kan", "Prime Minister")] == "Yoshihide Suga"
    assert found[("Nobuo Kishi", "Japanese Defense Minister")] == "Nobuo Kishi"


def test_seed_002_undated_never_gives_naoto_kan(shipped: KBIndex) -> None:
    found = linked(shipped, "002")
    assert found[("Kan", "Prime Minister")] != "Naoto Kan"
    assert found[("Toshimichi Shigeki", "")] == "Toshimitsu Motegi"


def test_seed_004_blincoln_and_family_name_first(shipped: KBIndex) -> None:
    found = linked(shipped, "004")
    assert found[("Tony Blincoln", "U.S. Secretary of State")] == "Antony Blinken"
    assert found[("Blincoln", "Minister")] == "Antony Blinken"
    assert found[("Hayashi Yoshimasa", "Japanese Foreign Minister")] == "Yoshimasa Hayashi"
    assert found[("Fumio Kishida", "Japanese Prime Minister")] == "Fumio Kishida"


def test_seed_000_minister_of_defense_austin(shipped: KBIndex) -> None:
    found = linked(shipped, "000")
    assert found[("Austin", "Minister of Defense")] == "Lloyd Austin"
    assert found[("Blinken", "Secretary of State")] == "Antony Blinken"


def test_seed_003_kishi_stays_apart_from_kishida(shipped: KBIndex) -> None:
    found = linked(shipped, "003")
    assert found[("Nobuo Kishi", "Defense Minister")] == "Nobuo Kishi"
    assert found[("Fumio Kishida", "Prime Minister")] == "Fumio Kishida"
    assert found[("Hayashi", "")] == "Yoshimasa Hayashi"
