"""Writing a post to disk: the _posts file name, and atomic writes that never clobber by accident."""

from __future__ import annotations

import os
from pathlib import Path

from tracker.errors import Msg, bad_input
from tracker.files import atomic_write
from tracker.post.model import WeekPost

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
    """Write the post whole or not at all; without `force` an existing file is refused, even one
    created while the post was being written."""
    if path.is_dir() or (path.exists() and not force):
        raise bad_input(Msg.OUT_EXISTS, path=path)
    try:
        return atomic_write(path, text, overwrite=force)
    except FileExistsError:
        raise bad_input(Msg.OUT_EXISTS, path=path) from None
