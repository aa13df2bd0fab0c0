"""Verbeterpunten that follow the answers, as the results pages and the PDFs show them (issue 14).

A small vragenlijst with a next step per vraag, a ``wie: regio`` thema and a safety thema; two
gemeenten answered so that each has own verbeterpunten and both share the regional one. The
web page, the gemeente PDF and the overview PDF must say the same.
"""

from __future__ import annotations

import html as html_module
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.conftest import WACHTWOORD, log_in
from zelfscan import opslag, rapport
from zelfscan.opslag import gebruikers
from zelfscan.opslag.verbinding import open_db
from zelfscan.web.app import create_app

REGIO = Path(__file__).parent.parent / "data-versies" / "regios" / "versieregio.yaml"
AARDAM, BEEKHUIZEN = "GM9001", "GM9002"


def _thema(ident: str, titel: str, n: int, **extra) -> dict:
    return {
        "id": ident,
        "titel": titel,
        "vragen": [
            {
                "id": f"{ident}-{i}",
                "tekst": f"Stelling {i} over {titel.lower()}.",
                "volgende_stap": f"Stap voor {ident}-{i}.",
            }
            for i in range(1, n + 1)
        ],
        "verbeterpunten": [{"niveaus": [0, 1, 2, 3], "tekst": f"Bandtekst {ident}."}],
        **extra,
    }


VRAGENLIJST = {
    "id": "advies-scan",
    "versie": "2026.1",
    "titel": "Advies-zelfscan",
    "schaal": {
        "niveaus": [{"waarde": n, "label": f"Niveau {n}", "beschrijving": "."} for n in range(4)],
        "weet_niet": {"label": "Weet niet"},
        "niet_van_toepassing": {"label": "N.v.t."},
    },
    "regels": {"verbeterpunt_onder": 40, "verbeterpunt_laagste": 0, "verbeterpunten_max": 5},
    "onderdelen": [
        {
            "id": "organisatie",
            "titel": "Organisatie",
            "themas": [
                _thema("visie", "Visie en opdracht", 3),
                _thema("veilig", "Veiligheid beoordelen", 3, prioriteit="veiligheid"),
            ],
        },
        {
            "id": "aanbod",
            "titel": "Aanbod",
            "themas": [_thema("hulp", "Regionaal hulpaanbod", 3, wie="regio")],
        },
    ],
}


def _antwoorden(cbs: str, waarden: dict[str, list[int]]) -> list[tuple[str, str, int]]:
    return [
        (cbs, f"{thema}-{i}", w) for thema, lijst in waarden.items() for i, w in enumerate(lijst, 1)
    ]


@pytest.fixture
def opzet(tmp_path):
    map_ = tmp_path / "data"
    (map_ / "regios").mkdir(parents=True)
    shutil.copy(REGIO, map_ / "regios")
    (map_ / "advies-scan.yaml").write_text(
        yaml.safe_dump(VRAGENLIJST, allow_unicode=True), encoding="utf-8"
    )
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-geheim",
            "DATABASE": str(tmp_path / "zelfscan.db"),
            "VRAGENLIJSTEN": str(map_),
        }
    )
    db = open_db(app.config["DATABASE"])
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    catalogus = app.extensions["zelfscan.catalogus"]
    meting = opslag.maak_meting(
        db,
        vragenlijst=catalogus.vragenlijst("advies-scan"),
        regio=catalogus.regio("versieregio"),
        subregio_id="noord",
        jaar=2026,
        soort="0-meting",
        datum=date(2026, 10, 6),
        gemeenten=[AARDAM, BEEKHUIZEN],
        wie="fien",
    )
    # Aardam: visie-2 at 0 and the rest at 3 (visie 67, not under 40 — but see veilig); veilig
    # with one vraag at 0 (67); hulp low (11). Bëekhuizen: visie low (22), hulp low (22).
    antwoorden = _antwoorden(AARDAM, {"visie": [3, 0, 0], "veilig": [3, 0, 3], "hulp": [0, 1, 0]})
    antwoorden += _antwoorden(
        BEEKHUIZEN, {"visie": [1, 0, 1], "veilig": [3, 3, 3], "hulp": [1, 0, 1]}
    )
    for cbs, vraag, waarde in antwoorden:
        opslag.sla_antwoord(db, meting.id, cbs, vraag, waarde, wie="fien")
    client = app.test_client()
    assert log_in(client).status_code == 302
    yield app, db, client, meting
    db.conn.close()


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _pdf_tekst(pdf: bytes, tmp_path: Path) -> str:
    pad = tmp_path / "r.pdf"
    pad.write_bytes(pdf)
    uit = subprocess.run(["pdftotext", str(pad), "-"], capture_output=True, check=True, text=True)
    return re.sub(r"\s+", " ", uit.stdout.replace("\u00ad", ""))


