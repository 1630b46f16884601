"""Moderation of the agency's pages: intake, the work queue, decisions, actions, archive, review."""
