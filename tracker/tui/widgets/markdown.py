"""Textual's Markdown widget, with code blocks that say no language read as Python.

Textual guesses an unlabelled block's language by trying every Pygments lexer: about 300 ms the
first time (it imports them all) and tens of ms after, on the UI thread. The code learners put
in checkpoints, cards and posts here is nearly always Python (NumPy), and a guess could be wrong
anyway.

The Markdown is learner text (notes, cards, reflections): its control characters are shown, never
sent to the terminal (tracker.display); line breaks and tabs stay, as Markdown needs them.
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.content import Content
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock, MarkdownFence

from tracker.display import shown

DEFAULT_LANGUAGE = "python"


class PythonFence(MarkdownFence):
    @classmethod
    def highlight(cls, code: str, language: str, ansi: bool = False, dark: bool = False) -> Content:
        return super().highlight(code, language or DEFAULT_LANGUAGE, ansi=ansi, dark=dark)


class TrackerMarkdown(Markdown):
    BLOCKS: dict[str, type[MarkdownBlock]] = {**Markdown.BLOCKS, "fence": PythonFence, "code_block": PythonFence}

    def __init__(self, markdown: str | None = None, **kwargs) -> None:
        super().__init__(None if markdown is None else shown(markdown, lines=True), **kwargs)

    def update(self, markdown: str) -> AwaitComplete:
        return super().update(shown(markdown, lines=True))

    def append(self, markdown: str) -> AwaitComplete:
        return super().append(shown(markdown, lines=True))