def test_the_gemeente_page_splits_own_and_regional_with_the_step_beside_the_weak_answer(opzet):
    _app, _db, client, meting = opzet
    html = client.get(f"/metingen/{meting.id}/resultaten/{AARDAM}").get_data(as_text=True)
    vp = html[html.index('id="vp-kop"') : html.index("</section>", html.index('id="vp-kop"'))]
    zelf = _tekst(vp[vp.index("Wat de gemeente zelf kan doen") : vp.index("Wat samen in de regio")])
    regio = _tekst(vp[vp.index("Wat samen in de regio moet") :])
    # visie (33: two vragen at 0) is Aardam's own; its advice is the steps of exactly those two.
    assert "Visie en opdracht" in zelf
    assert (
        "Stap voor visie-2. Bij: “Stelling 2 over visie en opdracht.” — antwoord Niveau 0" in zelf
    )
    assert "Stap voor visie-3." in zelf and "Stap voor visie-1." not in zelf
    # hulp is wie: regio: never in the gemeente's own list, always under the regional heading.
    assert "Regionaal hulpaanbod" not in zelf and "Regionaal hulpaanbod" in regio
    assert "Stap voor hulp-1." in regio and "Stap voor hulp-3." in regio
    assert "Stap voor hulp-2." not in regio  # hulp-2 is at 1, above the lowest level (0)
    # The bandtekst is only a fallback: never shown where a vraag has its step.
    assert "Bandtekst" not in vp


def test_the_overview_page_and_pdf_carry_the_regional_agenda_once(opzet, tmp_path):
    _app, db, client, meting = opzet
    html = client.get(f"/metingen/{meting.id}/resultaten").get_data(as_text=True)
    agenda = _tekst(
        html[
            html.index('id="agenda-kop"') : html.index("</section>", html.index('id="agenda-kop"'))
        ]
    )
    assert "Regionaal hulpaanbod" in agenda
    assert "Verbeterpunt voor Aardam (11), Bëekhuizen (22)" in agenda
    # Each step once, although both gemeenten answered 0 on hulp-2 or hulp-1/-3.
    for stap in ("Stap voor hulp-1.", "Stap voor hulp-2.", "Stap voor hulp-3."):
        assert agenda.count(stap) == 1
    assert "Visie en opdracht" not in agenda  # a gemeente thema is never on the agenda

    overzicht = _pdf_tekst(bytes(rapport.overzicht_rapport(db, meting.id)), tmp_path)
    assert "Regionale agenda" in overzicht
    deel = overzicht[overzicht.index("Regionale agenda Deze verbeterpunten") :]
    assert "Verbeterpunt voor Aardam (11) en Bëekhuizen (22)" in deel
    assert deel.count("Stap voor hulp-2.") == 1


def test_the_gemeente_pdf_says_what_the_page_says(opzet, tmp_path):
    _app, db, _client, meting = opzet
    tekst = _pdf_tekst(bytes(rapport.gemeente_rapport(db, meting.id, AARDAM)), tmp_path)
    # Summary: the total names what it averages; the split is named.
    assert "Aardam scoort gemiddeld" in tekst and "over de 2 onderdelen" in tekst
    assert "Wat de gemeente zelf kan doen" in tekst and "Wat samen in de regio moet" in tekst
    # After the contents (which list both headings too): the section itself.
    sectie = tekst[tekst.index("Een thema is een verbeterpunt als") :]
    zelf = sectie[
        sectie.index("Wat de gemeente zelf kan doen") : sectie.index("Wat samen in de regio moet")
    ]
    assert "Visie en opdracht" in zelf and "Regionaal hulpaanbod" not in zelf
    assert "Volgende stap: Stap voor visie-2." in zelf
