"""The library's own exceptions. A dependency's exception never reaches a user unwrapped."""

from __future__ import annotations


class UpsidesError(Exception):
    """Base of every error the library raises on purpose."""


class UsageError(UpsidesError):
    """The caller asked for something impossible: a missing path, an unknown option."""


class UnreadableInputError(UpsidesError):
    """An input cannot be read at all (not a package, not JSON, not UTF-8)."""


class ConflictError(UpsidesError):
    """Inputs disagree in a way no automatic rule may resolve (for example at merge)."""
