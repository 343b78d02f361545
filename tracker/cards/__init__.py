"""Spaced-repetition cards next to the topics they belong to, scheduled with FSRS, taken to Anki.

Importing this package is cheap: fsrs, markdown-it-py and genanki are imported by the functions
that need them, and the notes, CSV and Anki modules on first use, so `tracker stats` can count
due cards without them.

The review loop of any interface is three calls:
    queue = due_cards(journal)                # what to show, longest overdue first
    shown = reveal(card)                      # the back, and what each rating would schedule
    rate(journal, card, "good", duration_ms=...)  # stores the review and reschedules the card
"""

from tracker.cards.daily_load import DailyLimits, deck_retention, retrievability
from tracker.cards.service import (
    AddedCard,
    Rated,
    RatingChoice,
    Reveal,
    add_card,
    card_from_checkpoint_failure,
    card_reviews,
    delete_card,
    due_cards,
    due_count,
    due_summary,
    get_card,
    leeches,
    list_cards,
    next_due,
    rate,
    require_card,
    reveal,
    reviews_between,
    reviews_per_day,
    set_suspended,
    update_card,
)
from tracker.cards.text import (
    RATINGS,
    SOURCES,
    STATES,
    format_interval,
    parse_rating,
    state_name,
)

#: Names served by submodules that are imported on first use (markdown, CSV, Anki), so that
#: `tracker stats` importing this package for the due count loads only the service.
_LAZY = {
    "AnkiExport": "anki", "export_anki": "anki",
    "CsvImport": "csv_import", "import_csv": "csv_import",
    "NoteCard": "notes", "NotesSync": "notes", "cards_in_markdown": "notes", "sync_from_markdown": "notes",
    "sync_from_notes": "notes",
}


def __getattr__(name: str) -> object:  # PEP 562: lazy attributes
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"tracker.cards.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'tracker.cards' has no attribute {name!r}")


__all__ = [
    "RATINGS", "SOURCES", "STATES", "AddedCard", "AnkiExport", "CsvImport", "NoteCard", "NotesSync", "Rated",
    "RatingChoice", "Reveal", "add_card", "card_from_checkpoint_failure", "card_reviews", "cards_in_markdown",
    "DailyLimits", "deck_retention", "retrievability", "leeches", "set_suspended",
    "delete_card", "due_cards", "due_count", "due_summary", "export_anki", "format_interval", "get_card",
    "import_csv", "list_cards", "next_due", "parse_rating", "rate", "require_card", "reveal",
    "reviews_between", "reviews_per_day", "state_name", "sync_from_markdown", "sync_from_notes", "update_card",
]
