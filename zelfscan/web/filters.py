"""Template filters and helpers for every page, registered by the app factory.

The scoring modules load with the first page that shows a score, not when the server starts
(issue 13): the helpers that need them import them when called.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import Flask

from ..opslag import regels


def score_filter(waarde) -> str:
    from ..scores import weergave

    return weergave.getal(waarde)


def procent_filter(aandeel: float) -> str:
    return f"{round(aandeel * 100)}%"


def verschil_filter(verschil) -> str:
    """+12, −3 (a real minus sign), 0, or – when there is none."""
    from ..scores import weergave

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
        return regels.datum_tekst(waarde)
    if isinstance(waarde, str) and len(waarde) == 10:
        return regels.datum_tekst(date.fromisoformat(waarde))
    return regels.datum_tekst(_moment(waarde).date())


def tijdstip_filter(waarde) -> str:
    """1 december 2026, 14:05 in Europe/Amsterdam, from a stored (UTC) timestamp."""
    if not waarde:
        return ""
    moment = _moment(waarde)
    return f"{regels.datum_tekst(moment.date())}, {moment:%H:%M}"


def band(score) -> str | None:
    """The band of a score ('sterk', 'midden', 'zwak'), for a cell's colour."""
    from ..scores import resultaten

    return resultaten.band(score)


def score_tekst(thema_score) -> str:
    from ..scores import resultaten

    return resultaten.score_tekst(thema_score)


def duur_zin(vragenlijst, aantal_gemeenten: int) -> str | None:
    """'ca. 2 uur 30 voor 4 gemeenten' (the meting page), or None without a duur."""
    from ..scores import weergave

    return weergave.duur_zin(vragenlijst, aantal_gemeenten)


def wanneer_filter(waarde) -> str:
    from ..scores import weergave

    return weergave.wanneer_tekst(waarde)


def nog_duur(vragenlijst, aantal_gemeenten: int, klaar) -> str | None:
    """'nog ca. 1 uur 10' during a session, or None without a duur (see weergave.nog_duur)."""
    from ..scores import weergave

    return weergave.nog_duur(vragenlijst, aantal_gemeenten, klaar)


def init_app(app: Flask) -> None:
    app.add_template_filter(score_filter, "score")
    app.add_template_filter(procent_filter, "procent")
    app.add_template_filter(verschil_filter, "verschil")
    app.add_template_filter(datum_filter, "datum")
    app.add_template_filter(tijdstip_filter, "tijdstip")
    app.jinja_env.globals.update(
        band=band,
        score_tekst=score_tekst,
        datum_tekst=regels.datum_tekst,
        duur_zin=duur_zin,
        nog_duur=nog_duur,
    )
    # By when an ambitie is meant to be reached, as stored → 'Q2 2027', '30 juni 2027'.
    app.add_template_filter(wanneer_filter, "wanneer")
    # The store's text limits, for the maxlength of inputs that are not WTForms fields.
    app.jinja_env.globals["limiet"] = {
        soort: hoogstens for soort, (_wat, hoogstens) in regels.TEKSTVELDEN.items()
    } | {"wanneer": regels.MAX_WANNEER}
