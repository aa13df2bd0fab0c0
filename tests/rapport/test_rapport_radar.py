"""The radar in the reports (reportlab): the onderdelen marked, a 0 that shows, ambities as
markers, labels whole, and the compact radar for a first page; read back from real PDF output
and from the drawing's shapes."""

from __future__ import annotations

import io
import math

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Line, Polygon, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from zelfscan.grafieken import grafiekstijl, radarvorm
from zelfscan.grafieken.grafiekstijl import Groep, Reeks
from zelfscan.inlezen.loader import laad_catalogus
from zelfscan.rapport.radar import radar


@pytest.fixture(scope="module")
def wav():
    return laad_catalogus().vragenlijst("werken-aan-veiligheid")


def vormen(tekening) -> list:
    """Every shape in the drawing, groups unpacked (coordinates within the drawing's group)."""
    uit = []
    for vorm in getattr(tekening, "contents", []):
        uit += vormen(vorm) if hasattr(vorm, "contents") else [vorm]
    return uit


def pdf_tekst(tekening) -> str:
    return PdfReader(io.BytesIO(renderPDF.drawToString(tekening))).pages[0].extract_text()


def reeksen_voor(n: int) -> list[Reeks]:
    return grafiekstijl.radar_reeksen(
        "Beverwijk",
        [10.0 + 80 * i / n for i in range(n)],
        gemiddelde=[50.0] * n,
        vorige=[40.0] * n,
        ambitie=[None if i % 3 else 90.0 for i in range(n)],
        vorige_jaar=2021,
    )


def test_the_onderdelen_have_a_line_between_them_a_number_and_their_title(wav):
    labels = [t.label for t in wav.themas]
    groepen = grafiekstijl.radar_groepen(wav.onderdelen)
    tekening = radar(labels, reeksen_voor(len(labels)), groepen=groepen, breedte=999, hoogte=999)
    grens = colors.HexColor(grafiekstijl.GRENS_KLEUR)
    grenzen = [
        v
        for v in vormen(tekening)
        if isinstance(v, Line)
        and v.strokeColor == grens
        and v.strokeWidth == grafiekstijl.GRENS_DIKTE
    ]
    assert len(grenzen) == len(groepen)
    nummers = [v.text for v in vormen(tekening) if isinstance(v, String) and "Bold" in v.fontName]
    assert sorted(nummers) == sorted([str(k) for k in range(1, 5)] * 2)  # rim and key
    tekst = pdf_tekst(tekening)
    for g in groepen:
        assert g.titel in tekst
    for woord in {w for label in labels for w in label.split()}:
        assert woord in tekst


def test_a_0_is_drawn_on_the_circle_of_0_and_ambities_are_markers_only():
    reeksen = [
        Reeks("Gemeente", [0.0, 100.0, 0.0, 100.0]),
        Reeks("Ambitie", [50.0, 60.0, None, 70.0], "ambitie"),
    ]
    tekening = radar(["a", "b", "c", "d"], reeksen, breedte=999, hoogte=999)
    gemeente = colors.HexColor(grafiekstijl.reeks_kleuren(reeksen)[0])
    # The gemeente's markers ('o', 4 points across), clockwise from the top.
    punten = [
        (v.cx, v.cy)
        for v in vormen(tekening)
        if isinstance(v, Circle) and v.fillColor == gemeente and v.r == 2.0
    ]
    boven, rechts, onder, links = punten
    midden = ((rechts[0] + links[0]) / 2, (rechts[1] + links[1]) / 2)
    straal = math.dist(rechts, links) / 2
    for nul in (boven, onder):
        assert math.dist(nul, midden) == pytest.approx(radarvorm.BINNEN * straal)
    ambitie = colors.HexColor(grafiekstijl.REEKS_KLEUR["ambitie"])
    van_ambitie = [v for v in vormen(tekening) if getattr(v, "strokeColor", None) == ambitie]
    assert not [
        v for v in van_ambitie if isinstance(v, PolyLine | Line)
    ]  # no line, not even in the legend
    assert len([v for v in van_ambitie if isinstance(v, Polygon)]) == 3 + 1  # triangles, legend


def test_long_labels_are_wrapped_whole_never_cut(wav):
    # Full titles (no 'kort'), up to 60 characters: every word is on the page.
    labels = [t.titel for t in wav.themas[:8]]
    assert max(len(label) for label in labels) > 40
    tekst = pdf_tekst(radar(labels, reeksen_voor(8), breedte=999, hoogte=999))
    for label in labels:
        for woord in label.split():
            assert woord in tekst, (label, woord)


def test_the_compact_radar_is_75_mm_with_numbers_and_a_legend_but_no_labels(wav):
    labels = [t.label for t in wav.themas]
    groepen = grafiekstijl.radar_groepen(wav.onderdelen)
    reeksen = grafiekstijl.radar_reeksen(
        "Beverwijk", [50.0] * len(labels), gemiddelde=[60.0] * len(labels)
    )
    tekening = radar(labels, reeksen, groepen=groepen, klein=True, breedte=75 * mm, hoogte=75 * mm)
    assert (tekening.width, tekening.height) == pytest.approx((75 * mm, 75 * mm))
    tekst = pdf_tekst(tekening)
    assert "Beverwijk" in tekst and "Gemiddelde subregio" in tekst
    assert not [label for label in labels if label in tekst]
    assert not [g.titel for g in groepen if g.titel in tekst]  # the caller names them
    nummers = [v.text for v in vormen(tekening) if isinstance(v, String) and "Bold" in v.fontName]
    assert nummers == ["1", "2", "3", "4"]
    # Its legend is one line: every text on it at the same height.
    legenda = [v for v in vormen(tekening) if isinstance(v, String) and v.text in tekst.split("\n")]
    assert (
        len({round(v.y, 3) for v in legenda if v.text in ("Beverwijk", "Gemiddelde subregio")}) == 1
    )
    # Smaller room: scaled down, never up.
    assert radar(labels, reeksen, klein=True, breedte=50 * mm, hoogte=80 * mm).width <= 50 * mm


def test_groups_that_do_not_cover_the_spokes_are_refused():
    with pytest.raises(ValueError, match="onderdelen"):
        radar(
            ["a", "b", "c"], [Reeks("x", [1, 2, 3])], groepen=[Groep("a", 2)], breedte=9, hoogte=9
        )
    with pytest.raises(ValueError, match="onderdelen"):
        radar(
            ["a", "b", "c"],
            [Reeks("x", [1, 2, 3])],
            groepen=[Groep("a", 3), Groep("b", 0)],
            breedte=9,
            hoogte=9,
        )
