"""A vervolgmeting and its history: the chain of metingen before it, last year's answers
copied in, and one loader for everything a comparison needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import sqlite_utils

from ..errors import (
    NietGevonden,
    OngeldigeInvoer,
)
from ..inlezen.model import Regio, Vragenlijst
from . import logboektabel, regels, sql
from .ambitietabel import ambities
from .antwoordtabel import antwoorden, nieuwe_rij
from .metingtabel import maak_meting, meting, schrijfbaar
from .records import Ambitie, Antwoord, Meting
from .verbinding import utc_now, write_transaction


def neem_antwoorden_over(db: sqlite_utils.Database, meting_id: int, *, wie: str) -> int:
    """Pre-fill a vervolgmeting with the previous meting's answers, marked ``overgenomen``.

    Only cells without any stored answer are filled, so nothing given in this meting is
    overwritten. A vraag that ``vervangt`` older ids takes the first of them that was answered.
    Bespreekpunten are not copied: they belonged to last year's conversation. Returns how many
    answers were copied.
    """
    wie = regels.wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m = schrijfbaar(db, meting_id)
        if m.vorige_meting_uuid is None:
            raise OngeldigeInvoer(
                "Deze meting heeft geen vorige meting om antwoorden uit over te nemen."
            )
        if m.vorige_meting_id is None:
            raise NietGevonden(
                "De vorige meting staat niet in deze database; importeer haar eerst."
            )
        vorig = antwoorden(db, m.vorige_meting_id)
        huidig = antwoorden(db, meting_id)
        rijen = []
        for gemeente in m.gemeenten:
            for vraag in m.vragenlijst.vragen:
                if (gemeente.cbs, vraag.id) in huidig:
                    continue
                for bron_id in (vraag.id, *vraag.vervangt):
                    bron = vorig.get((gemeente.cbs, bron_id))
                    if bron is not None and bron.waarde is not None:
                        rijen.append(
                            nieuwe_rij(
                                m.id,
                                gemeente.cbs,
                                vraag.id,
                                {
                                    "waarde": str(bron.waarde),
                                    "toelichting": bron.toelichting,
                                },
                                wie,
                                nu,
                            )
                            | {"overgenomen": 1}
                        )
                        break
        if rijen:
            db["antwoorden"].insert_all(rijen)
            logboektabel.log(
                db,
                meting_id,
                wie,
                "antwoorden overgenomen",
                f"{len(rijen)} antwoorden overgenomen uit de vorige meting",
                nu,
            )
        return len(rijen)


def maak_vervolgmeting(
    db: sqlite_utils.Database,
    vorige_meting_id: int,
    *,
    vragenlijst: Vragenlijst,
    regio: Regio,
    jaar: int,
    datum: date,
    gemeenten: list[str] | None = None,
    titel: str | None = None,
    overnemen: bool = True,
    wie: str,
) -> tuple[Meting, int]:
    """A vervolgmeting of the same subregio, in one transaction: created, and with
    ``overnemen`` pre-filled with the previous meting's answers (:func:`neem_antwoorden_over`).

    Returns the new meting and how many answers were copied.
    """
    with write_transaction(db):
        vorige = meting(db, vorige_meting_id)
        nieuw = maak_meting(
            db,
            vragenlijst=vragenlijst,
            regio=regio,
            subregio_id=vorige.subregio_id,
            jaar=jaar,
            soort="vervolgmeting",
            datum=datum,
            gemeenten=gemeenten,
            titel=titel,
            vorige_meting_id=vorige.id,
            wie=wie,
        )
        aantal = neem_antwoorden_over(db, nieuw.id, wie=wie) if overnemen else 0
        return nieuw, aantal


def keten(db: sqlite_utils.Database, meting_id: int) -> list[Meting]:
    """This meting and the ones before it (``vorige_meting``), newest first.

    Stops at a previous meting that is not in this database (or at a loop, which only a
    hand-edited database could hold).
    """
    gezien: set[int] = set()
    uit: list[Meting] = []
    volgende: int | None = meting_id
    while volgende is not None and volgende not in gezien:
        gezien.add(volgende)
        m = meting(db, volgende)
        uit.append(m)
        volgende = m.vorige_meting_id
    return uit


def vervolgmetingen(db: sqlite_utils.Database, meting_id: int) -> list[Meting]:
    """The metingen that name this one as their previous meting."""
    m = meting(db, meting_id)
    rijen = sql.rijen(
        db, "SELECT id FROM metingen WHERE vorige_meting_uuid = ? ORDER BY datum, id", [m.uuid]
    )
    return [meting(db, r["id"]) for r in rijen]


@dataclass(frozen=True)
class Geschiedenis:
    """A meting and what came before it: everything a comparison, a trend or an ambitie check
    needs, read in one place for the web pages and the reports alike."""

    # This meting and the ones before it that are in this database, newest first.
    keten: tuple[Meting, ...]
    # Meting id → its answers, for every meting of the chain that was read (see geschiedenis).
    antwoorden: Mapping[int, Mapping[tuple[str, str], Antwoord]]
    # The ambities set at the previous meting: what this meting is measured against.
    vorige_ambities: Mapping[tuple[str, str], Ambitie]

    @property
    def meting(self) -> Meting:
        return self.keten[0]

    @property
    def vorige(self) -> Meting | None:
        return self.keten[1] if len(self.keten) > 1 else None

    @property
    def vorige_antwoorden(self) -> Mapping[tuple[str, str], Antwoord] | None:
        return None if self.vorige is None else self.antwoorden[self.vorige.id]


def geschiedenis(
    db: sqlite_utils.Database,
    meting_id: int,
    *,
    meting_: Meting | None = None,
    antwoorden_: Mapping[tuple[str, str], Antwoord] | None = None,
    hele_keten: bool = True,
) -> Geschiedenis:
    """Read a meting's history: the chain of metingen before it, their answers and the ambities
    set at the previous one.

    ``meting_`` and ``antwoorden_``: this meting and its answers when the caller already has
    them (they are not read again). ``hele_keten=False`` reads the answers of this meting and the
    previous one only: enough for a comparison, not for a trend over the years.
    """
    m = meting_ if meting_ is not None else meting(db, meting_id)
    eigen = antwoorden_ if antwoorden_ is not None else antwoorden(db, m.id)
    if m.vorige_meting_id is None:
        return Geschiedenis((m,), {m.id: eigen}, {})
    reeks = (m, *keten(db, m.id)[1:])
    gelezen = reeks if hele_keten else reeks[:2]
    alle = {m.id: eigen} | {v.id: antwoorden(db, v.id) for v in gelezen[1:]}
    return Geschiedenis(reeks, alle, ambities(db, reeks[1].id))
