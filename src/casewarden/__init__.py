"""casewarden — keeps child support case information where it belongs.

The public library API is deliberately small; the web app, the CLI and the
domain services are reached through their own modules.
"""

from casewarden.config import Settings, load_settings
from casewarden.errors import CasewardenError

__version__ = "0.1.0"

__all__ = ["CasewardenError", "Settings", "__version__", "load_settings"]
