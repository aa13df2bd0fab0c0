"""Template filters and helpers for every page, registered by the app factory."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import Flask

from ..opslag import regels
from ..scores import advies, ontwikkeling, resultaten, weergave


def score_filter(waarde) -> str:
    return weergave.getal(waarde)


def procent_filter(aandeel: float) -> str:
    return f"{round(aandeel * 100)}%"


def verschil_filter(verschil) -> str:
    """+12, −3 (a real minus sign), 0, or – when there is none."""
    return weergave.verschil_tekst(verschil)


# The time the people in the room read on the wall: stored timestamps are UTC.
TIJDZONE = ZoneInfo("Europe/Amsterdam")


def _moment(waarde) -> datetime:
    moment = datetime.fromisoformat(waarde) if isinstance(waarde, str) else waarde
    if moment.tzinfo is None:  # stored timestamps are UTC, with or without the +00:00
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(TIJDZONE)


def datum_filter(waarde) -> str:
    """1 december 2026: a date, or the Amsterdam day of a stored (UTC) timestamp; '' for none."""
    if not waarde:
        return ""
    if isinstance(waarde, date) and not isinstance(waarde, datetime):
        return weergave.datum_nl(waarde)
    if isinstance(waarde, str) and len(waarde) == 10:
        return weergave.datum_nl(date.fromisoformat(waarde))
    return weergave.datum_nl(_moment(waarde).date())


def tijdstip_filter(waarde) -> str:
    """1 december 2026, 14:05 in Europe/Amsterdam, from a stored (UTC) timestamp."""
    if not waarde:
        return ""
    moment = _moment(waarde)
    return f"{weergave.datum_nl(moment.date())}, {moment:%H:%M}"


def resultaat_hulp():
    return {
        "band": resultaten.band,
        "score_tekst": resultaten.score_tekst,
        "BANDEN": resultaten.BANDEN,
        "datum_tekst": ontwikkeling.datum_tekst,
        "VOLGORDE_REGEL": advies.VOLGORDE_REGEL,
        "VERANDERING_REGEL": advies.VERANDERING_REGEL,
        "BEWEGING_REGEL": ontwikkeling.BEWEGING_REGEL,
        "ZWAK_REGEL": resultaten.ZWAK_REGEL,
        "totaal_definitie": advies.totaal_definitie,
        "duur_zin": weergave.duur_zin,
        "nog_duur": weergave.nog_duur,
    }


def init_app(app: Flask) -> None:
    app.add_template_filter(score_filter, "score")
    app.add_template_filter(procent_filter, "procent")
    app.add_template_filter(verschil_filter, "verschil")
    app.add_template_filter(datum_filter, "datum")
    app.add_template_filter(tijdstip_filter, "tijdstip")
    app.context_processor(resultaat_hulp)
    # The store's text limits, for the maxlength of inputs that are not WTForms fields.
    app.jinja_env.globals["limiet"] = {
        soort: hoogstens for soort, (_wat, hoogstens) in regels.TEKSTVELDEN.items()
    }
