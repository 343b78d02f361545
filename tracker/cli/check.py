"""`tracker check`: the NumPy checkpoints that prove a topic, run against the learner's own code."""

import shutil
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from tracker.cli.context import AppState, state
from tracker.cli.options import AsJson
from tracker.cli.output import column, say, show_rows
from tracker.clock import now
from tracker.config import CHECKPOINT_WORKSPACE, config_file, remember
from tracker.errors import Msg, bad_input, failure
from tracker.topics import list_topics

check_app = typer.Typer(help="Runnable NumPy checkpoints that prove you understood a topic.", no_args_is_help=True)

Workspace = Annotated[
    Optional[Path],
    typer.Option("--workspace", "-w", help="The folder made by `tracker check init` (default: the remembered checkpoint_workspace, else the current folder)."),
]


def register(app: typer.Typer) -> None:
    from tracker.cli.check_pack import pack_app

    check_app.add_typer(pack_app, name="pack")
    app.add_typer(check_app, name="check")


def _workspace(app_state: AppState, given: Optional[Path]) -> Path:
    """The learner's workspace: the given folder (the first one given is remembered), else the
    remembered checkpoint_workspace, else the current folder; it must hold checkpoint files."""
    # tracker.checkpoints (~14 ms: the sandbox runner): only for tracker check
    from tracker.checkpoints import learner_file, load_curriculum

    remembered = app_state.settings.folder(CHECKPOINT_WORKSPACE) if given is None else None
    folder = given or remembered or Path.cwd()
    if not folder.is_dir() or not any(learner_file(folder, c).is_file() for c in load_curriculum()):
        if remembered:
            raise bad_input(Msg.NO_SAVED_WORKSPACE, path=folder, config=config_file())
        raise bad_input(Msg.NO_WORKSPACE, path=folder)
    if given is not None:
        _remember_workspace(folder)
    return folder


def _remember_workspace(folder: Path) -> None:
    """The first workspace used (made by `check init`, or given with --workspace) is the default after."""
    if note := remember(CHECKPOINT_WORKSPACE, str(folder.expanduser().absolute()), Msg.REMEMBERED_WORKSPACE):
        say(note)


@check_app.command("init")
def init(
    directory: Annotated[Path, typer.Argument(help="Where to write the stubs (created if needed).")],
) -> None:
    """Write the learner stubs into a workspace (your existing files are never overwritten)."""
    # tracker.checkpoints (~14 ms: the sandbox runner): only for tracker check
    from tracker.checkpoints import init_workspace

    try:
        outcome = init_workspace(directory)
    except OSError as err:
        raise failure(Msg.UNWRITABLE, path=directory, reason=err.strerror or err) from None
    say(f"Wrote {len(outcome.written)} stubs to {directory}" + (f", kept {len(outcome.skipped)} of yours." if outcome.skipped else "."))
    say(f"Open one, fill in the TODOs, then: tracker check run NAME --workspace {directory}")
    _remember_workspace(directory)


@check_app.command("list")
def list_(
    ctx: typer.Context,
    as_json: AsJson = False,
) -> None:
    """Every checkpoint by stage of its path: topic, status, checks passed at the last run, due."""
    # tracker.checkpoints (~14 ms: the sandbox runner): only for tracker check
    from tracker.checkpoints.history import overview

    app_state = state(ctx)
    with app_state.read() as journal:
        rows = overview(journal, app_state.today())
    if as_json:
        show_rows(rows, [], empty="", as_json=True)
        return
    show_rows(
        _stage_once(rows),
        [column("stage", "stage_shown"), column("#", "order"), column("name"), column("status", "state"),
         column("checks"), column("due"), column("topic"), column("title")],
        empty="No checkpoints.",
        as_json=False,
    )


def _stage_once(rows: list[dict]) -> list[dict]:
    """The stage named on its first row only, so the listing reads as groups along the path."""
    from tracker.checkpoints.catalog import stage_starts

    starts = stage_starts(rows)
    return [{**row, "stage_shown": starts.get(row["name"], "")} for row in rows]


