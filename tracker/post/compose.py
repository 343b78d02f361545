"""A week's post from the journal, data to text, in one call: `tracker week` and the Week screen
both use it, so the preview, the written file and the command line say the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tracker.config import Settings
from tracker.post.files import post_filename
from tracker.post.model import WeekNoteText, WeekPost
from tracker.post.render import render_post, strip_front_matter
from tracker.post.week import build_week
from tracker.store import Journal


@dataclass(frozen=True)
class ComposedPost:
    post: WeekPost
    #: The whole document: front matter and body (Markdown), or a standalone page (html).
    text: str
    fmt: str

    @property
    def filename(self) -> str:
        return post_filename(self.post, self.fmt)

    @property
    def body(self) -> str:
        """The Markdown without its front matter, as a preview shows it."""
        return strip_front_matter(self.text)


def compose_week_post(
    journal: Journal, day: date, settings: Settings, now: datetime, *, template: str | None = None,
    fmt: str = "md", note: WeekNoteText | None = None,
) -> ComposedPost:
    """The post for the week holding `day`, as of `now`, through `template` in `fmt` (md/html)."""
    post = build_week(journal, day, settings, now, note=note)
    return ComposedPost(post, render_post(post, template, fmt), fmt)
