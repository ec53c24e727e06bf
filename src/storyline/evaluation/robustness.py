"""Robustness: every real text we have, and mutated copies of them, through the whole ingest.

`gather_real_texts` reads the real reports of a `shared` folder (ECB+ and MEANTIME
rebuilt from their CAT XML tokens, the web pages, the seeds, the Japanese Wikipedia and
Korean news sentences of the name sets, gathered into texts of 20) and the repository's
examples; `write_corpus` writes them with seeded mutated copies (`evaluation.mutations`)
to a folder, each file named by kind and number, with a manifest of where each came
from; `run_ingest` runs `storyline ingest` on it as a subprocess with a wall-clock limit
and reads the outcome of every input from the database. A crash is a stage failure or
a lost worker (E010, E012), a non-zero exit or a traceback; a hang is a run over the
limit or a stage timeout (E011). `run_direct` runs the ingest in this process, one input
at a time, to list every crashing input with its traceback even when one crash stops
a whole batch.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.evaluation.mutations import choose_mutations, mutate

if TYPE_CHECKING:
    from storyline.pipeline import Stage
    from storyline.settings import Settings

CRASH_CODES = frozenset({"E010", "E012"})
HANG_CODES = frozenset({"E011"})
_ROOT_EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
_KINDS = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
#: Sentences per text when the Japanese and Korean name sets are read as reports.
SENTENCES_PER_TEXT = 20


@dataclass(frozen=True, slots=True)
class RealText:
    """One real input: its name (where it comes from), kind (txt, html, jsonl) and bytes."""

    name: str
    kind: str
    data: bytes


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """A file of the written corpus: its path in the corpus folder, the real text it copies
    and the mutations applied (none for a real text)."""

    path: str
    origin: str
    mutations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Crash:
    origin: str  # the input (file, or file#Lnumber), or "(ingest)" for the run itself
    stage: str  # the stage that failed, or the innermost storyline frame
    error: str  # the first line of the error


@dataclass(slots=True)
class Outcomes:
    """What happened to every input of a corpus."""

    inputs: int = 0
    seconds: float = 0.0
    stored: int = 0
    duplicates: int = 0
    not_english: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    crashes: list[Crash] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    integrity: str = "ok"
    exit_code: int | None = 0

    @property
    def ok(self) -> bool:
        return not (self.crashes or self.hangs or self.lost) and self.integrity == "ok"

    @property
    def same_bytes(self) -> int:
        """Inputs with the very bytes of another input: read once, accounted for by its key."""
        return self.inputs - self.stored - sum(self.skipped.values()) - len(self.lost)

    @property
    def per_second(self) -> float:
        return self.inputs / self.seconds if self.seconds else 0.0


# -- gathering -------------------------------------------------------------------------


def gather_real_texts(
    shared: Path, examples: Path | None = _ROOT_EXAMPLES, *, jsonl: bool = True
) -> list[RealText]:
    """Every real report under `shared` and `examples`, in a stable order; absent parts
    are skipped. CAT XML documents become text, one sentence per line."""
    texts: list[RealText] = []
    data = shared / "data"
    for corpus, pattern in (
        ("ecbplus", "ecbplus_dev/ECB+/*/*.xml"),
        ("meantime", "meantime_en/intra-doc_annotation/*/*.xml"),
    ):
        for path in sorted(data.glob(pattern)):
            texts.append(RealText(f"{corpus}/{path.stem}", "txt", _cat_text(path)))
    for path in sorted((data / "web_pages_dev" / "html").glob("*.html.gz")):
        name = path.name.removesuffix(".html.gz")
        texts.append(RealText(f"web/{name}", "html", gzip.decompress(path.read_bytes())))
    for path in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        texts.append(RealText(f"seeds/{path.stem}", "txt", path.read_bytes()))
    for name, sentences in (
        ("ja_wikipedia", _japanese_sentences(data / "ja_ner_wikipedia" / "ner.json.gz")),
        ("ko_klue", _korean_sentences(data / "ko_ner_klue" / "klue-ner-v1.1_dev.tsv.gz")),
    ):
        for number, start in enumerate(range(0, len(sentences), SENTENCES_PER_TEXT)):
            body = "\n".join(sentences[start : start + SENTENCES_PER_TEXT])
            texts.append(RealText(f"{name}/{number:04d}", "txt", body.encode("utf-8")))
    if examples is not None and examples.is_dir():
        for path in sorted(examples.rglob("*")):
            kind = _KINDS.get(path.suffix.lower())
            if kind and path.is_file() and (jsonl or kind != "jsonl"):
                name = path.relative_to(examples).with_suffix("").as_posix()
                texts.append(RealText(f"examples/{name}", kind, path.read_bytes()))
    return texts


def _japanese_sentences(path: Path) -> list[str]:
    """The sentences of the Japanese Wikipedia name set, in file order (none if absent)."""
    from storyline.evaluation.cjk_names import read_ja_ner_wikipedia

    return [sentence.text for sentence in read_ja_ner_wikipedia(path)] if path.is_file() else []


def _korean_sentences(path: Path) -> list[str]:
    """The sentences of the KLUE name set (news and reviews), in file order (none if absent)."""
    from storyline.evaluation.cjk_names_kozh import read_klue

    return [sentence.text for sentence in read_klue(path)] if path.is_file() else []


def _cat_text(path: Path) -> bytes:
    from storyline.evaluation.catxml import read_cat

    return read_cat(path, sentence_break="\n").text.encode("utf-8")


# -- mutating and writing --------------------------------------------------------------


def mutated_copy(real: RealText, rng: random.Random) -> tuple[tuple[str, ...], bytes]:
    """The mutations chosen for `real` and its mutated bytes. A JSON lines file keeps its
    records: their text or HTML is mutated, so the damage reaches the pipeline."""
    names = choose_mutations(rng, html=real.kind == "html")
    text = real.data.decode("utf-8", errors="replace")
    if real.kind != "jsonl":
        return names, mutate(text, names, rng).encode("utf-8")
    lines = []
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            lines.append(mutate(line, names, rng))
            continue
        for key in ("text", "html"):
            if isinstance(record, dict) and isinstance(record.get(key), str):
                record[key] = mutate(record[key], names, rng)
        lines.append(json.dumps(record, ensure_ascii=False))
    return names, ("\n".join(lines) + "\n").encode("utf-8")


def write_corpus(
    out_dir: Path,
    shared: Path,
    mutations: int = 5000,
    seed: int = 0,
    sample: int | None = None,
    examples: Path | None = _ROOT_EXAMPLES,
) -> list[CorpusFile]:
    """Write the real texts (all, or `sample` of them chosen by `seed`) and `mutations`
    mutated copies of them to `out_dir/inputs/`, with `out_dir/manifest.jsonl`."""
    real = gather_real_texts(shared, examples)
    if sample is not None and sample < len(real):
        chosen = sorted(random.Random(f"sample:{seed}").sample(range(len(real)), sample))
        real = [real[i] for i in chosen]
    if not real:
        return []
    inputs = out_dir / "inputs"
    (inputs / "real").mkdir(parents=True, exist_ok=True)
    (inputs / "mutated").mkdir(parents=True, exist_ok=True)
    files: list[CorpusFile] = []
    for number, text in enumerate(real):
        path = f"real/{number:05d}-{_slug(text.name)}.{text.kind}"
        (inputs / path).write_bytes(text.data)
        files.append(CorpusFile(path, text.name))
    for number in range(mutations):
        rng = random.Random(f"mutation:{seed}:{number}")
        text = real[rng.randrange(len(real))]
        names, data = mutated_copy(text, rng)
        path = f"mutated/{number:05d}-{'+'.join(names)}.{text.kind}"
        (inputs / path).write_bytes(data)
        files.append(CorpusFile(path, text.name, names))
    with (out_dir / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for item in files:
            record = {"path": item.path, "origin": item.origin, "mutations": item.mutations}
            manifest.write(json.dumps(record) + "\n")
    return files


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:60]


# -- running and reading outcomes ------------------------------------------------------


def expected_inputs(inputs: Path) -> dict[str, str]:
    """{origin: key} of every input the ingest should account for under `inputs`."""
    expected: dict[str, str] = {}
    for path in sorted(inputs.rglob("*")):
        if path.suffix.lower() in _KINDS and path.is_file():
            expected.update(expected_inputs_of(path))
    return expected


def expected_inputs_of(path: Path) -> dict[str, str]:
    """{origin: key} of one file: the file, or each non-blank line of a JSON lines file,
    with the key the ingest gives it."""
    data = path.read_bytes()
    if _KINDS.get(path.suffix.lower()) != "jsonl":
        return {str(path): _sha256(data)}
    expected: dict[str, str] = {}
    for number, line in enumerate(data.split(b"\n"), start=1):
        line = line.removesuffix(b"\r")
        if line.strip():
            expected[f"{path}#L{number}"] = _sha256(line)
    return expected


def run_ingest(
    out_dir: Path, *, processes: int = 2, timeout: float = 3600.0, db: Path | None = None
) -> Outcomes:
    """`storyline ingest` of `out_dir/inputs` into a new database (`out_dir/robustness.db`
    unless `db` is given), killed after `timeout` seconds; then the outcome of each input."""
    inputs = (out_dir / "inputs").resolve()
    db = db or out_dir / "robustness.db"
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    command = [
        sys.executable, "-m", "storyline.cli.main", "ingest", str(inputs),
        "--db", str(db), "--processes", str(processes),
    ]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    timed_out = False
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(process.pid, signal.SIGKILL)  # the run and its model workers
        _out, err = process.communicate()
    outcomes = read_outcomes(db, expected_inputs(inputs))
    outcomes.seconds = time.perf_counter() - started
    outcomes.exit_code = None if timed_out else process.returncode
    stderr = err.decode("utf-8", errors="replace")
    if timed_out:
        outcomes.hangs.append(f"(ingest) still running after {timeout:.0f} s")
    elif process.returncode != 0 or "Traceback (most recent call last)" in stderr:
        last = [line for line in stderr.splitlines() if line.strip()][-1:] or [""]
        error = f"exit code {process.returncode}: {last[0].strip()}"
        outcomes.crashes.append(Crash("(ingest)", _innermost_frame(stderr), error))
    return outcomes


def read_outcomes(db: Path, expected: dict[str, str]) -> Outcomes:
    """The outcome of each expected input, from the `inputs` table of `db`."""
    outcomes = Outcomes(inputs=len(expected))
    if not db.exists():
        outcomes.lost = sorted(expected)
        outcomes.integrity = "no database"
        return outcomes
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        connection.row_factory = sqlite3.Row
        outcomes.integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        columns = {row["name"] for row in connection.execute("PRAGMA table_info(inputs)")}
        extra = ", i.stage, i.detail" if {"stage", "detail"} <= columns else ""
        rows = connection.execute(
            "SELECT i.key, i.origin, i.status, i.code, i.reason" + extra + ", "
            "d.duplicate_of, d.language FROM inputs i "
            "LEFT JOIN documents d ON d.id = i.document_id"
        ).fetchall()
    finally:
        connection.close()
    origins = {row["origin"] for row in rows}
    keys = {row["key"] for row in rows}
    outcomes.lost = sorted(o for o, key in expected.items() if o not in origins and key not in keys)
    for row in rows:
        _count(outcomes, dict(row))
    return outcomes


def _count(outcomes: Outcomes, row: dict[str, str | None]) -> None:
    if row["status"] == "stored":
        outcomes.stored += 1
        outcomes.duplicates += row["duplicate_of"] is not None
        outcomes.not_english += row["language"] not in (None, "en")
        return
    code = row["code"] or "?"
    outcomes.skipped[code] += 1
    origin = row["origin"] or "?"
    if code in CRASH_CODES:
        detail = row.get("detail") or row["reason"] or ""
        stage = row.get("stage") or _innermost_frame(detail)
        outcomes.crashes.append(Crash(origin, stage, _error_line(detail)))
    elif code in HANG_CODES:
        outcomes.hangs.append(origin)


def _error_line(detail: str) -> str:
    """The exception line of a traceback (its last line), else the text's first line."""
    lines = [line.strip() for line in detail.splitlines() if line.strip()]
    if not lines:
        return ""
    return lines[-1] if detail.startswith("Traceback") else lines[0]


