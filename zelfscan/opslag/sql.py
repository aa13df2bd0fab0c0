"""Reading rows: the two small query helpers every store module uses."""

from __future__ import annotations


def rijen(db, sql: str, params: list | tuple | dict = ()) -> list[dict]:
    """All rows at once: a half-read cursor would keep a read snapshot open on this connection
    (in WAL mode), hiding later writes of other connections from it."""
    cursor = db.conn.execute(sql, params)
    namen = [d[0] for d in cursor.description]
    return [dict(zip(namen, rij, strict=True)) for rij in cursor.fetchall()]


def een(db, sql: str, params: list | tuple = ()) -> dict | None:
    rijen_ = rijen(db, sql, params)
    return rijen_[0] if rijen_ else None
