"""The per-report analysis on the workers of a Dask cluster (`executor = "dask"`).

`DaskPool` has the interface of the local `WorkerPool`: it takes numbered
batches of clean reports and yields each report's outcome as it is known. Each
batch is one Dask task; a Dask worker builds the analysis stages (the language
model among them) once, on its first task, and keeps them for the next tasks of
the same settings. Outcomes come back as records; this process stays the only
one that touches the store.

At most `_PER_THREAD` batches per worker thread are in flight, so memory stays
bounded however long the input. A task that fails — its worker died
(`KilledWorker`), or an exception escaped the per-report isolation — or that
outlasts its wait bound never stops the run: its reports are sent again one
by one. A dead worker takes down every task it held, so a report that fails
alone runs once more in isolation (nothing else in flight); if it fails again it
is skipped (E012, or E011 when it ran out of time). A timed-out task's worker is
restarted (through its nanny) so that a report stuck in C code does not hold a
worker thread for ever.

Time limits: Dask runs tasks in worker threads, where the per-report alarm of
`ingest/isolation.py` cannot fire (signals reach the main thread only). The
bound here is per task, measured from its submission:
`2 × max_report_seconds × reports in the batch × _PER_THREAD` plus a grace for
loading the model (0 = no limit).

dask is imported only here, and only when a pool is entered, so an install
without the `storyline[dask]` extra keeps working.
"""

from __future__ import annotations

import contextlib
import pickle
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyline.errors import Code, ExecutorError
from storyline.ingest.isolation import Outcome, analyse, lost
from storyline.ingest.workers import Batch, StagesFactory
from storyline.pipeline import Stage
from storyline.records import Document, Skipped
from storyline.settings import Settings

# Batches in flight per worker thread: the one it works on and the next.
_PER_THREAD = 2
# Added to every task's wait bound: loading the model on a worker's first task.
_GRACE_SECONDS = 120.0
# How long to wait for the scheduler to answer and for a first worker to join it.
_CONNECT_SECONDS = 30.0
# How often the wait for results looks at the task deadlines.
_POLL_SECONDS = 1.0

# Stages built in this (worker) process, by factory and pickled settings.
_BUILT: dict[tuple[str, bytes], Sequence[Stage]] = {}
_BUILDING = threading.Lock()


def analyse_batch(factory: StagesFactory, settings: Settings, batch: Batch) -> list[Any]:
    """A Dask task: `batch` through the stages built once in this worker process."""
    key = (f"{factory.__module__}.{factory.__qualname__}", pickle.dumps(settings))
    with _BUILDING:
        stages = _BUILT.get(key)
        if stages is None:
            stages = _BUILT[key] = factory(settings)
    return list(analyse(stages, batch, settings.max_report_seconds))


