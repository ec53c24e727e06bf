"""The robustness corpus: each mutation, gathering, writing, reading outcomes; and a sample of
real and mutated texts through the real ingest (slow, skipped without ../shared)."""

from __future__ import annotations

import gzip
import json
import random
import sqlite3
from pathlib import Path

import pytest

from storyline.evaluation import mutations as m
from storyline.evaluation.robustness import (
    Outcomes,
    expected_inputs,
    gather_real_texts,
    read_outcomes,
    run_ingest,
    write_corpus,
)
from tests.conftest import EXAMPLES, SHARED

TEXT = (
    "TOKYO (Kyodo) -- \"We won't back down,\" Japan's foreign minister said on Tuesday,\n"
    "after talks [in Washington] with his U.S. counterpart; “it’s a new era.”\n\n"
    "The ministers (four of them) met for two hours: defence, trade and {other} matters!\n"
)
HTML = (
    "<html><head><title>Talks</title></head><body><div class='story'><p>"
    + TEXT.replace("\n", "</p><p>")
    + "</p></div></body></html>"
)


@pytest.mark.parametrize("name", sorted(m.HTML_MUTATIONS))
def test_each_mutation_is_seeded_valid_and_changes_the_text(name: str) -> None:
    mutation = m.HTML_MUTATIONS[name]
    source = HTML if name in ("break_tags", "truncate_in_tag") else TEXT
    first = mutation(source, random.Random(3))
    assert first == mutation(source, random.Random(3))
    assert isinstance(first, str)
    first.encode("utf-8")  # no lone surrogates
    assert first != source


def test_deleting_and_doubling_punctuation() -> None:
    rng = random.Random(1)
    assert not set(m.QUOTES) & set(_all(m.delete_quotes, TEXT, rng))
    assert '""' in m.double_quotes('say "hi"', rng)
    assert not set(m.BRACKETS) & set(_all(m.delete_brackets, TEXT, rng))
    assert "((" in m.double_brackets("a (b", rng)
    assert "," not in _all(m.delete_commas, TEXT, rng)
    assert ",," in m.double_commas(TEXT, rng)
    assert m.delete_apostrophes("We won't go", rng) == "We wont go"
    assert m.double_apostrophes("We won't go", rng) == "We won''t go"
    # Quote marks are not apostrophes.
    assert m.delete_apostrophes("'Go' now", rng) == "'Go' now"


def _all(mutation: m.Mutation, text: str, rng: random.Random) -> str:
    """The mutation until it has taken every character it can (its rate is random)."""
    for _ in range(30):
        text = mutation(text, rng)
    return text


def test_lines_split_joined_and_made_very_long() -> None:
    rng = random.Random(2)
    assert m.split_lines(TEXT, rng).count("\n") > TEXT.count("\n")
    assert m.join_lines(TEXT, rng).count("\n") < TEXT.count("\n")
    long = m.long_lines(TEXT, rng)
    assert "\n" not in long and len(long) >= 10_000


def test_truncation_stops_inside_a_word_or_a_tag() -> None:
    for seed in range(20):
        cut = m.truncate_mid_word(TEXT, random.Random(seed))
        assert TEXT.startswith(cut) and cut[-1].isalnum() and TEXT[len(cut)].isalnum()
        page = m.truncate_in_tag(HTML, random.Random(seed))
        assert HTML.startswith(page) and page.rfind("<") > page.rfind(">")


def test_inserted_characters() -> None:
    rng = random.Random(4)
    assert "\x00" in m.nul_characters(TEXT, rng)
    assert set(m.rtl_characters(TEXT, rng)) & set(m.RTL_CHARS + "".join(m.RTL_WORDS))
    assert set(m.zero_width(TEXT, rng)) & set(m.ZERO_WIDTH)
    assert not m.unicode_punctuation(TEXT, rng).isascii()


def test_mutations_are_chosen_by_the_seed_and_combined() -> None:
    chosen = [m.choose_mutations(random.Random(seed), html=True) for seed in range(200)]
    assert chosen == [m.choose_mutations(random.Random(seed), html=True) for seed in range(200)]
    assert {len(names) for names in chosen} == {1, 2, 3}
    assert {name for names in chosen for name in names} == set(m.HTML_MUTATIONS)
    assert all("long_lines" not in names[:-1] for names in chosen)
    names = ("delete_commas", "nul_characters")
    mutated = m.mutate(TEXT, names, random.Random(5))
    assert "\x00" in mutated and mutated.count(",") < TEXT.count(",") + mutated.count("\x00")


