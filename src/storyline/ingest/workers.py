"""Worker processes for the per-report analysis, watched so that nothing hangs.

Each worker builds the analysis stages once (the language model among them)
and takes batches of numbered reports; it says which report and stage it is at
before each step and sends each outcome back as soon as it is known. The
parent never blocks on a worker: tasks are written by one sender thread per
worker, results are read as they arrive, and a worker that dies, or stays on
one step longer than its budget, is killed and replaced:

- on a step of one report, that report is skipped (E012 died, E011 timed out);
- on a step of several (the batched parse), those reports are sent again one
  by one, so the next failure names the report;
- every other report the worker held is sent again, to any worker.

Workers ignore Ctrl-C; the parent stops them. A worker whose parent is gone
finds its task pipe closed and exits.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import queue
import signal
import threading
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from storyline.errors import Code, PipelineError
from storyline.ingest.isolation import Outcome, analyse, lost
from storyline.pipeline import Stage
from storyline.records import Document, Skipped
from storyline.settings import Settings

#: Builds the analysis stages in a worker; must be a module-level function (it is pickled).
StagesFactory = Callable[[Settings], Sequence[Stage]]

Batch = list[tuple[int, Document]]

# Time for a step beyond its soft budget before the worker is killed, and for
# anything that has no budget of its own (reading a task, sending a result).
_GRACE_SECONDS = 15.0
# How long a worker may take to load its model and stages.
_START_SECONDS = 600.0
# Batches a worker holds at once: the one it works on and the next.
_HELD_BATCHES = 2


def _work(
    tasks: Connection,
    results: Connection,
    factory: StagesFactory,
    settings: Settings,
    built: Sequence[Stage] | None,
    inherited: Sequence[Connection] = (),
) -> None:
    """A worker's life: build the stages (unless inherited), then analyse batches."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held back at its start
    for connection in inherited:  # the parent's ends of every worker's pipes (forked)
        connection.close()
    try:
        stages = built if built is not None else factory(settings)
    except BaseException:  # noqa: BLE001 - reported to the parent, which stops the run
        results.send(("fatal", traceback.format_exc()))
        return
    parent = multiprocessing.parent_process()
    try:
        results.send(("ready", os.getpid()))

        def progress(number: int, stage: str, count: int) -> None:
            results.send(("at", number, stage, count))

        while True:
            waiting: list[Any] = [tasks] + ([parent.sentinel] if parent else [])
            if tasks not in wait(waiting):
                return  # the parent is gone
            batch = tasks.recv()
            if batch is None:
                return
            for number, outcome in analyse(stages, batch, settings.max_report_seconds, progress):
                results.send(("done", number, outcome))
    except (EOFError, OSError):
        return  # a pipe closed: the parent is gone or stopping us


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    results: Connection
    tasks: Connection  # written by the sender thread only
    outbox: queue.SimpleQueue[Batch | None]
    held: dict[int, Document] = field(default_factory=dict)  # sent, not yet done, in order
    batches: deque[list[int]] = field(default_factory=deque)
    step: tuple[int, str, int] | None = None  # (report, stage, reports in the step)
    since: float = field(default_factory=time.monotonic)
    closed: bool = False  # its result pipe reached its end

    def budget(self, seconds: float) -> float:
        """Seconds the current step may last before the worker is killed."""
        if self.step is None or seconds <= 0:
            return _GRACE_SECONDS if seconds > 0 else float("inf")
        return 2 * seconds * self.step[2] + _GRACE_SECONDS


