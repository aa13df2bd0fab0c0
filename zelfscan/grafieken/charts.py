"""Charts as PNG or SVG bytes: a radar per gemeente, an overview heatmap, a trend line.

matplotlib is imported inside the functions, never at module level: importing it costs about a
second, which the web app should not pay at start-up for a page that may never draw a chart.

Charts are drawn on a plain :class:`matplotlib.figure.Figure` with the Agg canvas, never through
pyplot (whose global state is not safe in a threaded web server), and one chart is drawn at a
time (a lock), because matplotlib's settings (``rcParams``) are global.

Output is reproducible: the same input gives the same bytes (fixed SVG hash salt, no dates or
version strings in the metadata). SVG keeps text as text (``svg.fonttype = 'none'``), so it stays
searchable and sharp. The font is DejaVu Sans, which ships with matplotlib (works offline).

What a chart shows and how it looks (series, colours, line styles) is in :mod:`.grafiekstijl`,
shared with the PDF reports' vector drawings.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..scores.scoring import afgerond
from . import radarvorm
from .grafiekstijl import (
    BAND_KLEUR,
    BAND_MERK,
    GEEN_SCORE,
    GRENS_DIKTE,
    GRENS_KLEUR,
    GRENS_UIT,
    GRIJS,
    GROEP_REGEL,
    HEATMAP_TEKST,
    LEEG_ARCERING,
    LEEG_TEKEN,
    LEEG_VLAK,
    MERK,
    MERK_KLEUR,
    NUMMER_RING,
    ONTBREEKT,
    REEKS_STIJL,
    ROOSTER,
    Groep,
    Reeks,
    controleer_groepen,
    controleer_score,
    heatmap_cellen,
    heatmap_inhoud_breedte,
    heatmap_kleur,
    heatmap_merk,
    heatmap_plekken,
    heatmap_sleutel,
    radar_waarden,
    reeks_kleuren,
    trend_stijl,
)
from .radarvorm import radar_label, uitlijning

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

Grootte = Literal["print", "scherm"]


_PRINT_DPI = 200
_SCHERM_DPI = 100


# --- common machinery ---------------------------------------------------------------------------

_SLOT = threading.Lock()

_RC = {
    "font.family": "DejaVu Sans",
    "svg.fonttype": "none",  # text stays text in SVG
    "svg.hashsalt": "zelfscan",  # stable ids in SVG, hence identical bytes for identical input
    "hatch.linewidth": 0.6,
}


@dataclass(frozen=True)
class _Maat:
    """Resolution and font sizes (points) for one kind of output."""

    dpi: int
    tekst: float  # axis labels, cell values
    klein: float  # tick labels
    legenda: float
    titel: float


_MATEN = {
    # Print: 200 dpi, fonts sized for a chart about 16 cm wide on A4.
    "print": _Maat(dpi=_PRINT_DPI, tekst=8.5, klein=7, legenda=8.5, titel=12),
    # Projector: 1280×720 px at 100 dpi; nothing under ~14 px so it reads from the back.
    "scherm": _Maat(dpi=_SCHERM_DPI, tekst=11, klein=10, legenda=12.5, titel=16),
}


def _maat(grootte: str) -> _Maat:
    try:
        return _MATEN[grootte]
    except KeyError:
        raise ValueError(f"onbekende grootte {grootte!r}: kies 'print' of 'scherm'") from None


def _figuur(breedte: float, hoogte: float, dpi: int) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figuur = Figure(figsize=(breedte, hoogte), dpi=dpi, facecolor="white")
    FigureCanvasAgg(figuur)
    return figuur


def _teken(bouw, formaat: str, grootte: str, *args, **kwargs) -> bytes:
    import matplotlib

    maat = _maat(grootte)
    with _SLOT, matplotlib.rc_context(_RC):
        figuur = bouw(*args, maat=maat, grootte=grootte, **kwargs)
        buffer = io.BytesIO()
        # PNG: no 'Software' (it names the matplotlib version); SVG: no date.
        metadata = {"Software": None} if formaat == "png" else {"Date": None}
        figuur.savefig(buffer, format=formaat, dpi=figuur.dpi, metadata=metadata, facecolor="white")
        return buffer.getvalue()


# --- radar --------------------------------------------------------------------------------------


def radar_png(
    labels: Sequence[str],
    reeksen: Sequence[Reeks],
    *,
    groepen: Sequence[Groep] | None = None,
    titel: str | None = None,
    grootte: Grootte = "print",
    geen_score: str = GEEN_SCORE,
) -> bytes:
    """A radar chart as PNG: one axis per label (a thema's short label), 0 on a small inner
    circle (so a 0 shows), 100 at the rim. The first 'gemeente' series is the main one: its
    missing values are marked with a hatched grey sector and the legend entry ``geen_score``.
    Labels are wrapped at about 14 characters, never cut, and kept clear of each other (a label
    moved out gets a thin leader line). ``groepen`` (the onderdelen: title and thema count, in
    order): a darker spoke between two, a number on the rim in each, the titles in the legend.
    Print: 7.5×8 inch at 200 dpi (1500×1600 px), 0.2 inch higher per onderdeel; scherm:
    1280×720 px."""
    return _teken(
        _radar, "png", grootte, labels, reeksen, groepen=groepen, titel=titel, geen_score=geen_score
    )


def radar_svg(
    labels: Sequence[str],
    reeksen: Sequence[Reeks],
    *,
    groepen: Sequence[Groep] | None = None,
    titel: str | None = None,
    grootte: Grootte = "print",
    geen_score: str = GEEN_SCORE,
) -> bytes:
    """As :func:`radar_png`, as SVG with text kept as text."""
    return _teken(
        _radar, "svg", grootte, labels, reeksen, groepen=groepen, titel=titel, geen_score=geen_score
    )


class _Nummer:
    """A legend handle: an onderdeel's number in a ring, as on the chart's rim."""

    def __init__(self, nummer: int, punten: float):
        self.nummer, self.punten = nummer, punten


class _NummerTekenaar:
    """Draws a :class:`_Nummer` in the legend (matplotlib's handler protocol)."""

    def legend_artist(self, legend, handle, fontsize, handlebox):
        x = handlebox.xdescent + handlebox.width / 2
        y = handlebox.ydescent + handlebox.height / 2
        artists = _nummer_artists(x, y, handle.nummer, handle.punten, handlebox.get_transform())
        for artist in artists:
            handlebox.add_artist(artist)
        return artists[0]


def _nummer_artists(x, y, nummer: int, punten: float, transform) -> list:
    """An onderdeel's number in a white ring centred on (x, y)."""
    from matplotlib.lines import Line2D
    from matplotlib.text import Text

    return [
        Line2D(
            [x],
            [y],
            marker="o",
            markersize=NUMMER_RING * punten,
            markerfacecolor="white",
            markeredgecolor=GRENS_KLEUR,
            markeredgewidth=0.8,
            transform=transform,
            zorder=8,
        ),
        Text(
            x,
            y,
            str(nummer),
            ha="center",
            va="center",
            fontsize=punten,
            fontweight="bold",
            color="#1A1A1A",
            transform=transform,
            zorder=9,
        ),
    ]


def _radar(labels, reeksen, *, groepen, titel, geen_score, maat: _Maat, grootte: str) -> Figure:
    import numpy as np
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    labels = list(labels)
    n = len(labels)
    reeksen = list(reeksen)
    waarden = radar_waarden(labels, reeksen)
    groepen = controleer_groepen(groepen, n)
    hoofd = next((i for i, r in enumerate(reeksen) if r.stijl == "gemeente"), None)
    ontbreekt = [False] * n if hoofd is None else [w is None for w in waarden[hoofd]]

    # All layout is in inches, so fonts keep their size whatever the output.
    if grootte == "scherm":
        breedte, hoogte, max_straal = 12.8, 7.2, 3.0
    else:
        # The onderdelen's titles take a line each below the legend: the figure grows by it.
        breedte, hoogte, max_straal = 7.5, 8.0 + GROEP_REGEL * len(groepen), 2.7
    figuur = _figuur(breedte, hoogte, maat.dpi)
    renderer = figuur.canvas.get_renderer()
    hoeken = np.array(radarvorm.hoeken(n))
    richtingen = [radarvorm.richting(h) for h in hoeken]

    # The legend first: its size decides the room left for the chart.
    handles = []
    kleuren = reeks_kleuren(reeksen)
    for reeks, kleur in zip(reeksen, kleuren, strict=True):
        lijnstijl, dikte, marker, markergrootte, _ = REEKS_STIJL[reeks.stijl]
        handles.append(
            Line2D(
                [],
                [],
                linestyle=lijnstijl,
                linewidth=dikte,
                color=kleur,
                marker=marker,
                markersize=markergrootte + 1,
                label=reeks.naam,
            )
        )
    if any(ontbreekt):
        handles.append(
            Patch(
                facecolor="#EEEEEE",
                edgecolor=ONTBREEKT,
                hatch="////",
                linewidth=0.6,
                label=geen_score,
            )
        )
    # The onderdelen: their number (as on the rim) and title. On screen below the series in
    # the one legend at the side, titles wrapped; in print a key of one title per line at the
    # bottom, with the series' legend above it.
    nummers = [_Nummer(k, maat.klein) for k in range(1, len(groepen) + 1)]
    tekenaars = {_Nummer: _NummerTekenaar()}
    legenda = sleutel = None
    onder = 0.12
    if grootte == "scherm":
        if handles or nummers:
            legenda = figuur.legend(
                handles=[*handles, *nummers],
                labels=[
                    *(h.get_label() for h in handles),
                    *(radarvorm.wrap(g.titel, 22, ruim=False) for g in groepen),
                ],
                handler_map=tekenaars,
                loc="center left",
                fontsize=maat.legenda,
                frameon=False,
                handlelength=3.2,
                labelspacing=0.9,
            )
    else:
        if nummers:
            sleutel = figuur.legend(
                handles=nummers,
                labels=[g.titel for g in groepen],
                handler_map=tekenaars,
                loc="lower center",
                bbox_to_anchor=(0.5, onder / hoogte),
                fontsize=maat.legenda,
                frameon=False,
                handlelength=3.2,
            )
            vak = sleutel.get_window_extent(renderer)
            onder = vak.y1 / maat.dpi
        if handles:
            legenda = figuur.legend(
                handles=handles,
                loc="lower center",
                bbox_to_anchor=(0.5, onder / hoogte),
                ncol=min(len(handles), 3),
                fontsize=maat.legenda,
                frameon=False,
                handlelength=3.2,
                columnspacing=1.6,
            )
        else:
            legenda = sleutel
    titel_tekst = None
    if titel:
        titel_tekst = figuur.text(
            0.5,
            1 - 0.25 / hoogte,
            radarvorm.wrap(titel, 60),
            ha="center",
            va="top",
            fontsize=maat.titel,
            fontweight="bold",
        )

    def inches(artist):
        vak = artist.get_window_extent(renderer)
        return vak.x0 / maat.dpi, vak.y0 / maat.dpi, vak.x1 / maat.dpi, vak.y1 / maat.dpi

    # The room for chart + labels: below the title, above (print) or left of (scherm) the legend.
    rand = 0.12
    vrij = [rand, rand, breedte - rand, hoogte - rand]
    if titel_tekst is not None:
        vrij[3] = inches(titel_tekst)[1] - 0.15
    if legenda is not None:
        if grootte == "scherm":
            vrij[2] = breedte - (inches(legenda)[2] - inches(legenda)[0]) - 0.5
        else:
            vrij[1] = inches(legenda)[3] + 0.1

    teksten = [
        figuur.text(
            0,
            0,
            radar_label(label, hoeken[i]),
            ha="center",
            va="center",
            fontsize=maat.tekst,
            linespacing=1.05,
            multialignment=uitlijning(richtingen[i][0]),
            color=ONTBREEKT if ontbreekt[i] else "#1A1A1A",
            style="italic" if ontbreekt[i] else "normal",
            transform=figuur.dpi_scale_trans,
        )
        for i, label in enumerate(labels)
    ]
    maten = [(lambda v: (v[2] - v[0], v[3] - v[1]))(inches(t)) for t in teksten]
    marge = maat.tekst * 0.35 / 72

    ind = radarvorm.indeling(hoeken, maten, tuple(vrij), max_straal, marge)
    straal, midden, links, rechts = ind.straal, ind.midden, ind.links, ind.rechts
    for tekst, vak in zip(teksten, ind.vakken, strict=True):
        tekst.set_position((midden[0] + (vak[0] + vak[2]) / 2, midden[1] + (vak[1] + vak[3]) / 2))
    for begin, eind in radarvorm.leiders(ind, hoeken):
        figuur.add_artist(
            Line2D(
                [begin[0], eind[0]],
                [begin[1], eind[1]],
                transform=figuur.dpi_scale_trans,
                color=ONTBREEKT,
                linewidth=0.6,
            )
        )
    if legenda is not None and grootte == "scherm":
        legenda.set_bbox_to_anchor(
            ((midden[0] + rechts + 0.45) / breedte, 0.5), transform=figuur.transFigure
        )
    if titel_tekst is not None and grootte == "scherm":
        titel_tekst.set_x((midden[0] + (links + rechts) / 2) / breedte)

    ax = figuur.add_axes(
        (
            (midden[0] - straal) / breedte,
            (midden[1] - straal) / hoogte,
            2 * straal / breedte,
            2 * straal / hoogte,
        ),
        projection="polar",
    )
    ax.set_theta_offset(math.pi / 2)  # first thema at the top
    ax.set_theta_direction(-1)  # clockwise, as one reads
    ax.set_ylim(0, 100)
    # 0 on a small inner circle (radarvorm.BINNEN of the radius), so a 0 is a visible point.
    ax.set_rorigin(-100 * radarvorm.BINNEN / (1 - radarvorm.BINNEN))

    # Grid: a spoke per thema, rings at 0/25/50/75/100 labelled between the first two spokes (not
    # 100: the rim is plainly the top, and its label would collide with the first thema's). The
    # ring labels are drawn as text above the lines, on a white ground, so no line hides them.
    ax.set_xticks(hoeken)
    ax.set_xticklabels([])
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_yticklabels([])
    for ring in (25, 50, 75):
        ax.text(
            math.pi / n,
            ring,
            str(ring),
            ha="center",
            va="center",
            fontsize=maat.klein,
            color=GRIJS,
            zorder=20,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.8},
        )
    ax.grid(True, color=ROOSTER, linewidth=0.7)
    ax.spines["polar"].set_color("#9A9A9A")
    ax.spines["polar"].set_linewidth(0.8)
    ax.spines["inner"].set_color(ROOSTER)  # the circle of 0: grid, as the rings
    ax.spines["inner"].set_linewidth(0.7)
    ax.set_facecolor("white")

    # Missing scores of the main gemeente: a hatched grey sector along that spoke, bounded by the
    # rim (drawn through many points: a polar patch is otherwise cut straight across).
    breedte_sector = radarvorm.sector_breedte(n)
    for i in (i for i in range(n) if ontbreekt[i]):
        boog = np.linspace(hoeken[i] - breedte_sector / 2, hoeken[i] + breedte_sector / 2, 40)
        ax.fill_between(
            boog,
            0,
            100,
            facecolor="#EEEEEE",
            edgecolor=ONTBREEKT,
            hatch="////",
            linewidth=0.0,
            zorder=1,
        )

    gemeente_nr = 0
    for k, (reeks, rij, kleur) in enumerate(zip(reeksen, waarden, kleuren, strict=True)):
        lijnstijl, dikte, marker, markergrootte, z = REEKS_STIJL[reeks.stijl]
        # Closed line; a missing value breaks it (NaN), so nothing is drawn that was not scored.
        # Markers only for a style without a line (the ambities): no closing point either.
        dicht = [] if lijnstijl == "none" else [rij[0]]
        r = np.array([np.nan if w is None else w for w in [*rij, *dicht]], dtype=float)
        t = np.append(hoeken, [hoeken[0] + 2 * math.pi] if dicht else [])
        ax.plot(
            t,
            r,
            gid=f"reeks-{k + 1}",  # names the series in SVG output
            linestyle=lijnstijl,
            linewidth=dikte,
            color=kleur,
            marker=marker,
            markersize=markergrootte,
            zorder=z,
            clip_on=False,
            solid_joinstyle="round",
            dash_capstyle="butt",
        )
        if reeks.stijl == "gemeente":
            gemeente_nr += 1
            # Fill each unbroken run as a wedge from the centre, so a gap stays a gap.
            for run in radarvorm.runs([w is not None for w in rij]):
                if len(run) == n:
                    ft, fr = [hoeken[i] for i in run], [rij[i] for i in run]
                else:
                    ft = [hoeken[run[0]], *[hoeken[i] for i in run], hoeken[run[-1]]]
                    fr = [0, *[rij[i] for i in run], 0]
                ax.fill(
                    ft,
                    fr,
                    color=kleur,
                    alpha=0.13 if gemeente_nr == 1 else 0.07,
                    zorder=z - 1,
                    linewidth=0,
                )

    # The onderdelen: a darker line between two groups of spokes, from 0 to just past the rim,
    # and each group's number on the rim (ids name them in SVG output).
    if groepen:
        aantallen = [g.aantal for g in groepen]
        voorbij = 100 + GRENS_UIT / straal * 100 / (1 - radarvorm.BINNEN)
        for k, hoek in enumerate(radarvorm.grenzen(aantallen)):
            ax.plot(
                [hoek, hoek],
                [0, voorbij],
                color=GRENS_KLEUR,
                linewidth=GRENS_DIKTE,
                solid_capstyle="butt",
                clip_on=False,
                zorder=2,
                gid=f"grens-{k + 1}",
            )
        for k, hoek in enumerate(radarvorm.groepsmidden(aantallen)):
            ring, nummer = _nummer_artists(hoek, 100, k + 1, maat.klein, ax.transData)
            ring.set_gid(f"onderdeel-{k + 1}")
            for artist in (ring, nummer):
                artist.set_clip_on(False)
                ax.add_artist(artist)
    return figuur


# --- heatmap ------------------------------------------------------------------------------------


def heatmap_png(
    rijen: Sequence[str],
    kolommen: Sequence[str],
    waarden: Sequence[Sequence[float | None]],
    *,
    titel: str | None = None,
    grootte: Grootte = "print",
) -> bytes:
    """An overview grid (e.g. gemeenten × thema's) with the score printed in each cell, the cell
    in its band's colour (sterk, midden, zwak: as the tables) and the band also as a mark left
    of the number (a full, half or empty circle), explained in a key beside the grid; a cell
    without a score is hatched grey with "–".

    The figure grows with the number of cells (200 dpi for print). 'scherm' output is at most
    1280×720 px: a grid too large for that is drawn at a lower resolution, so its text shrinks.
    For 26 thema's, put the thema's in the rows: thema's × 4–10 gemeenten fits a projector at
    full size and a portrait A4 page, while gemeenten × 26 thema's needs landscape paper."""
    return _teken(_heatmap, "png", grootte, rijen, kolommen, waarden, titel=titel)


def heatmap_svg(
    rijen: Sequence[str],
    kolommen: Sequence[str],
    waarden: Sequence[Sequence[float | None]],
    *,
    titel: str | None = None,
    grootte: Grootte = "print",
) -> bytes:
    """As :func:`heatmap_png`, as SVG."""
    return _teken(_heatmap, "svg", grootte, rijen, kolommen, waarden, titel=titel)


def _meet(
    figuur: Figure, teksten: Sequence[str], punten: float, **opties
) -> list[tuple[float, float]]:
    """The size in inches of each text as it will be drawn (width, height)."""
    renderer = figuur.canvas.get_renderer()
    maten = []
    for tekst in teksten:
        artist = figuur.text(0, 0, tekst, fontsize=punten, **opties)
        vak = artist.get_window_extent(renderer)
        maten.append((vak.width / figuur.dpi, vak.height / figuur.dpi))
        artist.remove()
    return maten


def _heatmap(rijen, kolommen, waarden, *, titel, maat: _Maat, grootte: str) -> Figure:
    import numpy as np
    from matplotlib.patches import Rectangle

    rijen, kolommen = list(rijen), list(kolommen)
    cellen = heatmap_cellen(rijen, kolommen, waarden)
    punt = maat.tekst
    figuur = _figuur(8, 6, maat.dpi)  # resized below, once the texts are measured

    # Column labels are set level when each fits a cell of at most ~1 inch and the grid then still
    # fits the page or screen width; otherwise (many or long labels, e.g. 26 thema's or 18
    # gemeenten) they are turned a quarter, reading upward, which keeps the columns narrow.
    liggend_labels = [radarvorm.wrap(k, 14) for k in kolommen]
    liggend = _meet(figuur, liggend_labels, punt, linespacing=1.05)
    cijfer_b, cijfer_h = _meet(figuur, ["100"], punt)[0]
    # Tighter cells on screen, so that 26 thema's as rows still fit 720 px at full size.
    lucht = 0.06 if grootte == "scherm" else 0.1
    cel_b = heatmap_inhoud_breedte(cijfer_b, punt) + 0.16
    cel_h = cijfer_h + lucht
    liggend_b = max(cel_b, max(b for b, _ in liggend) + 0.08)
    rij_labels = [radarvorm.wrap(r, 34) for r in rijen]
    rij_maten = _meet(figuur, rij_labels, punt, linespacing=1.05)
    met_leeg = any(w is None for rij in cellen for w in rij)
    sleutel = heatmap_sleutel(met_leeg)
    sleutel_b = max(b for b, _ in _meet(figuur, [t for _, t in sleutel], maat.klein))
    vak_b, vak_h = 0.26 * maat.klein / 7, 0.17 * maat.klein / 7  # a key's sample cell
    sleutel_ruimte = 0.15 + vak_b + 0.06 + sleutel_b + 0.1  # gap, sample, text, margin
    ruimte = (12.8 if grootte == "scherm" else 7.5) - max(b for b, _ in rij_maten) - sleutel_ruimte
    if liggend_b <= 1.1 * punt / 8.5 and len(kolommen) * liggend_b <= ruimte:
        staand = False
        kolom_labels = liggend_labels
        cel_b = liggend_b
        kop = max(h for _, h in liggend)
    else:
        staand = True
        kolom_labels = [radarvorm.wrap(k, 22) for k in kolommen]
        gedraaid = _meet(figuur, kolom_labels, punt, rotation=90, linespacing=1.05)
        cel_b = max(cel_b, max(b for b, _ in gedraaid) + 0.06)
        kop = max(h for _, h in gedraaid)
    cel_h = max(cel_h, max(h for _, h in rij_maten) + lucht)
    titel_b, titel_h = _meet(figuur, [titel], maat.titel, fontweight="bold")[0] if titel else (0, 0)

    rand = 0.15
    links = rand + max(b for b, _ in rij_maten) + 0.1
    raster_b, raster_h = len(kolommen) * cel_b, len(rijen) * cel_h
    sleutel_h = len(sleutel) * vak_h * 1.6
    breedte = max(links + raster_b + sleutel_ruimte + rand, titel_b + 2 * rand)
    boven = rand + (titel_h + 0.25 if titel else 0) + kop + 0.08
    hoogte = boven + max(raster_h, sleutel_h) + rand
    dpi = maat.dpi
    if grootte == "scherm":
        # At most 1280×720 px: a larger grid is drawn at a lower resolution rather than cut off.
        dpi = min(maat.dpi, 1280 / breedte, 720 / hoogte)
    figuur.set_size_inches(breedte, hoogte)
    figuur.set_dpi(dpi)

    ax = figuur.add_axes(
        (
            links / breedte,
            (hoogte - boven - raster_h) / hoogte,
            raster_b / breedte,
            raster_h / hoogte,
        )
    )
    ax.set_xlim(0, len(kolommen))
    ax.set_ylim(len(rijen), 0)
    # Each cell a rectangle in its band's colour (vector shapes, also in SVG), with the band's
    # mark and the number side by side; marks are markers, so they stay round in any cell.
    merk_x, getal_x = heatmap_plekken(cel_b, cijfer_b, punt)
    merken: dict[str, tuple[list[float], list[float]]] = {}
    for i, rij in enumerate(cellen):
        for j, w in enumerate(rij):
            if w is None:
                ax.add_patch(
                    Rectangle(
                        (j, i),
                        1,
                        1,
                        facecolor=LEEG_VLAK,
                        edgecolor=LEEG_ARCERING,
                        hatch="////",
                        linewidth=0,
                    )
                )
                ax.text(
                    j + 0.5, i + 0.5, "–", ha="center", va="center", fontsize=punt, color=LEEG_TEKEN
                )
                continue
            # The ids name each cell and mark in SVG output (the tests read them).
            ax.add_patch(
                Rectangle((j, i), 1, 1, facecolor=heatmap_kleur(w), linewidth=0, gid=f"cel-{i}-{j}")
            )
            xs, ys = merken.setdefault(heatmap_merk(w), ([], []))
            xs.append(j + merk_x / cel_b)
            ys.append(i + 0.5)
            ax.text(
                j + getal_x / cel_b,
                i + 0.5,
                str(afgerond(w)),
                ha="center",
                va="center",
                fontsize=punt,
                color=HEATMAP_TEKST,
            )
    for soort, (xs, ys) in sorted(merken.items()):
        ax.plot(xs, ys, linestyle="none", **_merk_stijl(soort, punt), zorder=4, gid=f"merk-{soort}")
    # White lines between cells keep rows and columns apart.
    ax.set_axisbelow(False)
    ax.set_xticks(np.arange(len(kolommen) + 1), minor=True)
    ax.set_yticks(np.arange(len(rijen) + 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="both", length=0, pad=3)
    ax.set_xticks(np.arange(len(kolommen)) + 0.5)
    ax.set_yticks(np.arange(len(rijen)) + 0.5)
    ax.set_yticklabels(rij_labels, fontsize=punt, linespacing=1.05)
    ax.xaxis.tick_top()
    if staand:
        # Lines of a turned label start together at the grid.
        ax.set_xticklabels(
            kolom_labels,
            fontsize=punt,
            rotation=90,
            ha="center",
            va="bottom",
            linespacing=1.05,
            multialignment="left",
        )
    else:
        ax.set_xticklabels(kolom_labels, fontsize=punt, linespacing=1.05)
    for spine in ax.spines.values():
        spine.set_visible(False)
    _heatmap_sleutel(
        figuur, sleutel, (links + raster_b + 0.15, hoogte - boven), (vak_b, vak_h), maat.klein, punt
    )
    if titel:
        figuur.text(
            rand / breedte,
            1 - rand / hoogte,
            titel,
            ha="left",
            va="top",
            fontsize=maat.titel,
            fontweight="bold",
        )
    return figuur


def _merk_stijl(soort: str, punten: float) -> dict:
    """A band's mark as matplotlib marker settings: a circle, full, right half or empty."""
    return {
        "marker": "o",
        "markersize": MERK * punten,
        "markeredgewidth": 0.6,
        "markeredgecolor": MERK_KLEUR,
        "markerfacecolor": MERK_KLEUR,
        "markerfacecoloralt": "none",
        "fillstyle": {"vol": "full", "half": "right", "leeg": "none"}[soort],
    }


def _heatmap_sleutel(figuur, sleutel, plek, vak, punten: float, merk_punten: float) -> None:
    """The key, its top left at ``plek`` (inches from the figure's lower left), level with the
    grid's top: per band a sample cell with the mark as in the cells, and the band's name and
    range in words; a hatched one for no score."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    x, boven = plek
    vak_b, vak_h = vak
    trans = figuur.dpi_scale_trans
    for k, (band, tekst) in enumerate(sleutel):
        y = boven - k * vak_h * 1.6 - vak_h  # the sample's lower edge
        if band is None:
            figuur.add_artist(
                Rectangle(
                    (x, y),
                    vak_b,
                    vak_h,
                    facecolor=LEEG_VLAK,
                    edgecolor=LEEG_ARCERING,
                    hatch="////",
                    linewidth=0,
                    transform=trans,
                )
            )
        else:
            figuur.add_artist(
                Rectangle(
                    (x, y), vak_b, vak_h, facecolor=BAND_KLEUR[band], linewidth=0, transform=trans
                )
            )
            figuur.add_artist(
                Line2D(
                    [x + vak_b / 2],
                    [y + vak_h / 2],
                    linestyle="none",
                    transform=trans,
                    **_merk_stijl(BAND_MERK[band], merk_punten),
                )
            )
        figuur.text(
            x + vak_b + 0.06,
            y + vak_h / 2,
            tekst,
            ha="left",
            va="center",
            fontsize=punten,
            color=HEATMAP_TEKST,
            transform=trans,
        )


# --- trend --------------------------------------------------------------------------------------


def trend_png(
    reeksen: dict[str, list[tuple[str, float | None]]],
    *,
    titel: str | None = None,
    grootte: Grootte = "print",
    geen_score: str = GEEN_SCORE,
) -> bytes:
    """Score over metingen: per series (a thema or onderdeel) a list of (label, score|None),
    e.g. [("2021", 42.0), ("2022", None), ("2023", 61.5)]. Labels are placed in order of first
    appearance; None breaks the line, and a faint dotted bridge (legend: ``geen_score``) joins
    the metingen on either side."""
    return _teken(_trend, "png", grootte, reeksen, titel=titel, geen_score=geen_score)


def trend_svg(
    reeksen: dict[str, list[tuple[str, float | None]]],
    *,
    titel: str | None = None,
    grootte: Grootte = "print",
    geen_score: str = GEEN_SCORE,
) -> bytes:
    """As :func:`trend_png`, as SVG."""
    return _teken(_trend, "svg", grootte, reeksen, titel=titel, geen_score=geen_score)


def _heeft_gat(y) -> bool:
    """A missing value between two known ones: the line is bridged there."""
    bekend = [i for i, w in enumerate(y) if w == w]  # NaN != NaN
    return bool(bekend) and len(bekend) < bekend[-1] - bekend[0] + 1


def _trend(reeksen, *, titel, geen_score, maat: _Maat, grootte: str) -> Figure:
    import numpy as np
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MultipleLocator

    if not reeksen:
        raise ValueError("een trendgrafiek heeft minstens één reeks nodig")
    momenten: list[str] = []
    for punten in reeksen.values():
        for moment, _ in punten:
            if moment not in momenten:
                momenten.append(moment)
    positie = {m: i for i, m in enumerate(momenten)}
    scherm = grootte == "scherm"
    if scherm:
        breedte, hoogte = 12.8, 7.2
    else:
        breedte, hoogte = 6.5, 3.4 + 0.2 * max(0, len(reeksen) - 4)
    figuur = _figuur(breedte, hoogte, maat.dpi)
    renderer = figuur.canvas.get_renderer()
    dikte, markergrootte = (3.0, 9) if scherm else (2.0, 5.5)

    lijnen = []
    for nr, (naam, punten) in enumerate(reeksen.items()):
        y = np.full(len(momenten), np.nan)
        for moment, score in punten:
            w = controleer_score(score, f"{naam!r} {moment}")
            y[positie[moment]] = np.nan if w is None else w
        kleur, marker, lijn = trend_stijl(nr)
        stijl = {"color": kleur, "marker": marker, "linestyle": lijn}
        lijnen.append((radarvorm.wrap(naam, 24), y, stijl))

    handles = [
        Line2D([], [], linewidth=dikte, markersize=markergrootte, label=naam, **stijl)
        for naam, _, stijl in lijnen
    ]
    if any(_heeft_gat(y) for _, y, _ in lijnen):
        handles.append(
            Line2D(
                [], [], color=GRIJS, linestyle=(0, (1, 2)), linewidth=dikte / 2, label=geen_score
            )
        )
    rand = 0.12
    legenda = figuur.legend(
        handles=handles,
        loc="center right",
        bbox_to_anchor=(1 - rand / breedte, 0.5),
        fontsize=maat.legenda,
        frameon=False,
        handlelength=2.8,
        labelspacing=0.8,
    )
    legenda_links = legenda.get_window_extent(renderer).x0 / maat.dpi
    links = 0.62 if not scherm else 0.85
    onder = 0.45 if not scherm else 0.6
    titel = radarvorm.wrap(titel, 90 if scherm else 55) if titel else None
    titel_h = _meet(figuur, [titel], maat.titel, fontweight="bold")[0][1] if titel else 0.0
    boven = (titel_h + 0.32 if titel else 0.2) + (0.15 if scherm else 0)
    ax = figuur.add_axes(
        (
            links / breedte,
            onder / hoogte,
            (legenda_links - 0.3 - links) / breedte,
            (hoogte - boven - onder) / hoogte,
        )
    )
    x = np.arange(len(momenten), dtype=float)
    for _naam, y, stijl in lijnen:
        bekend = ~np.isnan(y)
        # A missing meting breaks the line; a faint dotted bridge shows the series goes on.
        if bekend.sum() >= 2:
            ax.plot(
                x[bekend],
                y[bekend],
                color=stijl["color"],
                linestyle=(0, (1, 2)),
                linewidth=dikte / 2,
                alpha=0.7,
                zorder=2,
            )
        ax.plot(x, y, linewidth=dikte, markersize=markergrootte, clip_on=False, zorder=3, **stijl)
    ax.set_xlim(-0.3, len(momenten) - 0.7)
    ax.set_ylim(0, 100)
    ax.set_xticks(range(len(momenten)))
    ax.set_xticklabels(momenten, fontsize=maat.tekst)
    ax.yaxis.set_major_locator(MultipleLocator(25))
    ax.tick_params(axis="y", labelsize=maat.tekst if scherm else maat.klein)
    ax.set_ylabel("score", fontsize=maat.klein, color=GRIJS)
    ax.grid(axis="y", color=ROOSTER, linewidth=0.7)
    ax.set_axisbelow(True)
    for kant in ("top", "right"):
        ax.spines[kant].set_visible(False)
    ax.spines["left"].set_color("#9A9A9A")
    ax.spines["bottom"].set_color("#9A9A9A")
    if titel:
        figuur.text(
            links / breedte,
            1 - 0.12 / hoogte,
            titel,
            ha="left",
            va="top",
            fontsize=maat.titel,
            fontweight="bold",
        )
    return figuur
