"""Study groups on a PostgreSQL server: learners (database roles in `tracker_learner`), what each
shares, and each member's week. Privacy is the database's: row-level security keeps every row its
learner's (revision 0008), and the group_* views expose only what each member shared; this
package creates roles and grants (identifiers and literals quoted by psycopg.sql, never by
formatting) and computes the figures with the habit's one-place rules (tracker.habit).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from tracker.config import DEFAULT_DAILY_MINIMUM, Settings
from tracker.errors import Msg, bad_input
from tracker.habit import granted_rest_days, habit_strength, streaks, strength_percent
from tracker.parse import clean_name, format_minutes, week_bounds
from tracker.store import Journal, is_server_url, stamps, with_login

#: The NOLOGIN role whose members are the group; its privileges are every learner's.
LEARNER_ROLE = "tracker_learner"
#: A role name PostgreSQL takes without quoting, that tracker can put in a URL as it is.
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
#: Names that are the server's or tracker's own.
RESERVED = frozenset({LEARNER_ROLE, "public", "none", "postgres", "current_user", "current_role",
                      "session_user", "user"})
#: What a member can share, in the order shown, and the defaults (notes never, unless shared).
SHARE_FIELDS = ("minutes", "days_met", "streak", "habit", "checkpoints", "titles", "notes")
SHARED_BY_DEFAULT = frozenset(SHARE_FIELDS) - {"notes"}
#: The password of an invited learner: 18 random bytes, URL-safe (it goes into a URL).
PASSWORD_BYTES = 18


def require_server(journal: Journal) -> None:
    """Groups need a server: a SQLite file has one learner."""
    require_server_location(journal.location)


def require_server_location(location: str) -> None:
    """The same, before a journal is opened (so a SQLite journal isn't even created)."""
    if not is_server_location(location):
        raise bad_input(Msg.GROUP_NEEDS_SERVER)


def is_server_location(location: str) -> bool:
    return is_server_url(location)


def is_server(journal: Journal) -> bool:
    """Whether the journal is a server's, where a study group can be (the post and the UI ask)."""
    return is_server_location(journal.location)


def _render(composed: Any) -> str:
    """psycopg.sql rendered to text for the journal's connection (utility statements such as
    CREATE ROLE take no parameters). No colon may survive unescaped: the journal reads `:x` as a
    named parameter (`\\:` is a plain colon, as in SQLAlchemy's text())."""
    return composed.as_string(None).replace(":", r"\:")


def require_admin(journal: Journal, command: str) -> None:
    """A superuser, or the database's owner with CREATEROLE, may make roles and grants."""
    row = journal.row(
        "SELECT current_user AS role, r.rolsuper AS super, r.rolcreaterole AS createrole, "
        "pg_get_userbyid(d.datdba) = current_user AS owner FROM pg_roles r, pg_database d "
        "WHERE r.rolname = current_user AND d.datname = current_database()")
    if not (row["super"] or (row["owner"] and row["createrole"])):
        raise bad_input(Msg.GROUP_NEEDS_ADMIN, command=command, role=row["role"])


def init(journal: Journal) -> None:
    """The group on this journal's database: the learner role and its privileges (the journal is
    already at the head revision: opening it upgraded it). Run it again at will: it grants again
    what a later revision added."""
    require_server(journal)
    require_admin(journal, "init")
    with journal.transaction():
        _grant(journal)


def _grant(journal: Journal) -> None:
    from psycopg import sql

    role = sql.Identifier(LEARNER_ROLE)
    if not journal.scalar("SELECT count(*) FROM pg_roles WHERE rolname = :name", {"name": LEARNER_ROLE}):
        journal.execute(_render(sql.SQL("CREATE ROLE {} NOLOGIN").format(role)))
    schema = journal.scalar("SELECT current_schema()")
    objects = journal.rows(
        "SELECT c.relname AS name, c.relkind AS kind, "
        "EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'learner' "
        "AND NOT a.attisdropped) AS learners FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = :schema AND c.relkind IN ('r', 'v')", {"schema": schema})
    own = [row["name"] for row in objects if row["kind"] == "r" and row["learners"]]
    readable = [row["name"] for row in objects
                if (row["kind"] == "v" and row["name"].startswith("group_"))
                or row["name"] in ("tracker_meta", "alembic_version")]
    statements = [sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), role),
                  sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(sql.Identifier(schema), role)]
    if own:
        statements.append(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(
            sql.SQL(", ").join(sql.Identifier(schema, name) for name in sorted(own)), role))
    if readable:
        statements.append(sql.SQL("GRANT SELECT ON {} TO {}").format(
            sql.SQL(", ").join(sql.Identifier(schema, name) for name in sorted(readable)), role))
    for statement in statements:
        journal.execute(_render(statement))


