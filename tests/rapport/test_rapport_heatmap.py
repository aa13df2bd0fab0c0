"""The heatmap in the overview reports: vector graphics (reportlab), read back with pypdf."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections import Counter

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str

from tests.store_fixtures import maak
from tests.store_fixtures import mini as mini_catalogus
from zelfscan import opslag, rapport
from zelfscan.grafieken import grafiekstijl
from zelfscan.opslag.verbinding import open_db
from zelfscan.rapport import overzichtgegevens
from zelfscan.rapport.heatmap import heatmap
from zelfscan.scores import resultaten
from zelfscan.scores.scoring import afgerond

KOP = "Scores per thema en gemeente"


def heatmap_pagina(pdf: bytes):
    """The page that starts with the heatmap's heading (below the running header, and below
    the concept line of a meting that is not afgerond)."""
    lezer = PdfReader(io.BytesIO(pdf))
    return next(
        p
        for p in lezer.pages[1:]
        if [r for r in p.extract_text().split("\n") if not r.startswith("CONCEPT")][2] == KOP
    )


def getallen(tekst: str) -> Counter:
    """The lines that are a number only: the cells' scores and the colour bar's ticks."""
    return Counter(r.strip() for r in tekst.split("\n") if r.strip().isdigit())


def kleur_in(pagina, hexkleur: str, operator: str) -> bool:
    """Whether the page's drawing sets this colour (``rg`` to fill, ``RG`` to stroke)."""
    kleur = colors.HexColor(hexkleur)
    inhoud = pagina.get_contents().get_data().decode("latin-1")
    return f"{fp_str(kleur.red, kleur.green, kleur.blue)} {operator}" in inhoud


def test_the_overview_heatmap_is_text_every_gemeente_thema_and_score(demo):
    pdf = rapport.overzicht_rapport(demo.db, demo.vervolg.id)
    pagina = heatmap_pagina(pdf)
    assert len(pagina.images) == 0  # no raster image any more
    inhoud = pagina.extract_text()
    r = overzichtgegevens.verzamel_overzicht(demo.db, demo.vervolg.id)
    for gemeente in r.resultaat.gemeenten:
        assert gemeente.naam in inhoud
    for thema in r.vragenlijst.themas:
        assert thema.label in inhoud
    # Every cell's score as a whole number, and nothing else that is a number only.
    scores = [
        g.scores.thema(t.id).score for t in r.vragenlijst.themas for g in r.resultaat.gemeenten
    ]
    assert None not in scores  # every demo gemeente scores every thema
    verwacht = Counter(str(afgerond(s)) for s in scores)
    assert getallen(inhoud) == verwacht


def test_the_regio_heatmap_is_text_every_gemeente_turned_a_quarter(demo):
    pdf = rapport.regio_rapport(demo.db, "kennemerland", 2021)
    pagina = heatmap_pagina(pdf)
    assert len(pagina.images) == 0
    inhoud = pagina.extract_text()
    for naam in ("Haarlemmermeer", "Beverwijk", "Velsen", "Bloemendaal", "Zandvoort"):
        assert naam in inhoud


def test_overview_and_regio_reports_do_not_import_matplotlib(demo):
    code = (
        "import sys; from zelfscan import rapport; from zelfscan.opslag.verbinding import open_db; "
        f"db = open_db({str(demo.pad)!r}); "
        f"rapport.overzicht_rapport(db, {demo.vervolg.id}); "
        "rapport.regio_rapport(db, 'kennemerland', 2021); "
        "assert 'matplotlib' not in sys.modules, 'matplotlib'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_thema_without_a_score_is_a_hatched_grey_cell_with_a_dash(tmp_path):
    db = open_db(tmp_path / "zelfscan.db")
    meting = maak(db, mini_catalogus())
    # The first gemeente answers everything, the second nothing: no score on any thema.
    eerste = meting.gemeenten[0].cbs
    for i, vraag in enumerate(meting.vragenlijst.vragen):
        opslag.sla_antwoord(db, meting.id, eerste, vraag.id, i % 4, wie="fien")
    pagina = heatmap_pagina(rapport.overzicht_rapport(db, meting.id))
    db.conn.close()
    inhoud = pagina.extract_text()
    themas = len(meting.vragenlijst.themas)
    assert [r for r in inhoud.split("\n") if r.strip() == "–"] == ["–"] * themas  # per cell
    assert all(g.naam in inhoud for g in meting.gemeenten)
    assert kleur_in(pagina, grafiekstijl.LEEG_VLAK, "rg")  # the grey ground
    assert kleur_in(pagina, grafiekstijl.LEEG_ARCERING, "RG")  # its hatching


def test_the_cells_have_exactly_the_band_colours_and_a_mark_per_band():
    scores = [5.0, 39.9, 40.0, 69.9, 70.0, 100.0, None]
    tekening = heatmap(
        ["a"], [f"k{j}" for j in range(len(scores))], [scores], breedte=999, hoogte=999
    )
    inhoud = PdfReader(io.BytesIO(renderPDF.drawToString(tekening))).pages[0]
    stroom = inhoud.get_contents().get_data().decode("latin-1")
    # Every filled rectangle with its colour, left to right: the cells first (one row), then
    # the key's samples below each other at the right.
    vlakken = re.findall(
        r"([\d. ]+) rg\n1 w\n0 J\n0 j\n\[\] 0 d\nn ([\d.]+) ([\d.]+) [\d.]+ [\d.]+ re f\*", stroom
    )
    rij = sorted((float(x), kleur) for kleur, x, y in vlakken if float(y) == float(vlakken[0][2]))
    band = [
        grafiekstijl.BAND_KLEUR[resultaten.band(w)] if w is not None else grafiekstijl.LEEG_VLAK
        for w in scores
    ]
    assert [kleur for _, kleur in rij] == [rl_kleur(k) for k in band]
    # Colour is not alone: a full circle per sterk cell, a half per midden one (and one of each
    # in the key), and the key says each band in words.
    assert stroom.count("B*\n") == 2 + 1
    assert stroom.count(" h\nf*\n") == 2 + 1
    tekst = inhoud.extract_text()
    for _grens, naam, uitleg in resultaten.BANDEN:
        assert f"{naam}: {uitleg}" in tekst
    assert "geen score" in tekst


def rl_kleur(hexkleur: str) -> str:
    kleur = colors.HexColor(hexkleur)
    return fp_str(kleur.red, kleur.green, kleur.blue)


def test_the_drawing_fits_the_room_it_gets_and_is_never_enlarged():
    rijen = [f"Thema {i}" for i in range(26)]
    kolommen = ["Beverwijk", "Heemskerk", "Velsen"]
    waarden = [[50.0, None, 100.0] for _ in rijen]
    vrij = heatmap(rijen, kolommen, waarden, breedte=10_000, hoogte=10_000)
    krap = heatmap(rijen, kolommen, waarden, breedte=200, hoogte=300)
    assert vrij.width < 500 and vrij.height < 750  # its natural size: a portrait A4 page
    assert krap.width <= 200 and krap.height <= 300
    assert krap.width / krap.height == pytest.approx(vrij.width / vrij.height)
    with pytest.raises(ValueError, match="tussen 0 en 100"):
        heatmap(["a"], ["x"], [[101.0]], breedte=100, hoogte=100)
    with pytest.raises(ValueError, match="rijen"):
        heatmap(["a", "b"], ["x"], [[1.0]], breedte=100, hoogte=100)
