"""The domain rules every write obeys, whoever calls: the web app, the CLI or an import.

One place, so each caller gets the same refusal with the same Dutch message."""

from __future__ import annotations

from typing import Any

from ..errors import (
    OngeldigAntwoord,
    OngeldigeInvoer,
)
from .records import MAX_TEKST, Meting


def wie(wie: str) -> str:
    wie = (wie or "").strip() if isinstance(wie, str) else ""
    if not wie:
        raise OngeldigeInvoer("Onbekend wie deze wijziging doet; log opnieuw in.")
    return wie


def tekst(tekst: Any, wat: str, *, verplicht: bool = False) -> str:
    if tekst is None:
        tekst = ""
    if not isinstance(tekst, str):
        raise OngeldigeInvoer(f"{wat} moet tekst zijn.")
    tekst = tekst.strip()
    if verplicht and not tekst:
        raise OngeldigeInvoer(f"{wat} is verplicht.")
    if len(tekst) > MAX_TEKST:
        raise OngeldigeInvoer(
            f"{wat} is te lang ({len(tekst)} tekens; hoogstens {MAX_TEKST}). Kort haar in."
        )
    return tekst


def thema(m: Meting, thema_id: str) -> None:
    try:
        m.vragenlijst.thema(thema_id)
    except KeyError:
        raise OngeldigeInvoer(
            f"Het thema '{thema_id}' hoort niet bij deze meting (vragenlijst "
            f"{m.vragenlijst.sleutel})."
        ) from None


def cel(m: Meting, cbs: str, vraag_id: str) -> None:
    try:
        m.vragenlijst.vraag(vraag_id)
    except KeyError:
        raise OngeldigAntwoord(
            f"De vraag '{vraag_id}' hoort niet bij deze meting (vragenlijst "
            f"{m.vragenlijst.sleutel})."
        ) from None
    gemeente(m, cbs)


def gemeente(m: Meting, cbs: str) -> None:
    if not any(g.cbs == cbs for g in m.gemeenten):
        namen = ", ".join(f"{g.naam} ({g.cbs})" for g in m.gemeenten)
        raise OngeldigAntwoord(f"Gemeente {cbs} doet niet mee aan deze meting (wel: {namen}).")
