"""The year-over-year cycle ends in the PDF: an ambitie a gemeente records through its private
link shows up, judged, in next year's report, with deltas that match a hand computation."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

from pypdf import PdfReader

from tests.conftest import csrf_token
from zelfscan import opslag, rapport
from zelfscan.opslag import gemeentelinks

BEVERWIJK = "GM0375"


def pdf_tekst(inhoud: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(inhoud)).pages))


def test_ambitie_via_link_is_judged_in_next_years_report(app, db, ijmond):
    catalogus = app.extensions["zelfscan.catalogus"]
    capaciteit = [v.id for v in ijmond.vragenlijst.thema("capaciteit").vragen]
    for vraag in ijmond.vragenlijst.vragen:
        opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag.id, 1, wie="fien")
    opslag.rond_af(db, ijmond.id, wie="fien")

    # Beverwijk records two ambities through its link, as its beleidsadviseur would.
    token, _ = gemeentelinks.maak_link(db, ijmond.id, BEVERWIJK, wie="fien")
    gemeente = app.test_client()
    antwoord = gemeente.post(
        f"/g/{token}/ambities",
        data={
            "csrf_token": csrf_token(gemeente, f"/g/{token}/"),
            "niveau:capaciteit": "2",
            "tekst:capaciteit": "Twee extra formatieplaatsen",
            "niveau:visie-opdracht": "3",
        },
    )
    assert antwoord.status_code == 302

    # 2022: last year's answers copied; capaciteit raised to 2 and confirmed, visie confirmed at 1.
    vervolg, _ = opslag.maak_vervolgmeting(
        db,
        ijmond.id,
        # 2022: the 2021 set was the only one then; the figures by hand below assume it.
        vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid", ijmond.vragenlijst.versie),
        regio=catalogus.regio("kennemerland"),
        jaar=2022,
        datum=date(2022, 10, 11),
        wie="fien",
    )
    for vraag in capaciteit:
        opslag.sla_antwoord(db, vervolg.id, BEVERWIJK, vraag, 2, wie="fien")
    opslag.bevestig_thema(db, vervolg.id, "visie-opdracht", wie="fien")
    opslag.rond_af(db, vervolg.id, wie="fien")

    tekst = pdf_tekst(rapport.gemeente_rapport(db, vervolg.id, BEVERWIJK))
    assert "Ontwikkeling sinds de vorige meting" in tekst
    assert "Twee extra formatieplaatsen" in tekst
    # By hand: capaciteit went from all 'In ontwikkeling' (1 of 3 → 33) to all 'Grotendeels'
    # (2 of 3 → 67): +33, ambitie 'Grotendeels' (2) reached exactly. Visie stayed at 33 (= 0);
    # its ambitie 'Ja, geborgd' (3) was not reached.
    assert re.search(r"Capaciteit en caseload 33 67 ▲ ?\+33", tekst), tekst[:3000]
    assert re.search(r"Visie en opdracht aan de lokale teams 33 33 = ?0", tekst)
    assert "ambitie gehaald" in tekst and "nog niet gehaald" in tekst
