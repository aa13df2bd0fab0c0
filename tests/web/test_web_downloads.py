"""Downloads people use (issue 16, item 7): the meting's workbook and the subregio overview from
the results page, the radar as PNG and SVG for slides (also through a gemeente's link, of that
gemeente only), and the regio overview from the metingen overview."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from PIL import Image
from pypdf import PdfReader

from zelfscan import opslag
from zelfscan.opslag import gemeentelinks

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def beantwoord(db, ijmond):
    """IJmond (concept), a third of the vragen answered for every gemeente."""
    for i, vraag in enumerate(ijmond.vragenlijst.vragen):
        if i % 3 == 0:
            opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag.id, i % 4, wie="fien")
    return ijmond


def downloads(html: str) -> dict[str, str]:
    """href → the file name of every link with a download attribute."""
    return dict(re.findall(r'<a class="knop" href="([^"]+)" download="([^"]+)"', html))


def test_the_results_page_offers_the_overview_pdf_and_the_workbook(facilitator, beantwoord):
    m = beantwoord
    html = facilitator.get(f"/metingen/{m.id}/resultaten").get_data(as_text=True)
    assert f'href="/metingen/{m.id}/rapport/overzicht.pdf"' in html
    assert f'href="/metingen/{m.id}/werkmap.xlsx"' in html

    antwoord = facilitator.get(f"/metingen/{m.id}/werkmap.xlsx")
    assert antwoord.status_code == 200
    assert antwoord.mimetype == XLSX
    assert antwoord.headers["Cache-Control"] == "no-store"
    assert (
        antwoord.headers["Content-Disposition"]
        == 'attachment; filename="zelfscan-2021-0-meting-ijmond-werkmap.xlsx"'
    )
    boek = openpyxl.load_workbook(io.BytesIO(antwoord.data))
    assert boek.sheetnames == ["Meting", "Scores", "Verbeterpunten", "Ambities", "Antwoorden"]
    kop = next(boek["Scores"].iter_rows(values_only=True))
    assert kop[3:6] == ("Beverwijk", "Heemskerk", "Velsen")
    # Every verbeterpunt has its advice and names the weak answers it is about.
    kop, *punten = boek["Verbeterpunten"].iter_rows(values_only=True)
    assert punten and all(r[kop.index("Advies")] for r in punten)
    assert all(r[kop.index("Bij de vraag")] and r[kop.index("Antwoord")] for r in punten)


def test_radar_downloads_for_the_facilitator_and_through_the_link(facilitator, app, db, beantwoord):
    m = beantwoord
    html = facilitator.get(f"/metingen/{m.id}/resultaten/GM0375").get_data(as_text=True)
    assert downloads(html) == {
        f"/metingen/{m.id}/grafiek/radar-GM0375.png": "zelfscan-2021-0-meting-ijmond-beverwijk-radar.png",
        f"/metingen/{m.id}/grafiek/radar-GM0375.svg": "zelfscan-2021-0-meting-ijmond-beverwijk-radar.svg",
    }
    for href, naam in downloads(html).items():
        antwoord = facilitator.get(href)
        assert antwoord.status_code == 200
        assert antwoord.headers["Content-Disposition"] == f'inline; filename="{naam}"'
        controleer_radar(antwoord, naam)

    token, _ = gemeentelinks.maak_link(db, m.id, "GM0453", wie="fien")
    bezoeker = app.test_client()
    html = bezoeker.get(f"/g/{token}/").get_data(as_text=True)
    assert downloads(html) == {
        f"/g/{token}/radar.png": "zelfscan-2021-0-meting-ijmond-velsen-radar.png",
        f"/g/{token}/radar.svg": "zelfscan-2021-0-meting-ijmond-velsen-radar.svg",
    }
    for href, naam in downloads(html).items():
        antwoord = bezoeker.get(href)
        assert antwoord.headers["Cache-Control"] == "no-store"  # the token's rules hold
        controleer_radar(antwoord, naam)
    # Only its own gemeente: the picture names Velsen and no other gemeente.
    svg = bezoeker.get(f"/g/{token}/radar.svg").get_data(as_text=True)
    assert "Velsen" in svg and "Beverwijk" not in svg and "Heemskerk" not in svg
    assert bezoeker.get(f"/g/{token}/radar.gif").status_code == 404


def controleer_radar(antwoord, naam: str) -> None:
    if naam.endswith(".png"):
        assert antwoord.mimetype == "image/png"
        assert antwoord.data.startswith(PNG)
        beeld = Image.open(io.BytesIO(antwoord.data))
        beeld.verify()
        # A slide's size (16:9, projector), not a thumbnail.
        assert beeld.format == "PNG" and beeld.size == (1280, 720)
    else:
        assert antwoord.mimetype == "image/svg+xml"
        wortel = ET.fromstring(antwoord.data)
        assert wortel.tag == "{http://www.w3.org/2000/svg}svg"


def test_the_metingen_overview_offers_the_regio_overview_per_year(facilitator, beantwoord):
    html = facilitator.get("/metingen/").get_data(as_text=True)
    link = "/metingen/regio/kennemerland/2021/overzicht.pdf"
    # "2021" on the screen; a screen reader hears what the link is.
    gevonden = re.search(rf'href="{link}">(.*?)</a>', html).group(1)
    assert re.sub(r"<[^>]+>", "", gevonden) == "Regio-overzicht Kennemerland 2021 (PDF)"
    antwoord = facilitator.get(link)
    assert antwoord.status_code == 200
    assert antwoord.mimetype == "application/pdf"
    assert antwoord.headers["Content-Disposition"] == (
        'attachment; filename="zelfscan-2021-regio-kennemerland.pdf"'
    )
    assert antwoord.headers["Cache-Control"] == "no-store"
    # IJmond is a concept: every page of the regio overview says so.
    for nummer, pagina in enumerate(PdfReader(io.BytesIO(antwoord.data)).pages, 1):
        assert "CONCEPT" in pagina.extract_text(), f"pagina {nummer}"
    assert facilitator.get("/metingen/regio/kennemerland/2020/overzicht.pdf").status_code == 404
    assert facilitator.get("/metingen/regio/nergens/2021/overzicht.pdf").status_code == 404
