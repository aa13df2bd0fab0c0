"""Results of a meting: the subregio overview (heatmap) and per gemeente the radar, the scores
with their coverage and the verbeterpunten."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import Blueprint, Response, abort, render_template

from .. import charts, ontwikkeling, resultaten, scoring, store
from .auth import login_vereist
from .db import catalogus, get_db

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


# --- development since the previous meting -------------------------------------------------------


@dataclass(frozen=True)
class Terugblik:
    """What a results page needs to compare a meting with the ones before it."""

    vorige: store.Meting
    per_gemeente: dict[str, ontwikkeling.GemeenteOntwikkeling]
    beweging: dict[str, ontwikkeling.Beweging]
    wijzigingen: tuple[ontwikkeling.Deelnamewijziging, ...]
    keten: tuple[store.Meting, ...]  # this meting and its predecessors, newest first
    antwoorden: dict[int, dict]  # per meting of the chain (filled only for a trend)

    @property
    def met_trend(self) -> bool:
        return len(self.keten) >= ontwikkeling.TREND_VANAF

    def trend(self, cbs: str | None) -> ontwikkeling.Trend | None:
        if not self.met_trend:
            return None
        return ontwikkeling.trend(self.keten, self.antwoorden, cbs)

    def opgegaan_in(self, cbs: str) -> tuple[ontwikkeling.Deelnamewijziging, ...]:
        return ontwikkeling.opgegaan_in(self.wijzigingen, cbs)


def _regio_gemeenten(meting) -> list:
    try:
        regio = catalogus().regio(meting.regio_id)
    except KeyError:
        return []
    eigen = [s for s in regio.subregios if s.id == meting.subregio_id]
    andere = [s for s in regio.subregios if s.id != meting.subregio_id]
    return [gm for s in (*eigen, *andere) for gm in s.gemeenten]


def terugblik(db, meting, antwoorden) -> Terugblik | None:
    """The comparison with the previous meting, or None when there is none in this database."""
    if meting.vorige_meting_id is None:
        return None
    keten = tuple(store.keten(db, meting.id))
    vorige = keten[1]
    vorige_antwoorden = store.antwoorden(db, vorige.id)
    ambities = store.ambities(db, vorige.id)
    per_gemeente = {
        gm.cbs: ontwikkeling.ontwikkeling(
            vorige, vorige_antwoorden, meting, antwoorden, ambities, gm.cbs
        )
        for gm in meting.gemeenten
    }
    alle = {meting.id: antwoorden, vorige.id: vorige_antwoorden}
    if len(keten) >= ontwikkeling.TREND_VANAF:
        alle |= {m.id: store.antwoorden(db, m.id) for m in keten[2:]}
    return Terugblik(
        vorige=vorige,
        per_gemeente=per_gemeente,
        beweging=ontwikkeling.beweging(list(per_gemeente.values())),
        wijzigingen=ontwikkeling.deelname_wijzigingen(
            vorige.gemeenten, meting.gemeenten, _regio_gemeenten(meting)
        ),
        keten=keten,
        antwoorden=alle,
    )


def _gegevens(meting_id: int):
    db = get_db()
    meting = store.meting(db, meting_id)
    antwoorden = store.antwoorden(db, meting_id)
    return meting, resultaten.bereken(meting, antwoorden), terugblik(db, meting, antwoorden)


@bp.app_template_filter("score")
def score_filter(waarde) -> str:
    return "–" if waarde is None else str(scoring.afgerond(waarde))


@bp.app_template_filter("procent")
def procent_filter(aandeel: float) -> str:
    return f"{round(aandeel * 100)}%"


@bp.app_template_filter("verschil")
def verschil_filter(verschil) -> str:
    """+12, −3 (a real minus sign), 0, or – when there is none."""
    if verschil is None:
        return "–"
    getal = scoring.afgerond(verschil)
    return f"+{getal}" if getal > 0 else (f"−{-getal}" if getal < 0 else "0")


@bp.app_context_processor
def resultaat_hulp():
    return {
        "band": resultaten.band,
        "score_tekst": resultaten.score_tekst,
        "BANDEN": resultaten.BANDEN,
        "datum_tekst": ontwikkeling.datum_tekst,
        "GELIJK_MARGE": scoring.GELIJK_MARGE,
    }


@bp.get("/resultaten")
@login_vereist
def overzicht(meting_id: int):
    meting, resultaat, blik = _gegevens(meting_id)
    return render_template(
        "resultaten/overzicht.html",
        meting=meting,
        resultaat=resultaat,
        scoring=scoring,
        terugblik=blik,
        trend=blik.trend(None) if blik else None,
    )


def gemeente_context(meting, resultaat, blik: Terugblik | None, cbs: str) -> dict:
    """What templates/resultaten/_gemeente_inhoud.html needs beyond the meting's own results
    (shared by the facilitator's page and the gemeente's private link)."""
    return {
        "terugblik": blik,
        "ontw": blik.per_gemeente.get(cbs) if blik else None,
        "trend": blik.trend(cbs) if blik else None,
        "opgegaan": blik.opgegaan_in(cbs) if blik else (),
    }


@bp.get("/resultaten/<cbs>")
@login_vereist
def gemeente(meting_id: int, cbs: str):
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
        **gemeente_context(meting, resultaat, blik, cbs),
    )


_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def radar_reeksen(
    meting, resultaat, cbs: str, blik: Terugblik | None = None
) -> tuple[list[str], list[charts.Reeks]]:
    """The radar of one gemeente: its scores, the subregio average and, after a previous
    meting, that meting's scores (comparable questions) and the ambities set there (0–100)."""
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
    ontw = blik.per_gemeente.get(cbs) if blik else None
    if ontw is not None and ontw.vergelijkbaar:
        vorige = [ontw.thema(t.id).vorige for t in themas]
        if any(w is not None for w in vorige):
            reeksen.append(charts.Reeks(f"Vorige meting ({blik.vorige.jaar})", vorige, "vorige"))
        ambitie = [ontw.thema(t.id).ambitie_score for t in themas]
        if any(w is not None for w in ambitie):
            reeksen.append(
                charts.Reeks(f"Ambitie (gesteld in {blik.vorige.jaar})", ambitie, "ambitie")
            )
    return [t.label for t in themas], reeksen


