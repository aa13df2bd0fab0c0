"""Answers: one gemeente's answer to one vraag, saved field by field, never silently
overwritten (see :mod:`zelfscan.opslag`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlite_utils

from ..errors import (
    OngeldigAntwoord,
    VerouderdAntwoord,
)
from ..inlezen.model import NIET_VAN_TOEPASSING, WEET_NIET, Schaal
from . import logboektabel, regels, sql
from .deelnametabel import verhoog_versie
from .metingtabel import meting, schrijfbaar
from .records import (
    UNCHANGED,
    Antwoord,
    Meting,
    Unchanged,
)
from .tellingen import onbeantwoorde_cellen
from .verbinding import utc_now, write_transaction

_ANTWOORD_VELDEN = ("waarde", "toelichting", "bespreekpunt")


_LEEG = {"waarde": None, "toelichting": "", "bespreekpunt": 0}


def sla_antwoord(
    db: sqlite_utils.Database,
    meting_id: int,
    cbs: str,
    vraag_id: str,
    waarde: int | str | Unchanged | None = UNCHANGED,
    *,
    toelichting: str | Unchanged = UNCHANGED,
    bespreekpunt: bool | Unchanged = UNCHANGED,
    verwachte_versie: int | None = None,
    wie: str,
) -> Antwoord:
    """Store the answer of one gemeente to one vraag; returns what is stored now.

    ``waarde``: a level of the scale, ``'weet_niet'``, ``'nvt'``, or None to clear (not the same
    as weet niet: cleared means "not answered"). Fields not given keep their value.

    ``verwachte_versie``: the ``versie`` of the answer the person saw (0: there was none). When
    someone else changed a field this save changes since then, :class:`VerouderdAntwoord` is
    raised and nothing is stored. None skips the check (a deliberate overwrite).
    """
    wie = regels.wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m = schrijfbaar(db, meting_id)
        velden = _antwoord_velden(m.vragenlijst.schaal, waarde, toelichting, bespreekpunt)
        return _schrijf_antwoord(db, m, cbs, vraag_id, velden, verwachte_versie, wie, nu)


def sla_antwoord_voor_alle(
    db: sqlite_utils.Database,
    meting_id: int,
    vraag_id: str,
    waarde: int | str | None,
    *,
    toelichting: str | Unchanged = UNCHANGED,
    verwachte_versies: Mapping[str, int] | None = None,
    wie: str,
) -> dict[str, Antwoord]:
    """The same answer for every gemeente in the meting, in one transaction.

    ``verwachte_versies`` (cbs → versie the person saw) makes it refuse, as a whole, when any of
    those answers changed meanwhile; without it, this is a deliberate overwrite.
    """
    wie = regels.wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m = schrijfbaar(db, meting_id)
        velden = _antwoord_velden(m.vragenlijst.schaal, waarde, toelichting, UNCHANGED)
        verwacht = verwachte_versies or {}
        return {
            g.cbs: _schrijf_antwoord(db, m, g.cbs, vraag_id, velden, verwacht.get(g.cbs), wie, nu)
            for g in m.gemeenten
        }


def antwoorden(db: sqlite_utils.Database, meting_id: int) -> dict[tuple[str, str], Antwoord]:
    """Every stored answer by (cbs, vraag_id), cleared ones included (waarde None)."""
    meting(db, meting_id)
    return {
        (rij["cbs"], rij["vraag_id"]): _antwoord(rij)
        for rij in sql.rijen(db, "SELECT * FROM antwoorden WHERE meting_id = ?", [meting_id])
    }


def antwoord(db: sqlite_utils.Database, meting_id: int, cbs: str, vraag_id: str) -> Antwoord:
    """One answer; versie 0 and waarde None when nothing was stored yet."""
    rij = sql.een(
        db,
        "SELECT * FROM antwoorden WHERE meting_id = ? AND cbs = ? AND vraag_id = ?",
        [meting_id, cbs, vraag_id],
    )
    return _antwoord(rij) if rij else _geen_antwoord(cbs, vraag_id)


def onbeantwoord(db: sqlite_utils.Database, meting_id: int) -> list[tuple[str, str]]:
    """(cbs, vraag_id) of every question still without an answer, in session order."""
    return onbeantwoorde_cellen(db, meting(db, meting_id))


def bevestig_antwoord(
    db: sqlite_utils.Database, meting_id: int, cbs: str, vraag_id: str, *, wie: str
) -> Antwoord:
    """Confirm one answer copied from last year without changing it ("klopt nog").

    An answer that is not (or no longer) overgenomen stays as it is. The row version goes up, so
    other screens see the change, but the field versions do not: confirming changes no value, so
    a person who meanwhile chose another level for this cell is not refused.
    """
    wie = regels.wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m = schrijfbaar(db, meting_id)
        regels.cel(m, cbs, vraag_id)
        _bevestig(db, m.id, [(cbs, vraag_id)], wie, nu)
        return antwoord(db, m.id, cbs, vraag_id)


def bevestig_thema(db: sqlite_utils.Database, meting_id: int, thema_id: str, *, wie: str) -> int:
    """Confirm every answer copied from last year in one thema, for every gemeente at once.

    For when the room agrees that last year's answers on this thema still hold. Returns how
    many answers were confirmed (0 when none was left); logged in the logboek.
    """
    wie = regels.wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m = schrijfbaar(db, meting_id)
        regels.thema(m, thema_id)
        cellen = [(g.cbs, v.id) for v in m.vragenlijst.thema(thema_id).vragen for g in m.gemeenten]
        aantal = _bevestig(db, m.id, cellen, wie, nu)
        if aantal:
            logboektabel.log(
                db,
                m.id,
                wie,
                "antwoorden bevestigd",
                f"{aantal} overgenomen antwoorden bij thema "
                f"‘{m.vragenlijst.thema(thema_id).titel}’ bevestigd",
                nu,
            )
        return aantal


def _bevestig(db, meting_id: int, cellen: list[tuple[str, str]], wie: str, nu: str) -> int:
    aantal = 0
    for cbs, vraag_id in cellen:
        aantal += db.execute(
            """UPDATE antwoorden SET overgenomen = 0, versie = versie + 1, gewijzigd_op = ?,
                   gewijzigd_door = ?
               WHERE meting_id = ? AND cbs = ? AND vraag_id = ? AND overgenomen = 1""",
            [nu, wie, meting_id, cbs, vraag_id],
        ).rowcount
    return aantal


def _antwoord_velden(schaal: Schaal, waarde, toelichting, bespreekpunt) -> dict[str, Any]:
    velden: dict[str, Any] = {}
    if waarde is not UNCHANGED:
        velden["waarde"] = waarde_voor_opslag(schaal, waarde)
    if toelichting is not UNCHANGED:
        velden["toelichting"] = regels.veld("toelichting", toelichting)
    if bespreekpunt is not UNCHANGED:
        velden["bespreekpunt"] = int(bool(bespreekpunt))
    return velden


def _schrijf_antwoord(
    db,
    m: Meting,
    cbs: str,
    vraag_id: str,
    velden: dict[str, Any],
    verwachte_versie: int | None,
    wie: str,
    nu: str,
) -> Antwoord:
    regels.cel(m, cbs, vraag_id)
    if velden.get("waarde") == NIET_VAN_TOEPASSING:
        regels.nvt_mag(m.vragenlijst, vraag_id)
    rij = sql.een(
        db,
        "SELECT * FROM antwoorden WHERE meting_id = ? AND cbs = ? AND vraag_id = ?",
        [m.id, cbs, vraag_id],
    )
    versie = rij["versie"] if rij else 0
    gewijzigd: dict[str, Any] = {}
    conflict: list[str] = []
    for veld, nieuw in velden.items():
        oud = rij[veld] if rij else _LEEG[veld]
        # Saving an overgenomen answer confirms it, even when the level stays the same.
        bevestigt = veld == "waarde" and rij is not None and rij["overgenomen"]
        if nieuw == oud and not bevestigt:
            continue
        # Stale when someone changed this very field after the version the person saw.
        gezien = verwachte_versie
        if gezien is not None and (
            gezien > versie or (rij is not None and rij[f"{veld}_versie"] > gezien)
        ):
            conflict.append(veld)
        gewijzigd[veld] = nieuw
    if conflict:
        huidig = _antwoord(rij) if rij else _geen_antwoord(cbs, vraag_id)
        raise VerouderdAntwoord(_verouderd_melding(m, huidig, conflict), huidig, tuple(conflict))
    if not gewijzigd:
        return _antwoord(rij) if rij else _geen_antwoord(cbs, vraag_id)
    if rij is None:
        db["antwoorden"].insert(nieuwe_rij(m.id, cbs, vraag_id, gewijzigd, wie, nu))
    else:
        nieuwe_versie = versie + 1
        toewijzingen = {veld: waarde for veld, waarde in gewijzigd.items()}
        toewijzingen |= {f"{veld}_versie": nieuwe_versie for veld in gewijzigd}
        if "waarde" in gewijzigd:
            toewijzingen["overgenomen"] = 0
        toewijzingen |= {"versie": nieuwe_versie, "gewijzigd_op": nu, "gewijzigd_door": wie}
        # Column names come from the fixed lists above, never from input.
        db.execute(
            f"UPDATE antwoorden SET {', '.join(f'{k} = ?' for k in toewijzingen)} "
            "WHERE meting_id = ? AND cbs = ? AND vraag_id = ? AND versie = ?",
            [*toewijzingen.values(), m.id, cbs, vraag_id, versie],
        )
        if "waarde" in gewijzigd:
            _volg_besluit(db, m.id, cbs, vraag_id, gewijzigd["waarde"])
    return antwoord(db, m.id, cbs, vraag_id)


def _volg_besluit(db, meting_id: int, cbs: str, vraag_id: str, waarde: str | None) -> None:
    """An answer settled from the votes that the facilitator changes or clears afterwards is no
    longer the room's answer: the settlement goes, so phones, projector and spread never show a
    stale "Vastgesteld", the vote opens again (with "Neem over"), and the report does not count
    it as settled after a vote. Here, in the one place every answer is written, so no path can
    leave the two apart."""
    geraakt = db.execute(
        "DELETE FROM stembesluiten WHERE meting_id = ? AND cbs = ? AND vraag_id = ? "
        "AND waarde IS NOT ?",
        [meting_id, cbs, vraag_id, waarde],
    ).rowcount
    if geraakt:
        verhoog_versie(db, meting_id)


def nieuwe_rij(
    meting_id: int, cbs: str, vraag_id: str, velden: dict[str, Any], wie: str, nu: str
) -> dict[str, Any]:
    rij = {
        "meting_id": meting_id,
        "cbs": cbs,
        "vraag_id": vraag_id,
        **_LEEG,
        "versie": 1,
        "overgenomen": 0,
        "gewijzigd_op": nu,
        "gewijzigd_door": wie,
    }
    rij |= velden
    # A field the first save did not set still has its empty default: another tab that sets it
    # based on version 0 merges instead of conflicting.
    rij |= {f"{veld}_versie": 1 if veld in velden else 0 for veld in _ANTWOORD_VELDEN}
    return rij


def _verouderd_melding(m: Meting, huidig: Antwoord, velden: list[str]) -> str:
    nu = _label(m.vragenlijst.schaal, huidig.waarde)
    if velden == ["toelichting"]:
        tekst = huidig.toelichting or "leeg"
        if len(tekst) > 80:
            tekst = tekst[:77] + "…"
        return (
            f"De toelichting bij dit antwoord is intussen door iemand anders gewijzigd (nu: "
            f"“{tekst}”). Kijk het na en sla opnieuw op."
        )
    if velden == ["bespreekpunt"]:
        return (
            "Het bespreekpunt bij dit antwoord is intussen door iemand anders "
            f"{'aangezet' if huidig.bespreekpunt else 'uitgezet'}. Kijk het na en sla "
            "opnieuw op."
        )
    return (
        f"Dit antwoord is intussen door iemand anders gewijzigd (nu: {nu}). Kijk het na en "
        "sla opnieuw op."
    )


def _label(schaal: Schaal, waarde: int | str | None) -> str:
    return "niet ingevuld" if waarde is None else schaal.label(waarde)


def waarde_voor_opslag(schaal: Schaal, waarde: Any) -> str | None:
    """The stored text of an answer, or a clear Dutch refusal."""
    if waarde is None:
        return None
    kandidaat = waarde.strip() if isinstance(waarde, str) else waarde
    if kandidaat in (WEET_NIET, NIET_VAN_TOEPASSING):
        return kandidaat
    if isinstance(kandidaat, str) and regels.geheel_getal(kandidaat) is not None:
        kandidaat = regels.geheel_getal(kandidaat)
    if (
        isinstance(kandidaat, int)
        and not isinstance(kandidaat, bool)
        and any(n.waarde == kandidaat for n in schaal.niveaus)
    ):
        return str(kandidaat)
    keuzes = ", ".join(f"{n.waarde} ({n.label})" for n in schaal.niveaus)
    raise OngeldigAntwoord(
        f"'{waarde}' is geen antwoord op deze schaal. Kies {keuzes}, "
        f"'{WEET_NIET}' ({schaal.weet_niet.label}) of '{NIET_VAN_TOEPASSING}' "
        f"({schaal.niet_van_toepassing.label})."
    )


def waarde_uit_opslag(tekst: str | None) -> int | str | None:
    """'2' → 2; 'weet_niet' and 'nvt' stay text; NULL stays None."""
    if tekst is None or tekst in (WEET_NIET, NIET_VAN_TOEPASSING):
        return tekst
    return int(tekst)


def _antwoord(rij: dict) -> Antwoord:
    return Antwoord(
        cbs=rij["cbs"],
        vraag_id=rij["vraag_id"],
        waarde=waarde_uit_opslag(rij["waarde"]),
        toelichting=rij["toelichting"],
        bespreekpunt=bool(rij["bespreekpunt"]),
        overgenomen=bool(rij["overgenomen"]),
        versie=rij["versie"],
        gewijzigd_op=rij["gewijzigd_op"],
        gewijzigd_door=rij["gewijzigd_door"],
    )


def _geen_antwoord(cbs: str, vraag_id: str) -> Antwoord:
    return Antwoord(
        cbs=cbs,
        vraag_id=vraag_id,
        waarde=None,
        toelichting="",
        bespreekpunt=False,
        overgenomen=False,
        versie=0,
        gewijzigd_op="",
        gewijzigd_door="",
    )
