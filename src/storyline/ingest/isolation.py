"""Per-report stages run so that one report's failure is that report's alone.

`analyse` takes a batch of reports through a list of stages and yields one
outcome per report, in order: the analysed `Document`, or a `Skipped` naming
the stage that raised (E010) or ran out of time (E011), with the traceback.
A stage that gains from batching (the language model) first sees the whole
batch; if it fails part-way, the reports it had not yet returned go through it
one at a time, so only the report that fails again is skipped.

Time limits here are soft: an alarm interrupts Python code that runs too long
(main thread only). Code that never returns to the interpreter (a runaway
regular expression, a C loop) is stopped from outside, by the worker pool
(`ingest/workers.py`), which kills the process.
"""

from __future__ import annotations

import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from storyline.errors import Code
from storyline.pipeline import Stage
from storyline.records import Document, Skipped

#: progress(report number, stage name, how many reports the step holds)
Progress = Callable[[int, str, int], None]

Outcome = Document | Skipped

# A reason names the exception, and the message only up to this length.
_MESSAGE_CHARS = 300


class ReportTimeout(BaseException):  # noqa: N818 - not an error of the report's making
    """A stage ran longer than its budget on one report.

    A BaseException, so that stage code which catches `Exception` cannot swallow it.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"longer than {seconds:g} s")
        self.seconds = seconds


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ReportTimeout in this block after `seconds` (0: no limit; main thread only)."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise ReportTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def failure(doc: Document, stage: str, exc: BaseException) -> Skipped:
    """The record of `stage` failing on `doc`: code, a one-line reason, the traceback."""
    code = Code.TIMEOUT if isinstance(exc, ReportTimeout) else Code.STAGE_FAILED
    stage = getattr(exc, "storyline_stage", None) or stage
    message = " ".join(str(exc).split())[:_MESSAGE_CHARS]
    where = _innermost_frame(exc)
    reason = f"[{code.value}] {code.help}: {stage}: {type(exc).__name__}"
    reason += (f": {message}" if message else "") + (f" (at {where})" if where else "")
    detail = "".join(traceback.format_exception(exc))
    return Skipped(doc.key, doc.origin, code.value, reason, stage=stage, detail=detail)


def _innermost_frame(exc: BaseException) -> str:
    """`package/module.py:line in function` of the deepest frame of storyline's own code."""
    found = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        parts = Path(frame.filename).parts
        if "storyline" in parts:
            package = len(parts) - parts[::-1].index("storyline")  # after the last "storyline"
            found = f"{'/'.join(parts[package:])}:{frame.lineno} in {frame.name}"
    return found


def lost(doc: Document, code: Code, what: str, stage: str | None = None) -> Skipped:
    """The record of `doc` lost with the process analysing it (E011 or E012): `what` says how."""
    reason = f"[{code.value}] {code.help}: {what}"
    return Skipped(doc.key, doc.origin, code.value, reason, stage=stage, detail=what)


def is_batched(stage: Stage) -> bool:
    """Whether `stage` processes a stream its own way (it overrides `pipe`)."""
    return type(stage).pipe is not Stage.pipe


def analyse(
    stages: Sequence[Stage],
    batch: Sequence[tuple[int, Document]],
    budget: float,
    progress: Progress | None = None,
) -> Iterator[tuple[int, Outcome]]:
    """Each numbered report of `batch` through `stages`, one outcome each, in order.

    The batched stages at the head of `stages` see the batch together; the rest run
    report by report, so that each outcome is yielded as soon as it is known.
    """
    head = 0
    while head < len(stages) and is_batched(stages[head]):
        head += 1
    outcomes: list[tuple[int, Outcome]] = list(batch)
    for stage in stages[:head]:
        outcomes = _through_batched(stage, outcomes, budget, progress)
    for number, outcome in outcomes:
        for stage in stages[head:]:
            if isinstance(outcome, Skipped):
                break
            outcome = _through_one(stage, number, outcome, budget, progress)
        yield number, outcome


def _through_one(
    stage: Stage, number: int, doc: Document, budget: float, progress: Progress | None
) -> Outcome:
    if progress:
        progress(number, stage.name, 1)
    try:
        with time_limit(budget):
            return stage(doc)
    except (Exception, ReportTimeout) as exc:
        return failure(doc, stage.name, exc)


def _through_batched(
    stage: Stage,
    items: list[tuple[int, Outcome]],
    budget: float,
    progress: Progress | None,
) -> list[tuple[int, Outcome]]:
    todo = [(number, item) for number, item in items if isinstance(item, Document)]
    done: dict[int, Outcome] = {}
    if todo:
        if progress:
            progress(todo[0][0], stage.name, len(todo))
        produced: list[Document] = []
        try:
            with time_limit(budget * len(todo)):
                for doc in stage.pipe(doc for _, doc in todo):
                    produced.append(doc)
        except (Exception, ReportTimeout):
            pass  # the reports not yet returned go through one by one below
        for (number, _), doc in zip(todo, produced, strict=False):
            done[number] = doc
        for number, doc in todo[len(produced) :]:
            done[number] = _through_one(stage, number, doc, budget, progress)
    return [(number, done.get(number, item)) for number, item in items]
