"""Writing a post to disk: the _posts file name, and atomic writes that never clobber by accident."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tracker.errors import Msg, bad_input, failure
from tracker.post.week import WeekPost

#: Jekyll's _posts naming (YYYY-MM-DD-title.md); Hugo accepts it too.
SLUG = "my-week-in-ml"


def post_filename(post: WeekPost, fmt: str = "md") -> str:
    """Named after the week's first day: the same file however often the post is written (no
    week published twice), and never a date in the future, which Jekyll would use to skip the post
    if the build starts in the second the post was written. The front matter dates the post."""
    return f"{post.start.isoformat()}-{SLUG}.{'html' if fmt == 'html' else 'md'}"


def output_path(out: Path | str, filename: str) -> Path:
    """--out DIR (an existing folder, or a path ending in /) gets DIR/filename; anything else is the file."""
    text = str(out)
    path = Path(text).expanduser()
    if path.is_dir() or text.endswith(("/", os.sep)):
        return path / filename
    return path


def write_atomic(path: Path, text: str, force: bool = False) -> Path:
    """Write the whole file or nothing: a temporary file in the same folder, then a rename.

    Without `force` an existing file is refused; the check and the write are one step (a hard
    link fails when the name exists), so a file created meanwhile is not overwritten either.
    """
    if path.is_dir() or (path.exists() and not force):
        raise bad_input(Msg.OUT_EXISTS, path=path)
    temp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="\n", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False,
        ) as handle:
            temp = Path(handle.name)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        if force:
            os.replace(temp, path)
        else:
            _link_new(temp, path)
    except FileExistsError:
        raise bad_input(Msg.OUT_EXISTS, path=path) from None
    except OSError as err:
        raise failure(Msg.UNWRITABLE, path=path, reason=err.strerror or err) from None
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
    return path


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


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
