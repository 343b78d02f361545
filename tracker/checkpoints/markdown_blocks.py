"""Learner-written checkpoints: fenced `python checkpoint` blocks in Markdown notes.

A block passes when it runs to the end without an exception, so a learner can prove a topic with
a few asserts in the note where they explain it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracker.files import read_text

#: The info string's first two words; a third word, if any, names the block.
LANGUAGE = "python"
MARKER = "checkpoint"
#: A notes file is pages of Markdown, not a book: a million characters is far past any, and
#: bounds what a wrong file (a 600 MB log) costs to refuse.
MAX_NOTES_FILE_CHARS = 1_000_000


@dataclass(frozen=True)
class CodeBlock:
    #: `note.md#2` for a note's second block, or `note.md#chain-rule` when the info string names
    #: it (```python checkpoint chain-rule): the note's path keeps names unique across notes.
    name: str
    #: Where the block lives, as messages should show it: a file path or "topic Backprop".
    source: str
    #: The 1-based line of the block's first line of code in the note.
    line: int
    code: str


def extract_blocks(markdown: str, source: str) -> list[CodeBlock]:
    """The `python checkpoint` blocks of a Markdown text, in order, with their line numbers."""
    from markdown_it import MarkdownIt  # ~40 ms: only when notes are read

    blocks = []
    for token in MarkdownIt("commonmark").parse(markdown):
        words = token.info.split() if token.type == "fence" else []
        if len(words) < 2 or words[0].lower() != LANGUAGE or words[1].lower() != MARKER:
            continue
        label = words[2] if len(words) > 2 else str(len(blocks) + 1)
        name = f"{source}#{label}"
        # token.map[0] is the fence line (0-based); the code starts on the next one.
        blocks.append(CodeBlock(name, source, token.map[0] + 2, token.content))
    return blocks


def blocks_in_files(paths: list[Path], relative_to: Path | None = None) -> list[CodeBlock]:
    """Blocks of several notes; each is named by its path (relative to `relative_to` if given).
    Every file is read before any block is made, so a wrong one is reported before anything runs."""
    texts = []
    for path in paths:
        shown = (path.relative_to(relative_to) if relative_to else path).as_posix()
        texts.append((read_text(path, "notes", MAX_NOTES_FILE_CHARS, shown=shown), shown))
    return [block for text, shown in texts for block in extract_blocks(text, shown)]
