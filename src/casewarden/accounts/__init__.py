"""Staff accounts, roles and permissions, sign-in sessions."""
