#!/usr/bin/env bash
# Smoke test of the installed `tracker` UI in a real terminal (tmux): start it on a new journal,
# log a session by keystrokes, open the Journal screen, quit, then check the journal from the
# command line.
#
#   scripts/tui_smoke.sh [TRACKER]      # TRACKER: the tracker command (default: tracker on PATH)
#
# Exit 0 when all is well; 1 with the screen printed when a step fails; 3 when tmux is missing.
set -euo pipefail

tracker=${1:-${TRACKER:-tracker}}
command -v tmux >/dev/null || { echo "tui_smoke: tmux is not installed" >&2; exit 3; }

work=$(mktemp -d)
socket="tracker-smoke-$$"
db="$work/journal.db"
cleanup() { tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# A private tmux server inherits this environment: no real user folders, a fixed "now".
export TRACKER_DATA_DIR="$work/data" TRACKER_CONFIG_DIR="$work/config"
export TRACKER_NOW="2026-11-21T18:30:00+00:00" TERM=xterm-256color
unset TRACKER_DB

screen() { tmux -L "$socket" capture-pane -p -t smoke 2>/dev/null || true; }
fail() { echo "tui_smoke: $1" >&2; echo "--- screen ---" >&2; screen >&2; exit 1; }
wait_for() {  # wait_for TEXT [SECONDS]
    local deadline=$((SECONDS + ${2:-15}))
    until screen | grep -qF -- "$1"; do
        [ "$SECONDS" -lt "$deadline" ] || fail "timed out waiting for '$1'"
        sleep 0.05
    done
}
keys() { tmux -L "$socket" send-keys -t smoke "$@"; }
type_text() {  # type_text TEXT: type it into the focused field and wait until the field shows it
    keys -l "$1"
    wait_for "$1"
}
escape() {  # a key sent right after Escape would arrive with it and read as alt+key
    keys Escape
    sleep 0.2
}

tmux -L "$socket" -f /dev/null new-session -d -s smoke -x 120 -y 40 \
    "$tracker --db '$db'; echo \$? > '$work/exit'"

wait_for "Log a session" 30
wait_for "Streak"
type_text "45m"
keys Tab  # the app moves the focus before it reads the next key, so no wait is needed
type_text "Smoke testing"
keys Tab
type_text "The tmux book"
keys Tab Tab
type_text "Logged from a real terminal"
keys Enter
wait_for "45m of 30m"
wait_for "Smoke testing"

escape
keys 2
wait_for "1 session · 45m"

keys C-q
deadline=$((SECONDS + 15))
while tmux -L "$socket" has-session -t smoke 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || fail "the UI did not quit on ctrl+q"
    sleep 0.1
done
[ "$(cat "$work/exit" 2>/dev/null)" = "0" ] || fail "tracker exited with status $(cat "$work/exit" 2>/dev/null || echo '?')"

logged=$("$tracker" --db "$db" sessions --json)
for expected in '"minutes": 45' '"topic": "Smoke testing"' '"resource": "The tmux book"' '"note": "Logged from a real terminal"'; do
    grep -qF -- "$expected" <<<"$logged" || { echo "$logged" >&2; echo "tui_smoke: the journal lacks $expected" >&2; exit 1; }
done
echo "tui smoke: ok (logged a session by keystrokes in tmux, found it with tracker sessions)"
