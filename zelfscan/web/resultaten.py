"""Results of a meting: the subregio overview (heatmap) and per gemeente the radar, the scores
with their coverage and the verbeterpunten."""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import Blueprint, Response, abort, current_app, render_template

from .. import charts, resultaten, scoring, store
from .auth import login_vereist
from .db import get_db

bp = Blueprint("resultaten", __name__, url_prefix="/metingen/<int:meting_id>")

# Drawing a radar takes a few tenths of a second; the same picture is asked for again and again
# while nothing changes. Keyed on the meting's fingerprint, so any new answer draws afresh.
_CACHE_GROOTTE = 64
_cache: OrderedDict[tuple, bytes] = OrderedDict()
_cache_slot = threading.Lock()


def _gecachet(sleutel: tuple, maak) -> bytes:
    with _cache_slot:
        if sleutel in _cache:
            _cache.move_to_end(sleutel)
            return _cache[sleutel]
    inhoud = maak()
    with _cache_slot:
        _cache[sleutel] = inhoud
        while len(_cache) > _CACHE_GROOTTE:
            _cache.popitem(last=False)
    return inhoud


def _resultaat(meting_id: int):
    db = get_db()
    meting = store.meting(db, meting_id)
    return meting, resultaten.bereken(meting, store.antwoorden(db, meting_id))


@bp.app_template_filter("score")
def score_filter(waarde) -> str:
    return "–" if waarde is None else str(scoring.afgerond(waarde))


@bp.app_template_filter("procent")
def procent_filter(aandeel: float) -> str:
    return f"{round(aandeel * 100)}%"


@bp.app_context_processor
def resultaat_hulp():
    return {
        "band": resultaten.band,
        "score_tekst": resultaten.score_tekst,
        "BANDEN": resultaten.BANDEN,
    }


@bp.get("/resultaten")
@login_vereist
def overzicht(meting_id: int):
    meting, resultaat = _resultaat(meting_id)
    return render_template(
        "resultaten/overzicht.html", meting=meting, resultaat=resultaat, scoring=scoring
    )


@bp.get("/resultaten/<cbs>")
@login_vereist
def gemeente(meting_id: int, cbs: str):
    meting, resultaat = _resultaat(meting_id)
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
    )


_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def radar_reeksen(meting, resultaat, cbs: str) -> tuple[list[str], list[charts.Reeks]]:
    themas = meting.vragenlijst.themas
    gemeente_ = resultaat.gemeente(cbs)
    reeksen = [
        charts.Reeks(
            gemeente_.naam, [gemeente_.scores.thema(t.id).score for t in themas], "gemeente"
        ),
    ]
    if len(resultaat.gemeenten) > 1:
        reeksen.append(
            charts.Reeks(
                "Gemiddelde subregio",
                [resultaat.per_thema[t.id].gemiddelde for t in themas],
                "gemiddelde",
            )
        )
    return [t.label for t in themas], reeksen


def radar_svg_voor(meting, resultaat, cbs: str) -> bytes:
    labels, reeksen = radar_reeksen(meting, resultaat, cbs)
    sleutel = (
        "radar",
        current_app.config["DATABASE"],
        meting.id,
        store.stand(get_db(), meting.id),
        cbs,
        "svg",
    )
    return _gecachet(sleutel, lambda: charts.radar_svg(labels, reeksen, grootte="scherm"))


def pdf_antwoord(meting_id: int, cbs: str | None) -> Response:
    """The report as a download, named after gemeente, meting and year."""
    from .. import rapport

    db = get_db()
    meting = store.meting(db, meting_id)
    if cbs is not None:
        try:
            meting.gemeente(cbs)
        except KeyError:
            abort(404)
        inhoud = rapport.gemeente_rapport(db, meting_id, cbs)
    else:
        inhoud = rapport.overzicht_rapport(db, meting_id)
    return Response(
        inhoud,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{rapport.bestandsnaam(meting, cbs)}"'
        },
    )


@bp.get("/rapport/<cbs>.pdf")
@login_vereist
def rapport(meting_id: int, cbs: str):
    return pdf_antwoord(meting_id, cbs)


@bp.get("/rapport/overzicht.pdf")
@login_vereist
def rapport_overzicht(meting_id: int):
    return pdf_antwoord(meting_id, None)


@bp.get("/grafiek/radar-<cbs>.<formaat>")
@login_vereist
def radar(meting_id: int, cbs: str, formaat: str):
    if formaat not in _TYPES:
        abort(404)
    meting, resultaat = _resultaat(meting_id)
    try:
        labels, reeksen = radar_reeksen(meting, resultaat, cbs)
    except KeyError:
        abort(404)
    teken = charts.radar_svg if formaat == "svg" else charts.radar_png
    sleutel = (
        "radar",
        current_app.config["DATABASE"],
        meting_id,
        store.stand(get_db(), meting_id),
        cbs,
        formaat,
    )
    inhoud = _gecachet(sleutel, lambda: teken(labels, reeksen, grootte="scherm"))
    return Response(inhoud, mimetype=_TYPES[formaat])


@bp.get("/grafiek/overzicht.<formaat>")
@login_vereist
def heatmap(meting_id: int, formaat: str):
    if formaat not in _TYPES:
        abort(404)
    meting, resultaat = _resultaat(meting_id)
    themas = meting.vragenlijst.themas
    # On screen the thema's go down the rows: 26 columns would shrink the text past reading.
    waarden = [[g.scores.thema(t.id).score for g in resultaat.gemeenten] for t in themas]
    teken = charts.heatmap_svg if formaat == "svg" else charts.heatmap_png
    sleutel = (
        "heatmap",
        current_app.config["DATABASE"],
        meting_id,
        store.stand(get_db(), meting_id),
        formaat,
    )
    inhoud = _gecachet(
        sleutel,
        lambda: teken(
            [t.label for t in themas],
            [g.naam for g in resultaat.gemeenten],
            waarden,
            grootte="scherm",
        ),
    )
    return Response(inhoud, mimetype=_TYPES[formaat])
