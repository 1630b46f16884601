"""Storage: declarative base, engine and session factory, Alembic migrations."""

from casewarden.db.base import Base
from casewarden.db.engine import Database, create_database

__all__ = ["Base", "Database", "create_database"]
