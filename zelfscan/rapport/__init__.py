"""PDF reports: one per gemeente, an overview of a meting for the project lead and the
stuurgroep, and an overview of a whole regio in one year; and a meting's workbook (XLSX,
:mod:`.werkmap`) for those who work on in a spreadsheet.

Gathering (:mod:`.gegevens` and :mod:`.overzichtgegevens`: plain dataclasses, pure and testable) is kept apart from layout
(:mod:`.gemeente`, :mod:`.overzicht`, :mod:`.regio`, :mod:`.opmaak`: reportlab Platypus). Same data, same PDF:
the bytes are identical for identical data.
"""

from __future__ import annotations

import re
import unicodedata

from .gegevens import verzamel_gemeente, zoek_gemeente
from .overzichtgegevens import verzamel_overzicht


def gemeente_rapport(db, meting_id: int, cbs: str) -> bytes:
    """The report of one gemeente in a meting, as PDF bytes. Raises NietGevonden (a Dutch
    message) for an unknown meting or a gemeente that did not take part."""
    return gemeente_pdf(verzamel_gemeente(db, meting_id, cbs))


def gemeente_pdf(gegevens) -> bytes:
    """The gemeente report of gathered data (``verzamel_gemeente``): gathering and layout
    apart, so a caller can recognise data it made a PDF of before."""
    from . import gemeenterapport

    return gemeenterapport.maak(gegevens)


def overzicht_rapport(db, meting_id: int) -> bytes:
    """The subregio overview of a meting (all its gemeenten), as PDF bytes."""
    return overzicht_pdf(verzamel_overzicht(db, meting_id))


def overzicht_pdf(gegevens) -> bytes:
    """The overview report of gathered data (``verzamel_overzicht``)."""
    from . import overzichtrapport

    return overzichtrapport.maak(gegevens)


def regio_rapport(db, regio_id: str, jaar: int) -> bytes:
    """The overview of a whole regio in one year (every subregio's meting, the afgeronde and
    newest when a subregio has several), as PDF bytes. Raises NietGevonden (a Dutch message)
    when the regio has no metingen in that year."""
    from . import regiorapport

    return regiorapport.maak(regiorapport.verzamel_regio(db, regio_id, jaar))


def _slug(tekst: str) -> str:
    plat = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plat.lower()).strip("-")


def bestandsnaam(meting, cbs: str | None, wat: str = "", extensie: str = "pdf") -> str:
    """``zelfscan-2021-0-meting-ijmond-beverwijk.pdf``; ``cbs=None`` gives the overview,
    ``zelfscan-2021-0-meting-ijmond-overzicht.pdf``. ASCII, lowercase, no spaces. Other
    downloads say what they are: ``wat="radar", extensie="png"`` gives
    ``zelfscan-2021-0-meting-ijmond-beverwijk-radar.png``, ``cbs=None, wat="werkmap",
    extensie="xlsx"`` gives ``zelfscan-2021-0-meting-ijmond-werkmap.xlsx``."""
    if cbs is None:
        wie = "" if wat else "overzicht"
    else:
        try:
            wie = meting.gemeente(cbs).naam
        except KeyError:
            wie = cbs
    delen = ["zelfscan", str(meting.jaar), meting.soort, meting.subregio_naam, wie, wat]
    return "-".join(filter(None, (_slug(d) for d in delen))) + "." + extensie


def bestandsnaam_regio(regio_id: str, jaar: int) -> str:
    """``zelfscan-2021-regio-kennemerland.pdf``: ASCII, lowercase, no spaces."""
    return f"zelfscan-{jaar}-regio-{_slug(str(regio_id)) or 'onbekend'}.pdf"


__all__ = [
    "bestandsnaam",
    "bestandsnaam_regio",
    "gemeente_pdf",
    "gemeente_rapport",
    "overzicht_pdf",
    "overzicht_rapport",
    "regio_rapport",
    "verzamel_gemeente",
    "verzamel_overzicht",
    "zoek_gemeente",
]
