"""What a user sees when a command fails: one line on stderr and an exit code, the same from the
Typer app and from the quick path (cli/quick.py), which must not import Typer."""

from __future__ import annotations

import os
import sys

from tracker.display import shown
from tracker.errors import FAILURE, Msg, TrackerError


def report(err: BaseException, debugging: bool) -> int:
    """Say `err` in one line and give the exit code; with `debugging`, an unexpected error is
    raised again so its traceback shows."""
    if isinstance(err, TrackerError):
        line, code = err.line, err.exit_code
    elif isinstance(err, BrokenPipeError):
        # The reader went away (`tracker week | head`): nothing is wrong, stop quietly.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - flushing at exit must not fail again
        return 0
    elif isinstance(err, KeyboardInterrupt):
        return 130
    elif debugging:
        raise err
    elif isinstance(err, OSError):
        # The file system said no (a name too long, a folder that vanished): not a bug, one line.
        line, code = Msg.FILE_SYSTEM.value.format(path=err.filename or "", reason=err.strerror or err), FAILURE
    else:
        line = f"unexpected error: {type(err).__name__}: {err}. Run again with --debug to see the traceback."
        code = FAILURE
    sys.stderr.write(shown(f"tracker: {line}", lines=True) + "\n")
    return code
