"""What the Checkpoints screen's run panel says: a run of this session (PASS or FAIL, the checks
passed, the other failures, the captured output), or the journal's last verdict, or how to start."""

from __future__ import annotations

from textual.content import Content

from tracker import checkpoints
from tracker.checkpoints.history import checks_line
from tracker.display import shown
from tracker.errors import Msg
from tracker.store import Row

#: How much of a run's captured output the panel shows (its last lines: where the error is).
OUTPUT_LINES = 12


def run_panel(row: Row, result: checkpoints.RunResult | None, running: bool, file_name: str | None) -> Content | str:
    """The panel for the checkpoint of `row`: `result` is this session's latest run of it, and
    `file_name` its workspace file (None for a checkpoint no pack has any more)."""
    shown_name = file_name or row["name"]
    if running:
        return Content.from_markup("[$text-accent]Running $file…[/]", file=shown_name)
    if result is not None:
        return result_content(result, shown_name)
    if row["state"] == "failing" and row["message"]:
        return Content.from_markup(
            "[b $text-error]FAIL[/] (last run $when)\n$message\n\n[$text-muted]r runs it again · c makes a card[/]",
            when=row["last_run"] or "", message=shown(row["message"], lines=True),
        )
    if row["last_run"]:
        due = f", re-check due {row['due']}" if row["due"] else ""
        return Content.from_markup(
            "[b $text-success]PASS[/] (last run $when$due)\n[$text-muted]r runs $file again[/]",
            when=row["last_run"], due=due, file=shown_name,
        )
    if file_name is not None:
        return Content.from_markup("Never run.\n[$text-muted]r runs $file from the workspace[/]", file=file_name)
    return ""


def result_content(result: checkpoints.RunResult, file_name: str) -> Content:
    """PASS or FAIL, how many checks passed with the first failure, and a note when unsandboxed."""
    unsandboxed = Content("")
    if result.sandbox == "none":
        unsandboxed = Content.from_markup("\n[$text-warning]$note[/]", note=Msg.RUN_NO_SANDBOX.value)
    if result.passed:
        return Content.from_markup("[b $text-success]PASS[/] $file in $seconds s\n$checks",
                                   file=file_name, seconds=f"{result.seconds:.2f}",
                                   checks=checks_line(result)) + unsandboxed
    content = Content.from_markup(
        "[b $text-error]FAIL[/] $reason · $seconds s\n$message",
        reason=result.reason.label, seconds=f"{result.seconds:.2f}",
        message=shown(checks_line(result) or result.message, lines=True),
    )
    if len(result.failed_checks) > 1:
        also = Msg.CHECKS_ALSO_FAILED.format(names=", ".join(result.failed_checks[1:]))
        content += Content.from_markup("\n[$text-muted]$also[/]", also=also)
    content += unsandboxed
    output = "\n".join(result.output.rstrip().splitlines()[-OUTPUT_LINES:])
    if output:
        content += Content.from_markup("\n[$text-muted]output:[/]\n") + Content(shown(output, lines=True))
    return content + Content.from_markup("\n\n[$text-muted]c makes a card of this failure[/]")
