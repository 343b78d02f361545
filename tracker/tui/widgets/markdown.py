"""Textual's Markdown widget, with code blocks that say no language read as Python.

Textual guesses an unlabelled block's language by trying every Pygments lexer: about 300 ms the
first time (it imports them all) and tens of ms after, on the UI thread. The code learners put
in checkpoints, cards and posts here is nearly always Python (NumPy), and a guess could be wrong
anyway.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock, MarkdownFence

DEFAULT_LANGUAGE = "python"


class PythonFence(MarkdownFence):
    @classmethod
    def highlight(cls, code: str, language: str, ansi: bool = False, dark: bool = False) -> Content:
        return super().highlight(code, language or DEFAULT_LANGUAGE, ansi=ansi, dark=dark)


class TrackerMarkdown(Markdown):
    BLOCKS: dict[str, type[MarkdownBlock]] = {**Markdown.BLOCKS, "fence": PythonFence, "code_block": PythonFence}
