"""A local-first study companion for people teaching themselves machine learning."""

__version__ = "0.1.0"
