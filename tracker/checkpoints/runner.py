"""Run learner code in a child process with time, memory and output limits, and judge the result.

The learner's code never runs in the tracker's process: an infinite loop, a memory bomb,
sys.exit, a segfault or a syntax error ends as a failed `RunResult` that names the reason, and
the tracker moves on. A batch runs on a small pool (each worker only waits on its child).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import signal
import site
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from tracker.checkpoints.catalog import Checkpoint
from tracker.checkpoints.markdown_blocks import CodeBlock
from tracker.errors import Msg, bad_input

#: Matches Settings.checkpoint_timeout: generous for the curriculum, which needs well under 1 s.
DEFAULT_TIMEOUT = 10.0
#: Address space, not resident memory: numpy alone maps about 100 MB of it.
DEFAULT_MEMORY_MB = 1024
#: A child writing more than this (to stdout, stderr or a file) is stopped: a runaway print loop.
DEFAULT_OUTPUT_MB = 16
#: How much of the captured output a result keeps (head and tail), to show and store.
KEPT_OUTPUT_CHARS = 8_000
#: Two workers: the benchmark target is two cores, and each child is single-threaded.
DEFAULT_WORKERS = 2

CHILD_MAIN = Path(__file__).with_name("child_main.py")
CHECKLIB = Path(__file__).with_name("checklib.py")
#: One thread for BLAS: faster start, a smaller address space, and fair use of the pool's cores.
SINGLE_THREADED = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}


class Reason(str, Enum):
    """Why a run ended; every value but PASSED is a failure."""

    PASSED = "passed"
    CHECK_FAILED = "check_failed"
    NOT_DONE = "not_done"
    ERROR = "error"
    SYNTAX_ERROR = "syntax_error"
    TIMEOUT = "timeout"
    MEMORY = "memory"
    OUTPUT_LIMIT = "output_limit"
    EXITED = "exited"
    CRASHED = "crashed"

    @property
    def label(self) -> str:
        """For listings: 'check failed', 'syntax error', 'timeout'..."""
        return self.value.replace("_", " ")


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    output_mb: int = DEFAULT_OUTPUT_MB


@dataclass(frozen=True)
class Job:
    """One program to run: the learner's file, and the checks that judge it (None for a block)."""

    name: str
    code_file: Path
    display_name: str
    checks_file: Path | None = None
    line_offset: int = 0

    @property
    def code_hash(self) -> str:
        return hashlib.sha256(self.code_file.read_bytes()).hexdigest()


@dataclass(frozen=True)
class RunResult:
    """What the journal records of a run (name, passed, message, seconds, code_hash) and more."""

    name: str
    passed: bool
    reason: Reason
    message: str
    seconds: float
    code_hash: str
    #: The learner's line the message points at, when there is one.
    line: int | None = None
    #: What the code printed (stdout and stderr together), cut to its head and tail.
    output: str = ""


Progress = Callable[[int, int, RunResult], None]
DEFAULT_LIMITS = Limits()


def checkpoint_job(checkpoint: Checkpoint, learner_file: Path) -> Job:
    """The learner's file for a built-in checkpoint, judged by that checkpoint's checks."""
    learner_file = Path(learner_file)
    if not learner_file.is_file():
        raise bad_input(Msg.NO_SUCH, thing="file", name=str(learner_file),
                        hint=" (write the stubs with `tracker check init DIR`)")
    return Job(checkpoint.name, learner_file, str(learner_file), checkpoint.checks_file)


def block_job(block: CodeBlock, code_file: Path) -> Job:
    """A `python checkpoint` block, written to `code_file`; it passes when it runs to the end."""
    code_file.write_text(block.code, encoding="utf-8")
    return Job(block.name, code_file, block.source, None, line_offset=block.line - 1)


def run_checkpoint(checkpoint: Checkpoint, learner_file: Path, limits: Limits = DEFAULT_LIMITS) -> RunResult:
    """Judge one learner file against a checkpoint's checks."""
    return run_job(checkpoint_job(checkpoint, learner_file), limits)


def run_blocks(
    blocks: Sequence[CodeBlock], limits: Limits = DEFAULT_LIMITS, workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
) -> list[RunResult]:
    """Run the learner's own Markdown checkpoints, like the built-in ones."""
    with tempfile.TemporaryDirectory(prefix="tracker-blocks-") as scratch:
        jobs = [block_job(block, Path(scratch) / f"block_{i}.py") for i, block in enumerate(blocks)]
        return run_jobs(jobs, limits, workers, progress)


def run_jobs(
    jobs: Iterable[Job], limits: Limits = DEFAULT_LIMITS, workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
) -> list[RunResult]:
    """Run every job, `workers` at a time; results in the order of `jobs`.

    `progress(done, total, result)` is called in the caller's thread as each run ends.
    """
    jobs = list(jobs)
    results: list[RunResult | None] = [None] * len(jobs)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(run_job, job, limits): index for index, job in enumerate(jobs)}
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            results[futures[future]] = result
            if progress:
                progress(done, len(jobs), result)
    return results  # type: ignore[return-value]


