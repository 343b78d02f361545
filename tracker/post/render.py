"""Turning a `WeekPost` into text: Jinja2 Markdown templates (sandboxed), and a standalone HTML page.

Templates are Markdown, so Jinja's HTML autoescape is off for them: escaping there would put
`&#39;` into the learner's Markdown file. The learner's text goes into the Markdown as written
(it is their blog); for `--format html`, markdown-it-py runs with html=False, which escapes any raw
HTML in it exactly once, and the page template around it is autoescaped.

jinja2 and markdown_it are imported inside the functions that use them, so importing this module
costs nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from tracker.config import template_override_directory
from tracker.errors import Msg, TrackerError, bad_input
from tracker.parse import format_minutes, plural
from tracker.post.model import WeekPost, describe_minutes, join_words, us_date

DEFAULT_TEMPLATE = "jekyll"
TEMPLATE_SUFFIX = ".md.j2"
#: The HTML page around the post; a file of this name in the override folder replaces it.
PAGE_TEMPLATE = "page.html.j2"
FORMATS = ("md", "html")

#: Backslash-escaped in names (resource titles, topics), which are plain text, not Markdown.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>|])")
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(?:\n|\Z)", re.DOTALL)


def shipped_template_directory() -> Path:
    return Path(str(resources.files("tracker") / "templates"))


# -- choosing a template ------------------------------------------------------------------------
@dataclass(frozen=True)
class TemplateInfo:
    """A template `tracker week --template NAME` can use."""

    name: str
    path: Path
    #: "shipped" (in the package) or "yours" (in the config folder's templates/).
    origin: str
    #: A learner's template that takes the place of a shipped one of the same name.
    replaces_shipped: bool = False


@dataclass(frozen=True)
class TemplateChoice:
    """What to load: a name, and the folders searched for it and for what it includes."""

    name: str
    path: Path
    searchpath: tuple[Path, ...]


def _template_names(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {
        path.name.removesuffix(TEMPLATE_SUFFIX): path
        for path in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}"))
        if not path.name.startswith("_") and path.is_file()
    }


def list_templates() -> list[TemplateInfo]:
    """The shipped templates and the learner's own (partials, named _*, are left out)."""
    shipped = _template_names(shipped_template_directory())
    yours = _template_names(template_override_directory())
    found = [TemplateInfo(name, path, "yours", name in shipped) for name, path in yours.items()]
    found += [TemplateInfo(name, path, "shipped") for name, path in shipped.items() if name not in yours]
    return sorted(found, key=lambda info: (info.origin != "shipped", info.name))


def choose_template(spec: str | None = None) -> TemplateChoice:
    """A template by name (yours first, then shipped) or by file path."""
    folders = (template_override_directory(), shipped_template_directory())
    spec = (spec or DEFAULT_TEMPLATE).strip()
    as_path = Path(spec).expanduser()
    if as_path.is_file():
        return TemplateChoice(as_path.name, as_path, (as_path.parent.resolve(), *folders))
    name = spec.removesuffix(TEMPLATE_SUFFIX)
    if "/" not in spec and "\\" not in spec:
        for folder in folders:
            path = folder / f"{name}{TEMPLATE_SUFFIX}"
            if path.is_file() and not name.startswith("_"):
                return TemplateChoice(path.name, path, folders)
    names = ", ".join(info.name for info in list_templates())
    raise bad_input(Msg.NO_SUCH, thing="template", name=spec,
                    hint=f": use one of {names}, or a template file (see `tracker week --list-templates`)")


