"""The `tracker` console script: a lean parser for the quick commands, the Typer app for the rest.

`tracker status` runs in a shell prompt and `log`, `start` and `stop` many times a day, and Typer
(with click) costs more to import than the commands take. So the entry point first reads argv in
plain Python: the common, valid forms of `log`, `start`, `stop`, `cancel` and `status` (with
`--db` and `--debug` before them) run here, calling the same cli/actions.py as the Typer commands.
Anything it doesn't fully understand (help, an unknown or repeated option, a missing or extra
argument, odd bytes) goes to the Typer app, so usage errors and help stay in one place.
"""

from __future__ import annotations

import sys


class Command:
    """What the lean parser accepts of one command: positionals by name (the first `required`
    of them must be given), options that take a value, flags; each option by its spellings.
    (Plain classes, not dataclasses: this module is imported by every `tracker` command.)"""

    __slots__ = ("flags", "options", "positionals", "required")

    def __init__(self, positionals: tuple[str, ...], required: int, options: dict[str, str] | None = None,
                 flags: dict[str, str] | None = None) -> None:
        self.positionals, self.required = positionals, required
        self.options, self.flags = options or {}, flags or {}


_RESOURCE_KIND = {"--resource": "resource", "-r": "resource", "--kind": "kind", "-k": "kind"}
COMMANDS: dict[str, Command] = {
    "log": Command(("duration", "topic", "note"), 2, {**_RESOURCE_KIND, "--date": "day", "-d": "day"},
                   {"--stuck": "stuck"}),
    "start": Command(("topic", "note"), 1, {**_RESOURCE_KIND, "--at": "at", "--pomodoro": "pomodoro"},
                     {"--switch": "switch"}),
    "stop": Command(("note",), 0, {"--at": "at"}, {"--force": "force"}),
    "cancel": Command((), 0),
    "status": Command((), 0, {"--format": "line_format"}, {"--json": "as_json"}),
}


class Parsed:
    """A command line the lean path runs: the command, its values by parameter, the global options."""

    __slots__ = ("command", "db", "debug", "values")

    def __init__(self, command: str, values: dict[str, object], db: str | None = None, debug: bool = False) -> None:
        self.command, self.values, self.db, self.debug = command, values, db, debug

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Parsed) and all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    def __repr__(self) -> str:
        return f"Parsed({self.command!r}, {self.values!r}, db={self.db!r}, debug={self.debug!r})"


def parse_quick(argv: list[str]) -> Parsed | None:
    """The command and its values, or None when the Typer app should handle `argv`."""
    db, debug, index = None, False, 0
    while index < len(argv) and argv[index].startswith("-"):
        arg = argv[index]
        if arg == "--debug" and not debug:
            debug, index = True, index + 1
        elif arg == "--db" and db is None and index + 1 < len(argv):
            db, index = argv[index + 1], index + 2
        elif arg.startswith("--db=") and db is None:
            db, index = arg.removeprefix("--db="), index + 1
        else:
            return None
    if index >= len(argv) or argv[index] not in COMMANDS:
        return None
    if not all(_plain(arg) for arg in argv):
        return None  # a NUL or bytes that aren't UTF-8: the Typer app names them in one line
    name, spec = argv[index], COMMANDS[argv[index]]
    values: dict[str, object] = {}
    positionals: list[str] = []
    rest = iter(argv[index + 1:])
    only_positionals = False
    for arg in rest:
        if only_positionals or arg == "-" or not arg.startswith("-"):
            positionals.append(arg)
        elif arg == "--":
            only_positionals = True
        elif arg in spec.flags and spec.flags[arg] not in values:
            values[spec.flags[arg]] = True
        else:
            option, given, value = arg.partition("=")
            key = spec.options.get(option)
            if key is None or key in values or (not given and option != arg):
                return None
            if not given:
                value = next(rest, None)
                if value is None:
                    return None
            values[key] = value
    if not spec.required <= len(positionals) <= len(spec.positionals):
        return None
    values.update(zip(spec.positionals, positionals))
    return Parsed(name, values, db, debug)


def _plain(arg: str) -> bool:
    if "\x00" in arg:
        return False
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _actions() -> dict:
    from tracker.cli import actions

    return {"log": actions.log, "start": actions.start, "stop": actions.stop, "cancel": actions.cancel,
            "status": actions.status}


def _cached_status(parsed: Parsed) -> int | None:
    """`tracker status` from its cache (tracker/status_cache.py, which imports next to nothing):
    0 once printed, None when the full path must run."""
    from tracker.status_cache import cached_status

    text = cached_status(parsed.db, **parsed.values)  # type: ignore[arg-type]
    if text is None:
        return None
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        import os

        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the reader went away: stop quietly
    return 0


def run_quick(argv: list[str]) -> int | None:
    """Run `argv` on the lean path: its exit code, or None when it is the Typer app's to run."""
    parsed = parse_quick(argv)
    if parsed is None:
        return None
    if parsed.command == "status" and (code := _cached_status(parsed)) is not None:
        return code
    from tracker.cli.context import AppState
    from tracker.cli.failures import report

    app_state = AppState(db=parsed.db, debug=parsed.debug)
    try:
        _actions()[parsed.command](app_state, **parsed.values)
    except (Exception, KeyboardInterrupt) as err:  # noqa: BLE001 - one line, as the Typer app says it
        return report(err, app_state.debugging)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point; returns the exit code."""
    args = sys.argv[1:] if argv is None else argv
    code = run_quick(args)
    if code is not None:
        return code
    from tracker.cli.main import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
