"""The ``casewarden`` command line."""

from casewarden.cli.app import app, main

__all__ = ["app", "main"]
