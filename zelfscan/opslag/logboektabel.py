"""The logboek of a meting: who did what, when (afronden, heropenen, links, …)."""

from __future__ import annotations

import sqlite_utils

from . import sql
from .records import LogRegel


def logboek(db: sqlite_utils.Database, meting_id: int) -> list[LogRegel]:
    return [
        LogRegel(r["tijd"], r["wie"], r["actie"], r["details"])
        for r in sql.rijen(db, "SELECT * FROM logboek WHERE meting_id = ? ORDER BY id", [meting_id])
    ]


def log(db, meting_id: int, wie: str, actie: str, details: str, tijd: str) -> None:
    db.execute(
        "INSERT INTO logboek (meting_id, tijd, wie, actie, details) VALUES (?, ?, ?, ?, ?)",
        [meting_id, tijd, wie, actie, details],
    )
