"""How far a meting's answers are, counted in SQLite (the overview of many metingen)."""

from __future__ import annotations

import json
from collections.abc import Mapping

import sqlite_utils

from . import sql
from .records import AFGEROND, Meting, Tellingen


def antwoord_tellingen(db: sqlite_utils.Database, metingen: list[Meting]) -> dict[int, Tellingen]:
    """Progress counts of many metingen without loading their answers.

    An afgeronde meting's counts were stored when it was closed (:func:`bewaar_tellingen`): no
    write reaches it until it is reopened, and reopening clears them. The others, and any
    afgeronde meting without stored counts, are counted live (:func:`tel_antwoorden`).
    """
    if not metingen:
        return {}
    # status too: a stored value on a concept meting could only be stale, never used.
    opgeslagen = {
        meting_id: tellingen_uit_json(tekst)
        for meting_id, tekst in db.conn.execute(
            "SELECT id, tellingen FROM metingen WHERE tellingen IS NOT NULL AND status = ? "
            "AND id IN (SELECT value FROM json_each(?))",
            [AFGEROND, json.dumps([m.id for m in metingen])],
        ).fetchall()
    }
    live = tel_antwoorden(db, {m.id: aantal_cellen(m) for m in metingen if m.id not in opgeslagen})
    return {m.id: opgeslagen[m.id] if m.id in opgeslagen else live[m.id] for m in metingen}


def tel_antwoorden(db: sqlite_utils.Database, cellen: Mapping[int, int]) -> dict[int, Tellingen]:
    """Count the answers of these metingen in SQLite. ``cellen``: meting id -> how many answers
    it can hold (gemeenten × vragen), to tell a complete meting from a partly answered one.

    One aggregate query for the totals, and counts per vraag only for the metingen that are
    partly answered (or hold copied answers not confirmed yet)."""
    if not cellen:
        return {}
    totalen = {
        meting_id: (n, o)
        for meting_id, n, o in db.conn.execute(
            "SELECT meting_id, count(*), sum(overgenomen) FROM antwoorden "
            "WHERE waarde IS NOT NULL AND meting_id IN (SELECT value FROM json_each(?)) "
            "GROUP BY meting_id",
            [json.dumps(list(cellen))],
        ).fetchall()
    }
    deels = [i for i, (n, o) in totalen.items() if o or n < cellen[i]]
    per_vraag: dict[int, dict[str, tuple[int, int]]] = {i: {} for i in deels}
    if deels:
        for meting_id, vraag_id, n, o in db.conn.execute(
            "SELECT meting_id, vraag_id, count(*), sum(overgenomen) FROM antwoorden "
            "WHERE waarde IS NOT NULL AND meting_id IN (SELECT value FROM json_each(?)) "
            "GROUP BY meting_id, vraag_id",
            [json.dumps(deels)],
        ).fetchall():
            per_vraag[meting_id][vraag_id] = (n, o)
    return {i: Tellingen(*totalen.get(i, (0, 0)), per_vraag.get(i)) for i in cellen}


def bewaar_tellingen(db: sqlite_utils.Database, cellen: Mapping[int, int]) -> None:
    """Store the counts of these afgeronde metingen (``cellen`` as for :func:`tel_antwoorden`),
    so the overview need not count them again. Call inside the write transaction that closes
    (or imports) them: then no write can come between the count and the status."""
    db.conn.executemany(
        "UPDATE metingen SET tellingen = ? WHERE id = ?",
        [(_tellingen_json(t), i) for i, t in tel_antwoorden(db, cellen).items()],
    )


def aantal_cellen(m: Meting) -> int:
    """How many answers a meting can hold: one per gemeente and vraag."""
    return len(m.gemeenten) * len(m.vragenlijst.vragen)


def _tellingen_json(t: Tellingen) -> str:
    return json.dumps(
        {"beantwoord": t.beantwoord, "onbevestigd": t.onbevestigd, "per_vraag": t.per_vraag},
        separators=(",", ":"),
    )


def tellingen_uit_json(tekst: str) -> Tellingen:
    data = json.loads(tekst)
    per_vraag = data["per_vraag"]
    return Tellingen(
        data["beantwoord"],
        data["onbevestigd"],
        None if per_vraag is None else {v: (n, o) for v, (n, o) in per_vraag.items()},
    )


def onbeantwoorde_cellen(db, m: Meting) -> list[tuple[str, str]]:
    gegeven = {
        (r["cbs"], r["vraag_id"])
        for r in sql.rijen(
            db,
            "SELECT cbs, vraag_id FROM antwoorden WHERE meting_id = ? AND waarde IS NOT NULL",
            [m.id],
        )
    }
    return [
        (g.cbs, v.id)
        for v in m.vragenlijst.vragen
        for g in m.gemeenten
        if (g.cbs, v.id) not in gegeven
    ]
