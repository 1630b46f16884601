"""Turning casewarden errors into a message on stderr and an exit code, in one place.

Exit codes: 0 success; 1 the command ran and failed (refused, not found, broken
chain, rejected input lines); 2 usage error (Typer's own); 3 configuration or
database unavailable.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from casewarden.errors import CasewardenError, ConfigurationError, DatabaseUnavailable

EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 3

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int = EXIT_FAILURE) -> typer.Exit:
    """Print ``message`` to stderr and return the Exit to raise."""
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code)


def handles_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Wrap a command so casewarden errors end it with a clear message and exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (ConfigurationError, DatabaseUnavailable) as exc:
            raise fail(str(exc), EXIT_UNAVAILABLE) from None
        except CasewardenError as exc:
            raise fail(exc.public_message) from None

    return wrapper
