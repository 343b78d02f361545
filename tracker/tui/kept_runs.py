"""Checkpoint results a busy journal could not take: kept, said, and recorded once it is free.

A run's worker records its result with the store's whole busy wait; past that, the result comes
here instead of being dropped. A timer tries again (without waiting: it runs on the UI thread)
until every kept result is in, oldest first, each once.
"""

from __future__ import annotations

from datetime import datetime

from textual.dom import DOMNode
from textual.timer import Timer

from tracker import checkpoints
from tracker.checkpoints.history import record_runs
from tracker.errors import JournalBusy, Msg, TrackerError

#: Seconds between tries of recording a kept result.
RECORD_RETRY_SECONDS = 0.5


class KeptRuns:
    def __init__(self, owner: DOMNode) -> None:
        #: The node whose timer retries and who tells the learner (the Checkpoints screen).
        self.owner = owner
        #: Finished runs not recorded yet, with when each started.
        self.waiting: list[tuple[checkpoints.RunResult, datetime]] = []
        self._retry: Timer | None = None

    def keep(self, result: checkpoints.RunResult, started: datetime) -> None:
        self.waiting.append((result, started))
        self.owner.notify(Msg.RUN_KEPT.value.format(name=result.name), severity="warning", timeout=10)
        if self._retry is None:
            self._retry = self.owner.set_interval(RECORD_RETRY_SECONDS, self.record)

    def record(self) -> None:
        while self.waiting:
            result, started = self.waiting[0]
            try:
                with self.owner.app.journal(busy_timeout_ms=0) as journal:  # type: ignore[attr-defined]
                    record_runs(journal, [result], started)
            except JournalBusy:
                return  # still busy: the next tick tries again
            except TrackerError as err:
                self.owner.notify(err.line, severity="error")  # the journal went bad: it can't be kept
            else:
                self.owner.notify(Msg.RUN_RECORDED_LATE.value.format(name=result.name))
            self.waiting.pop(0)
        if self._retry is not None:
            self._retry.stop()
            self._retry = None

    def unsaved(self) -> list[str]:
        """For the quit question: one line per result still waiting."""
        return [Msg.UNSAVED_RUN.value.format(name=result.name) for result, _ in self.waiting]