# -- filters: how templates format values -------------------------------------------------------
def md_text(value: Any) -> str:
    """Plain text (a name) made safe inside Markdown: specials are backslash-escaped."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(str(value).split()))


def ref_link(text: Any, label: str | None) -> str:
    """A name, as a reference-style link when it has a label: [name] or [name][label]."""
    if not label:
        return md_text(text)
    if str(label) == str(text):
        return f"[{md_text(text)}]"
    return f"[{md_text(text)}][{md_text(label)}]"


def link_url(url: str) -> str:
    """A URL as a link definition needs it: no spaces or angle brackets."""
    return str(url).strip().replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def quoted(value: Any) -> str:
    """A double-quoted string valid in YAML and TOML front matter (JSON's escapes are in both)."""
    return json.dumps(str(value), ensure_ascii=False)


def one_line(value: Any) -> str:
    return " ".join(str(value).split())


def sentences(value: str | Iterable[str]) -> str:
    """Notes joined into one paragraph; a note that ends without punctuation gets a full stop."""
    parts = [value] if isinstance(value, str) else list(value)
    out = []
    for part in parts:
        text = one_line(part)
        if text and text[-1].isalnum():
            text += "."
        if text:
            out.append(text)
    return " ".join(out)


def _mdy(value: date) -> str:
    return us_date(value)


FILTERS = {
    "md": md_text,
    "ref": ref_link,
    "url": link_url,
    "quoted": quoted,
    "oneline": one_line,
    "sentences": sentences,
    "plural": plural,
    "mdy": _mdy,
    "duration": format_minutes,
    "hours": describe_minutes,
    "join_words": lambda words: join_words(list(words)) if words else "",
}


# -- rendering ----------------------------------------------------------------------------------
def _environment(searchpath: Iterable[Path], autoescape: bool):
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(folder) for folder in searchpath]),
        # A misspelt name in a learner's template is an error that names the line, not a blank.
        undefined=StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    return env


def _render(searchpath: Iterable[Path], name: str, autoescape: bool, **context: Any) -> str:
    """Render one template; any error becomes one line naming the template file and line."""
    import jinja2

    try:
        return _environment(searchpath, autoescape).get_template(name).render(**context)
    except TrackerError:
        raise
    except jinja2.TemplateSyntaxError as err:
        raise bad_input(Msg.TEMPLATE, path=err.filename or err.name or name, line=err.lineno,
                        problem=err.message or "syntax error") from None
    except jinja2.TemplateNotFound as err:
        path, line = _template_location(err.__traceback__, name)
        raise bad_input(Msg.TEMPLATE, path=path, line=line, problem=f"can't find the template {err.name!r} it includes") from None
    except Exception as err:  # noqa: BLE001 - a learner's template can fail in many ways
        path, line = _template_location(err.__traceback__, name)
        problem = str(err) or type(err).__name__
        raise bad_input(Msg.TEMPLATE, path=path, line=line, problem=problem) from None


def _template_location(tb: Any, fallback: str) -> tuple[str, Any]:
    """The innermost template frame of a traceback: Jinja rewrites them to the template's file and line."""
    found: tuple[str, Any] = (fallback, "?")
    while tb is not None:
        frame = tb.tb_frame
        if "__jinja_exception__" in frame.f_globals or frame.f_code.co_filename.endswith(".j2"):
            found = (frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_markdown(post: WeekPost, template: str | None = None) -> str:
    """The post as Markdown with front matter, through the chosen template."""
    choice = choose_template(template)
    return _render(choice.searchpath, choice.name, autoescape=False, week=post)


def strip_front_matter(text: str) -> str:
    return _FRONT_MATTER.sub("", text, count=1).lstrip("\n")


def markdown_to_html(text: str) -> str:
    """CommonMark plus tables and strikethrough; raw HTML is escaped (html=False), never passed on."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(["table", "strikethrough"])
    return parser.render(text)


def render_html(post: WeekPost, template: str | None = None) -> str:
    """A standalone HTML page of the post: the Markdown template's body, rendered, in page.html.j2."""
    from markupsafe import Markup

    choice = choose_template(template)
    markdown = _render(choice.searchpath, choice.name, autoescape=False, week=post)
    # Markup: the body is already HTML (markdown-it escaped the learner's raw HTML), so the
    # autoescaping page template must not escape it a second time.
    body = Markup(markdown_to_html(strip_front_matter(markdown)))
    return _render(choice.searchpath, PAGE_TEMPLATE, autoescape=True, week=post, body=body)


def render_post(post: WeekPost, template: str | None = None, fmt: str = "md") -> str:
    if fmt == "html":
        return render_html(post, template)
    return render_markdown(post, template)
