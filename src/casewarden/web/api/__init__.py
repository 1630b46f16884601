"""The JSON API: the console's operations for scripts and integrations (session + CSRF header)."""