# -- gathering and writing -----------------------------------------------------------------

CAT = """<Document doc_name="1_1ecb.xml" doc_id="D1">
<token t_id="1" sentence="0" number="0">Quake</token>
<token t_id="2" sentence="0" number="1">hits</token>
<token t_id="3" sentence="0" number="2">.</token>
<token t_id="4" sentence="1" number="0">Many</token>
<token t_id="5" sentence="1" number="1">flee</token>
<Markables/><Relations/></Document>"""


def fake_shared(root: Path) -> Path:
    shared = root / "shared"
    ecb = shared / "data" / "ecbplus_dev" / "ECB+" / "1"
    ecb.mkdir(parents=True)
    (ecb / "1_1ecb.xml").write_text(CAT, encoding="utf-8")
    pages = shared / "data" / "web_pages_dev" / "html"
    pages.mkdir(parents=True)
    (pages / "abc.html.gz").write_bytes(gzip.compress(HTML.encode("utf-8")))
    seeds = shared / "corpus" / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "000_x.txt").write_text(TEXT, encoding="utf-8")
    japanese = shared / "data" / "ja_ner_wikipedia"
    japanese.mkdir(parents=True)
    records = [{"curid": str(n), "text": f"文{n}。", "entities": []} for n in range(21)]
    (japanese / "ner.json.gz").write_bytes(gzip.compress(json.dumps(records).encode("utf-8")))
    korean = shared / "data" / "ko_ner_klue"
    korean.mkdir(parents=True)
    klue = "## klue-ner-v1.1_dev_00000\t<서울:LC>에 갔다\n서\tB-LC\n울\tI-LC\n에\tO\n\n"
    (korean / "klue-ner-v1.1_dev.tsv.gz").write_bytes(gzip.compress(klue.encode("utf-8")))
    return shared


def fake_examples(root: Path) -> Path:
    examples = root / "examples"
    (examples / "feed").mkdir(parents=True)
    lines = [{"title": "One", "text": TEXT}, {"html": HTML, "source": "wire"}]
    (examples / "feed" / "wire.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
    )
    (examples / "README.md").write_text("not a report", encoding="utf-8")
    return examples


def test_gathering_reads_each_part_and_skips_absent_ones(tmp_path: Path) -> None:
    texts = gather_real_texts(fake_shared(tmp_path), fake_examples(tmp_path))
    assert [(t.name, t.kind) for t in texts] == [
        ("ecbplus/1_1ecb", "txt"),
        ("web/abc", "html"),
        ("seeds/000_x", "txt"),
        ("ja_wikipedia/0000", "txt"),
        ("ja_wikipedia/0001", "txt"),
        ("ko_klue/0000", "txt"),
        ("examples/feed/wire", "jsonl"),
    ]
    # Sentences of the name sets, gathered into texts of 20 (the last one shorter).
    assert texts[3].data.decode("utf-8").splitlines()[:2] == ["文0。", "文1。"]
    assert texts[4].data.decode("utf-8") == "文20。"
    assert texts[5].data.decode("utf-8") == "서울에"
    assert texts[0].data == b"Quake hits .\nMany flee"
    assert texts[1].data == HTML.encode("utf-8")
    assert gather_real_texts(tmp_path / "nowhere", None) == []
    without_jsonl = gather_real_texts(tmp_path / "nowhere", tmp_path / "examples", jsonl=False)
    assert without_jsonl == []


