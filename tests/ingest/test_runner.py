"""The ingest run end to end, with a rule-based spaCy pipeline (no model)."""

import json
import sqlite3
from pathlib import Path

import pytest

from storyline.ingest.runner import ingest
from storyline.nlp.spacy_stage import SpacyStage
from storyline.settings import Settings
from storyline.store.queries import Reader
from storyline.store.sqlite import Store

BODY = (
    "Secretary of State Antony Blinken met Foreign Minister Toshimitsu Motegi in Tokyo on the "
    "16th, the first such talks since the new administration took office. The two ministers "
    "agreed that the alliance between Japan and the United States remains the cornerstone of "
    "peace in the region, officials said. Blinken also criticised China's coercion at sea.\n\n"
    "The ministers are expected to issue a joint statement naming China, according to "
    "government sources, and to confirm that the treaty covers the disputed islands. Both "
    "governments want to show that the alliance is unshaken after four difficult years, and "
    "officials in both capitals describe the visit as a signal to allies across the region that "
    "the new administration intends to consult closely before it acts on trade or security."
)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run(paths: list[Path], db: Path, nlp) -> object:  # type: ignore[no-untyped-def]
    settings = Settings().override({"processes": 1, "batch_size": 2})
    with Store(db) as store:
        return ingest([str(p) for p in paths], store, SpacyStage(nlp, processes=1), settings)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write(folder, "a.txt", "Loading\n\nShare this article\n\n" + BODY)
    write(folder, "b.txt", "Another outlet. " + BODY.replace("16th", "sixteenth"))
    write(folder, "c.txt", BODY)  # an exact copy of a's text after cleaning
    write(folder, "empty.txt", "")
    write(folder, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    write(
        folder,
        "feed.jsonl",
        json.dumps(
            {
                "text": "Les ministres se sont réunis à Tokyo mardi pour discuter de "
                "l'alliance et de la sécurité régionale, selon des responsables.",
                "source": "lemonde",
            }
        )
        + "\n{broken json\n",
    )
    return folder


def test_ingest_stores_links_and_skips(corpus: Path, tmp_path: Path, blank_nlp) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kb.db"
    report = run([corpus], db, blank_nlp)
    assert report.stored == 4  # a, b, c (duplicate), the French line
    assert report.skipped_total == 3  # empty, binary, broken JSON line
    with Reader(db) as reader:
        docs = {Path(d["origin"]).name: d for d in reader.documents()}
        assert "Loading" not in docs["a.txt"]["text"] and BODY in docs["a.txt"]["text"]
        assert docs["c.txt"]["duplicate_of"] == docs["a.txt"]["id"]
        assert docs["b.txt"]["duplicate_of"] == docs["a.txt"]["id"]
        french = next(d for d in docs.values() if d["language"] == "fr")
        assert "language:fr" in french["flags"]
        stats = reader.stats()
        assert {row["code"] for row in stats["skipped"]} == {"E001", "E002", "E006"}
        names = {e["name"] for e in reader.entities()}
        assert {"Antony Blinken", "Japan", "United States", "China"} <= names
        assert reader.search("cornerstone")
    with sqlite3.connect(db) as connection:
        values = {row[0] for row in connection.execute("SELECT value FROM timexes")}
    assert "XXXX-XX-16" in values  # "the 16th", with no report date to anchor it


def test_reingest_adds_nothing(corpus: Path, tmp_path: Path, blank_nlp) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kb.db"
    run([corpus], db, blank_nlp)
    with Reader(db) as reader:
        before = reader.stats()
    again = run([corpus], db, blank_nlp)
    assert again.stored == 0 and again.unchanged == 4
    with Reader(db) as reader:
        after = reader.stats()
    assert after == before


def test_a_killed_run_resumes_without_loss_or_duplicates(  # type: ignore[no-untyped-def]
    tmp_path: Path, blank_nlp
) -> None:
    folder = tmp_path / "many"
    for number in range(7):
        sentences = (
            f"Item {number * 100 + i} of report {number} was filed from Tokyo." for i in range(12)
        )
        write(folder, f"r{number}.txt", " ".join(sentences))

    class Killed(BaseException):  # like Ctrl-C: not a report's failure, the run's end
        pass

    class DiesAfterFour(SpacyStage):
        seen = 0

        def annotate(self, doc, spacy_doc):  # type: ignore[no-untyped-def]
            DiesAfterFour.seen += 1
            if DiesAfterFour.seen > 4:
                raise Killed
            return super().annotate(doc, spacy_doc)

    db = tmp_path / "kb.db"
    settings = Settings().override({"processes": 1, "batch_size": 2})
    with Store(db) as store, pytest.raises(Killed):
        ingest([str(folder)], store, DiesAfterFour(blank_nlp, processes=1), settings)
    with Reader(db) as reader:
        assert reader.stats()["reports"] == 4  # two whole batches committed
    report = run([folder], db, blank_nlp)
    assert report.stored == 3 and report.unchanged == 4
    with Reader(db) as reader:
        origins = [d["origin"] for d in reader.documents()]
    assert len(origins) == len(set(origins)) == 7


def test_garbled_names_not_in_the_kb_are_merged_across_reports(  # type: ignore[no-untyped-def]
    tmp_path: Path, blank_nlp
) -> None:
    blank_nlp.get_pipe("entity_ruler").add_patterns(
        [
            {"label": "PERSON", "pattern": [{"TEXT": "Haruto"}, {"TEXT": "Takanashiro"}]},
            {"label": "PERSON", "pattern": [{"TEXT": "Haruto"}, {"TEXT": "Takanashirou"}]},
        ]
    )
    folder = tmp_path / "in"
    write(
        folder,
        "one.txt",
        "Haruto Takanashiro, a local mayor, visited the harbour on Monday "
        "and spoke to fishermen about the new quay and its cost to the town.",
    )
    write(
        folder,
        "two.txt",
        "The fishermen later wrote to Haruto Takanashirou about the quay, "
        "saying the works had blocked the harbour mouth for most of the week.",
    )
    db = tmp_path / "kb.db"
    run([folder / "one.txt"], db, blank_nlp)
    report = run([folder / "two.txt"], db, blank_nlp)
    assert report.merged_mentions == 1
    with Reader(db) as reader:
        people = [e for e in reader.entities() if e["type"] == "person"]
    (merged,) = [e for e in people if "Haruto Takanashiro" in e["aliases"]]
    assert set(merged["aliases"]) == {"Haruto Takanashiro", "Haruto Takanashirou"}
