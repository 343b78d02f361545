"""Files the learner keeps: the one place one is written, and the one place a text file they name
is read.

A write is whole or absent: the content goes to a temporary sibling, is flushed to disk and then
renamed over the target, so a crash, a full disk or kill -9 never leaves half a post, chart,
deck or export behind. A read (`read_text`) is bounded and never blocks: a notes file that is
missing, a folder, a FIFO, a device, not UTF-8 or too long is one clear line.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from tracker.errors import Msg, bad_input, failure

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


#: The most bytes one character takes in UTF-8, and the byte-order mark an editor may put first.
_UTF8_MAX_BYTES = 4
_BOM = b"\xef\xbb\xbf"


def read_text(path: Path, what: str, limit: int, *, shown: str | None = None) -> str:
    """The UTF-8 text (a leading BOM dropped) of a file the learner names, at most `limit`
    characters; anything else is one line, exit 2: `what` says what the file is for ("notes"),
    `shown` how messages name it (default: the path).

    It never hangs and never holds more than it may keep: a FIFO, device or folder is refused
    from its stat before it is opened, the open is non-blocking (a FIFO swapped in meanwhile
    can't stall it) and checked again, and no more bytes are read than `limit` characters can
    take, plus one to tell that there are more.
    """
    path = Path(path)
    name = shown or str(path)
    try:
        _require_regular(os.stat(path), name, what)
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                         | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise bad_input(Msg.FILE_MISSING, file=name) from None
    except OSError as err:
        raise bad_input(Msg.LINKED_FILE_UNREADABLE, file=name, reason=err.strerror or err) from None
    most = limit * _UTF8_MAX_BYTES + len(_BOM)
    try:
        _require_regular(os.fstat(handle), name, what)
        data = _read_at_most(handle, most + 1)
    except OSError as err:
        raise bad_input(Msg.LINKED_FILE_UNREADABLE, file=name, reason=err.strerror or err) from None
    finally:
        os.close(handle)
    if len(data) > most:
        raise bad_input(Msg.FILE_TOO_LONG, file=name, limit=limit, what=what)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise bad_input(Msg.FILE_NOT_UTF8, file=name, what=what) from None
    if len(text) > limit:
        raise bad_input(Msg.FILE_TOO_LONG, file=name, limit=limit, what=what)
    return text


def _require_regular(status: os.stat_result, name: str, what: str) -> None:
    mode = status.st_mode
    if stat.S_ISREG(mode):
        return
    kind = ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "a special file")
    raise bad_input(Msg.FILE_NOT_REGULAR, file=name, kind=kind, what=what)


def _read_at_most(handle: int, size: int) -> bytes:
    chunks, left = [], size
    while left > 0:
        chunk = os.read(handle, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


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
