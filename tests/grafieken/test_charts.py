"""Charts: real PNG and SVG files for the shipped vragenlijst and for the small fixture.

Set ZELFSCAN_GRAFIEKEN=/some/folder to keep the rendered files for a look by eye, e.g.

    ZELFSCAN_GRAFIEKEN=/tmp/zelfscan-charts pytest tests/test_charts.py
"""

from __future__ import annotations

import math
import os
import random
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from zelfscan.grafieken import grafiekstijl, radarvorm
from zelfscan.grafieken.charts import (
    Groep,
    Reeks,
    heatmap_png,
    heatmap_svg,
    radar_png,
    radar_svg,
    trend_png,
    trend_svg,
)
from zelfscan.inlezen.loader import laad_catalogus, vragenlijst_uit_data
from zelfscan.inlezen.model import NIET_VAN_TOEPASSING, WEET_NIET
from zelfscan.scores import resultaten
from zelfscan.scores.scoring import afgerond, bereken_scores, subregio_overzicht

DATA = Path(__file__).parent.parent / "data"
PNG_HANDTEKENING = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"
GEMEENTEN = {
    "GM0392": "Haarlem",
    "GM0473": "Zandvoort",
    "GM0377": "Bloemendaal",
    "GM0397": "Heemstede",
}


def bewaar(naam: str, inhoud: bytes) -> None:
    map_ = os.environ.get("ZELFSCAN_GRAFIEKEN")
    if map_:
        Path(map_).mkdir(parents=True, exist_ok=True)
        (Path(map_) / naam).write_bytes(inhoud)


def png_maat(inhoud: bytes) -> tuple[int, int]:
    assert inhoud[:8] == PNG_HANDTEKENING
    assert inhoud[12:16] == b"IHDR"
    return struct.unpack(">II", inhoud[16:24])


def svg_teksten(inhoud: bytes) -> list[str]:
    wortel = ET.fromstring(inhoud)  # parses as XML, or raises
    assert wortel.tag == "{http://www.w3.org/2000/svg}svg"
    return ["".join(e.itertext()) for e in wortel.iter("{http://www.w3.org/2000/svg}text")]


def bevat_label(teksten: list[str], label: str) -> bool:
    """A wrapped label is one <text> per line: some run of consecutive texts joins to it."""
    return any(
        " ".join(teksten[i : i + k]) == label for i in range(len(teksten)) for k in range(1, 5)
    )


def genereer_antwoorden(vragenlijst, seed: int, basis: float) -> dict:
    """A plausible session: levels around a gemeente's own maturity, which varies per thema,
    with some weet niet, an occasional n.v.t. and a few questions left open."""
    rnd = random.Random(seed)
    hoogste = vragenlijst.schaal.hoogste
    antwoorden = {}
    for thema in vragenlijst.themas:
        niveau = min(hoogste, max(0.0, basis + rnd.uniform(-1.2, 1.2)))
        for vraag in thema.vragen:
            kans = rnd.random()
            if kans < 0.08:
                antwoorden[vraag.id] = WEET_NIET
            elif kans < 0.11:
                antwoorden[vraag.id] = NIET_VAN_TOEPASSING
            elif kans < 0.13:
                continue  # open
            else:
                antwoorden[vraag.id] = min(hoogste, max(0, round(niveau + rnd.gauss(0, 0.7))))
    return antwoorden


@pytest.fixture(scope="module")
def wav():
    return laad_catalogus().vragenlijst("werken-aan-veiligheid")


@pytest.fixture(scope="module")
def sessie(wav):
    """Four gemeenten of one subregio, their previous meting, and the subregio average."""
    antwoorden = {
        cbs: genereer_antwoorden(wav, seed=i, basis=b)
        for i, (cbs, b) in enumerate(zip(GEMEENTEN, (1.8, 1.1, 2.2, 1.5), strict=True))
    }
    # Haarlem could not judge one thema at all: it is "onvoldoende beantwoord" on the chart.
    eerste = wav.themas[3]
    antwoorden["GM0392"].update({v.id: WEET_NIET for v in eerste.vragen})
    scores = {cbs: bereken_scores(wav, a) for cbs, a in antwoorden.items()}
    vorige = {
        cbs: bereken_scores(wav, genereer_antwoorden(wav, seed=10 + i, basis=1.0))
        for i, cbs in enumerate(GEMEENTEN)
    }
    return scores, vorige, subregio_overzicht(wav, scores)