def _inhoudssleutel(soort: str, formaat: str, *delen) -> tuple:
    # Keyed on what is drawn, so any change of an answer, a previous meting or an ambitie draws
    # afresh, and equal pictures are drawn once.
    return (soort, formaat, repr(delen))


def radar_svg_voor(meting, resultaat, cbs: str, blik: Terugblik | None = None) -> bytes:
    return _radar(meting, resultaat, cbs, blik, "svg")


def _radar(meting, resultaat, cbs, blik, formaat: str) -> bytes:
    labels, reeksen = radar_reeksen(meting, resultaat, cbs, blik)
    teken = charts.radar_svg if formaat == "svg" else charts.radar_png
    sleutel = _inhoudssleutel(
        "radar", formaat, labels, [(r.naam, list(r.waarden), r.stijl) for r in reeksen]
    )
    return _gecachet(sleutel, lambda: teken(labels, reeksen, grootte="scherm"))


def trend_svg_voor(trend: ontwikkeling.Trend) -> bytes:
    reeksen = trend.grafiek()
    sleutel = _inhoudssleutel("trend", "svg", reeksen)
    return _gecachet(sleutel, lambda: charts.trend_svg(reeksen, grootte="scherm"))


# One report at a time in this process: reportlab's build is serialised anyway, and reports made
# in parallel on waitress's threads left every thread's malloc arena at its own high-water mark
# (the server grew past 350 MB when the reports still held raster charts).
_RAPPORT_SLOT = threading.Lock()


def _geef_geheugen_terug() -> None:
    # glibc keeps freed memory in per-thread arenas; hand it back after a report.
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc (macOS, Windows, musl): nothing to do


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
    with _RAPPORT_SLOT:
        try:
            if cbs is not None:
                inhoud = rapport.gemeente_rapport(db, meting_id, cbs)
            else:
                inhoud = rapport.overzicht_rapport(db, meting_id)
        finally:
            _geef_geheugen_terug()
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
    meting, resultaat, blik = _gegevens(meting_id)
    try:
        resultaat.gemeente(cbs)
    except KeyError:
        abort(404)
    return Response(_radar(meting, resultaat, cbs, blik, formaat), mimetype=_TYPES[formaat])


@bp.get("/grafiek/trend.svg", defaults={"cbs": None})
@bp.get("/grafiek/trend-<cbs>.svg")
@login_vereist
def trend(meting_id: int, cbs: str | None):
    """Scores per onderdeel over three or more metingen: of a gemeente, or the subregio's mean."""
    meting, _, blik = _gegevens(meting_id)
    if cbs is not None and not any(gm.cbs == cbs for gm in meting.gemeenten):
        abort(404)
    gevonden = blik.trend(cbs) if blik else None
    if gevonden is None:
        abort(404)
    return Response(trend_svg_voor(gevonden), mimetype="image/svg+xml")


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
    sleutel = _inhoudssleutel(
        "heatmap",
        formaat,
        [t.label for t in themas],
        [g.naam for g in resultaat.gemeenten],
        waarden,
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
