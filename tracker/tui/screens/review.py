"""Review: the spaced-repetition cards that are due, one at a time: the front, then (space) the
back with what each rating would schedule, then 1-4 to rate and on to the next card.

The three calls of the cards service are the whole loop: due_cards, reveal, rate. The queue
honours the daily limits (new_cards_per_day, reviews_per_day); the front's subtitle shows the
recall FSRS predicts for the card now, the count line the deck's expected retention, and l lists
the leeches (cards forgotten 8 times, suspended until rewritten).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from tracker import cards
from tracker.cards.daily_load import percent
from tracker.spacing import DEFAULT_PARAMETERS, parameters_in_force
from tracker.clock import local_text
from tracker.errors import Msg, TrackerError
from tracker.store import Journal, Row
from tracker.tui import data as screen_data
from tracker.tui import forms
from tracker.tui.dialogs.form_dialog import FormDialog
from tracker.tui.forms import FieldSpec
from tracker.tui.messages import JournalChanged
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.markdown import TrackerMarkdown

#: Cards read per round; the rest of what is due comes with the next read (a session of more
#: than a hundred cards is rare, and the count above says how many are left).
QUEUE_LIMIT = 100
NO_BACK = "*(no answer yet: add one with `tracker cards edit {id} --back TEXT`)*"


class CardAdded(JournalChanged):
    def __init__(self, row: Row) -> None:
        super().__init__(row, f"Card {row['id']} added to {row['topic']}.")


class CardReviewed(JournalChanged):
    def __init__(self, row: Row, rated: cards.Rated) -> None:
        name = cards.RATINGS[rated.rating].capitalize()
        if rated.leech:
            text = Msg.LEECH.format(id=row["id"], lapses=rated.lapses)
        else:
            text = f"{name}: card {row['id']} comes back in {rated.interval}."
        super().__init__(row, text)


@dataclass(frozen=True)
class ReviewData:
    #: The review queue, longest overdue first.
    cards: tuple[Row, ...]
    #: All cards due now (the queue holds at most QUEUE_LIMIT of them).
    due: int
    #: When the next card that is not due yet falls due (UTC text), or None.
    next_due: str | None
    topics: tuple[str, ...]
    #: The deck's expected retention (mean predicted recall of reviewed cards), or None.
    retention: float | None = None
    #: The FSRS parameters in force (fitted, or the defaults): the buttons' intervals and the shown
    #: card's predicted recall (its decay is the last parameter) say what rating will do.
    parameters: tuple[float, ...] = DEFAULT_PARAMETERS
    #: Suspended cards tagged leech.
    leeches: tuple[Row, ...] = ()


class ReviewScreen(TrackerScreen):
    NAME = "review"
    #: Cards and their reviews, and the topic names (most recently studied first) for new cards.
    TABLES = frozenset({"card", "review", "topic", "study_session"})
    AUTO_FOCUS = "#review-front"
    BINDINGS = [
        Binding("space,enter", "reveal", "Show answer"),
        Binding("1", "rate(1)", "Again"),
        Binding("2", "rate(2)", "Hard"),
        Binding("3", "rate(3)", "Good"),
        Binding("4", "rate(4)", "Easy"),
        Binding("a", "add", "Add card"),
        Binding("l", "leeches", "Leeches"),
    ]
    HELP_EXTRA = (("1-4", "Before the answer is shown, the number keys switch screens as usual"),)

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[Row] = []
        #: The shown card's back and rating choices, once revealed.
        self.revealed: cards.Reveal | None = None
        #: Cards due now that are not rated yet, and cards rated on this screen.
        self.due_left = 0
        self.reviewed = 0
        self._shown_at = time.monotonic()

    def compose_body(self) -> ComposeResult:
        yield Static("", id="review-count", classes="status-line")
        with VerticalScroll(id="review-front", classes="panel"):
            yield TrackerMarkdown("", id="review-front-md")
        with VerticalScroll(id="review-back", classes="panel") as back:
            back.border_title = "Back"
            yield TrackerMarkdown("", id="review-back-md")
        yield Static("", id="review-choices")
        yield Static("", id="review-empty")
        leech_panel = Static("", id="review-leeches", classes="panel")
        leech_panel.border_title = "Leeches: rewrite, then `tracker cards unsuspend ID`"
        leech_panel.display = False
        yield leech_panel

    @property
    def card(self) -> Row | None:
        return self.queue[0] if self.queue else None

    # -- reading -------------------------------------------------------------------------------------
    def fetch(self, journal: Journal) -> ReviewData:
        now = self.tracker.now()
        limits = cards.DailyLimits.from_settings(self.tracker.settings)
        return ReviewData(
            cards=tuple(cards.due_cards(journal, now, limit=QUEUE_LIMIT, limits=limits)),
            due=cards.due_count(journal, now, limits=limits),
            next_due=cards.next_due(journal, now),
            topics=tuple(screen_data.topic_names(journal)),
            retention=cards.deck_retention(journal, now),
            parameters=parameters_in_force(journal),
            leeches=tuple(cards.leeches(journal)),
        )

    def show(self, review: ReviewData) -> None:
        current = self.card
        self.queue = list(review.cards)
        self.due_left = review.due
        if current is None or self.card is None or self.card["id"] != current["id"]:
            self._next_card()
        self._draw()

    def _next_card(self) -> None:
        self.revealed = None
        self._shown_at = time.monotonic()

    # -- drawing ---------------------------------------------------------------------------------------
    def _draw(self) -> None:
        card = self.card
        empty = card is None
        for widget_id in ("#review-front", "#review-choices"):
            self.query_one(widget_id).display = not empty
        self.query_one("#review-back").display = not empty and self.revealed is not None
        self.query_one("#review-empty").display = empty
        self.query_one("#review-count", Static).update(self._count_line())
        self.query_one("#review-leeches", Static).update(self._leeches_text())
        if card is None:
            self.query_one("#review-empty", Static).update(self._empty_text())
            self.refresh_bindings()
            return
        front = self.query_one("#review-front")
        front.border_title = f"{card['topic']} · card {card['id']}"
        front.border_subtitle = cards.state_name(card) + self._recall_text(card)
        self._update_markdown("#review-front-md", card["front"])
        choices = self.query_one("#review-choices", Static)
        if self.revealed is None:
            choices.update(Content.from_markup("[$text-muted]space / enter: show the answer[/]"))
        else:
            self._update_markdown("#review-back-md", self.revealed.back or NO_BACK.format(id=card["id"]))
            choices.update(self._choices_line(self.revealed))
        self.refresh_bindings()

    def _update_markdown(self, widget_id: str, text: str) -> None:
        widget = self.query_one(widget_id, Markdown)
        if widget.source != text:
            widget.update(text)

    def _count_line(self) -> str:
        left = f"{self.due_left} card{'' if self.due_left == 1 else 's'} due"
        done = f" · {self.reviewed} reviewed" if self.reviewed else ""
        retention = self.data.retention if self.data is not None else None
        kept = f" · expected retention {percent(retention)}" if retention is not None else ""
        return f"{left}{done}{kept}"

    def _recall_text(self, card: Row) -> str:
        parameters = self.data.parameters if self.data is not None else DEFAULT_PARAMETERS
        recall = cards.retrievability(card, self.tracker.now(), parameters[20])
        return f" · predicted recall {percent(recall)}" if recall is not None else ""

    def _leeches_text(self) -> str:
        rows = self.data.leeches if self.data is not None else ()
        if not rows:
            return "No leeches: no card has been forgotten 8 times."
        return "\n".join(f"{row['id']:>4}  {row['topic']}: {row['front'].strip().splitlines()[0]}" for row in rows)

    def _empty_text(self) -> Content:
        if self.data is not None and self.data.next_due:
            return Content.from_markup(
                "[b]Nothing due.[/b] Next card due $when.\n\n[$text-muted]a adds a card[/]",
                when=local_text(self.data.next_due),
            )
        return Content.from_markup(
            "[b]No cards yet.[/b]\n\n[$text-muted]a adds one here; `tracker cards from-notes` makes them "
            "from your topic notes; a failed checkpoint offers one (8).[/]"
        )

    @staticmethod
    def _choices_line(revealed: cards.Reveal) -> Content:
        parts = [
            Content.from_markup("[b $accent]$key[/] $name · $interval", key=str(choice.rating),
                                name=choice.name.capitalize(), interval=choice.interval)
            for choice in revealed.choices
        ]
        return Content("   ").join(parts)

    # -- actions -------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return self.card is not None and self.revealed is None
        if action == "rate":
            # False lets 1-4 fall through to the app (switch screens) until the answer is shown.
            return self.revealed is not None
        return True

    def action_reveal(self) -> None:
        card = self.card
        if card is None or self.revealed is not None:
            return
        try:
            parameters = self.data.parameters if self.data is not None else DEFAULT_PARAMETERS
            self.revealed = cards.reveal(card, self.tracker.now(), retention=self.tracker.settings.desired_retention,
                                         parameters=parameters)
        except TrackerError as err:
            self.notify(err.line, severity="error")
            return
        self._draw()

    def action_rate(self, rating: int) -> None:
        card = self.card
        if card is None or self.revealed is None:
            return
        looked = round((time.monotonic() - self._shown_at) * 1000)
        try:
            with self.tracker.journal() as journal:
                rated = cards.rate(journal, card, rating, now=self.tracker.now(), duration_ms=looked,
                                   retention=self.tracker.settings.desired_retention,
                                   day_starts_at=self.tracker.settings.day_starts_at)
        except TrackerError as err:
            self.notify(err.line, severity="error")
            return
        self.queue.pop(0)
        self.due_left = max(0, self.due_left - 1)
        self.reviewed += 1
        self._next_card()
        self.post_message(CardReviewed(rated.card, rated))
        if self.queue:
            self._draw()
        else:
            self.reload()  # cards rated Again come back within minutes; or the empty state

    def action_leeches(self) -> None:
        panel = self.query_one("#review-leeches")
        panel.display = not panel.display

    def action_add(self) -> None:
        topics = self.data.topics if self.data else ()
        current = self.card

        def save(values: Mapping[str, Any]) -> Row:
            fields = forms.read_card(values)
            with self.tracker.journal() as journal:
                return cards.add_card(journal, fields["front"], fields["back"], fields["topic"],
                                      now=self.tracker.now()).card

        def saved(row: Row | None) -> None:
            if row is not None:
                self.post_message(CardAdded(row))
                self.reload()

        fields = [
            FieldSpec("front", "Front", placeholder="the question (Markdown)"),
            FieldSpec("back", "Back", placeholder="the answer (Markdown)"),
            FieldSpec("topic", "Topic", value=current["topic"] if current else "", placeholder="new or old · → completes",
                      suggestions=tuple(topics)),
        ]
        self.app.push_screen(FormDialog("Add a card", fields, save, check=forms.read_card, id="card-dialog"), saved)
