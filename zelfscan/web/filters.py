"""Template filters and helpers for every page, registered by the app factory."""

from __future__ import annotations

from flask import Flask

from ..opslag import regels
from ..scores import ontwikkeling, resultaten, scoring, weergave


def score_filter(waarde) -> str:
    return weergave.getal(waarde)


def procent_filter(aandeel: float) -> str:
    return f"{round(aandeel * 100)}%"


def verschil_filter(verschil) -> str:
    """+12, −3 (a real minus sign), 0, or – when there is none."""
    return weergave.verschil_tekst(verschil)


def resultaat_hulp():
    return {
        "band": resultaten.band,
        "score_tekst": resultaten.score_tekst,
        "BANDEN": resultaten.BANDEN,
        "datum_tekst": ontwikkeling.datum_tekst,
        "GELIJK_MARGE": scoring.GELIJK_MARGE,
    }


def init_app(app: Flask) -> None:
    app.add_template_filter(score_filter, "score")
    app.add_template_filter(procent_filter, "procent")
    app.add_template_filter(verschil_filter, "verschil")
    app.context_processor(resultaat_hulp)
    # The store's text limits, for the maxlength of inputs that are not WTForms fields.
    app.jinja_env.globals["limiet"] = {
        soort: hoogstens for soort, (_wat, hoogstens) in regels.TEKSTVELDEN.items()
    }
