"""The votes of the room, apart from the answers, and the answers settled from them.

A vote is one participant's view on one vraag for one gemeente; it never writes an answer. The
facilitator settles an answer (:func:`stel_vast`): that writes the normal answer and records the
settlement, after which votes on that gemeente and vraag are refused, so a late phone cannot
change what the room settled nor the spread it was settled on.

Votes travel with their meting in an export (:func:`exporteer` and :func:`voeg_in`, called by
:mod:`.uitwisseling`) and are deleted with it (the foreign keys cascade).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from ..errors import NietGevonden, OngeldigAntwoord, OngeldigeInvoer
from ..inlezen.model import NIET_VAN_TOEPASSING, Vragenlijst
from . import regels, sql
from .antwoordtabel import sla_antwoord, waarde_uit_opslag, waarde_voor_opslag
from .deelnametabel import deelname, stemmer, verhoog_versie
from .metingtabel import schrijfbaar
from .records import UNCHANGED, Meting
from .verbinding import utc_now, write_transaction


@dataclass(frozen=True)
class Stem:
    stemmer: str  # the participant's pseudonym
    cbs: str
    vraag_id: str
    waarde: int | str  # a level, 'weet_niet' or 'nvt'
    tijd: str


@dataclass(frozen=True)
class Besluit:
    """An answer the facilitator settled from the votes."""

    cbs: str
    vraag_id: str
    waarde: int | str
    voorstel: int | str | None  # what the votes proposed at that moment (the lower median)
    stemmen: int  # how many votes it was settled on
    tijd: str
    wie: str

    @property
    def volgt_stemmen(self) -> bool:
        return self.voorstel is not None and self.voorstel == self.waarde


def stemwaarde(vragenlijst: Vragenlijst, vraag_id: str, waarde: Any) -> str:
    """A vote as stored: an answer as the answers store it (a level of the scale, weet niet,
    n.v.t.), n.v.t. only where the vraag allows it, and never empty; refused in the phone's
    words."""
    kandidaat = waarde.strip() if isinstance(waarde, str) else waarde
    if kandidaat == NIET_VAN_TOEPASSING:
        regels.nvt_mag(vragenlijst, vraag_id)
    try:
        opgeslagen = waarde_voor_opslag(vragenlijst.schaal, waarde)
    except OngeldigAntwoord:
        opgeslagen = None
    if opgeslagen is None:
        raise OngeldigeInvoer("Kies een van de antwoorden hieronder.")
    return opgeslagen


def sla_stem(
    db: sqlite_utils.Database, meting_id: int, stemmer_id: str, vraag_id: str, waarde: Any
) -> list[str]:
    """Store (or change) a participant's vote; returns the gemeenten it now counts for.

    Refused: a closed participation or meting, a vraag outside the open thema, a value off the
    scale (n.v.t. only where allowed) and a settled answer of the participant's own gemeente. A
    regiobreed vote counts once in each gemeente whose answer is not settled yet.
    """
    nu = utc_now()
    with write_transaction(db):
        m = schrijfbaar(db, meting_id)
        wie = stemmer(db, meting_id, stemmer_id)
        open_ = deelname(db, meting_id)
        if wie is None or open_ is None or wie.deelname_id != open_.id:
            raise NietGevonden("De deelname is gesloten. Vraag de gespreksleider om de code.")
        regels.stem_op_open_thema(m, vraag_id)
        opgeslagen = stemwaarde(m.vragenlijst, vraag_id, waarde)
        vastgesteld = _vastgesteld(db, meting_id, vraag_id)
        if wie.cbs is not None:
            regels.niet_vastgesteld(wie.cbs in vastgesteld, m.gemeente(wie.cbs).naam)
            doelen = [wie.cbs]
        else:
            doelen = [g.cbs for g in m.gemeenten if g.cbs not in vastgesteld]
            if not doelen:
                regels.niet_vastgesteld(True, "alle gemeenten")
        for cbs in doelen:
            db.execute(
                "INSERT INTO stemmen (meting_id, stemmer, cbs, vraag_id, waarde, tijd) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (meting_id, vraag_id, cbs, stemmer) "
                "DO UPDATE SET waarde = excluded.waarde, tijd = excluded.tijd",
                [meting_id, stemmer_id, cbs, vraag_id, opgeslagen, nu],
            )
        verhoog_versie(db, meting_id)
        return doelen


def _vastgesteld(db, meting_id: int, vraag_id: str) -> set[str]:
    return {
        r[0]
        for r in db.execute(
            "SELECT cbs FROM stembesluiten WHERE meting_id = ? AND vraag_id = ?",
            [meting_id, vraag_id],
        )
    }


def meld_af(db: sqlite_utils.Database, meting_id: int, stemmer_id: str) -> int:
    """A participant leaves the open participation ("andere gemeente kiezen": they chose the
    wrong one). Their votes on answers not yet settled are withdrawn, so they leave no trace in a
    spread still under discussion; votes an answer was settled on stay, as the history of that
    settlement. The participant no longer counts as one of the room (their ``deelname_id`` is
    cleared; without any vote left they are removed). Returns the number of votes withdrawn.
    Nothing happens for a participant of a closed participation (afronden closes it too)."""
    with write_transaction(db):
        wie = stemmer(db, meting_id, stemmer_id)
        open_ = deelname(db, meting_id)
        if wie is None or open_ is None or wie.deelname_id != open_.id:
            return 0
        weg = db.execute(
            "DELETE FROM stemmen WHERE meting_id = ? AND stemmer = ? AND NOT EXISTS ("
            "SELECT 1 FROM stembesluiten b WHERE b.meting_id = stemmen.meting_id "
            "AND b.cbs = stemmen.cbs AND b.vraag_id = stemmen.vraag_id)",
            [meting_id, stemmer_id],
        ).rowcount
        over = db.execute(
            "SELECT count(*) FROM stemmen WHERE meting_id = ? AND stemmer = ?",
            [meting_id, stemmer_id],
        ).fetchone()[0]
        if over:
            db.execute(
                "UPDATE stemmers SET deelname_id = NULL WHERE meting_id = ? AND id = ?",
                [meting_id, stemmer_id],
            )
        else:
            db.execute(
                "DELETE FROM stemmers WHERE meting_id = ? AND id = ?", [meting_id, stemmer_id]
            )
        verhoog_versie(db, meting_id)
        return weg


def stemmen(
    db: sqlite_utils.Database, meting_id: int, vraag_ids: list[str] | None = None
) -> list[Stem]:
    """The votes of a meting (or of some vragen), in a stable order."""
    voorwaarde, params = "meting_id = ?", [meting_id]
    if vraag_ids is not None:
        voorwaarde += f" AND vraag_id IN ({', '.join('?' * len(vraag_ids))})"
        params += list(vraag_ids)
    return [
        Stem(r["stemmer"], r["cbs"], r["vraag_id"], waarde_uit_opslag(r["waarde"]), r["tijd"])
        for r in sql.rijen(
            db,
            f"SELECT * FROM stemmen WHERE {voorwaarde} ORDER BY vraag_id, cbs, stemmer",
            params,
        )
    ]


def eigen_stemmen(db: sqlite_utils.Database, meting_id: int, stemmer_id: str) -> dict[str, Any]:
    """vraag_id → this participant's vote (a regiobreed vote is the same in every gemeente)."""
    return {
        r["vraag_id"]: waarde_uit_opslag(r["waarde"])
        for r in sql.rijen(
            db,
            "SELECT vraag_id, waarde FROM stemmen WHERE meting_id = ? AND stemmer = ? "
            "ORDER BY tijd",
            [meting_id, stemmer_id],
        )
    }