def run_job(job: Job, limits: Limits = DEFAULT_LIMITS) -> RunResult:
    """Run one job in a fresh child process; whatever the code does, return a verdict."""
    code_hash = job.code_hash
    with tempfile.TemporaryDirectory(prefix="tracker-run-") as workdir:
        result_file = Path(workdir) / "verdict.json"
        output_file = Path(workdir) / "output.txt"
        spec = {
            "learner_file": str(job.code_file.resolve()),
            "learner_dir": str(job.code_file.resolve().parent),
            "display_name": job.display_name,
            "line_offset": job.line_offset,
            "checks_file": str(job.checks_file) if job.checks_file else None,
            "checklib_file": str(CHECKLIB),
            "result_file": str(result_file),
            "site_dirs": child_site_dirs(),
            "memory_bytes": limits.memory_mb * 2**20,
            "output_bytes": limits.output_mb * 2**20,
            "cpu_seconds": int(limits.timeout) + 2,
        }
        command = [sys.executable, "-I", "-S", "-B", "-X", "utf8", str(CHILD_MAIN), json.dumps(spec)]
        start = time.perf_counter()
        with output_file.open("wb") as output:
            child = subprocess.Popen(
                command, cwd=workdir, stdin=subprocess.DEVNULL, stdout=output,
                stderr=subprocess.STDOUT, env=child_environment(), start_new_session=True,
            )
            timed_out = _wait(child, limits.timeout)
        seconds = time.perf_counter() - start
        captured = read_bounded(output_file)
        verdict = _read_verdict(result_file)
    reason, message, line = judge(verdict, child.returncode, timed_out, limits, captured, job)
    return RunResult(
        name=job.name, passed=reason is Reason.PASSED, reason=reason, message=message,
        seconds=round(seconds, 3), code_hash=code_hash, line=line, output=captured,
    )


def _wait(child: subprocess.Popen, timeout: float) -> bool:
    """Wait for the child; past the limit kill its whole process group. True when it timed out.

    A timer does the killing because Popen.wait(timeout) polls, which adds up to 50 ms a run.
    """
    expired = threading.Event()

    def expire() -> None:
        if child.returncode is None:
            expired.set()
            _kill_group(child)

    timer = threading.Timer(timeout, expire)
    timer.start()
    try:
        child.wait()
    finally:
        timer.cancel()
        if child.poll() is None:  # interrupted (Ctrl-C in the tracker): do not leave it running
            _kill_group(child)
            child.wait()
    return expired.is_set()


def _kill_group(child: subprocess.Popen) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _read_verdict(result_file: Path) -> dict | None:
    try:
        return json.loads(result_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def judge(
    verdict: dict | None, returncode: int, timed_out: bool, limits: Limits, output: str, job: Job,
) -> tuple[Reason, str, int | None]:
    """Reason, message and line from the child's verdict, or from how it ended without one."""
    if timed_out:
        return Reason.TIMEOUT, f"still running after the {limits.timeout:g} s time limit: an endless loop?", None
    if verdict is not None:
        return Reason(verdict["reason"]), verdict["message"], verdict["line"]
    if returncode >= 0:
        return Reason.EXITED, f"the code ended the process (exit code {returncode}) before the checks finished", None
    number = -returncode
    if number == signal.SIGXCPU:
        return Reason.TIMEOUT, f"used more than {limits.timeout:g} s of CPU time: an endless loop?", None
    if number == signal.SIGXFSZ:  # Python ignores it (writes fail instead) unless code restores it
        return Reason.OUTPUT_LIMIT, f"wrote more than {limits.output_mb} MB of output or files: a runaway print loop?", None
    line = crash_line(output, job.display_name)
    where = f" at line {line}" if line else ""
    name = signal.Signals(number).name if number in signal.valid_signals() else f"signal {number}"
    description = signal.strsignal(number) or name
    return Reason.CRASHED, f"the process crashed{where}: {name} ({description})", line


def crash_line(output: str, display_name: str) -> int | None:
    """The learner's innermost line in faulthandler's dump (it lists the innermost frame first)."""
    pattern = re.compile(rf'File "{re.escape(display_name)}", line (\d+)')
    match = pattern.search(output)
    return int(match.group(1)) if match else None


def read_bounded(path: Path, keep: int = KEPT_OUTPUT_CHARS) -> str:
    """The head and tail of a possibly huge output file, never reading all of it."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        if size <= keep:
            return stream.read().decode("utf-8", errors="replace")
        head = stream.read(keep // 2)
        stream.seek(size - keep // 2)
        tail = stream.read()
    cut = size - len(head) - len(tail)
    marker = f"\n... [{cut:,} bytes not shown] ...\n"
    return head.decode("utf-8", errors="replace") + marker + tail.decode("utf-8", errors="replace")


@cache
def child_site_dirs() -> list[str]:
    """Where the child finds numpy and the learner's packages without running `site` (-S).

    Skipping site saves tens of milliseconds a run and keeps the tracker's own source
    (an editable install, the current folder) off the learner's path.
    """
    candidates = []
    numpy_spec = importlib.util.find_spec("numpy")
    if numpy_spec and numpy_spec.submodule_search_locations:
        candidates.append(str(Path(next(iter(numpy_spec.submodule_search_locations))).parent))
    candidates += site.getsitepackages() if hasattr(site, "getsitepackages") else []
    if site.ENABLE_USER_SITE:
        candidates.append(site.getusersitepackages())
    return [path for path in dict.fromkeys(candidates) if os.path.isdir(path)]


def child_environment() -> dict[str, str]:
    return {**os.environ, **SINGLE_THREADED}
