"""Backups and restores of the database, the erasure ledger replayed after each restore.

See docs/operations.md ("Backup and restore") for the procedure and what is kept where.
"""
