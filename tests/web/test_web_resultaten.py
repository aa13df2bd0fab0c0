"""Results pages: the subregio overview with its heatmap, and per gemeente radar, scores with
coverage and verbeterpunten — computed from a real session's answers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from zelfscan import opslag, paths
from zelfscan.grafieken import grafiekstijl
from zelfscan.rapport import opmaak
from zelfscan.scores import resultaten


@pytest.fixture
def beantwoord(db, ijmond):
    """Every vraag answered: Beverwijk weak on 'capaciteit', the rest middling; some weet niet."""
    for thema in ijmond.vragenlijst.themas:
        for i, vraag in enumerate(thema.vragen):
            opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag.id, 2, wie="test")
            if thema.id == "capaciteit":
                opslag.sla_antwoord(db, ijmond.id, "GM0375", vraag.id, 0, wie="test")
            if thema.id == "outreachend-werken" and i < 3:
                opslag.sla_antwoord(db, ijmond.id, "GM0453", vraag.id, "weet_niet", wie="test")
    eerste = ijmond.vragenlijst.thema("capaciteit").vragen[0].id
    opslag.sla_antwoord(
        db, ijmond.id, "GM0375", eerste, opslag.UNCHANGED, bespreekpunt=True, wie="test"
    )
    return ijmond


def test_bereken_per_gemeente(db, beantwoord):
    uitslag = resultaten.bereken(beantwoord, opslag.antwoorden(db, beantwoord.id))
    beverwijk = uitslag.gemeente("GM0375")
    assert beverwijk.scores.thema("capaciteit").score == 0
    assert beverwijk.scores.thema("visie-opdracht").score == pytest.approx(200 / 3)
    [eerste, *_] = beverwijk.verbeterpunten
    assert eerste.thema_id == "capaciteit"
    assert eerste.suggestie == beantwoord.vragenlijst.thema("capaciteit").suggestie(0)
    assert eerste.bespreekpunten == (beantwoord.vragenlijst.thema("capaciteit").vragen[0].id,)
    assert uitslag.per_thema["capaciteit"].minimum == 0
    assert uitslag.per_thema["capaciteit"].maximum == pytest.approx(200 / 3)
    velsen = uitslag.gemeente("GM0453")
    assert velsen.scores.thema("outreachend-werken").zicht_ontbreekt


def test_unconfirmed_copies_do_not_count(db, beantwoord):
    antwoorden = opslag.antwoorden(db, beantwoord.id)
    vraag = beantwoord.vragenlijst.thema("capaciteit").vragen[0].id
    antwoorden[("GM0375", vraag)] = replace(
        antwoorden[("GM0375", vraag)], waarde=3, overgenomen=True
    )
    uitslag = resultaten.bereken(beantwoord, antwoorden)
    assert uitslag.gemeente("GM0375").scores.thema("capaciteit").score == 0
    assert uitslag.gemeente("GM0375").onbevestigd == 1


def test_overview_page(facilitator, beantwoord):
    html = facilitator.get(f"/metingen/{beantwoord.id}/resultaten").get_data(as_text=True)
    for thema in beantwoord.vragenlijst.themas:
        assert thema.titel in html
    for naam in ("Beverwijk", "Heemskerk", "Velsen"):
        assert naam in html
    assert "/grafiek/overzicht.svg" in html
    assert "nog niet afgerond" in html
    # The legend under the heatmap shows its marks with the band's words.
    for _grens, naam, uitleg in resultaten.BANDEN:
        assert (
            f'<span aria-hidden="true">{grafiekstijl.BAND_TEKEN[naam]}</span> {naam}: {uitleg}'
            in html
        )


def test_the_pages_band_colours_are_the_charts_and_the_reports():
    """One palette: the CSS custom properties are grafiekstijl's colours, and every band class
    and answer chip takes them from there (chip 3, the top level, a deeper green of its own)."""
    css = (paths.static_dir() / "zelfscan.css").read_text(encoding="utf-8")
    eigenschappen = dict(re.findall(r"--band-(\w+):\s*(#[0-9a-fA-F]{6});", css))
    assert {n: k.upper() for n, k in eigenschappen.items()} == grafiekstijl.BAND_KLEUR
    regels = dict(re.findall(r"^\.((?:band|chip)-\w+) \{ background: ([^;]+);", css, re.M))
    for naam in grafiekstijl.BAND_KLEUR:
        assert regels[f"band-{naam}"] == f"var(--band-{naam})"
    assert [regels[f"chip-{i}"] for i in range(3)] == [
        "var(--band-zwak)",
        "var(--band-midden)",
        "var(--band-sterk)",
    ]
    assert re.fullmatch(r"#[0-9a-f]{6}", regels["chip-3"])
    assert {n: k.hexval() for n, k in opmaak.BAND_KLEUR.items()} == {
        n: "0x" + k[1:].lower() for n, k in grafiekstijl.BAND_KLEUR.items()
    }


def test_gemeente_page(facilitator, beantwoord):
    html = facilitator.get(f"/metingen/{beantwoord.id}/resultaten/GM0375").get_data(as_text=True)
    capaciteit = beantwoord.vragenlijst.thema("capaciteit")
    assert "Verbeterpunten" in html
    assert capaciteit.suggestie(0) in html
    assert "Bespreekpunt in de sessie:" in html
    assert "Radargrafiek van Beverwijk" in html  # the chart's text alternative points to the table
    assert facilitator.get(f"/metingen/{beantwoord.id}/resultaten/GM0392").status_code == 404


def test_charts_are_real_svg_and_png(facilitator, beantwoord):
    svg = facilitator.get(f"/metingen/{beantwoord.id}/grafiek/radar-GM0375.svg")
    assert svg.mimetype == "image/svg+xml"
    tekst = "".join(ET.fromstring(svg.data).itertext())
    for thema in beantwoord.vragenlijst.themas:
        assert thema.label.split()[0] in tekst
    # The spokes grouped by onderdeel: the legend names each (wrapped on screen).
    for onderdeel in beantwoord.vragenlijst.onderdelen:
        assert all(woord in tekst for woord in onderdeel.titel.split())
    png = facilitator.get(f"/metingen/{beantwoord.id}/grafiek/radar-GM0375.png")
    assert png.data[:8] == b"\x89PNG\r\n\x1a\n" and len(png.data) > 20_000
    heatmap = facilitator.get(f"/metingen/{beantwoord.id}/grafiek/overzicht.svg")
    assert "Velsen" in "".join(ET.fromstring(heatmap.data).itertext())
    assert facilitator.get(f"/metingen/{beantwoord.id}/grafiek/overzicht.gif").status_code == 404


def test_a_new_answer_redraws_the_chart(facilitator, db, beantwoord):
    url = f"/metingen/{beantwoord.id}/grafiek/radar-GM0375.svg"
    voor = facilitator.get(url).data
    vraag = beantwoord.vragenlijst.thema("capaciteit").vragen[1].id
    opslag.sla_antwoord(db, beantwoord.id, "GM0375", vraag, 3, wie="test")
    assert facilitator.get(url).data != voor
