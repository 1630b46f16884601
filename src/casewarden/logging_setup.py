"""Logging: one line per event, ids not identities.

Nothing in casewarden logs comment bodies, names or identifiers; the access log
records route templates rather than paths, and uvicorn's own access log (which
would print query strings) is turned off.
"""

from __future__ import annotations

import logging
import sys


def configure(level: str = "INFO") -> None:
    """Send casewarden's and uvicorn's logs to stderr in one format."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s", "%Y-%m-%dT%H:%M:%S%z")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("uvicorn.access").disabled = True
