"""Where learner code runs: a bubblewrap sandbox on Linux, or plain limits where it cannot start.

In bubblewrap the learner's code sees a read-only system (the Python it runs on and numpy), its
own file read-only and a small private /tmp; no network, no other process (a private PID
namespace, so every descendant dies with the run), nothing of the journal, the home folder or
tracker's package (where the reference solutions are). Without it, the runner still applies the
resource limits and kills the whole process group after every run, and says the run was
unsandboxed. $TRACKER_SANDBOX chooses: auto (the default), bwrap or none.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tracker.errors import Msg, bad_input, failure

SANDBOX_ENV = "TRACKER_SANDBOX"
CHOICES = ("auto", "bwrap", "none")
#: The private /tmp (the code's working folder): room for scratch files, not for filling a disk.
TMPFS_MB = 32
#: RLIMIT_NPROC for the code: a few helper processes, not a fork bomb. The kernel does not apply
#: it to root; in bubblewrap the PID namespace still ends every process with the run.
PROCESS_LIMIT = 64
#: Inside the sandbox: the host program and the learner's file, at fixed places.
HOST_DIR = "/run/checkpoint"
LEARNER_DIR = "/run/learner"
#: The system folders Python and numpy's shared libraries need, read-only.
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime")
#: The code's whole environment: no $TRACKER_DB, no $HOME of the user's.
BASE_ENVIRONMENT = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass(frozen=True)
class Sandbox:
    """The sandbox runs use: `kind` is 'bwrap' or 'none' (limits only), `why` says why that one."""

    kind: str
    why: str
    #: What the code can read besides its own file (folders, read-only), and what is hidden.
    visible: tuple[str, ...] = field(default=())
    hidden: tuple[str, ...] = field(default=())

    @property
    def contained(self) -> bool:
        return self.kind == "bwrap"

    @property
    def label(self) -> str:
        """For each run's record: 'bwrap' or 'none'."""
        return self.kind

    def place(self, host_file: Path, learner_file: Path) -> dict[str, str]:
        """Paths as the code sees them: inside bubblewrap they are the mount points."""
        if not self.contained:
            return {"host_dir": str(host_file.parent), "learner_file": str(learner_file),
                    "learner_dir": str(learner_file.parent)}
        return {"host_dir": HOST_DIR, "learner_file": f"{LEARNER_DIR}/{learner_file.name}",
                "learner_dir": LEARNER_DIR}

    def command(self, python: list[str], host_dir: Path, learner_file: Path) -> list[str]:
        """The command line that runs `python` (the host's argv) in this sandbox."""
        if not self.contained:
            return python
        return [*bwrap_arguments(self, host_dir, learner_file), "--", *python]


def bwrap_arguments(sandbox: Sandbox, host_dir: Path, learner_file: Path) -> list[str]:
    args = [shutil.which("bwrap") or "bwrap", "--unshare-all", "--die-with-parent", "--new-session",
            "--cap-drop", "ALL", "--proc", "/proc", "--dev", "/dev"]
    for folder in SYSTEM_DIRS:
        if os.path.islink(folder):
            args += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            args += ["--ro-bind", folder, folder]
    for file in SYSTEM_FILES:
        args += ["--ro-bind-try", file, file]
    # /tmp before the folders below, which may sit under the real /tmp (a venv made there).
    args += ["--size", str(TMPFS_MB * 2**20), "--tmpfs", "/tmp", "--chdir", "/tmp", "--setenv", "HOME", "/tmp"]
    for folder in sandbox.visible:
        if not folder.startswith("/usr/"):
            args += _bind_except(folder, sandbox.hidden)
    for name in ("host_main.py", "wire.py"):
        args += ["--ro-bind", str(host_dir / name), f"{HOST_DIR}/{name}"]
    args += ["--ro-bind", str(learner_file), f"{LEARNER_DIR}/{learner_file.name}"]
    # bwrap's own root is a tmpfs too: read-only, so the size-limited /tmp is the only place to write.
    return [*args, "--remount-ro", "/"]


def _bind_except(folder: str, hidden: tuple[str, ...]) -> list[str]:
    """Bind `folder` read-only without the hidden packages inside it. Where one is, each entry
    beside it is bound instead, so the package is absent rather than empty: an empty folder
    would still import, as a namespace package."""
    if not any(package != folder and _inside(package, folder) for package in hidden):
        return ["--ro-bind", folder, folder]
    args: list[str] = []
    for entry in sorted(os.listdir(folder)):
        path = os.path.join(folder, entry)
        if path in hidden:
            continue
        if os.path.isdir(path) and not os.path.islink(path):
            args += _bind_except(path, hidden)
        else:
            args += ["--ro-bind", path, path]
    return args


