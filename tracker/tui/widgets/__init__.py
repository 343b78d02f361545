"""Widgets shared by the screens and dialogs."""
