"""The tamper-evident audit chain: tags, append, verify and export."""
