"""The HTTP face of casewarden: staff console, and later the public portal and webhooks."""

from casewarden.web.app import create_app

__all__ = ["create_app"]