def radar_reeksen(wav, sessie, cbs: str) -> list[Reeks]:
    scores, vorige, overzicht = sessie
    themas = wav.themas
    return [
        Reeks(GEMEENTEN[cbs], [scores[cbs].thema(t.id).score for t in themas]),
        Reeks("Gemiddelde subregio", [overzicht[t.id].gemiddelde for t in themas], "gemiddelde"),
        Reeks("0-meting 2021", [vorige[cbs].thema(t.id).score for t in themas], "vorige"),
        Reeks(
            "Ambitie 2023",
            [min(100.0, (scores[cbs].thema(t.id).score or 50) + 20) for t in themas],
            "ambitie",
        ),
    ]


# --- radar ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cbs", list(GEMEENTEN))
def test_radar_png_for_the_real_vragenlijst(wav, sessie, cbs):
    labels = [t.label for t in wav.themas]
    reeksen = radar_reeksen(wav, sessie, cbs)
    titel = f"{GEMEENTEN[cbs]} — zelfscan 2022"
    druk = radar_png(labels, reeksen, titel=titel)
    scherm = radar_png(labels, reeksen, titel=titel, grootte="scherm")
    bewaar(f"radar-{GEMEENTEN[cbs].lower()}-print.png", druk)
    bewaar(f"radar-{GEMEENTEN[cbs].lower()}-scherm.png", scherm)
    assert png_maat(druk) == (1500, 1600)  # 7.5 × 8 inch at 200 dpi
    assert png_maat(scherm) == (1280, 720)
    assert 50_000 < len(druk) < 3_000_000 and 20_000 < len(scherm) < 1_500_000


def test_radar_svg_keeps_every_thema_label_as_text(wav, sessie):
    labels = [t.label for t in wav.themas]
    svg = radar_svg(labels, radar_reeksen(wav, sessie, "GM0392"), titel="Haarlem — zelfscan 2022")
    bewaar("radar-haarlem.svg", svg)
    teksten = svg_teksten(svg)
    for label in labels:
        assert bevat_label(teksten, label), label
    # Legend: the four series and the mark for the thema that could not be scored.
    for naam in (
        "Haarlem",
        "Gemiddelde subregio",
        "0-meting 2021",
        "Ambitie 2023",
        "onvoldoende beantwoord",
        "Haarlem — zelfscan 2022",
    ):
        assert naam in teksten


def test_radar_for_the_fixture():
    vl = vragenlijst_uit_data(
        yaml.safe_load((DATA / "score-vragenlijst.yaml").read_text(encoding="utf-8"))
    )
    labels = [t.label for t in vl.themas]
    # The fourth thema has no 'kort': its long title is wrapped.
    assert labels[3] == "Terugkoppeling en monitoring na overdracht"
    reeksen = [
        Reeks("Gemeente A", [44.4, 83.3, None, 100.0]),
        Reeks("Gemiddelde", [60.0, 70.0, 50.0, 80.0], "gemiddelde"),
    ]
    for grootte in ("print", "scherm"):
        png = radar_png(labels, reeksen, titel="Gemeente A", grootte=grootte)
        bewaar(f"radar-fixture-{grootte}.png", png)
        assert png_maat(png) == {"print": (1500, 1600), "scherm": (1280, 720)}[grootte]
    teksten = svg_teksten(radar_svg(labels, reeksen))
    for label in labels:
        assert bevat_label(teksten, label), label
    assert "onvoldoende beantwoord" in teksten


def test_radar_without_missing_values_has_no_onvoldoende_entry(wav):
    labels = [t.label for t in wav.themas]
    teksten = svg_teksten(radar_svg(labels, [Reeks("Haarlem", [50.0] * len(labels))]))
    assert "onvoldoende beantwoord" not in teksten and "Haarlem" in teksten


