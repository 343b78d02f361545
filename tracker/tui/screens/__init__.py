"""The screens of the UI, one per module, registered here.

Adding a screen is one new file in this folder (a `TrackerScreen` subclass, see base.py), its
styles in a `.tcss` file beside it if it needs any (the app reads them all at start-up), and one
`ScreenEntry` line in `SCREENS`. The app builds its key bindings, navigation bar, command palette
entries and help from this list. Start-up imports and builds Today alone; the others are imported
and built in the background once Today is drawn (or when first shown, if that comes sooner).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class ScreenEntry:
    #: The mode name, used by `app.go(name)` and in tests.
    name: str
    #: The key that switches to it (single characters work whenever no text field has focus).
    key: str
    title: str
    #: "module:Class", imported on first show.
    target: str
    #: One line for the command palette and the help screen.
    description: str
    #: A shorter title for the navigation bar when the terminal is narrow.
    short: str = ""
    #: Shown in the navigation bar (False: reached by its key and the command palette only).
    in_nav_bar: bool = True

    def load(self) -> type:
        module, _, name = self.target.partition(":")
        return getattr(import_module(module), name)


SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("today", "1", "Today", "tracker.tui.screens.today:TodayScreen",
                "Log a session; today's total, streak and what is due", "Today"),
    ScreenEntry("journal", "2", "Journal", "tracker.tui.screens.journal:JournalScreen",
                "Sessions week by week: filter, edit, delete and undo", "Jrnl"),
    ScreenEntry("plan", "3", "Plan", "tracker.tui.screens.plan:PlanScreen",
                "Resources: planned against spent hours, units, cost, status", "Plan"),
    ScreenEntry("milestones", "4", "Milestones", "tracker.tui.screens.milestones:MilestonesScreen",
                "Project milestones with due dates; mark them done", "Miles"),
    ScreenEntry("topics", "5", "Topics", "tracker.tui.screens.topics:TopicsScreen",
                "Topics with their learn-later lists and checkpoint status", "Topics"),
    ScreenEntry("week", "6", "Week", "tracker.tui.screens.week:WeekScreen",
                "The week's reflection and plan, with the post's preview; write the post", "Week"),
    ScreenEntry("charts", "7", "Charts", "tracker.tui.screens.charts:ChartsScreen",
                "Weekly hours, the habit calendar, hours against the plan; the HTML dashboard", "Chart"),
    ScreenEntry("checkpoints", "8", "Checkpoints", "tracker.tui.screens.checkpoints:CheckpointsScreen",
                "Run a topic's NumPy checkpoint against your workspace; hints; cards from failures", "Check"),
    ScreenEntry("review", "9", "Review", "tracker.tui.screens.review:ReviewScreen",
                "Review the cards that are due (spaced repetition); add cards", "Review"),
    ScreenEntry("group", "0", "Group", "tracker.tui.screens.group:GroupScreen",
                "My study group's week on a server journal: what each member shares", "Group",
                in_nav_bar=False),
)


#: What the heavier screens import on first show; loaded ahead (`preload`) once Today is drawn.
PRELOADED_MODULES = ("jinja2", "markdown_it", "textual_plotext", "tracker.post",
                     "tracker.checkpoints", "tracker.cards")


def preload() -> None:
    """Import every screen's code and what the heavier ones need (run in a thread by the app)."""
    for item in SCREENS:
        item.load()
    for name in PRELOADED_MODULES:
        try:
            import_module(name)
        except ImportError:
            pass


def entry(name: str) -> ScreenEntry:
    for item in SCREENS:
        if item.name == name:
            return item
    raise KeyError(name)
