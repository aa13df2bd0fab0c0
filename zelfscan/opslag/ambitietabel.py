"""Ambities: the level a gemeente aims for on a thema by the next meting."""

from __future__ import annotations

import sqlite_utils

from ..errors import (
    OngeldigeInvoer,
    VerouderdeAmbitie,
)
from . import regels, sql
from .metingtabel import meting
from .records import (
    Ambitie,
)
from .verbinding import utc_now, write_transaction


def sla_ambitie(
    db: sqlite_utils.Database,
    meting_id: int,
    cbs: str,
    thema_id: str,
    niveau: int | None,
    tekst: str = "",
    *,
    door: str | None = None,
    wanneer: str | None = None,
    verwachte_versie: int | None = None,
    wie: str,
) -> Ambitie | None:
    """The level a gemeente aims for on a thema by the next meting; ``niveau`` None removes it.

    ``door``: who carries it, a role or team (stored as the ambitie's ``wie``; the keyword
    ``wie`` is, as everywhere in the store, the person saving). ``wanneer``: a date or a
    quarter, normalised by :func:`regels.wanneer`. Empty or None: not given.

    Allowed on an afgeronde meting, deliberately: gemeenten record ambities after they read
    their report, which is made from the afgeronde meting. Ambities are about next year and
    change no answer or score of this meting.
    """
    wie = regels.wie(wie)
    tekst = regels.veld("ambitie", tekst)
    door = regels.veld("ambitie_wie", door) or None
    wanneer = regels.wanneer(wanneer)
    nu = utc_now()
    with write_transaction(db):
        m = meting(db, meting_id)
        regels.gemeente(m, cbs)
        regels.thema(m, thema_id)
        if niveau is not None:
            schaal = m.vragenlijst.schaal
            if (
                isinstance(niveau, bool)
                or not isinstance(niveau, int)
                or not any(n.waarde == niveau for n in schaal.niveaus)
            ):
                keuzes = ", ".join(f"{n.waarde} ({n.label})" for n in schaal.niveaus)
                raise OngeldigeInvoer(f"'{niveau}' is geen niveau van de schaal. Kies {keuzes}.")
        rij = sql.een(
            db,
            "SELECT * FROM ambities WHERE meting_id = ? AND cbs = ? AND thema_id = ?",
            [meting_id, cbs, thema_id],
        )
        versie = rij["versie"] if rij else 0
        if rij is None and niveau is None:
            return None
        if rij is not None and (rij["niveau"], rij["tekst"], rij["wie"], rij["wanneer"]) == (
            niveau,
            tekst,
            door,
            wanneer,
        ):
            return _ambitie(rij)
        if verwachte_versie is not None and verwachte_versie != versie:
            raise VerouderdeAmbitie(
                "De ambitie voor dit thema is intussen door iemand anders gewijzigd. "
                "Kijk haar na en sla opnieuw op.",
                _ambitie(rij) if rij else None,
                ("niveau", "tekst", "wie", "wanneer"),
            )
        if niveau is None:
            db.execute(
                "DELETE FROM ambities WHERE meting_id = ? AND cbs = ? AND thema_id = ?",
                [meting_id, cbs, thema_id],
            )
            return None
        db.execute(
            """INSERT INTO ambities (meting_id, cbs, thema_id, niveau, tekst, wie, wanneer,
                   versie, gewijzigd_op, gewijzigd_door) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (meting_id, cbs, thema_id) DO UPDATE SET niveau = excluded.niveau,
                   tekst = excluded.tekst, wie = excluded.wie, wanneer = excluded.wanneer,
                   versie = excluded.versie, gewijzigd_op = excluded.gewijzigd_op,
                   gewijzigd_door = excluded.gewijzigd_door""",
            [meting_id, cbs, thema_id, niveau, tekst, door, wanneer, versie + 1, nu, wie],
        )
        return ambities(db, meting_id)[(cbs, thema_id)]


def ambities(db: sqlite_utils.Database, meting_id: int) -> dict[tuple[str, str], Ambitie]:
    return {
        (r["cbs"], r["thema_id"]): _ambitie(r)
        for r in sql.rijen(db, "SELECT * FROM ambities WHERE meting_id = ?", [meting_id])
    }


def _ambitie(rij: dict) -> Ambitie:
    return Ambitie(
        cbs=rij["cbs"],
        thema_id=rij["thema_id"],
        niveau=rij["niveau"],
        tekst=rij["tekst"],
        versie=rij["versie"],
        gewijzigd_op=rij["gewijzigd_op"],
        gewijzigd_door=rij["gewijzigd_door"],
        wie=rij["wie"],
        wanneer=rij["wanneer"],
    )