@dataclass(frozen=True)
class Invitation:
    name: str
    password: str
    url: str


def check_role_name(name: str) -> str:
    if not ROLE_NAME.fullmatch(name or ""):
        raise bad_input(Msg.ROLE_NAME, name=name)
    if name in RESERVED or name.startswith("pg_"):
        raise bad_input(Msg.ROLE_RESERVED, name=name)
    return name


def check_display_name(text: str | None) -> str | None:
    """The name the group sees (None: keep it as it is): the one rule for short names."""
    return None if text is None else clean_name(text, "display name")


def invite(journal: Journal, name: str, display_name: str | None = None) -> Invitation:
    """A learner: a login role in the group with a generated password (returned once; the
    server keeps only its hash), and the URL they use."""
    from psycopg import sql

    require_server(journal)
    check_role_name(name)
    display_name = check_display_name(display_name)
    require_admin(journal, "invite")
    password = secrets.token_urlsafe(PASSWORD_BYTES)
    with journal.transaction():
        if journal.scalar("SELECT count(*) FROM pg_roles WHERE rolname = :name", {"name": name}):
            raise bad_input(Msg.ROLE_EXISTS, name=name)
        _grant(journal)
        journal.execute(_render(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
            sql.Identifier(name), sql.Literal(password), sql.Identifier(LEARNER_ROLE))))
        if display_name is not None:
            journal.execute("INSERT INTO group_share (learner, display_name, created_at, updated_at) "
                            "VALUES (:learner, :display_name, :created_at, :updated_at)",
                            {"learner": name, "display_name": display_name, **stamps()})
    return Invitation(name, password, with_login(journal.location, name, password))


