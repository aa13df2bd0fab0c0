"""CLI commands for the database: export, import, backup, demo (filled in by the storage work)."""

COMMANDS: list = []
