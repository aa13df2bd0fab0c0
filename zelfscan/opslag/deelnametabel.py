"""Participation in a meting: the facilitator opens it with a code, phones join by that code.

A participant (``Stemmer``) is known by a random pseudonym, the gemeente they answer for (None:
regiobreed) and, when they gave them, organisation and role; never by name. Only an open
participation is found by its code, so closing it makes the code and every cookie made for it
useless. The votes themselves are in :mod:`.stemtabel`.
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass

import sqlite_utils

from ..errors import NietGevonden, OngeldigeInvoer
from . import logboektabel, regels, sql
from .metingtabel import meting, schrijfbaar
from .verbinding import utc_now, write_transaction


@dataclass(frozen=True)
class Deelname:
    id: int
    meting_id: int
    code: str
    geopend_op: str
    gesloten_op: str | None
    # Raised by every vote, settlement and reveal: what a polling screen compares.
    versie: int
    onthuld_thema: str | None

    @property
    def open(self) -> bool:
        return self.gesloten_op is None


@dataclass(frozen=True)
class Stemmer:
    id: str  # the pseudonym
    meting_id: int
    deelname_id: int | None
    cbs: str | None  # None: regiobreed, one vote counted in every gemeente
    organisatie: str
    rol: str

    @property
    def regiobreed(self) -> bool:
        return self.cbs is None


def _deelname(rij: dict) -> Deelname:
    return Deelname(
        rij["id"],
        rij["meting_id"],
        rij["code"],
        rij["geopend_op"],
        rij["gesloten_op"],
        rij["versie"],
        rij["onthuld_thema"],
    )


def deelname(db: sqlite_utils.Database, meting_id: int) -> Deelname | None:
    """The open participation of a meting, or None."""
    rij = sql.een(
        db,
        "SELECT * FROM deelnames WHERE meting_id = ? AND gesloten_op IS NULL",
        [meting_id],
    )
    return _deelname(rij) if rij else None


def deelname_met_code(db: sqlite_utils.Database, code: str) -> Deelname | None:
    """The open participation with this code; None for an unknown, malformed or closed code."""
    code = regels.deelnamecode(code)
    if code is None:
        return None
    rij = sql.een(db, "SELECT * FROM deelnames WHERE code = ? AND gesloten_op IS NULL", [code])
    return _deelname(rij) if rij else None


def verhoog_versie(db: sqlite_utils.Database, meting_id: int) -> None:
    """Something the phones or the projector show changed (a vote, a settlement, a thema):
    the open participation's number goes up, and whoever looks at it refreshes."""
    db.execute(
        "UPDATE deelnames SET versie = versie + 1 WHERE meting_id = ? AND gesloten_op IS NULL",
        [meting_id],
    )


def code_gesloten(db: sqlite_utils.Database, code: str) -> bool:
    """Whether this (well-formed) code belonged to a participation that is closed now: a phone
    still on it is no guess, and hears that the code no longer works."""
    code = regels.deelnamecode(code)
    if code is None:
        return False
    return (
        sql.een(
            db,
            "SELECT 1 AS er FROM deelnames WHERE code = ? AND gesloten_op IS NOT NULL LIMIT 1",
            [code],
        )
        is not None
    )


def open_deelname(db: sqlite_utils.Database, meting_id: int, *, wie: str) -> Deelname:
    """Open participation with a fresh code (or return the one already open)."""
    wie = regels.wie(wie)
    nu = utc_now()
    with write_transaction(db):
        schrijfbaar(db, meting_id)
        bestaand = deelname(db, meting_id)
        if bestaand is not None:
            return bestaand
        for _ in range(20):  # a code in use by another open meting: draw again
            code = "".join(
                secrets.choice(regels.DEELNAMECODE_TEKENS)
                for _ in range(regels.DEELNAMECODE_LENGTE)
            )
            try:
                db.execute(
                    "INSERT INTO deelnames (meting_id, code, geopend_op, geopend_door) "
                    "VALUES (?, ?, ?, ?)",
                    [meting_id, code, nu, wie],
                )
            except sqlite3.IntegrityError:
                continue
            break
        else:  # pragma: no cover - twenty collisions in 64 million codes
            raise OngeldigeInvoer("Er kon geen vrije code worden gemaakt. Probeer het opnieuw.")
        logboektabel.log(db, meting_id, wie, "deelname geopend", f"code {code}", nu)
        return deelname(db, meting_id)


