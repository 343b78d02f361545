"""The terminal UI: from process start to Today drawn with its data, switching screens, logging a
session.

Start-up runs the installed `tracker` in a real terminal (a private tmux server, 120x40) and
polls the screen until Today's numbers are drawn ("Streak" appears only once they are); without
tmux it falls back to a headless run timed from process start to Today's data being shown.
Switching and logging run in-process through Textual's Pilot on a copy of the 10-year journal:
the time from the key press until the new screen shows its data, and from Enter until the
session is saved and Today has been read again.

Targets: start-up under 1.2 s median on ten years; switching and logging under 100 ms each.

    python bench/bench_tui.py [JOURNAL_10Y JOURNAL_1Y]
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import child_env, tracker_command  # noqa: E402

NOW = "2026-11-21T18:30:00+00:00"
STARTUP_RUNS = 7
SWITCH_ROUNDS = 5
LOG_RUNS = 9

STARTUP_10Y = "tui start-up to Today drawn, 10-year journal"
STARTUP_1Y = "tui start-up to Today drawn, 1-year journal"
SWITCH = "tui switch screen (data shown), 10-year journal"
SWITCH_SLOWEST = "tui switch screen, the slowest screen (its median)"
SWITCH_FIRST = "tui first visit of a screen (built ahead), 10-year journal"
PRELOAD = "tui background build of the other screens after start-up"
LOG = "tui log a session (saved + Today re-read), 10-year journal"
TARGETS = {STARTUP_10Y: "< 1.2 s", STARTUP_1Y: "reference", SWITCH: "< 0.100 s", SWITCH_SLOWEST: "< 0.100 s",
           SWITCH_FIRST: "< 0.100 s",
           LOG: "< 0.100 s", PRELOAD: "in the background, in steps, while Today is read"}

#: Drawn only once Today's data is on screen.
READY_MARKER = "Streak"


def run(journal_10y: Path, journal_1y: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-tui-") as work:
        folder = Path(work)
        results = {
            STARTUP_10Y: startup_seconds(Path(journal_10y), folder),
            STARTUP_1Y: startup_seconds(Path(journal_1y), folder),
        }
        copy = folder / "journal-10y.db"
        shutil.copyfile(journal_10y, copy)
        results.update(asyncio.run(_in_process(copy)))
    return results


# -- start-up ------------------------------------------------------------------------------------------
def startup_seconds(journal: Path, work: Path, runs: int = STARTUP_RUNS) -> float:
    env = child_env(TRACKER_NOW=NOW, TRACKER_DATA_DIR=str(work / "data"), TRACKER_CONFIG_DIR=str(work / "config"),
                    TERM="xterm-256color")
    env.pop("TRACKER_DB", None)
    if not shutil.which("tmux"):
        times = [_headless_startup(journal, env) for _ in range(runs + 1)]
        return statistics.median(times[1:])  # the first warms the caches
    tmux = ["tmux", "-L", f"tracker-bench-{os.getpid()}-{time.monotonic_ns()}"]
    # A server already running (an idle session keeps it up), so only the app's own start is timed.
    subprocess.run([*tmux, "-f", "/dev/null", "new-session", "-d", "-s", "idle", "sleep 3600"], env=env, check=True)
    try:
        times = [_tmux_startup(tmux, journal, env, index) for index in range(runs + 1)]
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    return statistics.median(times[1:])


def _tmux_startup(tmux: list[str], journal: Path, env: dict[str, str], index: int) -> float:
    session = f"run{index}"
    command = " ".join([*tracker_command(), "--db", f"'{journal}'"])
    start = time.perf_counter()
    subprocess.run([*tmux, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], env=env, check=True)
    while True:
        screen = subprocess.run([*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
        if READY_MARKER in screen:
            elapsed = time.perf_counter() - start
            break
        if time.perf_counter() - start > 30:
            raise RuntimeError(f"the UI did not draw Today within 30 s:\n{screen}")
        time.sleep(0.005)
    subprocess.run([*tmux, "send-keys", "-t", session, "C-q"], check=True)
    deadline = time.perf_counter() + 10
    while subprocess.run([*tmux, "has-session", "-t", session], capture_output=True).returncode == 0:
        if time.perf_counter() > deadline:
            subprocess.run([*tmux, "kill-session", "-t", session], capture_output=True)
            break
        time.sleep(0.02)
    return elapsed


HEADLESS = """
import sys, time
from tracker.config import load_settings
from tracker.tui.app import make_app
app = make_app(sys.argv[1], load_settings())
async def ready(pilot):
    screen = app.screen
    while screen.data is None:
        await pilot.pause(0.002)
    print(time.time())
    app.exit()
