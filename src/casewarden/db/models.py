"""Imports every model module so that ``Base.metadata`` is complete (Alembic, tests)."""

from casewarden.accounts import models as accounts_models
from casewarden.agencies import models as agencies_models
from casewarden.audit import models as audit_models
from casewarden.locate import models as locate_models
from casewarden.moderation import models as moderation_models
from casewarden.monitoring import models as monitoring_models
from casewarden.outreach import models as outreach_models
from casewarden.pages import models as pages_models
from casewarden.privacy import models as privacy_models

__all__ = [
    "accounts_models",
    "agencies_models",
    "audit_models",
    "locate_models",
    "moderation_models",
    "monitoring_models",
    "outreach_models",
    "pages_models",
    "privacy_models",
]