def stemmers_gestemd(db: sqlite_utils.Database, meting_id: int, vraag_ids: list[str]) -> int:
    """How many participants of the open participation voted on at least one of the vragen."""
    if not vraag_ids:
        return 0
    return db.execute(
        "SELECT count(DISTINCT s.stemmer) FROM stemmen s JOIN stemmers p "
        "ON p.meting_id = s.meting_id AND p.id = s.stemmer "
        "JOIN deelnames d ON d.id = p.deelname_id AND d.gesloten_op IS NULL "
        f"WHERE s.meting_id = ? AND s.vraag_id IN ({', '.join('?' * len(vraag_ids))})",
        [meting_id, *vraag_ids],
    ).fetchone()[0]


def stel_vast(
    db: sqlite_utils.Database,
    meting_id: int,
    cbs: str,
    vraag_id: str,
    waarde: Any,
    *,
    voorstel: int | str | None,
    aantal_stemmen: int,
    bespreekpunt: bool = False,
    wie: str,
) -> Besluit:
    """Settle the answer of one gemeente to one vraag after the vote: the normal answer is
    saved (as the facilitator's own save would, a deliberate choice over whatever was there),
    and the settlement is recorded with the proposal and the number of votes it rested on.
    Settling again (another choice) replaces the record; votes stay closed. ``bespreekpunt``:
    the room was divided (``scores.stemmen``), so the answer is marked for discussion; an
    undivided room leaves the mark as it was."""
    wie = regels.wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m: Meting = schrijfbaar(db, meting_id)
        regels.cel(m, cbs, vraag_id)
        opgeslagen = stemwaarde(m.vragenlijst, vraag_id, waarde)
        sla_antwoord(
            db,
            meting_id,
            cbs,
            vraag_id,
            waarde_uit_opslag(opgeslagen),
            bespreekpunt=True if bespreekpunt else UNCHANGED,
            wie=wie,
        )
        db.execute(
            "INSERT INTO stembesluiten (meting_id, cbs, vraag_id, waarde, voorstel, stemmen, "
            "tijd, wie) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (meting_id, cbs, vraag_id) "
            "DO UPDATE SET waarde = excluded.waarde, voorstel = excluded.voorstel, "
            "stemmen = excluded.stemmen, tijd = excluded.tijd, wie = excluded.wie",
            [
                meting_id,
                cbs,
                vraag_id,
                opgeslagen,
                None if voorstel is None else str(voorstel),
                int(aantal_stemmen),
                nu,
                wie,
            ],
        )
        verhoog_versie(db, meting_id)
        return besluiten(db, meting_id)[(cbs, vraag_id)]


