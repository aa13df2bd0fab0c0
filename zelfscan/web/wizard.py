"""What the session wizard does with a posted thema screen or one autosaved cell.

No Flask here: a posted form is a plain mapping. The rule that keeps two tabs (or two
facilitators) from overwriting each other is per field: a change is refused only when this
person changed a field that someone else changed too since the page was loaded; every other
change merges. The store's row version closes the window between reading and writing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import opslag
from ..errors import Verouderd
from ..inlezen.model import BIJZONDERE_ANTWOORDEN, Thema
from ..opslag import regels
from ..opslag.verbinding import write_transaction

OPEN = ""  # the form's value for "no answer" (cleared), which is not 'weet niet'


@dataclass(frozen=True)
class Conflict:
    cbs: str | None
    vraag_id: str | None
    veld: str
    uw_waarde: str
    huidige_waarde: str


def waarde_als_tekst(waarde) -> str:
    return OPEN if waarde is None else str(waarde)


def tekst_als_waarde(tekst: str, schaal) -> int | str | None:
    """Parse a posted answer; ValueError for anything that is not on the scale."""
    tekst = (tekst or "").strip()
    if tekst == OPEN:
        return None
    if tekst in BIJZONDERE_ANTWOORDEN:
        return tekst
    getal = regels.geheel_getal(tekst)
    if getal is not None and getal in {n.waarde for n in schaal.niveaus}:
        return getal
    raise ValueError(tekst)


def _huidig(antwoord, veld: str) -> str:
    if antwoord is None:
        return OPEN if veld == "waarde" else ("0" if veld == "bespreekpunt" else "")
    waarde = getattr(antwoord, veld)
    if veld == "bespreekpunt":
        return "1" if waarde else "0"
    return waarde_als_tekst(waarde) if veld == "waarde" else (waarde or "")


def bewaar_cel(
    db, meting, cbs: str, vraag_id: str, veld: str, nieuw: str, origineel: str, wie: str
):
    """Save one field of one answer; returns (Antwoord | None, Conflict | None)."""
    schaal = meting.vragenlijst.schaal
    huidig = opslag.antwoord(db, meting.id, cbs, vraag_id)
    nu = _huidig(huidig, veld)
    if nieuw in (origineel, nu):
        return huidig, None  # this person changed nothing here, or it is already so
    if origineel != nu:
        return huidig, Conflict(cbs, vraag_id, veld, nieuw, nu)
    if veld == "waarde":
        argumenten = {"waarde": tekst_als_waarde(nieuw, schaal)}
    else:
        argumenten = {
            "waarde": opslag.UNCHANGED,
            veld: (nieuw == "1") if veld == "bespreekpunt" else nieuw.strip(),
        }
    try:
        antwoord = opslag.sla_antwoord(
            db,
            meting.id,
            cbs,
            vraag_id,
            verwachte_versie=huidig.versie if huidig else 0,
            wie=wie,
            **argumenten,
        )
    except Verouderd as fout:
        return fout.huidig, Conflict(cbs, vraag_id, veld, nieuw, _huidig(fout.huidig, veld))
    return antwoord, None


def bewaar_notitie(
    db, meting, thema_id: str, nieuw: str, origineel: str, wie: str, cbs: str | None = None
) -> Conflict | None:
    """The note on a thema for all gemeenten (``cbs`` None) or for one."""
    cbs = cbs or None
    huidig = opslag.notities(db, meting.id).get((thema_id, cbs))
    nu = huidig.tekst if huidig else ""
    if nieuw.strip() in (origineel.strip(), nu.strip()):
        return None
    if origineel.strip() != nu.strip():
        return Conflict(cbs, None, "notitie", nieuw, nu)
    try:
        opslag.sla_notitie(
            db,
            meting.id,
            thema_id,
            nieuw.strip(),
            cbs=cbs,
            verwachte_versie=huidig.versie if huidig else 0,
            wie=wie,
        )
    except Verouderd:
        return Conflict(
            cbs, None, "notitie", nieuw, opslag.notities(db, meting.id)[(thema_id, cbs)].tekst
        )
    return None


def bewaar_toelichting_voor_alle(
    db,
    meting,
    vraag_id: str,
    nieuw: str,
    origineel: str,
    gezien: Mapping[str, str],
    vervang: Mapping[str, str],
    wie: str,
) -> list[Conflict]:
    """The toelichting typed "voor alle gemeenten": for all, or (refused) for none.

    ``origineel`` is the common text the person saw (empty when the gemeenten differed);
    ``gezien`` the text each gemeente had on their screen; ``vervang`` the gemeenten whose own
    text the person saw listed and agreed to replace (cbs → that text).

    A gemeente's own toelichting (not empty, not the common text, not the new text) is never
    replaced blindly: unless ``vervang`` names it with exactly its stored text, nothing is
    stored and it comes back as a Conflict with ``veld == "eigen_toelichting"``. A text changed
    elsewhere since the page was loaded comes back as an ordinary toelichting Conflict.
    """
    meting.vragenlijst.vraag(vraag_id)  # KeyError for a vraag of another vragenlijst
    nieuw = nieuw.strip()
    huidige = {g.cbs: opslag.antwoord(db, meting.id, g.cbs, vraag_id) for g in meting.gemeenten}
    conflicten: list[Conflict] = []
    for cbs, antwoord in huidige.items():
        nu = (antwoord.toelichting or "").strip()
        if nu == nieuw:
            continue
        if cbs in gezien and gezien[cbs].strip() != nu:
            conflicten.append(Conflict(cbs, vraag_id, "toelichting", nieuw, nu))
        elif nu and nu != origineel.strip() and (vervang.get(cbs) or "").strip() != nu:
            conflicten.append(Conflict(cbs, vraag_id, "eigen_toelichting", nieuw, nu))
    if conflicten:
        return conflicten
    try:
        opslag.sla_antwoord_voor_alle(
            db,
            meting.id,
            vraag_id,
            opslag.UNCHANGED,
            toelichting=nieuw,
            verwachte_versies={cbs: a.versie for cbs, a in huidige.items()},
            wie=wie,
        )
    except Verouderd:
        return [
            Conflict(g.cbs, vraag_id, "toelichting", nieuw, _huidig(a, "toelichting"))
            for g in meting.gemeenten
            if _huidig(a := opslag.antwoord(db, meting.id, g.cbs, vraag_id), "toelichting")
            != (huidige[g.cbs].toelichting or "")
        ]
    return []


def verwerk_thema(
    db, meting, thema: Thema, formulier: Mapping[str, str], wie: str
) -> list[Conflict]:
    """Apply a posted thema screen (the no-JavaScript path).

    Posting an unchanged answer copied from last year does not confirm it: only a change, the
    "same answer for all" button or an explicit ``bevestig`` (one cell) does.

    The whole screen is checked before anything is written: a value that is not on the scale
    raises ValueError and nothing of the post is stored.
    """
    schaal = meting.vragenlijst.schaal
    alle_knoppen: list[tuple[str, int | str | None]] = []
    # vraag, text for all, common text seen, text seen per gemeente, replacements agreed to
    alle_toelichtingen: list[tuple[str, str, str, dict[str, str], dict[str, str]]] = []
    wijzigingen: list[tuple[str, str, str, str, str]] = []  # cbs, vraag, veld, nieuw, origineel
    for vraag in thema.vragen:
        alle = formulier.get(f"alle:{vraag.id}")
        if alle is not None:
            alle_knoppen.append((vraag.id, tekst_als_waarde(alle, schaal)))
        gemeenschappelijk = formulier.get(f"tg:{vraag.id}")
        algemene_toelichting = gemeenschappelijk is not None and (
            gemeenschappelijk.strip() != formulier.get(f"tgo:{vraag.id}", "").strip()
        )
        if algemene_toelichting:
            alle_toelichtingen.append(
                (
                    vraag.id,
                    gemeenschappelijk,
                    formulier.get(f"tgo:{vraag.id}", ""),
                    {
                        g.cbs: formulier[f"to:{g.cbs}:{vraag.id}"]
                        for g in meting.gemeenten
                        if f"to:{g.cbs}:{vraag.id}" in formulier
                    },
                    # Only the button of the question "vervangen?" agrees to replace.
                    {
                        g.cbs: formulier[f"tv:{g.cbs}:{vraag.id}"]
                        for g in meting.gemeenten
                        if f"tv:{g.cbs}:{vraag.id}" in formulier
                    }
                    if formulier.get(f"vervang:{vraag.id}")
                    else {},
                )
            )
        bespreek = "1" if formulier.get(f"b:{vraag.id}") else "0"
        bespreek_was = formulier.get(f"bo:{vraag.id}", bespreek)
        for gemeente in meting.gemeenten:
            sleutel = f"{gemeente.cbs}:{vraag.id}"
            # The "same answer for all" button overrides the row it belongs to.
            if alle is None and f"a:{sleutel}" in formulier:
                nieuw = formulier[f"a:{sleutel}"]
                tekst_als_waarde(nieuw, schaal)
                wijzigingen.append(
                    (gemeente.cbs, vraag.id, "waarde", nieuw, formulier.get(f"ao:{sleutel}", ""))
                )
            nieuw = formulier.get(f"t:{sleutel}")
            if nieuw is not None and not algemene_toelichting:
                wijzigingen.append(
                    (
                        gemeente.cbs,
                        vraag.id,
                        "toelichting",
                        nieuw,
                        formulier.get(f"to:{sleutel}", ""),
                    )
                )
            if bespreek != bespreek_was:
                wijzigingen.append((gemeente.cbs, vraag.id, "bespreekpunt", bespreek, bespreek_was))

    # "Klopt nog" on one answer copied from last year: "cbs:vraag_id".
    bevestig = formulier.get("bevestig")
    if bevestig is not None:
        cbs, _, vraag_id = bevestig.partition(":")
        if vraag_id not in {v.id for v in thema.vragen} or cbs not in {
            g.cbs for g in meting.gemeenten
        }:
            raise ValueError(bevestig)

    conflicten: list[Conflict] = []
    # One transaction for the whole screen: a failure half-way (a full disk, a closed
    # meting) stores none of it. Conflicts per field are not failures: the fields nobody
    # else changed are stored, the others are reported (see the module's docstring).
    with write_transaction(db):
        for vraag_id, waarde in alle_knoppen:
            opslag.sla_antwoord_voor_alle(db, meting.id, vraag_id, waarde, wie=wie)
        for vraag_id, nieuw, origineel, gezien, vervang in alle_toelichtingen:
            conflicten += bewaar_toelichting_voor_alle(
                db, meting, vraag_id, nieuw, origineel, gezien, vervang, wie
            )
        for cbs, vraag_id, veld, nieuw, origineel in wijzigingen:
            _, conflict = bewaar_cel(db, meting, cbs, vraag_id, veld, nieuw, origineel, wie)
            if conflict:
                conflicten.append(conflict)
        if bevestig is not None:
            # After the changes: a cell changed in the same post is confirmed by that already.
            opslag.bevestig_antwoord(db, meting.id, cbs, vraag_id, wie=wie)
        # The note for all ("notitie") and one per gemeente ("notitie:<cbs>").
        for cbs in [None, *(g.cbs for g in meting.gemeenten)]:
            naam = "notitie" if cbs is None else f"notitie:{cbs}"
            if naam in formulier:
                conflict = bewaar_notitie(
                    db,
                    meting,
                    thema.id,
                    formulier[naam],
                    formulier.get(f"{naam}_origineel", ""),
                    wie,
                    cbs,
                )
                if conflict:
                    conflicten.append(conflict)
    return conflicten