def test_radar_marks_the_onderdelen_with_lines_numbers_and_their_titles(wav, sessie):
    labels = [t.label for t in wav.themas]
    groepen = grafiekstijl.radar_groepen(wav.onderdelen)
    assert [g.aantal for g in groepen] == [len(o.themas) for o in wav.onderdelen]
    for grootte in ("print", "scherm"):
        svg = radar_svg(
            labels, radar_reeksen(wav, sessie, "GM0392"), groepen=groepen, grootte=grootte
        )
        bewaar(f"radar-onderdelen-{grootte}.svg", svg)
        wortel = ET.fromstring(svg)
        ids = {e.get("id") for e in wortel.iter()}
        for k in range(1, len(groepen) + 1):
            assert {f"grens-{k}", f"onderdeel-{k}"} <= ids
        teksten = svg_teksten(svg)
        for g in groepen:
            assert bevat_label(teksten, g.titel), g.titel
        # Each number twice: on the rim and in the legend.
        assert all(teksten.count(str(k)) == 2 for k in range(1, len(groepen) + 1))
        for label in labels:  # and every label still whole
            assert bevat_label(teksten, label), label
    # Print grows by a line per onderdeel, for its title in the key.
    groot = radar_png(labels, radar_reeksen(wav, sessie, "GM0392"), groepen=groepen)
    assert png_maat(groot) == (1500, 1600 + 40 * len(groepen))
    with pytest.raises(ValueError, match="onderdelen"):
        radar_svg(labels, radar_reeksen(wav, sessie, "GM0392"), groepen=[Groep("a", 3)])


def test_ambities_are_markers_without_a_line_also_in_the_legend(wav, sessie):
    labels = [t.label for t in wav.themas]
    reeksen = radar_reeksen(wav, sessie, "GM0392")
    assert reeksen[3].stijl == "ambitie"
    wortel = ET.fromstring(radar_svg(labels, reeksen))

    def lijnen(groep) -> list:  # drawn paths, not a marker's shape in <defs>
        if groep.tag == f"{SVG}defs":
            return []
        return [groep] * (groep.tag == f"{SVG}path") + [p for kind in groep for p in lijnen(kind)]

    ambitie = svg_groep(wortel, "reeks-4")
    assert lijnen(ambitie) == []
    plekken = {(u.get("x"), u.get("y")) for u in ambitie.iter(f"{SVG}use")}
    assert len(plekken) == len(labels)  # a triangle per thema
    assert lijnen(svg_groep(wortel, "reeks-1"))  # the gemeente is a line
    kleur = grafiekstijl.REEKS_KLEUR["ambitie"].lower()
    legenda = next(e for e in wortel.iter() if (e.get("id") or "").startswith("legend"))
    assert not [p for p in lijnen(legenda) if f"stroke: {kleur}" in p.get("style", "")]


def test_a_0_is_a_point_on_the_circle_of_0_not_lost_in_the_centre():
    wortel = ET.fromstring(radar_svg(["a", "b", "c", "d"], [Reeks("x", [0.0, 100.0, 0.0, 100.0])]))
    plekken = [
        (float(u.get("x")), float(u.get("y")))
        for u in svg_groep(wortel, "reeks-1").iter(f"{SVG}use")
    ]
    boven, rechts, onder, links = plekken[:4]  # clockwise from the top
    midden = ((rechts[0] + links[0]) / 2, (rechts[1] + links[1]) / 2)
    straal = math.dist(rechts, links) / 2
    for nul in (boven, onder):
        assert math.dist(nul, midden) / straal == pytest.approx(radarvorm.BINNEN, abs=0.01)


def test_radar_rejects_bad_input():
    with pytest.raises(ValueError, match="3 labels"):
        radar_png(["a", "b", "c"], [Reeks("x", [1, 2])])
    with pytest.raises(ValueError, match="tussen 0 en 100"):
        radar_png(["a", "b", "c"], [Reeks("x", [1, 2, 101])])
    with pytest.raises(ValueError, match="stijl"):
        radar_png(["a", "b", "c"], [Reeks("x", [1, 2, 3], "anders")])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="grootte"):
        radar_png(["a", "b", "c"], [Reeks("x", [1, 2, 3])], grootte="groot")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="drie assen"):
        radar_png(["a", "b"], [Reeks("x", [1, 2])])


# --- heatmap --------------------------------------------------------------------------------