def besluiten(db: sqlite_utils.Database, meting_id: int) -> dict[tuple[str, str], Besluit]:
    """(cbs, vraag_id) → the settlement from the votes."""
    return {
        (r["cbs"], r["vraag_id"]): Besluit(
            r["cbs"],
            r["vraag_id"],
            waarde_uit_opslag(r["waarde"]),
            waarde_uit_opslag(r["voorstel"]),
            r["stemmen"],
            r["tijd"],
            r["wie"],
        )
        for r in sql.rijen(
            db,
            "SELECT * FROM stembesluiten WHERE meting_id = ? ORDER BY cbs, vraag_id",
            [meting_id],
        )
    }


# --- export and import (called by uitwisseling) -----------------------------------------------


def exporteer(db: sqlite_utils.Database, meting_id: int) -> dict:
    """The participation of a meting as it goes into an export: pseudonyms, never names; the
    codes are not exported (they only live while a session runs)."""
    return {
        "stemmers": [
            {"id": r["id"], "cbs": r["cbs"], "organisatie": r["organisatie"], "rol": r["rol"]}
            for r in sql.rijen(
                db,
                # By pseudonym (random, so this reveals no order of joining): the same
                # order after an import, so export → import → export gives the same bytes.
                "SELECT * FROM stemmers WHERE meting_id = ? ORDER BY id",
                [meting_id],
            )
        ],
        "stemmen": [
            {
                "stemmer": s.stemmer,
                "cbs": s.cbs,
                "vraag_id": s.vraag_id,
                "waarde": s.waarde,
                "tijd": s.tijd,
            }
            for s in stemmen(db, meting_id)
        ],
        "besluiten": [
            {
                "cbs": b.cbs,
                "vraag_id": b.vraag_id,
                "waarde": b.waarde,
                "voorstel": b.voorstel,
                "stemmen": b.stemmen,
                "tijd": b.tijd,
                "wie": b.wie,
            }
            for b in besluiten(db, meting_id).values()
        ],
    }


