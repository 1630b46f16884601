"""The exceptions of the detection engine.

The engine imports nothing of the app, so it has its own small tree; the app may wrap
these in its own errors where it calls the engine.

    DetectError
    ├── DetectorConfigError     an agency configuration file or mapping is not acceptable
    ├── RulesError              the shipped rule or lexicon data is malformed (a packaging bug)
    └── ModelError              a trained model is missing, truncated, altered or unreadable

Messages name the file, the key and the reason, never a comment's text.
"""

from __future__ import annotations


class DetectError(Exception):
    """Base of every error the detection engine raises on purpose."""


class DetectorConfigError(DetectError):
    """An agency configuration is malformed: unknown key, wrong type, unsafe or bad regex."""


class RulesError(DetectError):
    """The rule or lexicon data shipped with the engine is malformed."""


class ModelError(DetectError):
    """A trained model file is missing, does not match its card's hash, or cannot be read."""
