"""Watching casewarden run: counters kept in the database, /metrics, expiry warnings."""
