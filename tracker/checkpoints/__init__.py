"""Runnable NumPy checkpoints: a curriculum that proves each topic, a sandboxed runner, re-checks.

Importing this package is cheap (no numpy): numpy loads in the checker once a run starts, and the
learner's code only ever in the sandboxed child.
"""

from tracker.checkpoints.catalog import (
    Checkpoint,
    Mistake,
    find_checkpoint,
    load_curriculum,
)
from tracker.checkpoints.markdown_blocks import (
    CodeBlock,
    blocks_in_files,
    extract_blocks,
)
from tracker.checkpoints.runner import (
    Job,
    Limits,
    Reason,
    RunResult,
    checkpoint_job,
    describe_sandbox,
    run_blocks,
    run_checkpoint,
    run_job,
    run_jobs,
)
from tracker.checkpoints.schedule import (
    CheckpointStatus,
    PastRun,
    State,
    checkpoint_status,
    due_for_recheck,
    statuses,
)
from tracker.checkpoints.workspace import (
    WorkspaceInit,
    init_workspace,
    learner_file,
    run_workspace,
)

__all__ = [
    "Checkpoint", "CheckpointStatus", "CodeBlock", "Job", "Limits", "Mistake", "PastRun", "Reason",
    "RunResult", "State", "WorkspaceInit", "blocks_in_files", "checkpoint_job", "checkpoint_status",
    "describe_sandbox", "due_for_recheck", "extract_blocks", "find_checkpoint", "init_workspace", "learner_file",
    "load_curriculum", "run_blocks", "run_checkpoint", "run_job", "run_jobs", "run_workspace", "statuses",
]
