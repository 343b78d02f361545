"""What a card made from a failed checkpoint says.

A failure message usually holds the answer ("relu_prime(0): got 1, expected 0; take the derivative
at exactly 0 to be 0"), so the front only names the checkpoint and what failed, and asks for the
rule; the message goes on the back, under the learner's own answer.
"""

from __future__ import annotations

import re

#: The call a message starts with ("relu_prime(0): got 1, ...", "sigmoid_prime(x) returned ..."):
#: what the check was about, as the built-in checks name it. A call later in the message (an
#: `assert np.isclose(g, 0.25)` quoted from the learner's notes) may be the answer itself.
_CALL = re.compile(r"\s*([A-Za-z_][\w.]*\([^()\n]{0,40}\))")
#: A failure names a call this long at most on the front; a longer one is named by its function.
_MOST_CALL_CHARS = 48


def failure_subject(message: str) -> str:
    """The call a failure message is about, like `relu_prime(0)` ('' when it names none)."""
    match = _CALL.match(message)
    if not match:
        return ""
    call = match[1]
    return call if len(call) <= _MOST_CALL_CHARS else call[: call.index("(")] + "(...)"


def failure_front(checkpoint: str, message: str) -> str:
    """One line that asks what is right without saying it, the question first, so `cards list`
    shows what matters even when it cuts the line (the topic is beside it there and in review)."""
    subject = failure_subject(message)
    if subject:
        return f"What must `{subject}` give, and why? (checkpoint `{checkpoint}`)"
    return f"What was the mistake in checkpoint `{checkpoint}`, and what is right?"


def failure_back(message: str, answer: str = "") -> str:
    """The learner's answer (when they wrote one), then what the check said, quoted."""
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in message.splitlines())
    said = f"The check said:\n\n{quoted}"
    return f"{answer.strip()}\n\n{said}" if answer.strip() else said