_FRAME = re.compile(r'File "[^"]*?(storyline/[^"]+)", line (\d+), in (\S+)')


def _innermost_frame(text: str) -> str:
    """`storyline/quotes/indirect.py:120 _is_tail` for the deepest storyline frame."""
    frames = _FRAME.findall(text)
    return f"{frames[-1][0]}:{frames[-1][1]} {frames[-1][2]}" if frames else "?"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- in-process, one input at a time ---------------------------------------------------


class _Overtime(BaseException):
    """Raised by the alarm inside a report that runs over its limit (never caught as an
    ordinary exception by the code under test)."""


def run_direct(
    out_dir: Path,
    *,
    processes: int = 1,
    timeout: float = 120.0,
    progress: Callable[[int, Outcomes], None] | None = None,
) -> Outcomes:
    """Ingest each input of `out_dir/inputs` on its own, in this process, into a fresh
    database, and catch what fails: every crashing input with its traceback, whatever the
    runner does with a crash. Slower than `run_ingest`, and blind to crashes that need
    several reports together."""
    from storyline.ingest.runner import ingest
    from storyline.settings import Settings
    from storyline.store.sqlite import Store

    settings = Settings().override({"processes": processes})
    stage = _nlp_stage(settings)
    inputs = (out_dir / "inputs").resolve()
    files = sorted(p for p in inputs.rglob("*") if p.is_file() and p.suffix.lower() in _KINDS)
    outcomes = Outcomes(inputs=len(expected_inputs(inputs)))
    started = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _raise_overtime)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            for number, path in enumerate(files, start=1):
                db = Path(scratch) / f"r{number}.db"
                try:
                    signal.setitimer(signal.ITIMER_REAL, timeout)
                    with Store(db) as store:
                        ingest([str(path)], store, stage, settings)
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    _add(outcomes, read_outcomes(db, expected_inputs_of(path)))
                except _Overtime:
                    outcomes.hangs.append(f"{path} (over {timeout:.0f} s)")
                except Exception:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    trace = traceback.format_exc()
                    outcomes.crashes.append(
                        Crash(str(path), _innermost_frame(trace), _error_line(trace))
                    )
                    print(f"crash in {path}:\n{trace}", file=sys.stderr, flush=True)
                for leftover in Path(scratch).glob(f"r{number}.db*"):
                    leftover.unlink()
                if progress:
                    progress(number, outcomes)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    outcomes.seconds = time.perf_counter() - started
    return outcomes


