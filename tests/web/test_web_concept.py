"""Every results page of a meting that is not afgerond says so: the facilitator's overview and
gemeente pages and the gemeente's own link page, and the PDF the link hands out carries it on
every page (issue 16, item 8). Once afgerond, none of them does."""

from __future__ import annotations

import io

from pypdf import PdfReader

from zelfscan import opslag
from zelfscan.opslag import gemeentelinks

MELDING = "deze meting is nog niet afgerond; de uitkomsten kunnen nog veranderen."


def test_concept_results_pages_and_the_link_page_say_so(facilitator, app, db, ijmond):
    for vraag in ijmond.vragenlijst.vragen[:20]:
        opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag.id, 2, wie="fien")
    token, _ = gemeentelinks.maak_link(db, ijmond.id, "GM0375", wie="fien")
    bezoeker = app.test_client()
    paginas = {
        "overzicht": lambda: facilitator.get(f"/metingen/{ijmond.id}/resultaten"),
        "gemeente": lambda: facilitator.get(f"/metingen/{ijmond.id}/resultaten/GM0375"),
        "link": lambda: bezoeker.get(f"/g/{token}/"),
    }
    for naam, vraag in paginas.items():
        antwoord = vraag()
        assert antwoord.status_code == 200, naam
        assert f"<strong>Concept:</strong> {MELDING}" in antwoord.get_data(as_text=True), naam

    # The PDF a gemeente downloads through its link: the word on every page.
    pdf = bezoeker.get(f"/g/{token}/rapport.pdf")
    assert pdf.mimetype == "application/pdf"
    for nummer, pagina in enumerate(PdfReader(io.BytesIO(pdf.data)).pages, 1):
        assert "CONCEPT" in pagina.extract_text(), f"pagina {nummer}"

    opslag.rond_af(db, ijmond.id, wie="fien")
    for naam, vraag in paginas.items():
        assert MELDING not in vraag().get_data(as_text=True), naam
