"""The ambities form of a gemeente's link page: what its fields show, and a posted form read and
checked field by field.

No Flask here: a posted form is a plain mapping. Every field is checked before anything is
saved; a wrong one comes back with its message beside it and in the error summary, and every
field keeps what was typed, so nothing is lost (acceptance review of issue 20).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import OngeldigeInvoer
from ..opslag import regels
from ..opslag.records import Ambitie, Meting

# The fields of one thema: (form name, how the error summary names it). The form's names are
# f"{name}:{thema.id}", the ids f"{name}-{thema.id}".
VELDEN = (
    ("niveau", "ambitie"),
    ("tekst", "toelichting"),
    ("wie", "wie"),
    ("wanneer", "wanneer"),
)


@dataclass(frozen=True)
class Invoer:
    """What one thema's fields show: as saved, or as typed."""

    niveau: str = ""
    tekst: str = ""
    wie: str = ""
    wanneer: str = ""


@dataclass(frozen=True)
class Fout:
    veld_id: str  # the control's id, which the summary links to
    naam: str  # 'Visie en beleid, wanneer'
    melding: str


@dataclass
class Gelezen:
    invoer: dict[str, Invoer] = field(default_factory=dict)
    fouten: list[Fout] = field(default_factory=list)
    # (thema_id, niveau or None, tekst, wie, wanneer) per thema, for the store.
    wijzigingen: list[tuple[str, int | None, str, str, str]] = field(default_factory=list)


def opgeslagen(meting: Meting, ambities: Mapping[str, Ambitie]) -> dict[str, Invoer]:
    """The fields as saved: per thema id, a wanneer as a reader writes it ('30 juni 2027')."""
    from ..scores import weergave  # scores load with the first page that needs them (issue 13)

    uit = {}
    for thema in meting.vragenlijst.themas:
        a = ambities.get(thema.id)
        uit[thema.id] = (
            Invoer(
                niveau=str(a.niveau) if a.niveau is not None else "",
                tekst=a.tekst or "",
                wie=a.wie or "",
                wanneer=weergave.wanneer_tekst(a.wanneer),
            )
            if a is not None
            else Invoer()
        )
    return uit


def _fout(thema, naam: str, melding: str) -> Fout:
    return Fout(f"{naam}-{thema.id}", f"{thema.titel}, {dict(VELDEN)[naam]}", melding)


def _regel(thema, naam: str, regel, waarde: str) -> Fout | None:
    try:
        regel(waarde)
    except OngeldigeInvoer as fout:
        return _fout(thema, naam, str(fout))
    return None


def lees(meting: Meting, formulier: Mapping[str, str]) -> Gelezen:
    """A posted form, every field checked with the store's own rules (regels)."""
    niveaus = {n.waarde for n in meting.vragenlijst.schaal.niveaus}
    gelezen = Gelezen()
    for thema in meting.vragenlijst.themas:
        invoer = Invoer(**{naam: formulier.get(f"{naam}:{thema.id}") or "" for naam, _ in VELDEN})
        gelezen.invoer[thema.id] = invoer
        keuze = invoer.niveau.strip()
        niveau = regels.geheel_getal(keuze) if keuze else None
        fouten = [
            _fout(thema, "niveau", "Kies een ambitie uit de lijst.")
            if keuze and niveau not in niveaus
            else None,
            _regel(thema, "tekst", lambda w: regels.veld("ambitie", w), invoer.tekst),
            _regel(thema, "wie", lambda w: regels.veld("ambitie_wie", w), invoer.wie),
            _regel(thema, "wanneer", regels.wanneer, invoer.wanneer),
            # Text without a level would be thrown away (an ambitie is its level): say so
            # instead of "opgeslagen" over an empty field (found in review).
            _fout(
                thema,
                "niveau",
                "Kies een ambitie, of maak toelichting, wie en wanneer leeg: zonder ambitie "
                "worden die niet bewaard.",
            )
            if not keuze and any(w.strip() for w in (invoer.tekst, invoer.wie, invoer.wanneer))
            else None,
        ]
        if fouten := [f for f in fouten if f is not None]:
            gelezen.fouten += fouten
        else:
            gelezen.wijzigingen.append(
                (thema.id, niveau, invoer.tekst.strip(), invoer.wie.strip(), invoer.wanneer.strip())
            )
    return gelezen
