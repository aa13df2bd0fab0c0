"""The charts on the results pages, drawn once per content and kept: a radar, the trend and the
overview's heatmap as SVG or PNG bytes.

Drawing a radar takes a few tenths of a second, and the same picture is asked for again and
again while nothing changes; keyed on what is drawn, so any new answer draws afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import Response

from ..grafieken import charts, grafiekstijl
from ..scores import ontwikkeling
from .terugblik import Terugblik

TYPES = {"svg": "image/svg+xml", "png": "image/png"}

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


def radar_reeksen(
    meting, resultaat, cbs: str, blik: Terugblik | None = None
) -> tuple[list[str], list[grafiekstijl.Reeks]]:
    """The radar of one gemeente: its scores, the subregio average and, after a previous
    meting, that meting's scores (comparable questions) and the ambities set there (0–100)."""
    themas = meting.vragenlijst.themas
    gemeente_ = resultaat.gemeente(cbs)
    ontw = blik.per_gemeente.get(cbs) if blik else None
    vergelijkbaar = ontw is not None and ontw.vergelijkbaar
    return [t.label for t in themas], grafiekstijl.radar_reeksen(
        gemeente_.naam,
        [gemeente_.scores.thema(t.id).score for t in themas],
        gemiddelde=[resultaat.per_thema[t.id].gemiddelde for t in themas]
        if len(resultaat.gemeenten) > 1
        else None,
        vorige=[ontw.thema(t.id).vorige for t in themas] if vergelijkbaar else None,
        ambitie=[ontw.thema(t.id).ambitie_score for t in themas] if vergelijkbaar else None,
        vorige_jaar=blik.vorige.jaar if blik else None,
    )


def _inhoudssleutel(soort: str, formaat: str, *delen) -> tuple:
    # Keyed on what is drawn, so any change of an answer, a previous meting or an ambitie draws
    # afresh, and equal pictures are drawn once.
    return (soort, formaat, repr(delen))


def radar(meting, resultaat, cbs, blik, formaat: str) -> bytes:
    labels, lijnen = radar_reeksen(meting, resultaat, cbs, blik)
    # The spokes grouped by onderdeel, as in the report.
    groepen = grafiekstijl.radar_groepen(meting.vragenlijst.onderdelen)
    teken = charts.radar_svg if formaat == "svg" else charts.radar_png
    sleutel = _inhoudssleutel(
        "radar", formaat, labels, [(r.naam, list(r.waarden), r.stijl) for r in lijnen], groepen
    )
    return _gecachet(sleutel, lambda: teken(labels, lijnen, groepen=groepen, grootte="scherm"))


def radar_namen(meting, cbs: str) -> dict[str, str]:
    """Per format the radar's file name, ``zelfscan-2021-0-meting-ijmond-beverwijk-radar.png``:
    on a slide, a name that says which gemeente and meting it shows (the download links and the
    response use it)."""
    from ..rapport import bestandsnaam

    return {formaat: bestandsnaam(meting, cbs, "radar", formaat) for formaat in TYPES}


def radar_antwoord(meting, resultaat, cbs: str, blik: Terugblik | None, formaat: str) -> Response:
    """The radar as a response: shown inline on the page, and saved under its own name."""
    return Response(
        radar(meting, resultaat, cbs, blik, formaat),
        mimetype=TYPES[formaat],
        headers={
            "Content-Disposition": (f'inline; filename="{radar_namen(meting, cbs)[formaat]}"')
        },
    )


def trend_svg_voor(trend: ontwikkeling.Trend) -> bytes:
    lijnen = trend.grafiek()
    sleutel = _inhoudssleutel("trend", "svg", lijnen)
    return _gecachet(sleutel, lambda: charts.trend_svg(lijnen, grootte="scherm"))


def heatmap(meting, resultaat, formaat: str) -> bytes:
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
    return inhoud