def check_daily_minimum(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 24 * 60:
        raise bad_input(Msg.SHARE_MINIMUM, value=value)
    return value


def share(journal: Journal, flags: dict[str, bool] | None = None, display_name: str | None = None,
          daily_minimum: int | None = None, my_minimum: int | None = None) -> dict[str, Any]:
    """Change what I share (only what is given); returns what I share now. `my_minimum`, the
    learner's daily_minimum setting, is recorded with any change unless `daily_minimum` is given:
    the setting lives in their config, and the group counts days met with it."""
    require_server(journal)
    changes: dict[str, Any] = {field: int(on) for field, on in (flags or {}).items() if on is not None}
    if display_name is not None:
        changes["display_name"] = check_display_name(display_name)
    if daily_minimum is not None:
        changes["daily_minimum"] = check_daily_minimum(daily_minimum)
    elif changes and my_minimum is not None:
        changes["daily_minimum"] = check_daily_minimum(my_minimum)
    if changes:
        unknown = set(changes) - set(SHARE_FIELDS) - {"display_name", "daily_minimum"}
        assert not unknown, unknown
        columns = sorted(changes)
        updates = ", ".join(f"{column} = excluded.{column}" for column in columns)
        with journal.transaction():
            journal.execute(
                f"INSERT INTO group_share ({', '.join(columns)}, created_at, updated_at) "
                f"VALUES ({', '.join(':' + c for c in columns)}, :created_at, :updated_at) "
                f"ON CONFLICT (learner) DO UPDATE SET {updates}, updated_at = excluded.updated_at",
                {**changes, **stamps()})
    return sharing(journal)


def sharing(journal: Journal) -> dict[str, Any]:
    """What I share, as the group sees it (defaults when I never said)."""
    require_server(journal)
    row = journal.row("SELECT * FROM group_member WHERE learner = current_user")
    if row is None:
        me = journal.scalar("SELECT current_user")
        row = {"learner": me, "display_name": me, "daily_minimum": DEFAULT_DAILY_MINIMUM,
               **{field: int(field in SHARED_BY_DEFAULT) for field in SHARE_FIELDS}}
    return dict(row)


@dataclass(frozen=True)
class MemberWeek:
    """A member's week as the group sees it: None where the member doesn't share the figure."""

    learner: str
    display_name: str
    daily_minimum: int
    minutes: int | None
    days_met: int | None
    streak: int | None
    habit_strength: int | None
    checkpoints_passed: int | None
    checkpoints_this_week: int | None
    title: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


#: What is shown for a figure a member doesn't share.
NOT_SHARED = "—"
#: The columns of a member's week, in order: `tracker group status` and the UI's Group screen.
COLUMNS = ("member", "minutes", "days met", "streak", "habit", "checkpoints", "title")


def member_cells(member: MemberWeek) -> dict[str, str]:
    """A member's week as text, one cell a column (COLUMNS); NOT_SHARED where they don't share
    it: the one formatting of a member's row, for the command line and the UI alike."""

    def shown(value: object, fmt: Any = str) -> str:
        return NOT_SHARED if value is None else fmt(value)

    return {"member": member.display_name, "minutes": shown(member.minutes, format_minutes),
            "days met": shown(member.days_met), "streak": shown(member.streak),
            "habit": shown(member.habit_strength, lambda v: f"{v}%"),
            "checkpoints": NOT_SHARED if member.checkpoints_passed is None
            else f"{member.checkpoints_passed} (+{member.checkpoints_this_week})",
            "title": shown(member.title)}


@dataclass(frozen=True)
class GroupWeek:
    week: str
    week_start: str
    week_end: str
    members: list[MemberWeek]

    @property
    def heading(self) -> str:
        return f"Study group, week {self.week} ({self.week_start} to {self.week_end})"

    def as_dict(self) -> dict[str, Any]:
        return {"week": self.week, "week_start": self.week_start, "week_end": self.week_end,
                "members": [member.as_dict() for member in self.members]}


def status(journal: Journal, settings: Settings, day: date, today: date) -> GroupWeek:
    """Each member's week holding `day`, from the group views only (what they share). Streak and
    habit strength are counted on the week's last day (today, for this week) with the rules of
    `tracker stats` (tracker.habit), each member's own daily minimum (as they shared it) and the
    viewer's rest-day settings."""
    require_server(journal)
    name, start, end = week_bounds(day, settings.week_start_index)
    anchor = min(end, today)
    members = journal.rows("SELECT * FROM group_member ORDER BY lower(display_name), learner")
    totals: dict[str, dict[date, int]] = {}
    for row in journal.rows("SELECT learner, day, minutes FROM group_daily WHERE day <= :end",
                            {"end": anchor.isoformat()}):
        totals.setdefault(row["learner"], {})[date.fromisoformat(row["day"])] = row["minutes"]
    rest: dict[str, list[date]] = {}
    for row in journal.rows("SELECT learner, day FROM group_rest_day"):
        rest.setdefault(row["learner"], []).append(date.fromisoformat(row["day"]))
    passed: dict[str, list[str]] = {}
    for row in journal.rows("SELECT learner, first_passed FROM group_checkpoint"):
        passed.setdefault(row["learner"], []).append(row["first_passed"][:10])
    titles = {row["learner"]: row["title"]
              for row in journal.rows("SELECT learner, title FROM group_week_title WHERE week = :week", {"week": name})}
    weeks = []
    for member in members:
        learner = member["learner"]
        minimum = member["daily_minimum"]
        days = totals.get(learner, {})
        rest_days = (granted_rest_days(rest.get(learner, []), settings.rest_days_per_month)
                     if settings.rest_days_keep_streak else set())
        met = {d for d, minutes in days.items() if minutes >= minimum}
        in_week = [d for d in days if start <= d <= end]
        first_passes = [d for d in passed.get(learner, []) if d <= end.isoformat()]
        weeks.append(MemberWeek(
            learner=learner, display_name=member["display_name"], daily_minimum=minimum,
            minutes=sum(days[d] for d in in_week) if member["minutes"] else None,
            days_met=sum(1 for d in in_week if d in met) if member["days_met"] else None,
            streak=streaks(met, rest_days, anchor).current if member["streak"] else None,
            habit_strength=(strength_percent(habit_strength(days, rest_days, minimum, anchor))
                            if member["habit"] else None),
            checkpoints_passed=len(first_passes) if member["checkpoints"] else None,
            checkpoints_this_week=(sum(1 for d in first_passes if d >= start.isoformat())
                                   if member["checkpoints"] else None),
            title=titles.get(learner) if member["titles"] else None,
        ))
    return GroupWeek(week=name, week_start=start.isoformat(), week_end=(start + timedelta(days=6)).isoformat(),
                     members=weeks)
