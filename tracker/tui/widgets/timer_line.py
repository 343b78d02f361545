"""The running timer on one line: topic, elapsed time, and the pomodoro's count-down or break.

It ticks each second by working the time out from the timer's start (read once, by the screen,
from the journal): no read per tick. It is a Widget that renders its own line, and a tick calls
`refresh()` without layout, so only this line is drawn again, never the rest of the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from textual.content import Content
from textual.message import Message
from textual.timer import Timer as Interval
from textual.widget import Widget

from tracker.errors import Msg
from tracker.timer import Timer

#: Minutes of the break after each pomodoro (the classic technique's short break); then the next
#: pomodoro starts, and so on while the timer runs. The session logged is the whole time run.
BREAK_MINUTES = 5
#: Seconds between ticks.
TICK_SECONDS = 1.0


@dataclass(frozen=True)
class Phase:
    """Where a pomodoro timer is: the `number`th pomodoro (from 1), working or on its break, and
    the seconds left of that part."""

    number: int
    on_break: bool
    seconds_left: int


def pomodoro_phase(timer: Timer, now: datetime) -> Phase | None:
    """None without a pomodoro. Work and break repeat: 25 minutes, 5 off, 25, 5 off, ..."""
    if not timer.pomodoro_minutes:
        return None
    work = timer.pomodoro_minutes * 60
    cycle = work + BREAK_MINUTES * 60
    done, into = divmod(int(timer.elapsed(now).total_seconds()), cycle)
    if into < work:
        return Phase(done + 1, False, work - into)
    return Phase(done + 1, True, cycle - into)


def clock_text(seconds: int) -> str:
    """H:MM:SS, or MM:SS under an hour's count-down."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def timer_text(timer: Timer, now: datetime) -> Content:
    """The line, as drawn: 'Timer 0:42:07 · pomodoro 1: 12:53 left · linear algebra · runs on...'."""
    elapsed = clock_text(int(timer.elapsed(now).total_seconds()))
    line = Content.from_markup("[$text-accent]Timer[/] [b]$elapsed[/b]", elapsed=elapsed)
    phase = pomodoro_phase(timer, now)
    if phase is not None:
        left = clock_text(phase.seconds_left).removeprefix("0:")
        if phase.on_break:
            line += Content.from_markup(" · [$text-success]break: $left left[/]", left=left)
        else:
            line += Content.from_markup(" · pomodoro $number: $left left", number=str(phase.number), left=left)
    what = timer.topic + (f" · {timer.resource}" if timer.resource else "")
    line += Content.from_markup(" · $what · [dim]$keeps[/dim]", what=what, keeps=Msg.TIMER_LINE_KEEPS.value)
    return line


class TimerLine(Widget):
    """Hidden while no timer runs. The screen gives it the timer (`show_timer`) after each read."""

    class PomodoroTurned(Message):
        """A pomodoro's work ended (`phase.on_break`) or its break did, seen by a tick."""

        def __init__(self, timer: Timer, phase: Phase) -> None:
            super().__init__()
            self.timer = timer
            self.phase = phase

    def __init__(self, now: Callable[[], datetime], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._now = now
        self.timer: Timer | None = None
        self._phase: Phase | None = None
        self._interval: Interval | None = None
        self.display = False

    def on_mount(self) -> None:
        self._interval = self.set_interval(TICK_SECONDS, self.tick, pause=self.timer is None)

    def show_timer(self, timer: Timer | None) -> None:
        """The timer as read from the journal (None: none runs). The same timer read again keeps
        its pomodoro state, so a re-read doesn't announce a break twice."""
        if timer == self.timer:
            return
        self.timer = timer
        self._phase = pomodoro_phase(timer, self._now()) if timer else None
        self.display = timer is not None
        if self._interval is not None:
            if timer is None:
                self._interval.pause()
            else:
                self._interval.resume()
        self.refresh()

    def tick(self) -> None:
        """Each second: the time again, and a message when the pomodoro turns to or from a break."""
        if self.timer is None:
            return
        phase = pomodoro_phase(self.timer, self._now())
        before, self._phase = self._phase, phase
        if phase is not None and before is not None and (phase.number, phase.on_break) != (before.number, before.on_break):
            self.post_message(self.PomodoroTurned(self.timer, phase))
        self.refresh()

    def render(self) -> Content:
        return timer_text(self.timer, self._now()) if self.timer else Content("")
