"""Merging a topic or a resource into another, from the Topics and Plan screens: the dialog that
asks which one to merge into, and what the screens tell the app afterwards.

The screens keep the `Snapshot` a merge or delete returns, and their `u` hands it to
`merge.restore` (one transaction), as the app's `u` puts back a deleted session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tracker import merge
from tracker.errors import TrackerError
from tracker.merge import Snapshot, describe
from tracker.store import Journal, Row
from tracker.tui.dialogs.confirm import ConfirmDialog
from tracker.tui.dialogs.form_dialog import FormDialog
from tracker.tui.formatting import cut
from tracker.tui.forms import FieldSpec
from tracker.tui.messages import JournalChanged


class MergedOrDeleted(JournalChanged):
    """A topic or resource was merged into another, or deleted; `snapshot` can undo it."""

    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__(snapshot.deleted, f"{describe(snapshot)} Press u to undo.")
        self.snapshot = snapshot


class MergeUndone(JournalChanged):
    def __init__(self, snapshot: Snapshot, row: Row) -> None:
        kind = snapshot.kind
        done = "merge" if snapshot.into is not None else "delete"
        super().__init__(row, f"Undid the {done}: {kind.thing} {row[kind.column]!r} is back.")


def merge_dialog(thing: str, name: str, others: Sequence[str], merge: Callable[[str], Snapshot]) -> FormDialog[Snapshot]:
    """Asks which `thing` to merge `name` into; `merge(into)` does it and returns the snapshot."""
    fields = [FieldSpec("into", "Into", placeholder=f"the {thing} that keeps everything", suggestions=tuple(others))]
    hint = f"Everything that uses {cut(name, 40)!r} moves to the {thing} you name, then {cut(name, 40)!r} is deleted. u undoes it."
    return FormDialog(
        f"Merge {cut(name, 40)} into...", fields, lambda values: merge(str(values.get("into") or "")),
        submit_label="Merge", hint=hint, id="merge-dialog",
    )


class UndoesMerges:
    """For a screen (Topics, Plan) that merges and deletes: remembers the last snapshot, and its
    `u` puts it back. Without one the binding is off, so `u` falls through to the app's own undo
    (the last deleted session)."""

    UNDO_BINDING = ("u", "undo_merge", "Undo merge/delete")
    undo_snapshot: Snapshot | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_merge":
            return self.undo_snapshot is not None
        return super().check_action(action, parameters)  # type: ignore[misc]

    def merged(self, snapshot: Snapshot) -> None:
        """After a merge or delete: remember it for `u`, tell the app, read again."""
        self.undo_snapshot = snapshot
        self.refresh_bindings()  # type: ignore[attr-defined]
        self.post_message(MergedOrDeleted(snapshot))  # type: ignore[attr-defined]
        self.load_now()  # type: ignore[attr-defined]

    def ask_merge(self, thing: str, row: Row, name: str, others: Sequence[str],
                  merge_rows: Callable[[Journal, int, str], Snapshot]) -> None:
        """The merge dialog for `row`; `merge_rows(journal, id, into)` is the service's merge."""
        def save(into: str) -> Snapshot:
            with self.tracker.journal() as journal:  # type: ignore[attr-defined]
                return merge_rows(journal, row["id"], into)

        def saved(snapshot: Snapshot | None) -> None:
            if snapshot is not None:
                self.merged(snapshot)

        self.app.push_screen(merge_dialog(thing, name, others, save), saved)  # type: ignore[attr-defined]

    def ask_delete(self, thing: str, row: Row, name: str, delete_row: Callable[[Journal, int], Snapshot]) -> None:
        """Asks first; `delete_row(journal, id)` is the service's delete (refused while in use)."""
        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                with self.tracker.journal() as journal:  # type: ignore[attr-defined]
                    snapshot = delete_row(journal, row["id"])
            except TrackerError as err:
                self.notify(err.line, severity="error")  # type: ignore[attr-defined]
                return
            self.merged(snapshot)

        self.app.push_screen(ConfirmDialog(f"Delete the {thing} {name!r}?"), answered)  # type: ignore[attr-defined]

    def action_undo_merge(self) -> None:
        snapshot = self.undo_snapshot
        if snapshot is None:
            return
        try:
            with self.tracker.journal() as journal:  # type: ignore[attr-defined]
                row = merge.restore(journal, snapshot)
        except TrackerError as err:
            self.notify(err.line, severity="error")  # type: ignore[attr-defined]
            return
        self.undo_snapshot = None
        self.refresh_bindings()  # type: ignore[attr-defined]
        self.post_message(MergeUndone(snapshot, row))  # type: ignore[attr-defined]
        self.load_now()  # type: ignore[attr-defined]