class DaskPool:
    """Batches of reports analysed on a Dask cluster; see the module's doc.

    `address` is the scheduler's address, or (for tests and notebooks) a
    `distributed.Client` or a cluster object to use as it is.
    """

    def __init__(self, factory: StagesFactory, settings: Settings, address: Any = None) -> None:
        self.factory = factory
        self.settings = settings
        self.address = settings.scheduler if address is None else address
        self._client: Any = None
        self._own_client = False
        # future -> (batch, deadline, whether it runs alone on the cluster)
        self._in_flight: dict[Any, tuple[Batch, float, bool]] = {}
        self._retry: deque[Batch] = deque()  # reports of a failed batch, one by one
        self._suspects: deque[Batch] = deque()  # reports that failed alone, to run in isolation
        self._done = threading.Event()  # set by Dask when any task ends

    # -- life -------------------------------------------------------------------

    def __enter__(self) -> DaskPool:
        try:
            import distributed
        except ImportError as exc:
            raise ExecutorError(
                "executor = dask needs dask: pip install 'storyline[dask]'"
            ) from exc
        if isinstance(self.address, distributed.Client):
            self._client = self.address
        else:
            self._client = self._connect(distributed)
        try:
            self._client.wait_for_workers(1, timeout=_CONNECT_SECONDS)
        except (TimeoutError, OSError) as exc:
            self.close()
            raise ExecutorError(
                f"no Dask worker joined the scheduler at {self._where()}"
                f" within {_CONNECT_SECONDS:g} s"
            ) from exc
        return self

    def _connect(self, distributed: Any) -> Any:
        address = getattr(self.address, "scheduler_address", self.address)
        if not address:
            raise ExecutorError(
                "executor = dask needs a scheduler address (--scheduler or the scheduler setting)"
            )
        try:
            client = distributed.Client(address, timeout=_CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        self._own_client = True
        return client

    def _where(self) -> str:
        return str(getattr(self._client, "scheduler", None) and self._client.scheduler.address)

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Cancel what is still in flight; disconnect unless the client was given."""
        if self._client is None:
            return
        with contextlib.suppress(Exception):
            if self._in_flight:
                self._client.cancel(list(self._in_flight))
        self._in_flight.clear()
        if self._own_client:
            with contextlib.suppress(Exception):
                self._client.close()
        self._client = None

    # -- work -------------------------------------------------------------------

    def analyse(self, batches: Iterable[Batch]) -> Iterator[tuple[int, Outcome]]:
        """The outcome of every report of `batches`, as each is known (not in order)."""
        source = iter(batches)
        exhausted = False
        while True:
            if self._suspects:
                # A dead worker takes down every task it held: a report that failed alone
                # runs again with nothing else on the cluster, so a second failure is its own.
                if not self._in_flight:
                    self._submit(self._suspects.popleft(), alone=True)
            else:
                limit = _PER_THREAD * max(1, sum(self._client.nthreads().values()))
                while len(self._in_flight) < limit:
                    batch = self._retry.popleft() if self._retry else None
                    if batch is None and not exhausted:
                        batch = next(source, None)
                        exhausted = batch is None
                    if batch is None:
                        break
                    self._submit(batch)
            if not self._in_flight:
                if exhausted and not self._retry and not self._suspects:
                    return
                continue
            self._done.wait(_POLL_SECONDS)  # a task ended, or time to look at the deadlines
            self._done.clear()
            yield from self._collect()

    def _submit(self, batch: Batch, *, alone: bool = False) -> None:
        future = self._client.submit(
            analyse_batch, self.factory, self.settings, batch, pure=False, retries=0
        )
        self._in_flight[future] = (batch, time.monotonic() + self._bound(len(batch)), alone)
        future.add_done_callback(lambda _: self._done.set())

    def _bound(self, reports: int) -> float:
        seconds = self.settings.max_report_seconds
        if seconds <= 0:
            return float("inf")
        return 2 * seconds * reports * _PER_THREAD + _GRACE_SECONDS

    def _collect(self) -> Iterator[tuple[int, Outcome]]:
        now = time.monotonic()
        for future, (batch, deadline, alone) in list(self._in_flight.items()):
            if future.status == "finished":
                del self._in_flight[future]
                try:
                    outcomes = future.result()
                except Exception as exc:  # noqa: BLE001 - e.g. the result could not be read
                    yield from self._failed(batch, alone, Code.WORKER_DIED, _describe(exc))
                else:
                    yield from outcomes
                future.release()
            elif future.status in ("error", "cancelled", "lost"):
                del self._in_flight[future]
                error = _exception(future)
                yield from self._failed(batch, alone, Code.WORKER_DIED, _describe(error))
                future.release()
            elif now > deadline:
                del self._in_flight[future]
                self._stop(future)
                what = "no answer within the task's time bound"
                yield from self._failed(batch, alone, Code.TIMEOUT, what)

    def _failed(
        self, batch: Batch, alone: bool, code: Code, what: str
    ) -> Iterator[tuple[int, Outcome]]:
        """A task failed: its reports go again one by one, then in isolation; then skipped."""
        if len(batch) > 1:
            self._retry.extend([item] for item in batch)
            return
        if not alone:
            self._suspects.append(batch)
            return
        ((number, doc),) = batch
        yield number, _lost(doc, code, what, self.settings)

    def _stop(self, future: Any) -> None:
        """Cancel a task past its bound and restart the worker running it."""
        holders = [
            worker for worker, keys in self._client.processing().items() if future.key in keys
        ]
        with contextlib.suppress(Exception):
            self._client.cancel([future])
        if holders:
            with contextlib.suppress(Exception):
                self._client.restart_workers(holders, raise_for_error=False)


def _exception(future: Any) -> BaseException | None:
    try:
        return future.exception(timeout=_POLL_SECONDS)
    except Exception as exc:  # noqa: BLE001 - cancelled or lost: that is the failure
        return exc


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "the task was lost"
    name = type(exc).__name__
    if name == "KilledWorker":
        return "the Dask worker running it died (KilledWorker)"
    message = " ".join(str(exc).split())[:300]
    return f"the task failed on the Dask worker: {name}" + (f": {message}" if message else "")


def _lost(doc: Document, code: Code, what: str, settings: Settings) -> Skipped:
    if code is Code.TIMEOUT:
        what = f"{what} (max_report_seconds = {settings.max_report_seconds:g}); worker restarted"
    return lost(doc, code, what)
