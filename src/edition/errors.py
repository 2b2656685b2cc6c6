"""Exceptions that cross module boundaries; each knows the exit code it maps to."""

from __future__ import annotations


class EditionError(Exception):
    """Base of the project's errors: a message meant for the user, and an exit code."""

    exit_code = 1


class UsageError(EditionError):
    """Bad invocation or unreadable input: exit 2, as click does for usage errors."""

    exit_code = 2
