"""Notes per thema, and who took part (deelnemers)."""

from __future__ import annotations

import sqlite_utils

from ..errors import (
    NietGevonden,
    VerouderdeNotitie,
)
from . import logboektabel, regels, sql
from .metingtabel import schrijfbaar
from .records import (
    Deelnemer,
    Notitie,
)
from .verbinding import utc_now, write_transaction


def sla_notitie(
    db: sqlite_utils.Database,
    meting_id: int,
    thema_id: str,
    tekst: str,
    *,
    cbs: str | None = None,
    verwachte_versie: int | None = None,
    wie: str,
) -> Notitie:
    """The notes of the discussion on one thema: one text for every gemeente (``cbs`` None)
    and one per gemeente, each its own row with its own version.

    ``verwachte_versie`` works as for answers: the version the person started editing from.
    """
    wie = regels.wie(wie)
    tekst = regels.veld("notitie", tekst)
    cbs = (cbs or "").strip() or None
    nu = utc_now()
    with write_transaction(db):
        m = schrijfbaar(db, meting_id)
        regels.thema(m, thema_id)
        if cbs is not None:
            regels.gemeente(m, cbs)
        rij = sql.een(
            db,
            "SELECT * FROM thema_notities WHERE meting_id = ? AND thema_id = ? "
            "AND coalesce(cbs, '') = ?",
            [meting_id, thema_id, cbs or ""],
        )
        versie = rij["versie"] if rij else 0
        leeg = Notitie(thema_id, "", 0, "", "", cbs)
        if (rij["tekst"] if rij else "") == tekst:
            return _notitie(rij) if rij else leeg
        if verwachte_versie is not None and verwachte_versie != versie:
            huidig = _notitie(rij) if rij else leeg
            raise VerouderdeNotitie(
                "De notitie bij dit thema is intussen door iemand anders gewijzigd. "
                "Kijk haar na en sla opnieuw op.",
                huidig,
                ("tekst",),
            )
        # Plain SQL upsert: sqlite-utils' upsert() inserts the key first with INSERT OR IGNORE,
        # which silently skips the row when NOT NULL columns have no default.
        db.execute(
            """INSERT INTO thema_notities (meting_id, thema_id, cbs, tekst, versie,
                   gewijzigd_op, gewijzigd_door) VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (meting_id, thema_id, coalesce(cbs, '')) DO UPDATE SET
                   tekst = excluded.tekst, versie = excluded.versie,
                   gewijzigd_op = excluded.gewijzigd_op, gewijzigd_door = excluded.gewijzigd_door""",
            [meting_id, thema_id, cbs, tekst, versie + 1, nu, wie],
        )
        return notities(db, meting_id)[(thema_id, cbs)]


def notities(db: sqlite_utils.Database, meting_id: int) -> dict[tuple[str, str | None], Notitie]:
    """Every note of a meting by (thema_id, cbs); cbs None is the note for all gemeenten."""
    return {
        (rij["thema_id"], rij["cbs"]): _notitie(rij)
        for rij in sql.rijen(db, "SELECT * FROM thema_notities WHERE meting_id = ?", [meting_id])
    }


def _notitie(rij: dict) -> Notitie:
    return Notitie(
        thema_id=rij["thema_id"],
        tekst=rij["tekst"],
        versie=rij["versie"],
        gewijzigd_op=rij["gewijzigd_op"],
        gewijzigd_door=rij["gewijzigd_door"],
        cbs=rij["cbs"],
    )


def voeg_deelnemer_toe(
    db: sqlite_utils.Database,
    meting_id: int,
    *,
    organisatie: str,
    rol: str,
    naam: str | None = None,
    cbs: str | None = None,
    wie: str,
) -> Deelnemer:
    """Record who took part. Organisation and role suffice; a name is optional on purpose (no
    personal data beyond what a session needs), and it is kept out of the logboek."""
    wie = regels.wie(wie)
    organisatie = regels.veld("organisatie", organisatie, verplicht=True)
    rol = regels.veld("rol", rol, verplicht=True)
    naam = regels.veld("naam", naam) or None
    cbs = (cbs or "").strip() or None
    nu = utc_now()
    with write_transaction(db):
        m = schrijfbaar(db, meting_id)
        if cbs is not None:
            regels.gemeente(m, cbs)
        cursor = db.execute(
            "INSERT INTO deelnemers (meting_id, organisatie, rol, naam, cbs) "
            "VALUES (?, ?, ?, ?, ?)",
            [meting_id, organisatie, rol, naam, cbs],
        )
        logboektabel.log(db, meting_id, wie, "deelnemer toegevoegd", f"{organisatie}, {rol}", nu)
        return Deelnemer(cursor.lastrowid, organisatie, rol, naam, cbs)


def verwijder_deelnemer(
    db: sqlite_utils.Database, meting_id: int, deelnemer_id: int, *, wie: str
) -> None:
    wie = regels.wie(wie)
    nu = utc_now()
    with write_transaction(db):
        schrijfbaar(db, meting_id)
        rij = sql.een(
            db, "SELECT * FROM deelnemers WHERE id = ? AND meting_id = ?", [deelnemer_id, meting_id]
        )
        if rij is None:
            raise NietGevonden("Deze deelnemer staat niet (meer) bij deze meting.")
        db.execute("DELETE FROM deelnemers WHERE id = ?", [deelnemer_id])
        logboektabel.log(
            db, meting_id, wie, "deelnemer verwijderd", f"{rij['organisatie']}, {rij['rol']}", nu
        )


def deelnemers(db: sqlite_utils.Database, meting_id: int) -> list[Deelnemer]:
    return [
        Deelnemer(r["id"], r["organisatie"], r["rol"], r["naam"], r["cbs"])
        for r in sql.rijen(
            db, "SELECT * FROM deelnemers WHERE meting_id = ? ORDER BY id", [meting_id]
        )
    ]
