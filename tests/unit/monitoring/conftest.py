"""The process runtime on the fake Graph server, shared with the moderation tests."""

from tests.unit.moderation.conftest import fake, fake_server, page, runtime

__all__ = ["fake", "fake_server", "page", "runtime"]
