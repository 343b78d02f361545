"""Writing a post to disk: the _posts file name, the one rule for where --out (or the UI's folder)
puts it, the remembered posts folder, and atomic writes that never clobber by accident."""

from __future__ import annotations

import os
from pathlib import Path

from tracker.config import POSTS_FOLDER, remember
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


#: The one output-path rule: a path ending in one of these is the post's file; any other path is
#: a folder (made when missing) that gets the post's own file name, as Jekyll's _posts and Hugo's
#: content/posts are folders that often don't exist yet on a new site.
POST_FILE_SUFFIXES = (".md", ".html")


def output_path(out: Path | str, filename: str) -> Path:
    """Where a post goes, for --out and the UI's folder alike: FILE.md or FILE.html as given,
    anything else FOLDER/filename (empty: the current folder); a file where the folder should
    be is one clear line."""
    text = str(out).strip()
    path = Path(text or ".").expanduser()
    if path.suffix.lower() in POST_FILE_SUFFIXES and not text.endswith(("/", os.sep)):
        return path
    if path.exists() and not path.is_dir():
        raise bad_input(Msg.NOT_A_FOLDER, path=path)
    return path / filename


def remember_posts_folder(written: Path, filename: str) -> str:
    """After the first post written into a folder (`written` has the post's own `filename`, not
    one the learner named), posts go there when no folder is given: the posts_folder setting.
    Returns the line that tells the learner; '' when nothing was remembered."""
    if written.name != filename:
        return ""
    folder = written.expanduser().absolute().parent
    return remember(POSTS_FOLDER, str(folder), Msg.REMEMBERED_POSTS_FOLDER)


def write_atomic(path: Path, text: str, force: bool = False) -> Path:
    """Write the post whole or not at all; without `force` an existing file is refused, even one
    created while the post was being written."""
    if path.is_dir() or (path.exists() and not force):
        raise bad_input(Msg.OUT_EXISTS, path=path)
    try:
        return atomic_write(path, text, overwrite=force)
    except FileExistsError:
        raise bad_input(Msg.OUT_EXISTS, path=path) from None
