"""The dashboard's charts as images (--png, --svg), through kaleido and a local Chromium.

Kaleido is an optional dependency and Chromium is not Python at all, so `check_image_support`
says what is missing before anything is written.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import plotly.io as pio

from tracker.charts.figures import Chart, drawn
from tracker.errors import Msg, failure

IMAGE_FORMATS = ("png", "svg")
#: Images are drawn this wide; the page itself lets each chart fill the window.
IMAGE_WIDTH = 1100
#: Executables kaleido's browser search finds on Linux, macOS (on PATH) and Debian/Ubuntu.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_chromium() -> str | None:
    """The Chromium (or Chrome) kaleido would drive; $BROWSER_PATH wins, as it does for kaleido."""
    if override := os.environ.get("BROWSER_PATH"):
        return override if os.access(override, os.X_OK) else None
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    return None


def check_image_support(fmt: str) -> None:
    """Fail early, before anything is written, when images can't be drawn here."""
    try:
        # Only to see that the optional kaleido is installed; plotly imports it itself to draw.
        import kaleido  # noqa: F401
    except ImportError:
        raise failure(Msg.CHARTS_NO_KALEIDO, format=fmt) from None
    if find_chromium() is None:
        raise failure(Msg.CHARTS_NO_CHROMIUM, format=fmt)


def write_images(charts: Iterable[Chart], out_dir: Path, formats: Iterable[str]) -> list[Path]:
    """Each drawn chart as out_dir/<name>.<format>, all through one browser session."""
    shown = drawn(charts)
    figures, paths = [], []
    for fmt in formats:
        for chart in shown:
            figures.append(chart.figure)
            paths.append(out_dir / f"{chart.name}.{fmt}")
    if not figures:
        return []
    _render(figures, paths)
    # Kaleido can drop a figure without an error when the browser is slow (a loaded machine): the
    # ones missing are drawn once more, and any still missing are named rather than counted.
    missing = [index for index, path in enumerate(paths) if not path.is_file()]
    if missing:
        _render([figures[index] for index in missing], [paths[index] for index in missing])
        still = [paths[index].name for index in missing if not paths[index].is_file()]
        if still:
            raise failure(Msg.CHARTS_IMAGES_FAILED, reason=f"no image came back for {', '.join(still)}")
    return paths


def _render(figures: list, paths: list[Path]) -> None:
    heights = [figure.layout.height or 450 for figure in figures]
    try:
        pio.write_images(figures, paths, width=IMAGE_WIDTH, height=heights)
    except Exception as err:  # noqa: BLE001 - kaleido and the browser fail in many ways; one line
        raise failure(Msg.CHARTS_IMAGES_FAILED, reason=f"{type(err).__name__}: {err}".strip()) from None