def sluit_deelname(db: sqlite_utils.Database, meting_id: int, *, wie: str) -> bool:
    """Close participation: the code expires at once. Allowed on an afgeronde meting too
    (closing takes nothing away). Returns whether one was open."""
    wie = regels.wie(wie)
    nu = utc_now()
    with write_transaction(db):
        meting(db, meting_id)
        gesloten = db.execute(
            "UPDATE deelnames SET gesloten_op = ? WHERE meting_id = ? AND gesloten_op IS NULL",
            [nu, meting_id],
        ).rowcount
        if gesloten:
            logboektabel.log(db, meting_id, wie, "deelname gesloten", "", nu)
        return bool(gesloten)


def onthul_spreiding(db: sqlite_utils.Database, meting_id: int, thema_id: str | None) -> None:
    """Show (or with None hide) the anonymous spread of one thema on the projector."""
    with write_transaction(db):
        m = meting(db, meting_id)
        if thema_id is not None:
            regels.thema(m, thema_id)
        if deelname(db, meting_id) is None:
            raise OngeldigeInvoer("Er is geen deelname geopend voor deze meting.")
        db.execute(
            "UPDATE deelnames SET onthuld_thema = ?, versie = versie + 1 "
            "WHERE meting_id = ? AND gesloten_op IS NULL",
            [thema_id, meting_id],
        )


def meld_aan(
    db: sqlite_utils.Database,
    deelname_id: int,
    cbs: str | None,
    *,
    organisatie: str = "",
    rol: str = "",
) -> Stemmer:
    """A new participant in an open participation: a gemeente of the meting, or None for
    regiobreed. Organisation and role are optional, one line each."""
    organisatie = regels.veld("organisatie", organisatie)
    rol = regels.veld("rol", rol)
    nu = utc_now()
    with write_transaction(db):
        rij = sql.een(
            db, "SELECT * FROM deelnames WHERE id = ? AND gesloten_op IS NULL", [deelname_id]
        )
        if rij is None:
            raise NietGevonden("Deze deelname is gesloten. Vraag de gespreksleider om de code.")
        m = schrijfbaar(db, rij["meting_id"])
        if cbs is not None:
            regels.gemeente(m, cbs)
        pseudoniem = "d-" + secrets.token_hex(8)
        db.execute(
            "INSERT INTO stemmers (meting_id, id, deelname_id, cbs, organisatie, rol, "
            "aangemaakt_op) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [m.id, pseudoniem, deelname_id, cbs, organisatie, rol, nu],
        )
        return Stemmer(pseudoniem, m.id, deelname_id, cbs, organisatie, rol)


def stemmer(db: sqlite_utils.Database, meting_id: int, stemmer_id: str) -> Stemmer | None:
    rij = sql.een(
        db, "SELECT * FROM stemmers WHERE meting_id = ? AND id = ?", [meting_id, stemmer_id]
    )
    return _stemmer(rij) if rij else None


def stemmers(db: sqlite_utils.Database, meting_id: int) -> list[Stemmer]:
    """Every participant of the meting, in the order they joined."""
    return [
        _stemmer(r)
        for r in sql.rijen(
            db,
            "SELECT * FROM stemmers WHERE meting_id = ? ORDER BY aangemaakt_op, rowid",
            [meting_id],
        )
    ]


def aantal_stemmers(db: sqlite_utils.Database, deelname_id: int) -> int:
    return db.execute(
        "SELECT count(*) FROM stemmers WHERE deelname_id = ?", [deelname_id]
    ).fetchone()[0]


def _stemmer(rij: dict) -> Stemmer:
    return Stemmer(
        rij["id"], rij["meting_id"], rij["deelname_id"], rij["cbs"], rij["organisatie"], rij["rol"]
    )
