"""Notes for all gemeenten or for one, in the session (with and without JavaScript), on a
gemeente's link page and on the afronden screen; ambities with who and by when on the link
page and next year's verdict with its reason (issue 16, items 3 and 5). Flask's test client on
the test data (mini-scan, testregio)."""

from __future__ import annotations

import html
import re

import pytest

from tests.conftest import WACHTWOORD, csrf_token, log_in
from tests.rapport.test_rapport_notities import (
    AARDAM,
    BEEKHUIZEN,
    TOELICHTING_BEEKHUIZEN,
    VOOR_AARDAM,
    VOOR_ALLE,
    VOOR_BEEKHUIZEN,
    vul,
)
from tests.store_fixtures import DATA, maak, mini
from zelfscan import opslag
from zelfscan.opslag import gebruikers, gemeentelinks
from zelfscan.opslag.verbinding import open_db
from zelfscan.web.app import create_app


@pytest.fixture
def web(tmp_path):
    """The app on the test data, with facilitator 'fien' logged in."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-geheim",
            "DATABASE": str(tmp_path / "web.db"),
            "VRAGENLIJSTEN": str(DATA),
        }
    )
    db = open_db(app.config["DATABASE"])
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    client = app.test_client()
    assert log_in(client).status_code == 302
    yield client, db
    db.conn.close()


def tekst(antwoord) -> str:
    """The page as text, tags removed and whitespace normalised."""
    zonder = re.sub(r"<[^>]+>", " ", antwoord.get_data(as_text=True))
    return " ".join(html.unescape(zonder).split())


def test_the_link_page_carries_the_note_for_all_and_its_own_only(web):
    client, db = web
    nul, _ = vul(db)
    token, _ = gemeentelinks.maak_link(db, nul.id, AARDAM, wie="fien")
    pagina = client.get(f"/g/{token}/")
    inhoud = tekst(pagina)
    assert "Notities uit de sessie" in inhoud
    assert VOOR_ALLE in inhoud and f"Voor Aardam: {VOOR_AARDAM}" in inhoud
    assert VOOR_BEEKHUIZEN not in inhoud and TOELICHTING_BEEKHUIZEN not in inhoud
    # Its ambities form shows who and by when, by when in the reader's form.
    ruw = pagina.get_data(as_text=True)
    assert 'name="wie:visie"' in ruw and 'value="team Veiligheid"' in ruw
    assert 'value="Q2 2022"' in ruw and 'value="30 juni 2022"' in ruw

    token, _ = gemeentelinks.maak_link(db, nul.id, BEEKHUIZEN, wie="fien")
    inhoud = tekst(client.get(f"/g/{token}/"))
    assert VOOR_ALLE in inhoud and f"Voor Bëekhuizen: {VOOR_BEEKHUIZEN}" in inhoud
    assert VOOR_AARDAM not in inhoud


def test_the_results_page_gives_each_ambitie_its_verdict_with_reason_who_and_when(web):
    client, db = web
    _, vervolg = vul(db)
    inhoud = tekst(client.get(f"/metingen/{vervolg.id}/resultaten/{AARDAM}"))
    assert (
        "Grotendeels Visie vernieuwen. team Veiligheid, Q2 2022 niet gehaald "
        "nu ‘In ontwikkeling’ (33), ambitie ‘Grotendeels’ (67)"
    ) in inhoud
    assert "niet te meten het thema heeft nu geen score (onvoldoende beantwoord)" in inhoud
    assert "30 juni 2022 ✓ gehaald nu ‘Grotendeels’ (67)" in inhoud


def test_the_facilitator_writes_a_note_for_one_gemeente_with_and_without_javascript(web):
    client, db = web
    m = maak(db, mini())
    url = f"/metingen/{m.id}/thema/visie"
    pagina = client.get(url).get_data(as_text=True)
    assert '<label for="notitie">Voor alle gemeenten' in pagina
    assert "<summary>Notitie voor één gemeente</summary>" in pagina
    assert '<label for="notitie-GM9002">Bëekhuizen</label>' in pagina
    # Without JavaScript: the thema's form, the note for all and one for Bëekhuizen.
    antwoord = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "actie": "opslaan",
            "notitie": "Voor iedereen.",
            "notitie_origineel": "",
            f"notitie:{AARDAM}": "",
            f"notitie:{AARDAM}_origineel": "",
            f"notitie:{BEEKHUIZEN}": "Alleen Bëekhuizen.",
            f"notitie:{BEEKHUIZEN}_origineel": "",
        },
    )
    assert antwoord.status_code == 302
    assert {k: n.tekst for k, n in opslag.notities(db, m.id).items() if n.tekst} == {
        ("visie", None): "Voor iedereen.",
        ("visie", BEEKHUIZEN): "Alleen Bëekhuizen.",
    }
    pagina = client.get(url).get_data(as_text=True)
    assert re.search(r'<details class="pergemeente" open>\s*<summary>Notitie voor één', pagina)
    # With JavaScript: the autosave, per field.
    token = csrf_token(client, url)

    def bewaar(**gegevens):
        return client.post(
            f"/metingen/{m.id}/autosave",
            json={"soort": "notitie", "thema": "visie"} | gegevens,
            headers={"X-CSRFToken": token},
        )

    assert bewaar(cbs=AARDAM, waarde="Alleen Aardam.", origineel="").status_code == 200
    # Someone else's newer text for Bëekhuizen is not overwritten, the note for all untouched.
    r = bewaar(cbs=BEEKHUIZEN, waarde="Oud", origineel="")
    assert r.status_code == 409 and r.json["huidig"] == "Alleen Bëekhuizen."
    r = bewaar(cbs="GM9004", waarde="x", origineel="")
    assert r.status_code == 400 and "Gemeente GM9004 doet niet mee" in r.json["fout"]
    assert {k: n.tekst for k, n in opslag.notities(db, m.id).items()} == {
        ("visie", None): "Voor iedereen.",
        ("visie", AARDAM): "Alleen Aardam.",
        ("visie", BEEKHUIZEN): "Alleen Bëekhuizen.",
    }
    # The end of the thema lists them, labelled.
    klaar = tekst(client.get(f"{url}/klaar"))
    assert "Voor alle gemeenten: Voor iedereen." in klaar
    assert "Alleen voor Aardam: Alleen Aardam." in klaar


def test_afronden_warns_of_a_note_for_all_that_names_a_gemeente_but_still_closes(web):
    client, db = web
    m = maak(db, mini())
    url = f"/metingen/{m.id}/afronden"
    opslag.sla_notitie(db, m.id, "visie", "Bëekhuizen heeft geen wethouder.", wie="fien")
    # Not a name: part of a longer word, or a note for that gemeente itself.
    opslag.sla_notitie(db, m.id, "sturing", "De Aardammers doen mee.", wie="fien")
    opslag.sla_notitie(db, m.id, "meldcode", "Aardam: nota.", cbs=AARDAM, wie="fien")
    pagina = client.get(url).get_data(as_text=True)
    inhoud = tekst(client.get(url))
    assert "Let op: een notitie voor alle gemeenten noemt een gemeente" in inhoud
    assert (
        "Visie en opdrachtgeverschap noemt Bëekhuizen : Bëekhuizen heeft geen wethouder." in inhoud
    )
    assert f'href="/metingen/{m.id}/thema/visie#notities-kop"' in pagina
    assert "Sturing" not in inhoud.split("Let op")[1].split("Ik rond")[0]
    # Case and accents do not hide a name.
    opslag.sla_notitie(db, m.id, "sturing", "Afspraak met AARDAM en beekhuizen.", wie="fien")
    inhoud = tekst(client.get(url))
    assert "2 notities voor alle gemeenten noemen een gemeente" in inhoud
    assert "noemt Aardam, Bëekhuizen" in inhoud
    # A warning only: the meting closes as always.
    antwoord = client.post(url, data={"csrf_token": csrf_token(client, url), "bevestig": "ja"})
    assert antwoord.status_code == 302 and opslag.meting(db, m.id).afgerond
    assert "Let op" not in tekst(client.get(url))