def test_write_corpus_is_deterministic_and_traceable(tmp_path: Path) -> None:
    shared, examples = fake_shared(tmp_path), fake_examples(tmp_path)
    files = write_corpus(tmp_path / "a", shared, mutations=30, seed=7, examples=examples)
    again = write_corpus(tmp_path / "b", shared, mutations=30, seed=7, examples=examples)
    assert files == again and len(files) == 37  # 7 real, 30 mutated
    for item in files:
        data = (tmp_path / "a" / "inputs" / item.path).read_bytes()
        assert data == (tmp_path / "b" / "inputs" / item.path).read_bytes()
        assert item.path.startswith("mutated/" if item.mutations else "real/")
        assert item.path.endswith(item.path.rsplit(".", 1)[1])
        if item.mutations:
            assert "+".join(item.mutations) in item.path
    manifest = (tmp_path / "a" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(manifest) == 37 and json.loads(manifest[-1])["origin"] == files[-1].origin
    # A JSON lines copy keeps one record per line, each still JSON.
    for item in files:
        if item.path.endswith(".jsonl"):
            text = (tmp_path / "a" / "inputs" / item.path).read_text(encoding="utf-8")
            assert all(isinstance(json.loads(line), dict) for line in text.splitlines())
    sampled = write_corpus(tmp_path / "c", shared, mutations=0, sample=2, examples=examples)
    assert len(sampled) == 2


def test_expected_inputs_counts_each_json_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"text")
    (tmp_path / "b.jsonl").write_bytes(b'{"text": "x"}\r\n\n{"text": "y"}')
    (tmp_path / "c.md").write_bytes(b"not read")
    expected = expected_inputs(tmp_path)
    names = ["a.txt", "b.jsonl#L1", "b.jsonl#L3"]
    assert sorted(expected) == [f"{tmp_path}/{name}" for name in names]


def make_db(path: Path, *, with_stage: bool) -> None:
    db = sqlite3.connect(path)
    extra = ", stage TEXT, detail TEXT" if with_stage else ""
    db.executescript(
        "CREATE TABLE inputs (key TEXT PRIMARY KEY, origin TEXT, status TEXT, code TEXT, "
        f"reason TEXT, document_id TEXT{extra});"
        "CREATE TABLE documents (id TEXT PRIMARY KEY, duplicate_of TEXT, language TEXT);"
        "INSERT INTO documents VALUES ('d1', NULL, 'en'), ('d2', 'd1', 'en'), ('d3', NULL, 'de');"
    )
    rows = [
        ("k1", "a", "stored", None, None, "d1"),
        ("k2", "b", "stored", None, None, "d2"),
        ("k3", "c", "stored", None, None, "d3"),
        ("k4", "d", "skipped", "E002", "binary", None),
        ("k5", "e", "skipped", "E010", "stage failed", None),
        ("k6", "f", "skipped", "E011", "too slow", None),
    ]
    if with_stage:
        trace = 'Traceback (most recent call last):\n  File "x.py", line 1\nIndexError: boom\n'
        db.executemany(
            "INSERT INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row, "quotes.v1" if row[3] == "E010" else None, trace) for row in rows],
        )
    else:
        db.executemany("INSERT INTO inputs VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.commit()
    db.close()


@pytest.mark.parametrize("with_stage", [True, False])
def test_outcomes_are_read_from_the_inputs_table(tmp_path: Path, with_stage: bool) -> None:
    make_db(tmp_path / "r.db", with_stage=with_stage)
    expected = {"a": "k1", "b": "k2", "c": "k3", "d": "k4", "e": "k5", "f": "k6",
                "copy-of-a": "k1", "g": "k7"}  # fmt: skip
    outcomes = read_outcomes(tmp_path / "r.db", expected)
    assert (outcomes.stored, outcomes.duplicates, outcomes.not_english) == (3, 1, 1)
    assert outcomes.skipped == {"E002": 1, "E010": 1, "E011": 1}
    assert [c.origin for c in outcomes.crashes] == ["e"]
    if with_stage:
        assert (outcomes.crashes[0].stage, outcomes.crashes[0].error) == (
            "quotes.v1",
            "IndexError: boom",
        )
    assert outcomes.hangs == ["f"]
    assert outcomes.lost == ["g"]
    assert outcomes.integrity == "ok" and not outcomes.ok
    assert read_outcomes(tmp_path / "none.db", {"a": "k"}).lost == ["a"]


# -- the real ingest -------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.model
def test_a_sample_of_real_and_mutated_texts_goes_through_the_ingest(tmp_path: Path) -> None:
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared/data is not here")
    files = write_corpus(tmp_path, SHARED, mutations=300, seed=10, sample=150, examples=EXAMPLES)
    assert len(files) == 450
    outcomes: Outcomes = run_ingest(tmp_path, processes=2, timeout=900)
    assert outcomes.crashes == []
    assert outcomes.hangs == []
    assert outcomes.lost == []
    assert outcomes.integrity == "ok"
    assert outcomes.exit_code == 0
    assert outcomes.stored + sum(outcomes.skipped.values()) <= outcomes.inputs
    assert outcomes.stored > outcomes.inputs // 2
