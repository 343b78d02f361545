"""Small text helpers the screens share: bars, hours, money, relative dates. No Textual here."""

from __future__ import annotations

from datetime import date

from tracker.display import shown

FULL, EMPTY = "█", "░"


def bar(done: float, total: float | None, width: int = 10) -> str:
    """A bar of `width` cells; over 100% stays full (the number beside it tells the rest)."""
    if not total:
        return " " * width
    share = max(0.0, min(1.0, done / total))
    filled = round(share * width)
    return FULL * filled + EMPTY * (width - filled)


def hours(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}h" if value >= 10 or value == int(value) else f"{value:.1f}h"


def money(value: float | None) -> str:
    if value is None:
        return ""
    return "free" if value == 0 else (f"{value:.0f}" if value == int(value) else f"{value:.2f}")


def cut(text: str | None, width: int) -> str:
    """One line of at most `width` characters, with an ellipsis when cut; control characters
    shown, not sent to the terminal (tracker.display)."""
    line = shown(" ".join((text or "").split()))
    return line if len(line) <= width else line[: width - 1] + "…"


def first_line(markdown: str | None) -> str:
    """The first line of text of a Markdown note, past its headings."""
    for line in (markdown or "").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line.strip()
    return ""


def relative_day(day: date, today: date) -> str:
    """'today', 'in 3 days', '5 days ago'."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    return f"in {delta} days" if delta > 0 else f"{-delta} days ago"


def short_date(day: date) -> str:
    """'Sat 21 Nov', the way a week's days read in a table."""
    return day.strftime("%a %d %b")


def share_widths(room: int, shares: dict[str, float], caps: dict[str, int], minimum: int = 6) -> dict[str, int]:
    """Split `room` cells between flexible columns by share, each at most its cap; what a capped
    column does not use goes to the columns after it, and the last one takes the rest."""
    widths: dict[str, int] = {}
    left = max(room, minimum * len(shares))
    names = list(shares)
    for index, name in enumerate(names):
        if index == len(names) - 1:
            widths[name] = max(minimum, left)
            break
        total_share = sum(shares[n] for n in names[index:])
        width = max(minimum, min(caps.get(name, room), int(left * shares[name] / total_share)))
        widths[name] = width
        left -= width
    return widths
