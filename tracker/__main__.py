"""`python -m tracker` is the same as the `tracker` command."""

from tracker.cli.quick import main

raise SystemExit(main())
