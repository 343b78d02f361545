"""Two files for a reader to compare (`tracker check solution`): side by side when the terminal
is wide enough, else one after the other."""


#: Each side needs room for a line of code; narrower terminals get one file after the other.
SIDE_MIN_WIDTH = 50
GUTTER = " │ "


def side_by_side(left: tuple[str, str], right: tuple[str, str], width: int) -> list[str]:
    """Two (title, text) files in two columns, long lines folded; [] when there is no room."""
    side = (width - len(GUTTER)) // 2
    if side < SIDE_MIN_WIDTH:
        return []
    columns = [[title, "─" * min(side, len(title))] + _fold(text, side) for title, text in (left, right)]
    height = max(len(c) for c in columns)
    lines = [column + [""] * (height - len(column)) for column in columns]
    return [f"{a.ljust(side)}{GUTTER}{b}".rstrip() for a, b in zip(*lines)]


def _fold(text: str, width: int) -> list[str]:
    folded = []
    for line in text.expandtabs(4).splitlines():
        folded += [line[i:i + width] for i in range(0, max(len(line), 1), width)]
    return folded


def one_after_the_other(*files: tuple[str, str]) -> list[str]:
    lines = []
    for title, text in files:
        lines += [f"# {title}", "", *text.rstrip().splitlines(), ""]
    return lines
