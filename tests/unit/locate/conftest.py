"""An agency with a locate team (see ``tests.locate_factories.Team``)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.locate_factories import Team, make_team

__all__ = ["Team"]


@pytest.fixture
def team(session: Session) -> Team:
    return make_team(session)
