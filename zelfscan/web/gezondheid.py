"""``GET /gezond``: is this server able to serve? For a container's HEALTHCHECK and a proxy.

Public (no login, nothing to protect: it says "ok" or why not) and read-only: it opens the
database file read-only, so a health check every few seconds never creates, upgrades or locks
it. ``zelfscan serve`` opens the database once at start, which runs the migrations first.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from flask import Blueprint, current_app

from ..opslag.migraties import SCHEMA_VERSIE

bp = Blueprint("gezondheid", __name__)

# A health check must answer fast, even when a long write holds the database.
WACHTTIJD_S = 2.0


@bp.get("/gezond")
def gezond():
    fout = controleer_database(current_app.config["DATABASE"])
    if fout:
        return {"status": "fout", "melding": fout}, 503, {"Cache-Control": "no-store"}
    return {"status": "ok"}, 200, {"Cache-Control": "no-store"}


def controleer_database(database: str) -> str | None:
    """None when the database answers a cheap read at the schema version this code expects;
    else what is wrong, in Dutch."""
    pad = Path(database)
    if not pad.is_file():
        return f"De database {pad} bestaat (nog) niet. Start de app met `zelfscan serve`."
    try:
        conn = sqlite3.connect(f"{pad.resolve().as_uri()}?mode=ro", uri=True, timeout=WACHTTIJD_S)
        try:
            conn.execute("SELECT 1").fetchone()
            (versie,) = conn.execute("PRAGMA user_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as fout:
        return f"De database is niet leesbaar ({fout})."
    if versie != SCHEMA_VERSIE:
        return (
            f"De database heeft schemaversie {versie}, deze versie van zelfscan verwacht "
            f"{SCHEMA_VERSIE}. Herstart de app: bij de start wordt de database bijgewerkt."
        )
    return None
