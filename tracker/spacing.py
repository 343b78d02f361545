"""The one FSRS scheduler factory, shared by cards and checkpoint re-checks so both space reviews
with the same model and the same desired retention.

`fsrs` is imported on the first call only (~25 ms), so commands that never schedule don't pay.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.store import Journal

#: FSRS-6 has 21 parameters; py-fsrs 6.x and fsrs-rs-python 0.9 both use it. A stored vector of
#: another length (another FSRS version) is refused by tracker.cards.memory, never used.
PARAMETER_COUNT = 21
#: FSRS-6's defaults (py-fsrs 6.3 and fsrs-rs 0.9 ship the same), kept here so reading them
#: doesn't import fsrs; tests/unit/test_memory.py checks them against both libraries.
DEFAULT_PARAMETERS: tuple[float, ...] = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)


def parameters_in_force(journal: Journal) -> tuple[float, ...]:
    """The FSRS parameters cards are scheduled with: the newest fitted row (`tracker cards
    optimize`), else the defaults. Pass them to fsrs_scheduler."""
    stored = journal.scalar("SELECT parameters FROM fsrs_parameters ORDER BY id DESC LIMIT 1")
    if not stored:
        return DEFAULT_PARAMETERS
    values = tuple(float(w) for w in json.loads(stored))
    return values if len(values) == PARAMETER_COUNT else DEFAULT_PARAMETERS


@lru_cache(maxsize=8)
def fsrs_scheduler(
    retention: float, fuzz: bool, whole_days: bool = False, maximum_days: int = 36500,
    parameters: tuple[float, ...] = DEFAULT_PARAMETERS,
):
    """An fsrs.Scheduler. `whole_days` drops the minute-long learning steps: a checkpoint is re-run
    on a later day, never ten minutes later. `fuzz` spreads intervals a little, as Anki does.
    `parameters`: parameters_in_force(journal) for cards (a tuple, so schedulers are cached)."""
    from fsrs import Scheduler

    steps = {"learning_steps": (), "relearning_steps": ()} if whole_days else {}
    return Scheduler(parameters=tuple(parameters), desired_retention=retention, enable_fuzzing=fuzz,
                     maximum_interval=maximum_days, **steps)