@check_app.command("run")
def run(
    ctx: typer.Context,
    names: Annotated[Optional[list[str]], typer.Argument(help="Checkpoints by name or number (default: every file in the workspace).")] = None,
    workspace: Workspace = None,
    notes: Annotated[Optional[list[Path]], typer.Option("--file", "-f", help="Run the `python checkpoint` blocks of a Markdown file.")] = None,
    topic_notes: Annotated[bool, typer.Option("--topic-notes", help="Run the checkpoint blocks in the topic notes kept in the journal.")] = False,
    due: Annotated[bool, typer.Option("--due", help="Only the checkpoints whose re-check is due.")] = False,
) -> None:
    """Run checks against your code; print how many checks passed and the first failure's message."""
    # tracker.checkpoints (~14 ms: the sandbox runner): only for tracker check
    from tracker.checkpoints import (
        Limits,
        blocks_in_files,
        extract_blocks,
        find_checkpoint,
        run_blocks,
        run_workspace,
    )
    from tracker.checkpoints.history import overview, record_runs

    app_state = state(ctx)
    limits = Limits(timeout=app_state.settings.checkpoint_timeout)
    started = now()
    results = []
    progress = _progress_printer()
    # The notes files are read before the journal is opened: a wrong one writes nothing.
    blocks = blocks_in_files(notes) if notes else []
    with app_state.open() as journal:
        if notes or topic_notes:
            if topic_notes:
                for topic in list_topics(journal):
                    blocks += extract_blocks(topic["notes"] or "", f"topic {topic['name']}")
            if not blocks:
                raise bad_input(Msg.NO_BLOCKS)
            results += run_blocks(blocks, limits, progress=progress)
        if names or due or not (notes or topic_notes):
            chosen = [find_checkpoint(name) for name in names or []]
            if due:
                due_names = {r["name"] for r in overview(journal, app_state.today()) if r["state"] == "re-check due"}
                chosen += [find_checkpoint(name) for name in sorted(due_names) if name not in {c.name for c in chosen}]
                if not chosen:
                    say("No re-check is due. Well remembered.")
                    return
            results += run_workspace(_workspace(app_state, workspace), chosen or None, limits, progress=progress)
        record_runs(journal, results, started)
    passed = sum(r.passed for r in results)
    say(f"\n{passed} of {len(results)} passed.")
    if any(r.sandbox == "none" for r in results):
        say(Msg.RUN_UNSANDBOXED.value)
    if passed < len(results):
        raise typer.Exit(1)


def _progress_printer():
    """One line per finished run, so a long batch shows where it is, then how many checks passed
    and the first failure (the other failed checks by name)."""
    from tracker.checkpoints.history import checks_line, stored_message

    def show(done: int, total: int, result) -> None:
        mark = "PASS" if result.passed else "FAIL"
        line = f"[{done}/{total}] {mark} {result.name} ({result.seconds:.2f}s)"
        detail = checks_line(result) or ("" if result.passed else stored_message(result))
        if result.passed and detail:
            line += f": {detail}"
        elif detail:
            line += f"\n        {detail}"
        if len(result.failed_checks) > 1:
            line += "\n        " + Msg.CHECKS_ALSO_FAILED.format(names=", ".join(result.failed_checks[1:]))
        say(line)

    return show


@check_app.command("hint")
def hint(ctx: typer.Context, name: Annotated[str, typer.Argument(help="A checkpoint's name or number.")]) -> None:
    """Show a checkpoint's explanation and hint (noted: the next pass counts as "hard" for its re-checks)."""
    # tracker.checkpoints (~14 ms: the sandbox runner): only for tracker check
    from tracker.checkpoints import find_checkpoint
    from tracker.checkpoints.events import HINT, record_event

    checkpoint = find_checkpoint(name)
    with state(ctx).open() as journal:
        record_event(journal, checkpoint.name, HINT, now())
    say(f"# {checkpoint.order}. {checkpoint.title} ({checkpoint.topic})\n")
    say(checkpoint.explanation.strip() + "\n")
    say("## Hint\n")
    say(checkpoint.hint.strip())


