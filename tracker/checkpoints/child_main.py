"""The program a checkpoint run's child process executes: limits, learner code, checks, verdict.

The runner starts it as a script with `python -I -S`, so it must never import tracker: it uses
the standard library, numpy, and `checklib` loaded by path. The verdict goes to a JSON file (not
stdout) so nothing the learner prints can garble or forge it.
"""

from __future__ import annotations

import builtins
import errno
import faulthandler
import importlib.util
import json
import os
import sys
import types

#: Kept in hand and released on MemoryError, so there is room left to write the verdict.
RESERVE_BYTES = 4 * 1024 * 1024
#: The learner's module name; checklib.LEARNER_MODULE must match it.
LEARNER_MODULE = "solution"


class _HideTracker:
    """An installed tracker sits in the same site-packages as numpy: keep it, and the reference
    solutions inside it, out of the learner's reach."""

    @staticmethod
    def find_spec(name: str, path: object = None, target: object = None) -> None:
        if name == "tracker" or name.startswith("tracker."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def main(job: dict) -> None:
    sys.path += job["site_dirs"]
    sys.meta_path.insert(0, _HideTracker)
    _import_numpy()
    # Like `python file.py`, the learner's folder comes first; only now, so none of its files
    # can shadow numpy.
    sys.path.insert(0, job["learner_dir"])
    _set_limits(job)
    faulthandler.enable()
    # Without site (-S), exit() and quit() do not exist; learners do call them.
    builtins.exit = builtins.quit = sys.exit
    verdict = run(job)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    with open(job["result_file"], "w", encoding="utf-8") as out:
        json.dump(verdict, out)
    # Skip interpreter shutdown: a learner's stray thread or atexit hook must not hang the run.
    os._exit(0)


def _import_numpy() -> None:
    """Import numpy once, before the limits: failing under them would be blamed on the learner."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        pass


def _set_limits(job: dict) -> None:
    """Memory, output size and a CPU backstop in case the runner dies and cannot kill us."""
    try:
        import resource
    except ImportError:  # not POSIX: the runner's wall-clock limit still applies
        return
    limits = [
        (resource.RLIMIT_AS, job["memory_bytes"]),
        (resource.RLIMIT_FSIZE, job["output_bytes"]),
        (resource.RLIMIT_CPU, job["cpu_seconds"]),
        (resource.RLIMIT_CORE, 0),
    ]
    for kind, value in limits:
        try:
            resource.setrlimit(kind, (value, value))
        except (ValueError, OSError):  # e.g. RLIMIT_AS on macOS: the other limits still hold
            pass


def run(job: dict) -> dict:
    display_name = job["display_name"]
    with open(job["learner_file"], encoding="utf-8", errors="replace") as source_file:
        # Padding keeps line numbers those of the learner's file (a block's line in its note).
        source = "\n" * job["line_offset"] + source_file.read()
    try:
        code = compile(source, display_name, "exec")
    except SyntaxError as err:
        line = err.lineno
        return verdict("syntax_error", f"{type(err).__name__}: {err.msg} (line {line})", line)
    learner = types.ModuleType(LEARNER_MODULE)
    learner.__file__ = display_name
    sys.modules[LEARNER_MODULE] = learner
    reserve = bytearray(RESERVE_BYTES)
    try:
        exec(code, learner.__dict__)
        if job["checks_file"]:
            _load("checklib", job["checklib_file"])  # the checks import it by this name
            checks = _load("checks", job["checks_file"])
            for name, check in list(vars(checks).items()):
                if name.startswith("check_") and callable(check):
                    check(learner)
        return verdict("passed", "")
    except MemoryError as err:
        del reserve
        return _memory_verdict(err, display_name, job["memory_bytes"])
    except SystemExit as err:
        return verdict("exited", f"the code called sys.exit({err.code!r}) before the checks finished")
    except BaseException as err:  # the learner's code may raise anything; all of it is a verdict
        return _classify(err, learner, sys.modules.get("checklib"), job["output_bytes"])


def _load(name: str, path: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _classify(
    err: BaseException, learner: types.ModuleType, checklib: types.ModuleType | None, output_limit: int,
) -> dict:
    """Check failed, not written yet, output limit, or an error, with the learner's line."""
    display_name = learner.__file__
    if checklib is not None and isinstance(err, checklib.CheckFailed):
        line = learner_line(err.__context__, display_name) if err.__context__ else None
        return verdict("check_failed", str(err), line)
    line, function = _learner_frame(err, display_name)
    where = f" ({_place(line, function)})" if line else ""
    if isinstance(err, OSError) and err.errno == errno.EFBIG:
        return verdict("output_limit", f"wrote more than {output_limit // 2**20} MB to its output or a file: "
                       "a runaway print loop?", line)
    if isinstance(err, NotImplementedError) and line:
        return verdict("not_done", f"{function} is not written yet (line {line}): replace its TODO", line)
    if isinstance(err, AttributeError) and getattr(err, "obj", None) is learner:
        return verdict("error", f"your code has no {err.name!r}: keep the names the stub uses", None)
    detail = f": {err}" if str(err) else ""
    place = where or " (in the checks, while calling your code)"
    return verdict("error", f"{type(err).__name__}{detail}{place}", line)


def _memory_verdict(err: BaseException, display_name: str, limit: int) -> dict:
    line, function = _learner_frame(err, display_name)
    where = f" at {_place(line, function)}" if line else ""
    return verdict("memory", f"ran out of memory{where}: the limit is {limit // 2**20} MB", line)


def _place(line: int, function: str) -> str:
    return f"line {line}" if function == "<module>" else f"line {line}, in {function}"


def learner_line(err: BaseException, display_name: str) -> int | None:
    return _learner_frame(err, display_name)[0]


def _learner_frame(err: BaseException, display_name: str) -> tuple[int | None, str | None]:
    """The innermost frame of the learner's code in the traceback: where to look."""
    found: tuple[int | None, str | None] = (None, None)
    trace = err.__traceback__
    while trace is not None:
        code = trace.tb_frame.f_code
        if code.co_filename == display_name:
            found = (trace.tb_lineno, code.co_name)
        trace = trace.tb_next
    return found


def verdict(reason: str, message: str, line: int | None = None) -> dict:
    return {"reason": reason, "message": message, "line": line}


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
