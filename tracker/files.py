"""Atomic file writes: the one place a file or folder the learner keeps is written.

A write is whole or absent: the content goes to a temporary sibling, is flushed to disk and then
renamed over the target, so a crash, a full disk or kill -9 never leaves half a post, chart,
deck or export behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from tracker.errors import Msg, failure

#: What `atomic_write` takes: text (UTF-8, "\n" line endings), bytes, or a function that fills
#: the temporary file at the path it is given (for writers such as zipfile that want a path).
Content = str | bytes | Callable[[Path], None]


def atomic_write(path: Path, content: Content, *, overwrite: bool = True) -> Path:
    """Write `content` to `path` whole or not at all; the file gets the learner's umask.

    Without `overwrite` an existing `path` raises FileExistsError, and the check and the write are
    one step (a hard link fails when the name exists), so a file created meanwhile is kept too.
    Any other OSError becomes one clear failure naming the path.
    """
    path = Path(path)
    temp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        temp = Path(name)
        if callable(content):
            os.close(handle)
            content(temp)
            _fsync(temp)
        else:
            data = content.encode("utf-8") if isinstance(content, str) else content
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        if overwrite:
            os.replace(temp, path)
        else:
            _link_new(temp, path)
    except FileExistsError:
        raise
    except OSError as err:
        raise failure(Msg.UNWRITABLE, path=path, reason=err.strerror or err) from None
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
    return path


@contextmanager
def atomic_directory(directory: Path, shown: Path | None = None) -> Iterator[Path]:
    """A hidden sibling folder to fill; on success it is renamed to `directory` (which must be
    missing or empty), on any error it is removed and an emptied `directory` is put back."""
    directory = Path(directory).absolute()
    shown = shown or directory
    parent = directory.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{directory.name}.", suffix=".tmp"))
    except OSError as err:
        raise failure(Msg.UNWRITABLE, path=shown, reason=err.strerror or err) from None
    emptied = False
    try:
        yield staging
        os.chmod(staging, 0o777 & ~_umask())
        if directory.is_dir():
            directory.rmdir()
            emptied = True
        staging.rename(directory)
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        if emptied:
            with suppress(OSError):
                directory.mkdir(exist_ok=True)
        if isinstance(err, OSError):
            raise failure(Msg.UNWRITABLE, path=shown, reason=err.strerror or err) from None
        raise


def write_tree(root: Path, files: Mapping[str, str]) -> None:
    """Write text files (relative POSIX paths) under `root`, e.g. a staging folder."""
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)


def _link_new(temp: Path, path: Path) -> None:
    """Give the temporary file its final name only if that name is free."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (some network and FAT file systems): check, then rename.
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temp, path)


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