@check_app.command("sandbox")
def sandbox(ctx: typer.Context) -> None:
    """Say where your code runs (bubblewrap, or limits only) and what it can see and use."""
    # tracker.checkpoints (~14 ms: the sandbox runner): only for tracker check
    from tracker.checkpoints import Limits, describe_sandbox

    say("\n".join(describe_sandbox(Limits(timeout=state(ctx).settings.checkpoint_timeout))))


@check_app.command("watch")
def watch(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A checkpoint's name or number.")],
    workspace: Workspace = None,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between looks at the file.")] = 0.5,
) -> None:
    """Run a checkpoint again every time you save its file (Ctrl+C to stop)."""
    # tracker.checkpoints (~14 ms: the sandbox runner): only for tracker check
    from tracker.checkpoints import Limits, find_checkpoint, learner_file, run_workspace
    from tracker.checkpoints.history import record_runs

    app_state = state(ctx)
    checkpoint = find_checkpoint(name)
    path = learner_file(_workspace(app_state, workspace), checkpoint)
    limits = Limits(timeout=app_state.settings.checkpoint_timeout)
    say(f"Watching {path}; save it to run the checks. Ctrl+C stops.")
    seen = None
    try:
        while True:
            stamp = path.stat().st_mtime_ns if path.exists() else None
            if stamp != seen:
                seen = stamp
                started = now()
                results = run_workspace(path.parent, [checkpoint], limits, progress=_progress_printer())
                with app_state.open() as journal:
                    record_runs(journal, results, started)
                if results and results[0].passed:
                    say("Passed. Keep the streak: it will come back for a re-check.")
            time.sleep(interval)
    except KeyboardInterrupt:
        say("Stopped watching.")


@check_app.command("solution")
def solution(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A checkpoint's name or number.")],
    workspace: Workspace = None,
    give_up: Annotated[bool, typer.Option("--give-up", help="Read it before passing, after 3 failed runs (recorded).")] = False,
) -> None:
    """Show the reference solution beside your file, once you passed (or with --give-up)."""
    # tracker.checkpoints (~14 ms: the sandbox runner): only for tracker check
    from tracker.checkpoints import find_checkpoint, learner_file
    from tracker.checkpoints.solution import open_solution
    from tracker.cli.side_by_side import one_after_the_other, side_by_side

    app_state = state(ctx)
    checkpoint = find_checkpoint(name)
    mine = learner_file(_workspace(app_state, workspace), checkpoint)
    with app_state.open() as journal:
        open_solution(journal, checkpoint, give_up, now())
    reference = ("reference solution", checkpoint.reference_file.read_text(encoding="utf-8"))
    if not mine.is_file():
        say("\n".join(one_after_the_other(reference)))
        return
    yours = (f"yours: {mine.name}", mine.read_text(encoding="utf-8", errors="replace"))
    width = shutil.get_terminal_size((120, 24)).columns
    say("\n".join(side_by_side(reference, yours, width) or one_after_the_other(reference, yours)))


@check_app.command("reset")
def reset(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A checkpoint's name or number.")],
    workspace: Workspace = None,
) -> None:
    """Put the stub back in your workspace to start over; your file is kept as a numbered backup."""
    # tracker.checkpoints (~14 ms: the sandbox runner): only for tracker check
    from tracker.checkpoints import find_checkpoint
    from tracker.checkpoints.solution import start_over

    app_state = state(ctx)
    checkpoint = find_checkpoint(name)
    folder = _workspace(app_state, workspace)
    with app_state.open() as journal:
        outcome = start_over(journal, folder, checkpoint, now())
    kept = f"; your file is kept as {outcome.backup.name}" if outcome.backup else ""
    say(f"Wrote the stub to {outcome.path}{kept}.")
