"""Every user-facing error text lives here, so wording stays consistent and is easy to review.

A `TrackerError` carries one line for the user and an exit code: 2 for bad input (nothing was
written), 1 for anything else that went wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

BAD_INPUT = 2
FAILURE = 1


class Msg(str, Enum):
    """Message templates; fill them with `Msg.X.format(...)` through `bad_input`/`failure`."""

    DURATION = "can't read duration {value!r}: use 45m, 1h30m, 1.5h or 90 (minutes)"
    DURATION_NOT_POSITIVE = "duration {value!r} must be more than zero minutes"
    DURATION_TOO_LONG = "duration {value!r} is longer than a day (24h): split it or check the units"
    DATE = "can't read date {value!r}: use YYYY-MM-DD, today or yesterday"
    DATE_YEAR = "date {value!r} is outside {first}-{last}: check the year"
    SCHEDULE_SKIPPED = ("{path}: {count} row(s) match sessions already in the journal (same {columns}) "
                        "and were skipped")
    TOPIC_LOOP = "{parent!r} is this topic or one of its subtopics: choose a broader topic as the parent"
    DUPLICATE = "there is already a {thing} {name!r}: use `tracker {command} update` to change it"
    NEGATIVE = "{field} {value!r} can't be negative"
    UNKNOWN_THEME = "config.toml: the UI has no theme {theme!r}; using dark (ctrl+t switches, ctrl+p lists themes)"
    TOO_MANY = "{field} {value!r} is more than {limit}: check the number"
    CONTROL_CHARACTERS = "{field} contains control characters (like escape codes): type it as plain text"
    FUTURE_SESSION = "{day} is in the future: log a session on or before today ({today})"
    EMPTY = "{field} is empty: give a {field}"
    TOO_LONG = "{field} is {size:,} characters; the limit is {limit:,}: shorten it or keep the long text in a file"
    CHOICE = "{field} {value!r} is not one of: {choices}"
    NUMBER = "{field} {value!r} is not a number ({hint})"
    NOT_A_JOURNAL = "{path} is not a tracker journal (left untouched): choose another file with --db"
    NEWER_JOURNAL = "{path} was written by a newer tracker (schema {found}, this one knows {known}): upgrade tracker"
    UNWRITABLE = "can't write to {path}: {reason}"
    FILE_SYSTEM = "the file system refused {path}: {reason}"
    NO_SUCH = "no {thing} {name!r}{hint}"
    AMBIGUOUS = "{thing} {name!r} matches several: {matches}; use more of the name or the id"
    AMBIGUOUS_NAME = "{thing} {name!r} matches several: {matches}; use more of the name"
    NAME_TAKEN = "there is already a {thing} {name!r}: to combine the two, run `tracker {command} merge {args}`"
    IN_USE = "{thing} {name!r} still has {what}: merge it into another {thing} instead (`tracker {command} merge {args} INTO`)"
    MERGE_SAME = "{name!r} would be merged into itself: name two different {thing}s"
    UNDO_CLASH = "can't undo: there is a {thing} {name!r} again; rename or merge it first"
    UNITS = "progress {done} is more than the {total} units of {title!r}"
    UNITS_BELOW_DONE = "units {total} is fewer than the {done} already done of {title!r}: record less progress first, or give more units"
    FUTURE_DONE = "{day} is in the future: record {what} on or before today ({today})"
    ARGUMENT_NOT_UTF8 = "an argument holds bytes that are not UTF-8 text ({value}): type it again as plain text"
    DATE_RANGE = "--from {start} is after --to {end}"
    OPTIONS_CLASH = "{first} and {second} can't be used together"
    CSV_ROW = "{path}, line {line}: {problem}"
    CSV_HEADER = "{path}: missing column(s) {columns}; the columns are {expected}"
    CSV_UNREADABLE = "{path}: {problem}"
    IMPORT_NOT_EMPTY = "the journal already has {count} sessions: import a journal directory into an empty journal (use --db NEW.db)"
    IMPORT_SOURCE = "{path} is neither a journal directory (with sessions.csv) nor a .csv file"
    EXPORT_TARGET = "{path} exists and is not empty: export into a new or empty directory"
    URL = "can't open journal {url!r}: {reason}"
    URL_KINDS = "a journal is a SQLite file (a path, or sqlite:///PATH) or a PostgreSQL database (postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE)"
    SERVER_UNREACHABLE = "can't reach the journal server at {host}: {reason} (check the URL in TRACKER_DB or --db, the server, and the password)"
    SERVER_GONE = "lost the connection to the journal server ({url}): {reason}; nothing of the last change was written, try again"
    SETTINGS_FILE = "{path}: {problem}"
    SETTING = "{path}: {key} should be {expected}, not {value!r}"
    NO_WORKSPACE = "{path} holds no checkpoint files: make a workspace with `tracker check init DIR`, then pass --workspace DIR"
    NO_BLOCKS = "no ```python checkpoint``` blocks found in those notes"
    # checkpoint packs (tracker.checkpoints.packs) and what to do after a pass
    PACK_NO_MANIFEST = "{path} has no pack.toml: a pack is a folder with a pack.toml manifest (README: Checkpoint packs)"
    PACK_BAD_TOML = "{path}: not valid TOML ({error})"
    PACK_FIELD = "{path}: {field} must be {expected}"
    PACK_MISSING_PART = "{path}: checkpoint {folder!r} has no {part}"
    PACK_OUTSIDE = "{path}: checkpoint {folder!r} is not a folder inside the pack"
    PACK_DUPLICATE = "{path}: checkpoint name {name!r} appears more than once"
    PACK_MISTAKE = "{path}: mistake {mistake!r} of {folder!r}: its replace text occurs {count} times in reference.py, not once"
    PACK_ID_TAKEN = "a pack {id!r} is known already ({where}): `tracker check pack remove {id}` first, or change the id"
    PACK_NOT_REMOVABLE = "pack {id!r} is {where}: it can't be removed here{how}"
    PACKS_FILE = "{path}: {problem}; fix or delete that file (it lists the packs added with `tracker check pack add`)"
    CHECKPOINT_CLASH = "checkpoint {name!r} is in packs {packs}: say which, e.g. `{example}`"
    SOLUTION_LOCKED = ("{name}: the solution opens once you pass it, or with --give-up after {needed} failed runs "
                       "(you have {failed})")
    SOLUTION_NOT_STUCK = "{name}: --give-up opens the solution after {needed} failed runs; you have {failed}: try again first"
    # where learner code runs (tracker.checkpoints.sandbox)
    SANDBOX_CHOICE = "${variable} is {value!r}, not one of: {choices}"
    SANDBOX_UNAVAILABLE = "${variable}=bwrap, but {problem}: install bubblewrap, or set {variable}=auto to run with limits only"
    SANDBOX_BWRAP = ("Sandbox: bubblewrap ({why}). Learner code runs with no network, in its own process "
                     "namespace (every process it starts ends with the run), on a read-only system.")
    SANDBOX_NONE = ("Sandbox: none ({why}). Learner code runs with your rights, under resource limits only; "
                    "its process group is killed after each run, but it can read your files and use the "
                    "network. Install bubblewrap (Debian/Ubuntu: apt install bubblewrap) to contain it.")
    SANDBOX_SEES = "It sees: {visible}; its own file, read-only; a private {tmp_mb} MB /tmp as its working folder."
    SANDBOX_HIDES = "Hidden from it: the journal, your home folder{home_note}, tracker's package."
    SANDBOX_HOME_EXCEPT = " (but for {folders}, read-only: Python and its packages live there)"
    SANDBOX_LIMITS = ("Limits: {timeout:g} s, {memory_mb} MB of memory, {output_mb} MB per file and of output, "
                      "{processes} processes{process_note}. The checks and the verdict run in the tracker, never in the code's process.")
    CHECKS_COUNT = "{passed} of {checks} passed"
    CHECKS_FIRST_FAILURE = "{count}{not_run} — first failure: {message}"
    CHECKS_NOT_RUN = " ({count} not run: the run ended before them)"
    CHECKS_ALSO_FAILED = "also failed: {names}"
    HINT_KEY = "*Stuck? Press h for the hint. A pass right after it is re-checked sooner than one without.*"
    RUN_NO_SANDBOX = "ran without a sandbox (resource limits only): `tracker check sandbox` says why"
    RUN_UNSANDBOXED = "These runs had no sandbox (resource limits only): `tracker check sandbox` says why and what to install."
    SANDBOX_ROOT_PROCESSES = " (not enforced for root, which this is{contained})"
    SANDBOX_PID_NAMESPACE = ": the PID namespace still ends every process with the run"
    # settings remembered from first use, and `tracker config` (tracker.config)
    NO_SAVED_WORKSPACE = ("{path} (checkpoint_workspace in {config}) holds no checkpoint files: "
                          "run `tracker check init {path}`, or pass --workspace DIR")
    REMEMBERED_WORKSPACE = ("Remembered checkpoint_workspace = {value} in {path}: "
                            "`tracker check` uses it when --workspace is left out.")
    REMEMBERED_POSTS_FOLDER = ("Remembered posts_folder = {value} in {path}: "
                               "`tracker week --save` writes there.")
    NO_POSTS_FOLDER = "no posts folder remembered yet: write a post with --out FOLDER once, and --save uses it after"
    NOT_REMEMBERED = "could not remember {key} in config.toml ({problem}): give the option again next time"
    CONFIG_WRITTEN = "Wrote {path}: every setting with its default and what it does (`tracker config` shows them)."
    DEMO_ENDED = ("The demo journal was a temporary copy and is gone. Your own journal is {journal}: "
                  "start it with `tracker log 30m TOPIC`, or open it with `tracker`.")
    DEMO_TIMER = ("Timer: {topic}{resource}, running since {since} ({elapsed}; the demo started it): "
                  "`tracker --db {path} stop` logs it.")
    # the live timer and `tracker status` (tracker.timer, tracker.cli.actions)
    TIMER_TIME = "can't read time {value!r}: use HH:MM, a date and time like 2026-11-21T09:30, or {relative}"
    TIMER_RUNNING = ("a timer is already running: {topic} since {since} ({elapsed}); stop it first "
                     "(`tracker stop`), or add --switch to log it and start this one")
    NO_TIMER = "no timer is running: start one with `tracker start TOPIC`"
    TIMER_START_FUTURE = "start time {at} is in the future (it is {now}): give a time before now"
    TIMER_START_TOO_EARLY = "start time {at} is more than a day (24h) ago: log that session with `tracker log` instead"
    TIMER_STOP_BEFORE_START = ("stop time {at} is before the timer started ({start}): past midnight, give the "
                               "date too (2026-11-22T00:30) or the time it ran (--at +45m)")
    TIMER_STOP_FUTURE = "stop time {at} is in the future (it is {now}): give the time you stopped"
    TIMER_TOO_LONG = ("the timer on {topic} has run {elapsed} since {since}, more than a day (24h): give the real "
                      "end with --at HH:MM or --at +45m, or drop it with `tracker cancel`")
    TIMER_FORGOTTEN = ("the timer on {topic} has run {elapsed} since {since}, {why}: not logged as is; give the "
                       "real end with --at HH:MM or --at +45m, or add --force to log it as it stands")
    TIMER_PAST_DAY = "past the end of its day ({day})"
    TIMER_OVER_MAX = "longer than max_session_hours ({hours} h)"
    TIMER_TOO_SHORT = "the timer ran less than a minute: nothing to log (`tracker cancel` drops it)"
    TIMER_POMODORO = "pomodoro {value!r} must be a whole number of minutes from 1 to {limit}, like 25"
    # the live timer on Today (tracker.tui.screens.today, tracker.tui.widgets.timer_line)
    TIMER_LINE_KEEPS = "safe to quit"  # the timer is in the journal: quitting loses nothing
    TIMER_STARTED = "Started the timer on {topic}: ctrl+l logs it, ctrl+g drops it. It runs on if you quit."
    TIMER_ALREADY = "a timer is already running ({topic}, {elapsed}): ctrl+l logs it, ctrl+g drops it"
    TIMER_CANCEL_QUESTION = "Drop the timer on {topic} ({elapsed})? Nothing is logged."
    TIMER_CANCELLED = "Dropped the timer on {topic} ({elapsed}, not logged)."
    TIMER_TRIM_HINT = ("The timer on {topic} has run {elapsed} since {since}: too long to log as it stands (past "
                       "the end of its day, or over max_session_hours, {hours} h).\nWhen did you really stop? HH:MM, "
                       "a date and time (2026-11-22 00:30), or +45m after the start.")
    POMODORO_BREAK = "Pomodoro {number} done: take a {minutes}-minute break."
    POMODORO_BACK = "Break over: back to {topic} (pomodoro {number})."
    STATUS_FORMAT = "--format: no placeholder {name!r}; the placeholders are {names}"
    REST_DAYS_OFF = ("Rest days count as ordinary days while rest_days_keep_streak = false in config.toml "
                     "(`tracker config` shows it).")
    REST_OVER_BUDGET = ("This month already has the {days} that count (rest_days_per_month): "
                        "this one is an ordinary day, so it breaks the streak unless you study.")
    # the weekly post (tracker.post)
    WEEK_DAY = "can't read week {value!r}: use a day (YYYY-MM-DD, today or yesterday) or an ISO week like 2026-W41"
    TEMPLATE = "template {path}, line {line}: {problem}"
    OUT_EXISTS = "{path} exists: add --force to replace it"
    NOT_A_FOLDER = "{path} is a file, not a folder: give the folder to write into"
    NO_EDITOR = "no editor to open: set $EDITOR (for example EDITOR=nano)"
    EDITOR_FAILED = "editor {editor!r} {problem}: the week note is unchanged"
    # the plain-text journal and spreadsheet imports (tracker.plaintext)
    CSV_UNKNOWN_COLUMNS = "{path}: ignored unknown column(s) {columns}"
    CSV_DUPLICATE_COLUMN = "column {column!r} appears more than once in the header"
    CSV_EXTRA_CELLS = "{count} cells, but the header names {columns} columns"
    CSV_EMPTY = "the file is empty: it needs a header row ({columns})"
    CSV_NOT_UTF8 = "line {line} is not UTF-8 text: save the file as \"CSV UTF-8\""
    CSV_BINARY = "it holds NUL bytes, so it is not a CSV text file"
    CSV_BAD_SYNTAX = "line {line} is not valid CSV ({reason})"
    CSV_DUPLICATE = "{thing} {name!r} is already on line {line}"
    LINKED_FILE_MISSING = "{file} (named in this row) does not exist"
    LINKED_FILE_OUTSIDE = "{file} is outside the journal directory: name a file inside it"
    LINKED_FILE_UNREADABLE = "can't read {file}: {reason}"
    LINKED_FILE_NOT_UTF8 = "{file} is not UTF-8 text"
    WEEK = "can't read week {value!r}: use an ISO week like 2026-W38"
    STAMP = "can't read {field} {value!r}: use an ISO 8601 time like 2026-09-14T08:30:00Z, or leave it empty"
    SHIFT_RANGE = "date {value} moved by {days} days is out of range"
    IMPORT_UNKNOWN_RESOURCE = "resource {name!r} is neither in resources.csv nor used by a session"
    IMPORT_SECOND_TIMER = "only one timer runs at a time, and line {line} already holds it"
    IMPORT_NOT_EMPTY_OTHER = "the journal already has {what}: import a journal directory into an empty journal (use --db NEW.db)"
    # goals beyond the daily minimum (tracker.goals)
    GOAL_NO_TARGET = "the goal has no target: give the {unit} it aims at, like 5"
    GOAL_NOT_POSITIVE = "target {value!r} must be more than zero"
    GOAL_DAYS = "target {value!r} is not a number of days a week: give a whole number from 1 to 7"
    GOAL_NO_DUE = "the goal has no due day: give the day it should be reached by (YYYY-MM-DD; --by on the command line)"
    GOAL_PAST = "due day {day} is in the past: give today ({today}) or a later day"
    GOAL_NO_PLAN = "{title!r} has no planned hours, so its pace can't be measured: `tracker resource update` it with --hours or --fte first"
    GOAL_WEEKLY_HOURS = "{actual} h of {target} h this week"
    GOAL_WEEKLY_DAYS = "{actual} of {target} days this week"
    GOAL_BY_DATE = "{subject}: {actual} h of {target} h by {due}, needs {needed} h/week, pace {pace}"
    GOAL_MET = "met"
    GOAL_ON_TRACK = "on track, {buffer} of buffer"
    GOAL_BEHIND = "behind"
    NO_GOALS = "No goals yet. Add one: tracker goal add weekly-hours 5"
    # progress charts (tracker.charts)
    CHARTS_NO_CHROMIUM = (
        "--{format} draws images with a local Chromium, and none was found: install it "
        "(Debian/Ubuntu: sudo apt install chromium; macOS/Windows: Google Chrome) or set BROWSER_PATH "
        "to one, then run again (nothing was written)"
    )
    CHARTS_NO_KALEIDO = "--{format} needs the kaleido package: pip install 'kaleido>=1.5,<2' (nothing was written)"
    CHARTS_IMAGES_FAILED = "the dashboard was written, but the chart images could not be drawn: {reason}"
    # spaced-repetition cards (tracker.cards)
    RATING = "rating {value!r} is not one of: 1 again, 2 hard, 3 good, 4 easy"
    RETENTION = "desired_retention {value!r} in config.toml must be a number from 0.70 to 0.97, like 0.9"
    LEECH = ("card {id} is a leech: forgotten {lapses} times, so it is suspended and tagged leech. Rewrite it "
             "(`tracker cards edit {id}`: split it, or add a cue), then `tracker cards unsuspend {id}`")
    SUSPENDED = "{what} {ids}"
    NOTES_CARD = "{source}, line {line}: {problem}"
    CARD_NO_BACK = "a card block needs a line '---' between its front and its back"
    CARD_EMPTY_SIDE = "the card's {side} is empty"
    QA_NO_ANSWER = "a Q: line needs an A: line after it in the same paragraph"
    CARD_SAME_FRONT = "the same front is already a card on line {line}"
    NO_CARDS = "no cards{what}: add one with `tracker cards add FRONT BACK --topic T`"
    APKG_TARGET = "{path} is a directory: give a file name ending in .apkg"
    # `tracker cards import --anki` (issue 16 item 4)
    ANKI_NOT_PACKAGE = "{path} is not an Anki package ({reason}): export an .apkg or .colpkg from Anki"
    ANKI_TOO_LARGE = "{path}: {member} is over {limit} MB uncompressed; refused (a damaged file, or a zip bomb)"
    ANKI_DAMAGED = "{path}: the Anki collection inside is damaged ({reason})"
    ANKI_VERSION = "{path}: Anki collection schema version {found} is unknown (this tracker reads {known}): export again from Anki 2.1.50 or newer"
    ANKI_DELETED_CARDS = ("{path}: {count} reviewed note(s) from tracker match no card here any more (deleted in tracker?), "
                          "first {front!r}: delete them in Anki, then import again")
    ANKI_BAD_NOTE = "{path}: note {front!r} can't become a card: {problem}"
    ANKI_SOURCE = "give either a CSV file or --anki FILE, not {what}"
    ANKI_FOREIGN_SKIPPED = "{count} note(s) not from tracker skipped; import them with --topic NAME"
    OPTION_NEEDS = "{first} needs {second}"
    # FSRS fitted to the learner (tracker.cards.memory)
    MEMORY_TOO_LITTLE = (
        "kept FSRS's default parameters: only {items} reviews came a day or more after the card's previous "
        "review, and fitting needs {needed}; review for a few more weeks and run `tracker cards optimize` again"
    )
    MEMORY_FITTED = "fitted {scope} to {reviews} reviews ({items} a day or more after the previous one); rescheduled {cards} cards"
    MEMORY_NOTHING_TO_EVALUATE = (
        "too little history to evaluate: {items} reviews came a day or more after the card's previous review, "
        "and a fit on the first 80% scored on the rest needs {needed}"
    )
    MEMORY_PARAMETERS = "the optimizer returned {count} FSRS parameters, and the scheduler (FSRS-6) needs {expected}: nothing was stored"
    MEMORY_PARAMETERS_BOUNDS = "the fitted FSRS parameters are outside what the scheduler accepts ({reason}): nothing was stored"
    FSRS_PARAMETERS_CELL = (
        "parameters {value} is not a JSON list of {expected} finite numbers (FSRS-6's, like [0.212, 1.2931, ...])"
    )
    # a file the learner names (tracker.files.read_text)
    FILE_MISSING = "{file} does not exist"
    FILE_NOT_REGULAR = "{file} is {kind}, not a file: give the {what} as a plain file"
    FILE_NOT_UTF8 = "{file} is not UTF-8 text: save the {what} as UTF-8"
    FILE_TOO_LONG = "{file} is longer than {limit:,} characters, the limit for {what}: shorten or split it"
    # the journal file itself (tracker.store.sqlite)
    JOURNAL_NOT_A_FILE = "{path} is {kind}, not a journal file (left untouched): choose a file with --db"
    JOURNAL_READ_ONLY = "{path} is read-only (the file or its folder), so nothing was written: make it writable to change it; commands that only read still work"
    JOURNAL_READ_ONLY_OLD = "{path} is read-only and was written by an older tracker (schema {found}): make it writable once so it can be upgraded"
    JOURNAL_DAMAGED = "{path} is damaged ({reason}): its latest backup is {backup} (from before an upgrade; copy it aside and check it), or try `sqlite3 {path} .recover | sqlite3 recovered.db`"
    JOURNAL_DAMAGED_NO_BACKUP = "{path} is damaged ({reason}) and has no backup next to it: try `sqlite3 {path} .recover | sqlite3 recovered.db`"
    DISK_FULL = "the disk holding {path} is full ({reason}), so nothing was written: free some space and run it again"
    JOURNAL_IO = "can't read or write {path}: {reason}"
    JOURNAL_BUSY = "{path} is busy: another tracker is writing to it (an import, say), so nothing was written: try again when it has finished"
    # the UI's log form, while another tracker holds the journal (tracker.tui.screens.today)
    SAVE_KEPT = "journal busy (another tracker is writing): kept here and logged when it's free; editing cancels"
    SAVE_CANCELLED = "not logged yet (the journal was busy): press Enter to log it"
    # what quitting the UI would lose (tracker.tui.app's quit question; each screen names its own)
    QUIT_UNSAVED = "Quitting now loses {what}. Quit anyway?"
    UNSAVED_NOTE = "the unsaved changes to the note for {week}"
    UNSAVED_SESSION = "{minutes} of {topic}, waiting for the busy journal to be logged"
    UNSAVED_RUN = "the result of checkpoint {name}, waiting for the busy journal to be recorded"
    # a checkpoint run from the UI whose result finds the journal busy (tracker.tui.screens.checkpoints)
    RUN_KEPT = "{name}: the journal is busy (another tracker is writing), so the result is not recorded yet; it will be once the journal is free"
    RUN_RECORDED_LATE = "{name}: the result kept while the journal was busy is now recorded"
    # study groups on PostgreSQL (tracker.group, tracker/cli/group.py)
    NOT_YOURS = "not yours: the server keeps each learner's rows to themselves ({reason})"
    UPGRADE_NEEDS_ADMIN = ("{url} is at schema {found} and this tracker needs {known}, which only the server's admin "
                           "may make: ask the server's admin to run `tracker group init`")
    GROUP_NEEDS_SERVER = "study groups need a server journal (TRACKER_DB=postgresql+psycopg://...)"
    GROUP_NEEDS_ADMIN = ("`tracker group {command}` needs the server's admin (a superuser, or the database's owner "
                         "with CREATEROLE); {role} is a learner")
    ROLE_NAME = ("{name!r} can't be a learner's name: use 1-63 lowercase letters, digits and _, "
                 "starting with a letter or _ (e.g. ada_l)")
    ROLE_EXISTS = "there is already a role {name!r} on this server: choose another name"
    ROLE_RESERVED = "{name!r} is reserved by the server or by tracker: choose another name"
    GROUP_READY = "study group ready on {url}: learners' rows are private; invite members with `tracker group invite NAME`"
    GROUP_INVITED = ("invited {name}; password (shown once, keep it): {password}\n"
                     "their journal: TRACKER_DB={url}")
    SHARE_MINIMUM = "--daily-minimum {value} must be 1 to 1440 minutes"
    GROUP_SHARING = "{name} shares: {shared}; keeps private: {private}; daily minimum {minimum}"


class TrackerError(Exception):
    """An error the user can act on; `line` is shown alone, without a traceback."""

    def __init__(self, line: str, exit_code: int = BAD_INPUT) -> None:
        super().__init__(line)
        self.line = line
        self.exit_code = exit_code


class FieldErrors(TrackerError):
    """Bad input in one or more fields of one entity, every bad field named: `errors` maps a field
    to its one line. A form shows each beside its field; the command line shows `line`, the first
    field's error, so a value gets the same words everywhere (exit 2, nothing written)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(next(iter(self.errors.values()), ""), BAD_INPUT)


class JournalBusy(TrackerError):
    """Another tracker held the journal's write lock past the busy timeout (a long import):
    nothing was written, and the same write can simply be tried again later (exit code 1)."""

    def __init__(self, path: object) -> None:
        super().__init__(Msg.JOURNAL_BUSY.value.format(path=path), FAILURE)


def bad_input(msg: Msg, **fields: object) -> TrackerError:
    """Input the user can fix; exit code 2 and nothing written."""
    return TrackerError(msg.value.format(**fields), BAD_INPUT)


def failure(msg: Msg, **fields: object) -> TrackerError:
    """Something outside the input went wrong (disk, permissions); exit code 1."""
    return TrackerError(msg.value.format(**fields), FAILURE)
