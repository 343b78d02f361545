"""The one FSRS scheduler factory, shared by cards and checkpoint re-checks so both space reviews
with the same model and the same desired retention.

`fsrs` is imported on the first call only (~25 ms), so commands that never schedule don't pay.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=8)
def fsrs_scheduler(retention: float, fuzz: bool, whole_days: bool = False, maximum_days: int = 36500):
    """An fsrs.Scheduler. `whole_days` drops the minute-long learning steps: a checkpoint is re-run
    on a later day, never ten minutes later. `fuzz` spreads intervals a little, as Anki does."""
    from fsrs import Scheduler

    steps = {"learning_steps": (), "relearning_steps": ()} if whole_days else {}
    return Scheduler(desired_retention=retention, enable_fuzzing=fuzz, maximum_interval=maximum_days, **steps)
