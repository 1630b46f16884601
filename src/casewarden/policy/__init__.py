"""The social-media policy as readable rules, deny by default.

Every action casewarden takes on social media, or with information from it, asks
:func:`decide` (or :func:`enforce`) first. The rules are in ``rules.py``, in the
order they apply; the first that matches decides, and when none does the answer is
the policy letter's own: "No other use of social media for case management is
permitted."
"""

from casewarden.policy.engine import Decision, PolicyDenied, decide, enforce
from casewarden.policy.vocabulary import Action, Purpose, Resource, ResourceKind

__all__ = [
    "Action",
    "Decision",
    "PolicyDenied",
    "Purpose",
    "Resource",
    "ResourceKind",
    "decide",
    "enforce",
]