class WorkerPool:
    """`processes` workers that analyse batches of reports; see the module's doc."""

    def __init__(
        self,
        factory: StagesFactory,
        settings: Settings,
        processes: int,
        start_method: str | None = None,
    ) -> None:
        if processes < 1:
            raise ValueError("a worker pool needs at least one process")
        self.factory = factory
        self.settings = settings
        self.processes = processes
        # Forked workers inherit stages built once here (the model loads once, its pages
        # are shared); elsewhere each spawned worker builds its own.
        methods = multiprocessing.get_all_start_methods()
        method = start_method or ("fork" if "fork" in methods else "spawn")
        self._context: Any = multiprocessing.get_context(method)
        self._built: Sequence[Stage] | None = None
        self._parent_ends: list[Connection] = []
        self._workers: list[_Worker] = []
        self._retry: deque[Batch] = deque()
        self._attempts: Counter[int] = Counter()

    # -- life -------------------------------------------------------------------

    def __enter__(self) -> WorkerPool:
        if self._context.get_start_method() == "fork":
            try:
                self._built = self.factory(self.settings)
            except Exception as exc:
                raise PipelineError(f"the analysis stages could not be built: {exc}") from exc
            gc.freeze()  # the collector must not touch (and so copy) the shared pages
        self._workers = [self._start() for _ in range(self.processes)]
        for worker in self._workers:
            self._await_ready(worker)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker: politely, then by force."""
        for worker in self._workers:
            worker.outbox.put(None)
        deadline = time.monotonic() + 2.0
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(5.0)
            worker.results.close()
        self._workers = []
        if self._built is not None:
            self._built = None
            gc.unfreeze()

    def _start(self) -> _Worker:
        task_read, task_write = self._context.Pipe(duplex=False)
        result_read, result_write = self._context.Pipe(duplex=False)
        # A forked child holds copies of the parent's ends; it closes them, so that a
        # worker sees its pipes close when the parent dies.
        inherited = [task_write, result_read, *self._parent_ends]
        process = self._context.Process(
            target=_work,
            args=(task_read, result_write, self.factory, self.settings, self._built, inherited),
            daemon=True,
            name="storyline-worker",
        )
        with _sigint_held():  # the child starts with Ctrl-C held back, before any import
            process.start()
        task_read.close()
        result_write.close()
        outbox: queue.SimpleQueue[Batch | None] = queue.SimpleQueue()
        threading.Thread(target=_send_all, args=(outbox, task_write), daemon=True).start()
        self._parent_ends.extend((task_write, result_read))
        return _Worker(process, result_read, task_write, outbox)

    def _await_ready(self, worker: _Worker) -> None:
        ready = wait([worker.results, worker.process.sentinel], timeout=_START_SECONDS)
        message: Any = None
        if worker.results in ready:
            with contextlib.suppress(EOFError, OSError):
                message = worker.results.recv()
        if not message or message[0] != "ready":
            self.close()
            detail = message[1] if message and message[0] == "fatal" else "no answer"
            raise PipelineError(f"a worker process could not start its analysis: {detail}")

    # -- work -------------------------------------------------------------------

    def analyse(self, batches: Iterable[Batch]) -> Iterator[tuple[int, Outcome]]:
        """The outcome of every report of `batches`, as each is known (not in order)."""
        source = iter(batches)
        exhausted = False
        while True:
            for worker in self._workers:
                while len(worker.batches) < _HELD_BATCHES:
                    batch = self._retry.popleft() if self._retry else None
                    if batch is None and not exhausted:
                        batch = next(source, None)
                        exhausted = batch is None
                    if batch is None:
                        break
                    self._give(worker, batch)
            if not any(worker.held for worker in self._workers):
                if exhausted and not self._retry:
                    return
                continue
            yield from self._collect()

    def _give(self, worker: _Worker, batch: Batch) -> None:
        if not worker.held:
            worker.since, worker.step = time.monotonic(), None
        for number, doc in batch:
            worker.held[number] = doc
        worker.batches.append([number for number, _ in batch])
        worker.outbox.put(batch)

    def _collect(self) -> Iterator[tuple[int, Outcome]]:
        """Read what the workers sent; replace those that died or overran."""
        now = time.monotonic()
        busy = [worker for worker in self._workers if worker.held]
        limit = self.settings.max_report_seconds
        timeout = min(worker.since + worker.budget(limit) - now for worker in busy)
        handles: list[Any] = [w.results for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(handles, timeout=None if timeout == float("inf") else max(0.0, timeout)))
        for worker in busy:
            if worker.results in ready:
                yield from self._read(worker)
        for worker in busy:
            if not worker.process.is_alive() and (worker.closed or not worker.results.poll()):
                yield from self._replace(worker, Code.WORKER_DIED)
            elif worker.held and time.monotonic() - worker.since > worker.budget(limit):
                yield from self._replace(worker, Code.TIMEOUT)

    def _read(self, worker: _Worker) -> Iterator[tuple[int, Outcome]]:
        while worker.results.poll():
            try:
                message = worker.results.recv()
            except (EOFError, OSError):
                worker.closed = True  # it died; its sentinel says so
                return
            worker.since = time.monotonic()
            if message[0] == "at":
                worker.step = (message[1], message[2], message[3])
            elif message[0] == "done":
                number = message[1]
                worker.held.pop(number, None)
                if worker.batches and number in worker.batches[0]:
                    worker.batches[0].remove(number)
                    if not worker.batches[0]:
                        worker.batches.popleft()
                        worker.step = None
                yield number, message[2]

    def _replace(self, worker: _Worker, code: Code) -> Iterator[tuple[int, Outcome]]:
        """Kill `worker`, skip the report it failed on, send the others again."""
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5.0)
        exit_code = worker.process.exitcode
        held = dict(worker.held)
        step = worker.step
        culprit = step[0] if step and step[2] == 1 and step[0] in held else None
        if step is None and len(held) == 1:
            # Alone and failing before it said where: the second time, it is the report.
            (only,) = held
            self._attempts[only] += 1
            culprit = only if self._attempts[only] > 1 else None
        in_step: set[int] = set()
        if step and step[2] > 1:
            current = next((b for b in worker.batches if step[0] in b), [])
            in_step = set(current)
        if culprit is not None:
            doc = held.pop(culprit)
            yield culprit, _lost(doc, code, step[1] if step else "", exit_code, self.settings)
        # The reports of a step of several go again alone; the rest as they were.
        for number in sorted(held):
            if number in in_step or step is None:
                self._retry.append([(number, held[number])])
        rest = [(n, d) for n, d in sorted(held.items()) if n not in in_step and step is not None]
        if rest:
            self._retry.append(rest)
        worker.outbox.put(None)  # its sender thread closes its task pipe
        gone = (worker.results, worker.tasks)
        self._parent_ends = [end for end in self._parent_ends if all(end is not g for g in gone)]
        worker.results.close()
        index = self._workers.index(worker)
        replacement = self._start()
        self._workers[index] = replacement
        self._await_ready(replacement)


def _lost(
    doc: Document, code: Code, stage: str, exit_code: int | None, settings: Settings
) -> Skipped:
    if code is Code.TIMEOUT:
        what = (
            f"{stage}: no answer within {settings.max_report_seconds:g} s; the worker was stopped"
        )
    else:
        how = (
            f"signal {signal.Signals(-exit_code).name}"
            if exit_code is not None and exit_code < 0
            else f"exit code {exit_code}"
        )
        what = f"{stage or 'starting'}: the worker process ended ({how})"
    return lost(doc, code, what, stage or None)


def _send_all(outbox: queue.SimpleQueue[Batch | None], connection: Connection) -> None:
    """Write every batch put in `outbox` to a worker, until None or a closed pipe."""
    while True:
        batch = outbox.get()
        try:
            if batch is None:
                connection.send(None)
                break
            connection.send(batch)
        except (OSError, ValueError):
            break  # the worker is gone; the pool sees it by its sentinel
    connection.close()


@contextlib.contextmanager
def _sigint_held() -> Iterator[None]:
    """Ctrl-C held back, not lost, while a worker starts: the worker inherits it blocked
    and ignores it before letting it through; a Ctrl-C the user pressed meanwhile
    reaches this process when the block ends (ignoring it instead would drop it, and a
    run whose worker was being replaced would not stop)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