def test_heatmap_gemeenten_by_themas(wav, sessie):
    scores, _, _ = sessie
    rijen = list(GEMEENTEN.values())
    kolommen = [t.label for t in wav.themas]
    waarden = [[scores[cbs].thema(t.id).score for t in wav.themas] for cbs in GEMEENTEN]
    assert any(w is None for rij in waarden for w in rij)
    druk = heatmap_png(rijen, kolommen, waarden, titel="Zuid-Kennemerland — zelfscan 2022")
    bewaar("heatmap-gemeenten-themas-print.png", druk)
    breedte, hoogte = png_maat(druk)
    assert 1500 < breedte < 3500 and 400 < hoogte < 1500 and breedte > hoogte
    scherm = heatmap_png(rijen, kolommen, waarden, grootte="scherm")
    bewaar("heatmap-gemeenten-themas-scherm.png", scherm)
    assert png_maat(scherm)[0] <= 1280 and png_maat(scherm)[1] <= 720

    teksten = svg_teksten(heatmap_svg(rijen, kolommen, waarden))
    for label in kolommen + rijen:
        assert bevat_label(teksten, label), label
    assert "–" in teksten  # a cell without a score
    assert {str(afgerond(w)) for rij in waarden for w in rij if w is not None} <= set(teksten)


def test_heatmap_themas_by_gemeenten_fits_a_projector(wav, sessie):
    scores, _, _ = sessie
    rijen = [t.label for t in wav.themas]
    kolommen = list(GEMEENTEN.values())
    waarden = [[scores[cbs].thema(t.id).score for cbs in GEMEENTEN] for t in wav.themas]
    druk = heatmap_png(rijen, kolommen, waarden, titel="Zuid-Kennemerland — zelfscan 2022")
    scherm = heatmap_png(
        rijen, kolommen, waarden, titel="Zuid-Kennemerland — zelfscan 2022", grootte="scherm"
    )
    bewaar("heatmap-themas-gemeenten-print.png", druk)
    bewaar("heatmap-themas-gemeenten-scherm.png", scherm)
    breedte, hoogte = png_maat(druk)
    assert 800 < breedte < 2000 and 1000 < hoogte < 2500
    # 26 rows still fit 720 px at the full 100 dpi: no shrinking needed.
    breedte, hoogte = png_maat(scherm)
    assert breedte <= 1280 and 600 < hoogte <= 720


def svg_groep(wortel, gid: str):
    return next(e for e in wortel.iter() if e.get("id") == gid)


def vulling(element) -> str:
    stijl = next(e.get("style", "") for e in element.iter() if "fill:" in e.get("style", ""))
    return stijl.split("fill: ")[1].split(";")[0]


def test_heatmap_cells_have_exactly_the_band_colours_and_a_mark_per_band():
    scores = [5.0, 39.9, 40.0, 69.9, 70.0, 100.0, None]
    wortel = ET.fromstring(heatmap_svg(["a"], [f"k{j}" for j in range(len(scores))], [scores]))
    for j, score in enumerate(scores[:-1]):
        cel = svg_groep(wortel, f"cel-0-{j}")
        assert vulling(cel) == grafiekstijl.BAND_KLEUR[resultaten.band(score)].lower()
    # The band as a mark too (never colour alone): one marker per cell of that band.
    for soort, aantal in (("leeg", 2), ("half", 2), ("vol", 2)):
        plekken = {u.get("x") for u in svg_groep(wortel, f"merk-{soort}").iter(f"{SVG}use")}
        assert len(plekken) == aantal  # (a half circle is drawn as two halves at one place)
    teksten = {"".join(e.itertext()): e.get("style", "") for e in wortel.iter(f"{SVG}text")}
    # Dark numbers on every (pale) band colour; the key says each band in words.
    assert all("#1a1a1a" in teksten[str(afgerond(w))] for w in scores[:-1])
    for _grens, naam, uitleg in resultaten.BANDEN:
        assert f"{naam}: {uitleg}" in teksten
    assert "–" in teksten and "geen score" in teksten


def test_heatmap_rejects_bad_input():
    with pytest.raises(ValueError, match="rijen"):
        heatmap_png(["a", "b"], ["x"], [[1.0]])
    with pytest.raises(ValueError, match="tussen 0 en 100"):
        heatmap_png(["a"], ["x"], [[-1.0]])