def _nlp_stage(settings: Settings) -> Stage:
    """The language-model stage as the runner takes it, built in this process."""
    from storyline.events.extract import EventStage
    from storyline.nlp.model import load_model
    from storyline.nlp.spacy_stage import SpacyStage

    return SpacyStage(
        load_model(settings.spacy_model), batch_size=settings.batch_size, processes=1,
        english_only=settings.english_only, annotators=[EventStage()],
    )  # fmt: skip


def _raise_overtime(_signum: int, _frame: object) -> None:
    raise _Overtime


def _add(total: Outcomes, one: Outcomes) -> None:
    total.stored += one.stored
    total.duplicates += one.duplicates
    total.not_english += one.not_english
    total.skipped.update(one.skipped)
    total.crashes.extend(one.crashes)
    total.hangs.extend(one.hangs)
    total.lost.extend(one.lost)
    if one.integrity != "ok":
        total.integrity = one.integrity


def manifest(out_dir: Path) -> Iterator[CorpusFile]:
    """The files of a written corpus, as `write_corpus` listed them."""
    with (out_dir / "manifest.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            yield CorpusFile(record["path"], record["origin"], tuple(record["mutations"]))


def count_mutations(files: Sequence[CorpusFile]) -> Counter[str]:
    """How many copies each mutation was applied to."""
    return Counter(name for item in files for name in item.mutations)
