"""The learner's workspace: a folder of stubs to fill in, one file per checkpoint.

Only stubs are written there, never the reference solutions or the checks, and a file that
exists is never overwritten: it may hold hours of the learner's work. Even a reset, which puts the
stub back, first keeps the learner's file as a new numbered backup beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.checkpoints.catalog import Checkpoint, load_curriculum
from tracker.checkpoints.runner import (
    DEFAULT_LIMITS,
    DEFAULT_WORKERS,
    Limits,
    Progress,
    RunResult,
    checkpoint_job,
    run_jobs,
)
from tracker.files import atomic_write


@dataclass
class WorkspaceInit:
    written: list[Path] = field(default_factory=list)
    #: Files that were already there and were left untouched.
    skipped: list[Path] = field(default_factory=list)


def learner_file(workspace: Path, checkpoint: Checkpoint) -> Path:
    return Path(workspace) / checkpoint.file_name


def run_workspace(
    workspace: Path, checkpoints: Iterable[Checkpoint] | None = None, limits: Limits = DEFAULT_LIMITS,
    workers: int = DEFAULT_WORKERS, progress: Progress | None = None,
) -> list[RunResult]:
    """Run the learner's file of each chosen checkpoint; a chosen one without a file is bad input.

    By default, every checkpoint that has a file in the workspace.
    """
    workspace = Path(workspace)
    chosen = checkpoints
    if chosen is None:
        chosen = [c for c in load_curriculum() if learner_file(workspace, c).is_file()]
    jobs = [checkpoint_job(checkpoint, learner_file(workspace, checkpoint)) for checkpoint in chosen]
    return run_jobs(jobs, limits, workers, progress)


def init_workspace(workspace: Path, checkpoints: Iterable[Checkpoint] | None = None) -> WorkspaceInit:
    """Write the stub of each checkpoint (all by default) that has no file in `workspace` yet."""
    workspace = Path(workspace)
    workspace.mkdir(parents=True, exist_ok=True)
    outcome = WorkspaceInit()
    for checkpoint in load_curriculum() if checkpoints is None else checkpoints:
        target = learner_file(workspace, checkpoint)
        if target.exists():
            outcome.skipped.append(target)
        elif _write_new(target, checkpoint.stub_file.read_bytes()):
            outcome.written.append(target)
        else:
            outcome.skipped.append(target)
    return outcome


@dataclass(frozen=True)
class Reset:
    path: Path
    #: Where the learner's file went (None when there was none).
    backup: Path | None


def reset_file(workspace: Path, checkpoint: Checkpoint) -> Reset:
    """Put the checkpoint's stub back in the workspace, keeping the learner's file as a backup."""
    target = learner_file(workspace, checkpoint)
    backup = _back_up(target) if target.exists() else None
    atomic_write(target, checkpoint.stub_file.read_bytes())
    return Reset(target, backup)


def backup_name(target: Path, number: int) -> Path:
    """03_activations.backup-2.py: still a .py file for the editor, never a name the runner reads."""
    return target.with_name(f"{target.stem}.backup-{number}{target.suffix}")


def _back_up(target: Path) -> Path:
    """Copy `target` to the first free backup name; an earlier backup is never replaced."""
    content = target.read_bytes()
    number = 1
    while not _write_new(backup_name(target, number), content):
        number += 1
    return backup_name(target, number)


def _write_new(target: Path, content: bytes) -> bool:
    """Write atomically, and only if `target` does not exist even at the last moment, so a
    learner's file is never replaced and never left half-written."""
    try:
        atomic_write(target, content, overwrite=False)
        return True
    except FileExistsError:
        return False
