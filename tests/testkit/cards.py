"""Cards written in a topic's notes, shared by the card service's tests (tests/unit/test_cards.py)
and the `tracker cards from-notes` command's (tests/cli/test_cards_commands.py)."""

from __future__ import annotations

NOTES = """# Activations

Some prose. Q: in the middle of a paragraph is not a card.

```card nn vanishing
Why does a deep stack of **sigmoids** learn slowly?
---
sigmoid'(x) is at most 0.25, so the gradient
shrinks at every layer.
```

Q: What does a dead ReLU unit receive in backprop?
A: Zero gradient,
so it never recovers.

```python
# Q: not a card either
```

```card
A card block without a separator
```

Q: A question without an answer

- Q: Which activation for probabilities?
  A: Sigmoid (or softmax over classes).
"""