def controleer_export(data: dict, vragenlijst: Vragenlijst, gemeenten: list[str]) -> str | None:
    """What is wrong with the ``deelname`` part of an exported meting (already of the right
    form), as a Dutch sentence; None when it fits the meting."""
    vragen = {v.id for v in vragenlijst.vragen}
    ids = [s["id"] for s in data["stemmers"]]
    if len(set(ids)) != len(ids):
        return "een deelnemer aan de stemming staat twee keer in het bestand."
    for nr, s in enumerate(data["stemmers"], 1):
        if s["cbs"] is not None and s["cbs"] not in gemeenten:
            return f"stemmer nr. {nr}: gemeente {s['cbs']} doet niet mee aan deze meting."
        try:
            regels.veld("organisatie", s["organisatie"])
            regels.veld("rol", s["rol"])
        except OngeldigeInvoer as fout:
            return f"stemmer nr. {nr}: {fout}"
    gezien: set = set()
    for soort, lijst in (("stem", data["stemmen"]), ("besluit", data["besluiten"])):
        for nr, s in enumerate(lijst, 1):
            if s["cbs"] not in gemeenten:
                return f"{soort} nr. {nr}: gemeente {s['cbs']} doet niet mee aan deze meting."
            if s["vraag_id"] not in vragen:
                return f"{soort} nr. {nr}: '{s['vraag_id']}' staat niet in de vragenlijst."
            if soort == "stem" and s["stemmer"] not in ids:
                return f"stem nr. {nr}: stemmer '{s['stemmer']}' staat niet in het bestand."
            sleutel = (soort, s.get("stemmer"), s["cbs"], s["vraag_id"])
            if sleutel in gezien:
                return f"{soort} nr. {nr}: staat twee keer in het bestand."
            gezien.add(sleutel)
            for veld in ("waarde", "voorstel") if soort == "besluit" else ("waarde",):
                if s[veld] is None and veld == "voorstel":
                    continue
                try:
                    stemwaarde(vragenlijst, s["vraag_id"], _als_tekst(s[veld]))
                except OngeldigeInvoer:
                    return f"{soort} nr. {nr}: '{s[veld]}' is geen antwoord op de schaal."
            if soort == "besluit":
                try:
                    regels.wie(s["wie"])
                except OngeldigeInvoer as fout:
                    return f"besluit nr. {nr}: {fout}"
    return None


def _als_tekst(waarde: Any) -> Any:
    # A level comes as a JSON integer; True is not 1 here.
    return str(waarde) if type(waarde) is int else waarde


def voeg_in(db: sqlite_utils.Database, meting_id: int, data: dict) -> None:
    """The ``deelname`` part of an exported meting, into the meting just inserted."""
    db["stemmers"].insert_all(
        {
            "meting_id": meting_id,
            "id": s["id"],
            "deelname_id": None,
            "cbs": s["cbs"],
            "organisatie": s["organisatie"],
            "rol": s["rol"],
            # When they joined is not exported (see exporteer).
            "aangemaakt_op": "",
        }
        for s in data["stemmers"]
    )
    db["stemmen"].insert_all(
        {"meting_id": meting_id, **s, "waarde": str(s["waarde"])} for s in data["stemmen"]
    )
    db["stembesluiten"].insert_all(
        {
            "meting_id": meting_id,
            **b,
            "waarde": str(b["waarde"]),
            "voorstel": None if b["voorstel"] is None else str(b["voorstel"]),
        }
        for b in data["besluiten"]
    )
