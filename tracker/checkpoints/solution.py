"""After a pass, or when stuck: see the reference solution, or start a checkpoint over.

The reference opens once the learner has passed, since reading it earlier takes away the work
that teaches; after enough failed runs a learner may give up and read it, and the journal keeps
that (kind 'give-up'), as it keeps a reset (kind 'reset'), for the re-check schedule to weigh.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tracker.checkpoints.events import GIVE_UP, RESET, record_event
from tracker.checkpoints.packs import Checkpoint
from tracker.checkpoints.workspace import Reset, reset_file
from tracker.errors import Msg, bad_input
from tracker.store import Journal

#: Three honest tries before the answer: fewer gives up on the struggle that teaches, more
#: leaves a stuck learner stuck.
GIVE_UP_AFTER = 3


@dataclass(frozen=True)
class Attempts:
    passed: bool
    failed: int


def attempts(journal: Journal, name: str) -> Attempts:
    row = journal.rows(
        "SELECT coalesce(sum(passed), 0) AS passes, count(*) - coalesce(sum(passed), 0) AS failures "
        "FROM checkpoint_run WHERE checkpoint = :name", {"name": name},
    )[0]
    return Attempts(bool(row["passes"]), int(row["failures"]))


def open_solution(journal: Journal, checkpoint: Checkpoint, give_up: bool, at: datetime) -> Attempts:
    """Bad input unless the learner may read the reference now; a give-up is recorded."""
    tried = attempts(journal, checkpoint.name)
    if tried.passed:
        return tried
    if not give_up:
        raise bad_input(Msg.SOLUTION_LOCKED, name=checkpoint.name, needed=GIVE_UP_AFTER, failed=tried.failed)
    if tried.failed < GIVE_UP_AFTER:
        raise bad_input(Msg.SOLUTION_NOT_STUCK, name=checkpoint.name, needed=GIVE_UP_AFTER, failed=tried.failed)
    record_event(journal, checkpoint.name, GIVE_UP, at)
    return tried


def start_over(journal: Journal, workspace: Path, checkpoint: Checkpoint, at: datetime) -> Reset:
    """The stub back in the workspace (the learner's file kept as a backup), recorded as a reset."""
    outcome = reset_file(workspace, checkpoint)
    record_event(journal, checkpoint.name, RESET, at)
    return outcome
