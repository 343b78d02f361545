"""The weekly "My Week in ML" post: the week as data (`build_week`), rendered through Jinja2
Markdown templates for Jekyll or Hugo, or as a standalone HTML page.

Plain Python: no Textual, Typer or printing. jinja2 and markdown_it load only when rendering.
"""

from tracker.parse import parse_week_day, week_bounds
from tracker.post.compose import ComposedPost, compose_week_post
from tracker.post.editor import NoteText, edit_text, note_to_text, text_to_note
from tracker.post.files import (
    output_path,
    post_filename,
    remember_posts_folder,
    write_atomic,
)
from tracker.post.model import (
    LaterItem,
    Link,
    MilestoneReached,
    UnitRange,
    UpcomingItem,
    WeekItem,
    WeekNoteText,
    WeekNumbers,
    WeekPost,
    us_date,
)
from tracker.post.render import (
    DEFAULT_TEMPLATE,
    FORMATS,
    TemplateInfo,
    choose_template,
    list_templates,
    markdown_to_html,
    render_html,
    render_markdown,
    render_post,
    strip_front_matter,
)
from tracker.post.week import build_week

__all__ = [
    "DEFAULT_TEMPLATE", "FORMATS", "LaterItem", "Link", "MilestoneReached", "NoteText", "TemplateInfo", "UnitRange",
    "UpcomingItem", "WeekItem", "WeekNoteText", "WeekNumbers", "WeekPost", "build_week", "choose_template",
    "ComposedPost", "compose_week_post", "edit_text",
    "list_templates", "markdown_to_html", "note_to_text", "output_path", "parse_week_day", "post_filename",
    "remember_posts_folder", "render_html", "render_markdown", "render_post", "strip_front_matter", "text_to_note", "us_date",
    "week_bounds", "write_atomic",
]
