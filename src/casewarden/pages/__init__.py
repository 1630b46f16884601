"""The registry of agency-owned social-media pages and their (encrypted) tokens."""
