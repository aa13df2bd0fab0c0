"""Results of a meting: the subregio overview (heatmap) and per gemeente the radar, the scores
with their coverage and the verbeterpunten."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template

from .. import opslag
from . import rapportlevering
from .auth import login_vereist
from .verzoekdb import get_db

# Scoring, comparisons and charts load with the first results page or chart, not when the
# server starts (issue 13): the views import them.

bp = Blueprint("resultaten", __name__, url_prefix="/metingen/<int:meting_id>")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _resultaat(meting_id: int):
    from ..scores import resultaten

    db = get_db()
    meting = opslag.meting(db, meting_id)
    return meting, resultaten.bereken(meting, opslag.antwoorden(db, meting_id))


def _gegevens(meting_id: int):
    from ..scores import resultaten
    from .terugblik import terugblik

    db = get_db()
    meting = opslag.meting(db, meting_id)
    antwoorden = opslag.antwoorden(db, meting_id)
    return meting, resultaten.bereken(meting, antwoorden), terugblik(db, meting, antwoorden)


@bp.get("/resultaten")
@login_vereist
def overzicht(meting_id: int):
    from ..scores import scoring
    from .terugblik import uitleg_bij_scores

    meting, resultaat, blik = _gegevens(meting_id)
    return render_template(
        "resultaten/overzicht.html",
        meting=meting,
        resultaat=resultaat,
        scoring=scoring,
        terugblik=blik,
        trend=blik.trend(None) if blik else None,
        **uitleg_bij_scores(),
    )


@bp.get("/resultaten/<cbs>")
@login_vereist
def gemeente(meting_id: int, cbs: str):
    from ..scores import scoring
    from . import tekeningen
    from .terugblik import gemeente_context

    meting, resultaat, blik = _gegevens(meting_id)
    try:
        gemeente_ = resultaat.gemeente(cbs)
    except KeyError:
        abort(404)
    return render_template(
        "resultaten/gemeente.html",
        meting=meting,
        resultaat=resultaat,
        gemeente=gemeente_,
        scoring=scoring,
        radar_namen=tekeningen.radar_namen(meting, cbs),
        **gemeente_context(meting, resultaat, blik, cbs),
    )


def pdf_antwoord(meting_id: int, cbs: str | None) -> Response:
    """The report of gemeente ``cbs`` (None: the subregio overview) as a download, named after
    gemeente, meting and year; 503 with Retry-After while the slots for making reports are all
    taken (see rapportlevering)."""
    from .. import rapport

    db = get_db()
    meting = opslag.meting(db, meting_id)
    if cbs is not None:
        try:
            meting.gemeente(cbs)
        except KeyError:
            abort(404)
        gegevens = rapport.verzamel_gemeente(db, meting_id, cbs)
        bouw = rapport.gemeente_pdf
    else:
        gegevens = rapport.verzamel_overzicht(db, meting_id)
        bouw = rapport.overzicht_pdf
    naam = rapport.bestandsnaam(meting, cbs)
    return rapportlevering.download((meting_id, cbs), gegevens, bouw, naam)


@bp.get("/rapport/<cbs>.pdf")
@login_vereist
def rapport(meting_id: int, cbs: str):
    return pdf_antwoord(meting_id, cbs)


@bp.get("/rapport/overzicht.pdf")
@login_vereist
def rapport_overzicht(meting_id: int):
    return pdf_antwoord(meting_id, None)


@bp.get("/werkmap.xlsx")
@login_vereist
def werkmap_xlsx(meting_id: int):
    """The meting's workbook: scores, verbeterpunten, ambities and answers (rapport.werkmap)."""
    from .. import rapport
    from ..rapport import werkmap

    gegevens = werkmap.verzamel_werkmap(get_db(), meting_id)
    return rapportlevering.download(
        (meting_id, "werkmap"),
        gegevens,
        werkmap.maak,
        rapport.bestandsnaam(gegevens.meting, None, "werkmap", "xlsx"),
        XLSX,
    )


@bp.get("/grafiek/radar-<cbs>.<formaat>")
@login_vereist
def radar(meting_id: int, cbs: str, formaat: str):
    from . import tekeningen
    from .tekeningen import TYPES

    if formaat not in TYPES:
        abort(404)
    meting, resultaat, blik = _gegevens(meting_id)
    try:
        resultaat.gemeente(cbs)
    except KeyError:
        abort(404)
    return tekeningen.radar_antwoord(meting, resultaat, cbs, blik, formaat)


@bp.get("/grafiek/trend.svg", defaults={"cbs": None})
@bp.get("/grafiek/trend-<cbs>.svg")
@login_vereist
def trend(meting_id: int, cbs: str | None):
    """Scores per onderdeel over three or more metingen: of a gemeente, or the subregio's mean."""
    from . import tekeningen

    meting, _, blik = _gegevens(meting_id)
    if cbs is not None and not any(gm.cbs == cbs for gm in meting.gemeenten):
        abort(404)
    gevonden = blik.trend(cbs) if blik else None
    if gevonden is None:
        abort(404)
    return Response(tekeningen.trend_svg_voor(gevonden), mimetype="image/svg+xml")


@bp.get("/grafiek/overzicht.<formaat>")
@login_vereist
def heatmap(meting_id: int, formaat: str):
    from . import tekeningen
    from .tekeningen import TYPES

    if formaat not in TYPES:
        abort(404)
    meting, resultaat = _resultaat(meting_id)
    return Response(tekeningen.heatmap(meting, resultaat, formaat), mimetype=TYPES[formaat])
