"""What the test folders share: the fixed clock, paths, journals and Pilot helpers (fixtures stay
in the conftest files; this is plain importable code)."""