app.run(headless=True, size=(120, 40), auto_pilot=ready)
"""


def _headless_startup(journal: Path, env: dict[str, str]) -> float:
    start = time.time()
    done = subprocess.run([sys.executable, "-c", HEADLESS, str(journal)], env=env, capture_output=True, text=True,
                          check=True)
    return float(done.stdout.strip().splitlines()[-1]) - start


# -- switching and logging, in-process --------------------------------------------------------------------
async def _in_process(journal: Path) -> dict[str, float]:
    """Keys go in through the driver, as a terminal's do; a measure ends at the first frame drawn
    after the screen has shown its data (Pilot's own waits, ~70 ms a key here, are not counted)."""
    from datetime import datetime

    from tracker.config import Settings
    from tracker.tui.app import make_app
    from tracker.tui.screens import SCREENS

    _time_reads()
    app = make_app(str(journal), Settings(), now=datetime.fromisoformat(NOW))
    first: list[float] = []
    switches: list[float] = []
    by_screen: dict[str, list[float]] = {}
    logs: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        frames = _FrameClock(app)
        await _shown(app, frames, lambda: app.screen, 0, time.perf_counter() - 1)
        # The learner reads Today for a moment; meanwhile the other screens are built.
        preload_start = time.perf_counter()
        await app.workers.wait_for_complete()
        preload = time.perf_counter() - preload_start
        await pilot.press("escape")  # from the log form to the sessions table, as a learner does
        order = [*SCREENS[1:], SCREENS[0]]
        for round_ in range(SWITCH_ROUNDS + 1):
            for entry in order:
                await _leave_text_field(pilot)
                reads = _reads_of(app, entry.name)
                start = _send_key(app, entry.key)
                await _shown(app, frames, partial(_screen_of, app, entry.name), reads, start)
                elapsed = time.perf_counter() - start
                (first if round_ == 0 and entry is not SCREENS[0] else switches).append(elapsed)
                if round_ and entry is not SCREENS[0]:
                    by_screen.setdefault(entry.name, []).append(elapsed)
                if round_ == 0 and os.environ.get("BENCH_VERBOSE"):
                    print(f"  first visit of {entry.name}: {elapsed * 1000:.0f} ms")
                await pilot.pause()

        today = app.screen
        for run in range(LOG_RUNS):
            today.form.set_values({"duration": "25m", "topic": "Benchmarking", "note": f"run {run}"})
            today.form.focus_field("note")
            await pilot.pause()
            reads = _reads_of(app, "today")
            start = _send_key(app, "enter")
            await _shown(app, frames, lambda: today, reads, start)
            logs.append(time.perf_counter() - start)
            await pilot.pause()
    slowest = max(statistics.median(times) for times in by_screen.values())
    if os.environ.get("BENCH_VERBOSE"):
        for name, times in by_screen.items():
            print(f"  switch to {name}: {statistics.median(times) * 1000:.0f} ms")
    return {SWITCH: statistics.median(switches), SWITCH_SLOWEST: slowest, SWITCH_FIRST: statistics.median(first),
            LOG: statistics.median(logs), PRELOAD: preload}


class _FrameClock:
    """Notes when the app last sent a frame to the (headless) terminal. Frames that Textual holds
    back (for 50 ms after a switch to a screen not built yet) are not sent, so they don't count."""

    def __init__(self, app) -> None:
        from tracker.tui.compat import watch_frames

        self.last = 0.0
        watch_frames(app, self._sent)

    def _sent(self) -> None:
        self.last = time.perf_counter()


def _send_key(app, key: str) -> float:
    """Queue a key as the terminal's driver does, without Pilot's waits."""
    from textual import events

    start = time.perf_counter()
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app.post_message(event)
    return start


async def _leave_text_field(pilot) -> None:
    """As a learner does before a single-key switch (untimed): leave the text field."""
    from textual.widgets import Input, TextArea

    if isinstance(pilot.app.focused, (Input, TextArea)):
        pilot.app.screen.set_focus(None)
        await pilot.pause()


def _screen_of(app, name: str):
    """The screen of a mode once it is the current one (None before)."""
    screen = app.screens_built.get(name)
    return screen if screen is not None and app.screen is screen else None


def _reads_of(app, name: str) -> int:
    return getattr(app.screens_built.get(name), "bench_reads", 0)


def _time_reads() -> None:
    """Count each screen's reads shown (`bench_reads`), and note when the last one finished and
    whether it drew something new (`bench_read`). A read overtaken by a newer one is not shown."""
    from tracker.tui.screens.base import TrackerScreen

    apply = TrackerScreen._apply

    def timed(self, result, generation, redraw=False):
        current = generation == self._generation
        apply(self, result, generation, redraw)
        if current:
            self.bench_reads = getattr(self, "bench_reads", 0) + 1
            self.bench_read = (time.perf_counter(), self.data is result)

    TrackerScreen._apply = timed


async def _shown(app, frames: _FrameClock, screen, reads_before: int, start: float) -> None:
    """Until `screen()` has finished a read started after `reads_before` and the terminal shows its
    result: the first frame after the read when it drew something new, else the first frame
    after the key (the switched-to screen already showed the same data)."""
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        current = screen()
        if getattr(current, "bench_reads", 0) > reads_before:
            read_at, drew = current.bench_read
            if frames.last >= (read_at if drew else start):
                return
        await asyncio.sleep(0.0005)
    raise RuntimeError(f"{app.screen} did not show its data within 30 s")


if __name__ == "__main__":
    if len(sys.argv) == 3:
        paths = Path(sys.argv[1]), Path(sys.argv[2])
        for label, seconds in run(*paths).items():
            print(f"{label:<62} {seconds * 1000:8.1f} ms   target {TARGETS[label]}")
    else:
        from bench.make_journal import make_journal

        with tempfile.TemporaryDirectory() as folder:
            ten, one = Path(folder) / "10y.db", Path(folder) / "1y.db"
            make_journal(ten, 10)
            make_journal(one, 1)
            for label, seconds in run(ten, one).items():
                print(f"{label:<62} {seconds * 1000:8.1f} ms   target {TARGETS[label]}")
