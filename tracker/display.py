"""Showing learner text harmlessly: a note, a name or a URL may hold control characters (typed with
$'...' in a shell, pasted, imported), and a terminal obeys them: ESC [2J blanks the screen, ESC ]0;
renames the window, BEL rings. The journal keeps the text as it was given; what the command line
and the UI show passes through `shown`, which draws each control character as a visible stand-in.

Each stand-in is one character, so the shown text is as long as the stored one: widths, cuts and
an input's cursor position stay right. C0 controls and DEL get their Unicode control pictures
(ESC shows as ␛, BEL as ␇, NUL as ␀); C1 controls (U+0080-U+009F, which some terminals obey as
ESC + a letter) have no pictures and show as U+FFFD (�).
"""

from __future__ import annotations

#: A C0 control's picture is U+2400 + its code; DEL's is U+2421.
_PICTURES: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_C1: dict[int, str] = {code: "\ufffd" for code in range(0x80, 0xA0)}
#: One line (a table cell, a reply, an input): every control character gets its stand-in.
_ONE_LINE = str.maketrans(_PICTURES | _C1)
#: Text of several lines (a Markdown note, a post, a reply with a blank line): line breaks and
#: tabs are what such text legitimately holds, so they stay; everything else gets its stand-in.
_LINES = str.maketrans({code: picture for code, picture in (_PICTURES | _C1).items() if code not in (0x09, 0x0A)})


def shown(text: str, *, lines: bool = False) -> str:
    """`text` as it may be shown: each control character as its stand-in, except, with `lines`,
    newlines and tabs (and a Windows line ending reads as a newline)."""
    if lines:
        return text.replace("\r\n", "\n").translate(_LINES)
    return text.translate(_ONE_LINE)


def is_plain(text: str) -> bool:
    """Whether `text` holds no control character at all (shown as it is, even on one line)."""
    return text.translate(_ONE_LINE) == text