def python_command() -> str:
    """The real interpreter (a venv's python is a symlink into its base installation)."""
    return os.path.realpath(sys.executable)


def visible_folders(site_dirs: list[str]) -> tuple[str, ...]:
    """Python's own installation and the site folders numpy comes from."""
    folders = [sys.base_prefix, *site_dirs]
    return tuple(dict.fromkeys(os.path.realpath(folder) for folder in folders if os.path.isdir(folder)))


def hidden_folders(visible: tuple[str, ...]) -> tuple[str, ...]:
    """Tracker's package (the references) wherever it sits under a visible folder."""
    import tracker

    packages = {os.path.realpath(Path(tracker.__file__).parent)}
    packages |= {os.path.realpath(Path(folder) / "tracker") for folder in visible}
    return tuple(sorted(package for package in packages if os.path.isdir(package)
                        and any(_inside(package, folder) for folder in visible)))


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


@cache
def bwrap_problem() -> str | None:
    """Why bubblewrap cannot run here, or None when a trial sandbox starts."""
    if not sys.platform.startswith("linux"):
        return f"bubblewrap needs Linux (this is {sys.platform})"
    binary = shutil.which("bwrap")
    if binary is None:
        return "bubblewrap (bwrap) is not installed"
    trial = [binary, "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "--proc", "/proc",
             "--dev", "/dev", "true"]
    try:
        done = subprocess.run(trial, check=False, capture_output=True, timeout=10, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as err:
        return f"bwrap cannot start: {err}"
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        return f"bwrap cannot start here ({detail[-1] if detail else f'exit code {done.returncode}'})"
    return None


def current_sandbox(site_dirs: list[str]) -> Sandbox:
    """The sandbox $TRACKER_SANDBOX asks for; 'auto' takes bubblewrap when it can start."""
    choice = os.environ.get(SANDBOX_ENV, "auto").strip().lower() or "auto"
    if choice not in CHOICES:
        raise bad_input(Msg.SANDBOX_CHOICE, variable=SANDBOX_ENV, value=choice, choices=", ".join(CHOICES))
    if choice == "none":
        return Sandbox("none", f"${SANDBOX_ENV}=none")
    problem = bwrap_problem()
    if problem is None:
        visible = visible_folders(site_dirs)
        return Sandbox("bwrap", "bubblewrap starts here", visible, hidden_folders(visible))
    if choice == "bwrap":
        raise failure(Msg.SANDBOX_UNAVAILABLE, variable=SANDBOX_ENV, problem=problem)
    return Sandbox("none", problem)


def environment(threads: dict[str, str], workdir: str) -> dict[str, str]:
    """The code's environment: a few fixed variables, none of the user's (no journal path)."""
    return {**BASE_ENVIRONMENT, "HOME": workdir, "TMPDIR": workdir, **threads}


def describe(sandbox: Sandbox, timeout: float, memory_mb: int, output_mb: int) -> list[str]:
    """For `tracker check sandbox`: which sandbox runs, what the code sees and its limits."""
    lines = [(Msg.SANDBOX_BWRAP if sandbox.contained else Msg.SANDBOX_NONE).value.format(why=sandbox.why)]
    if sandbox.contained:
        visible = ", ".join(["/usr (read-only)", *sandbox.visible])
        home = os.path.realpath(Path.home())
        in_home = [folder for folder in sandbox.visible if _inside(folder, home)]
        home_note = Msg.SANDBOX_HOME_EXCEPT.value.format(folders=", ".join(in_home)) if in_home else ""
        lines += [Msg.SANDBOX_SEES.value.format(visible=visible, tmp_mb=TMPFS_MB),
                  Msg.SANDBOX_HIDES.value.format(home_note=home_note)]
    note = ""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        contained = Msg.SANDBOX_PID_NAMESPACE.value if sandbox.contained else ""
        note = Msg.SANDBOX_ROOT_PROCESSES.value.format(contained=contained)
    lines.append(Msg.SANDBOX_LIMITS.value.format(timeout=timeout, memory_mb=memory_mb, output_mb=output_mb,
                                                 processes=PROCESS_LIMIT, process_note=note))
    return lines
