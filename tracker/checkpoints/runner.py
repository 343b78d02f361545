"""Run learner code in a sandboxed child with time, memory and output limits, and judge it here.

The learner's code never runs in the tracker's process, and the checks never run in the
learner's: the child only loads the code and answers calls over a data-only channel, while the
worker thread runs the checks (tracker.checkpoints.checker) and decides. An infinite loop, a
memory bomb, sys.exit, a segfault or a forged message ends as a failed `RunResult` that names
the reason, and nothing the code started outlives the run. A batch runs on a small pool.
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
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from tracker.checkpoints.catalog import Checkpoint
from tracker.checkpoints.markdown_blocks import CodeBlock
from tracker.checkpoints.sandbox import (
    PROCESS_LIMIT,
    Sandbox,
    current_sandbox,
    describe,
    environment,
    python_command,
)
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

#: The program the sandbox runs: it loads the learner's file and answers the checker's calls.
HOST_MAIN = Path(__file__).with_name("host_main.py")
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
    #: Where the code ran: 'bwrap' (contained) or 'none' (limits only).
    sandbox: str = ""
    #: How many of the checkpoint's checks passed, of how many (None for a notes block).
    checks_passed: int | None = None
    checks_total: int | None = None
    #: The names of the checks that ran and failed, in order (the first one's message is `message`).
    failed_checks: tuple[str, ...] = ()

    @property
    def checks_not_run(self) -> int:
        """Checks that never ran: the code crashed, exited or ran out of time before them."""
        if self.checks_total is None:
            return 0
        return self.checks_total - (self.checks_passed or 0) - len(self.failed_checks)


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
    """Run one job's code in a fresh sandboxed host and judge it here; whatever the code does,
    return a verdict, and leave none of its processes running."""
    # numpy: only once a run starts
    from tracker.checkpoints.checker import Tally, check_remote
    from tracker.checkpoints.wire import Channel

    code_hash = job.code_hash
    sandbox = run_sandbox()
    learner_file = job.code_file.resolve()
    with tempfile.TemporaryDirectory(prefix="tracker-run-") as workdir:
        output_file = Path(workdir) / "output.txt"
        to_host, from_checker = os.pipe()
        from_host, to_checker = os.pipe()
        spec = {
            **_host_paths(sandbox, learner_file),
            "display_name": job.display_name,
            "line_offset": job.line_offset,
            "site_dirs": child_site_dirs(),
            "read_fd": to_host, "write_fd": to_checker,
            "memory_bytes": limits.memory_mb * 2**20,
            "output_bytes": limits.output_mb * 2**20,
            "cpu_seconds": int(limits.timeout) + 2,
            "processes": PROCESS_LIMIT,
        }
        host = [python_command(), "-I", "-S", "-B", "-X", "utf8", spec["host_file"], json.dumps(spec)]
        start = time.perf_counter()
        try:
            with output_file.open("wb") as output:
                child = subprocess.Popen(
                    sandbox.command(host, HOST_MAIN.parent, learner_file), cwd=workdir,
                    stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                    env=environment(SINGLE_THREADED, workdir), start_new_session=True,
                    pass_fds=(to_host, to_checker),
                )
        except BaseException:
            os.close(from_host)
            os.close(from_checker)
            raise
        finally:
            os.close(to_host)
            os.close(to_checker)
        channel = Channel(from_host, from_checker, deadline=time.monotonic() + limits.timeout)
        verdict, tally = None, Tally()
        try:
            verdict = check_remote(channel, str(job.checks_file) if job.checks_file else None, spec, tally)
        finally:
            os.close(from_host)
            os.close(from_checker)
            timed_out = _end(child, limits.timeout - (time.perf_counter() - start), verdict is not None)
        seconds = time.perf_counter() - start
        captured = read_bounded(output_file)
    reason, message, line = judge(verdict, _exit_status(child.returncode, sandbox), timed_out, limits,
                                  captured, job)
    return RunResult(
        name=job.name, passed=reason is Reason.PASSED, reason=reason, message=message,
        seconds=round(seconds, 3), code_hash=code_hash, line=line, output=captured, sandbox=sandbox.label,
        checks_passed=tally.passed, checks_total=tally.total, failed_checks=tally.failed,
    )


def run_sandbox() -> Sandbox:
    """The sandbox the next run uses (bubblewrap, or limits only), as $TRACKER_SANDBOX chooses."""
    return current_sandbox(child_site_dirs())


def describe_sandbox(limits: Limits = DEFAULT_LIMITS) -> list[str]:
    return describe(run_sandbox(), limits.timeout, limits.memory_mb, limits.output_mb)


def _host_paths(sandbox: Sandbox, learner_file: Path) -> dict[str, str]:
    places = sandbox.place(HOST_MAIN, learner_file)
    return {"learner_file": places["learner_file"], "learner_dir": places["learner_dir"],
            "host_file": f"{places['host_dir']}/{HOST_MAIN.name}", "wire_file": f"{places['host_dir']}/wire.py"}


def _end(child: subprocess.Popen, time_left: float, verdict_known: bool) -> bool:
    """Stop the host and everything it started, even after a pass; True when it ran out of time.

    Without a verdict the host gets the rest of the time limit to end on its own, so the way it
    ended (exit code, signal) can be reported.
    """
    if not verdict_known:
        try:
            child.wait(max(0.0, time_left))
        except subprocess.TimeoutExpired:
            pass
    timed_out = not verdict_known and child.poll() is None
    _kill_group(child)
    child.wait()
    return timed_out


def _exit_status(returncode: int, sandbox: Sandbox) -> int:
    """bubblewrap reports a child killed by signal N as exit code 128 + N."""
    if sandbox.contained and returncode > 128:
        return -(returncode - 128)
    return returncode


def _kill_group(child: subprocess.Popen) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


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