# --- trend ----------------------------------------------------------------------------------


def test_trend_chart(wav):
    reeksen = {
        o.titel: [
            ("2021", 30.0 + 10 * i),
            ("2022", None if i == 1 else 45.0 + 5 * i),
            ("2023", 60.0 + 4 * i),
        ]
        for i, o in enumerate(wav.onderdelen)
    }
    for grootte in ("print", "scherm"):
        png = trend_png(reeksen, titel="Haarlem — onderdelen", grootte=grootte)
        bewaar(f"trend-{grootte}.png", png)
        assert png_maat(png) == {"print": (1300, 680), "scherm": (1280, 720)}[grootte]
    teksten = svg_teksten(trend_svg(reeksen, titel="Haarlem — onderdelen"))
    for naam in reeksen:
        assert bevat_label(teksten, naam), naam
    assert {"2021", "2022", "2023", "onvoldoende beantwoord"} <= set(teksten)


def test_trend_single_thema_over_years():
    png = trend_png(
        {"Meldcode en signaleren": [("2021", 33.3), ("2022", 50.0), ("2023", 66.7), ("2024", 75.0)]}
    )
    bewaar("trend-thema-print.png", png)
    assert png_maat(png)[0] == 1300
    with pytest.raises(ValueError):
        trend_png({})


# --- properties of the module ---------------------------------------------------------------


def test_same_input_gives_the_same_bytes(wav, sessie):
    labels = [t.label for t in wav.themas]
    reeksen = radar_reeksen(wav, sessie, "GM0473")
    assert radar_png(labels, reeksen) == radar_png(labels, reeksen)
    assert radar_svg(labels, reeksen) == radar_svg(labels, reeksen)
    assert heatmap_svg(["a"], ["b"], [[50.0]]) == heatmap_svg(["a"], ["b"], [[50.0]])
    trend = {"x": [("2021", 10.0), ("2022", 20.0), ("2023", None)]}
    assert trend_png(trend) == trend_png(trend)
    assert b"Software" not in radar_png(labels, reeksen)
    assert b"<dc:date>" not in radar_svg(labels, reeksen)


def test_charts_from_several_threads_are_identical(wav, sessie):
    labels = [t.label for t in wav.themas]
    opdrachten = [radar_reeksen(wav, sessie, cbs) for cbs in GEMEENTEN]
    serieel = [radar_png(labels, r, grootte="scherm") for r in opdrachten]
    with ThreadPoolExecutor(4) as pool:
        parallel = list(pool.map(lambda r: radar_png(labels, r, grootte="scherm"), opdrachten))
    assert parallel == serieel


def test_importing_charts_does_not_import_matplotlib():
    code = (
        "import sys, zelfscan.grafieken.charts, zelfscan.scores.scoring; "
        "assert 'matplotlib' not in sys.modules, sorted(m for m in sys.modules if 'matplotlib' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_wrap_keeps_labels_short_and_words_whole():
    # A third wider when it saves a line; evenly spread; long compounds stay whole.
    assert (
        radarvorm.wrap("Hulp: wegnemen van risicofactoren") == "Hulp: wegnemen\nvan risicofactoren"
    )
    assert radarvorm.wrap("Visie en opdracht") == "Visie en opdracht"
    assert radarvorm.wrap("Sturing en monitoring") == "Sturing en\nmonitoring"
    assert radarvorm.wrap("Veiligheidsbeoordeling") == "Veiligheidsbeoordeling"
    assert radarvorm.wrap("Consultatie, op- en afschalen") == "Consultatie,\nop- en afschalen"
    # Narrow (top and bottom of a radar): no lone short word on a line of its own.
    assert radarvorm.wrap("Visie en opdracht", ruim=False) == "Visie en\nopdracht"
    assert (
        radarvorm.wrap("Hulp: wegnemen van risicofactoren", ruim=False)
        == "Hulp:\nwegnemen van\nrisicofactoren"
    )
    assert (
        radarvorm.wrap("Geweldsdynamiek en risicofactoren", ruim=False)
        == "Geweldsdynamiek\nen risicofactoren"
    )
