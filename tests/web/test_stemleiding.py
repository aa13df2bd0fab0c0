"""The facilitator's side of the room's votes (issue 19): open and close participation, the QR
code, the spread under each vraag, taking over the room's answer, the projector."""

from __future__ import annotations

import re

import pytest

from tests.conftest import csrf_token
from zelfscan import opslag
from zelfscan.opslag import deelnametabel, stemtabel


@pytest.fixture
def open_kamer(facilitator, db, ijmond):
    """IJmond on its first thema, participation opened through the page, five votes."""
    thema = ijmond.vragenlijst.themas[0]
    pagina = f"/metingen/{ijmond.id}/thema/{thema.id}"
    html = facilitator.get(pagina).get_data(as_text=True)
    assert "Deelname openen" in html
    token = csrf_token(facilitator, pagina)
    antwoord = facilitator.post(
        f"/metingen/{ijmond.id}/deelname/openen", data={"csrf_token": token, "terug": pagina}
    )
    assert antwoord.headers["Location"].endswith(pagina)
    open_ = deelnametabel.deelname(db, ijmond.id)
    vraag = thema.vragen[0].id
    # Beverwijk: 1, 1, 2, 2 (between two levels: the lower); Velsen: 0, 3, 3, 0 (verdeeld).
    for cbs, waarden in {"GM0375": [1, 1, 2, 2], "GM0453": [0, 3, 3, 0]}.items():
        for waarde in waarden:
            wie = deelnametabel.meld_aan(db, open_.id, cbs)
            stemtabel.sla_stem(db, ijmond.id, wie.id, vraag, waarde)
    return thema, pagina, open_, vraag


def test_the_thema_page_shows_the_spread_and_takes_over_the_lower_median(
    facilitator, db, ijmond, open_kamer
):
    _thema, pagina, open_, vraag = open_kamer
    html = facilitator.get(pagina).get_data(as_text=True)
    assert f"{open_.code[:3]} {open_.code[3:]}" in html
    assert "8 van 8 hebben gestemd" in html
    blok = html[html.index(f'id="stemmen-{vraag}"') :]
    assert "verdeeld: bespreekpunt" in blok
    assert "Neem over: In ontwikkeling" in blok  # Beverwijk: 1,1,2,2 → 1
    token = csrf_token(facilitator, pagina)
    antwoord = facilitator.post(
        f"/metingen/{ijmond.id}/deelname/vaststellen",
        data={"csrf_token": token, "neem": f"GM0375|{vraag}"},
    )
    assert antwoord.headers["Location"].endswith(f"{pagina}#vraag-{vraag}")
    gezet = opslag.antwoord(db, ijmond.id, "GM0375", vraag)
    assert (gezet.waarde, gezet.bespreekpunt) == (1, False)
    besluit = stemtabel.besluiten(db, ijmond.id)[("GM0375", vraag)]
    assert (besluit.voorstel, besluit.stemmen, besluit.volgt_stemmen) == (1, 4, True)
    # Velsen was divided: settling marks the answer as bespreekpunt.
    facilitator.post(
        f"/metingen/{ijmond.id}/deelname/vaststellen",
        data={"csrf_token": token, "neem": f"GM0453|{vraag}"},
    )
    assert opslag.antwoord(db, ijmond.id, "GM0453", vraag).bespreekpunt
    assert "Vastgesteld: In ontwikkeling" in facilitator.get(pagina).get_data(as_text=True)


def test_settling_from_the_no_javascript_form_saves_that_form_first(
    facilitator, db, ijmond, open_kamer
):
    """The buttons sit in the thema form: the whole form arrives, its changes are saved, and the
    answer chosen in the grid is what 'Vastleggen zoals gekozen' settles."""
    thema, pagina, _open, vraag = open_kamer
    ander = thema.vragen[1].id
    token = csrf_token(facilitator, pagina)
    facilitator.post(
        f"/metingen/{ijmond.id}/deelname/vaststellen",
        data={
            "csrf_token": token,
            f"a:GM0375:{vraag}": "3",
            f"ao:GM0375:{vraag}": "",
            f"a:GM0396:{ander}": "weet_niet",
            f"ao:GM0396:{ander}": "",
            "vast": f"GM0375|{vraag}",
        },
    )
    assert opslag.antwoord(db, ijmond.id, "GM0396", ander).waarde == "weet_niet"
    besluit = stemtabel.besluiten(db, ijmond.id)[("GM0375", vraag)]
    assert (besluit.waarde, besluit.voorstel, besluit.volgt_stemmen) == (3, 1, False)


def test_the_spread_follows_by_script_and_the_projector_shows_count_then_spread(
    facilitator, db, ijmond, open_kamer
):
    thema, pagina, open_, vraag = open_kamer
    data = facilitator.get(f"/metingen/{ijmond.id}/deelname/thema/{thema.id}/spreiding").get_json()
    assert (data["gestemd"], data["deelnemers"]) == (8, 8)
    assert "Neem over" in data["vragen"][vraag]
    presentatie = facilitator.get(f"/metingen/{ijmond.id}/presentatie").get_data(as_text=True)
    assert "8 van 8 hebben gestemd" in presentatie and open_.code[:3] in presentatie
    assert "Hoe de aanwezigen stemden" not in presentatie  # not before the reveal
    assert "Neem over" not in presentatie
    stand = opslag.stand(db, ijmond.id)
    token = csrf_token(facilitator, pagina)
    facilitator.post(
        f"/metingen/{ijmond.id}/deelname/onthul",
        data={"csrf_token": token, "thema": thema.id, "actie": "tonen", "terug": pagina},
    )
    assert opslag.stand(db, ijmond.id) != stand  # the projector reloads
    presentatie = facilitator.get(f"/metingen/{ijmond.id}/presentatie").get_data(as_text=True)
    assert "Hoe de aanwezigen stemden" in presentatie and "verdeeld: bespreekpunt" in presentatie
    assert "Neem over" not in presentatie


def test_the_qr_code_is_an_svg_of_the_join_address(facilitator, ijmond, open_kamer):
    _thema, _pagina, open_, _vraag = open_kamer
    qr = facilitator.get(f"/metingen/{ijmond.id}/deelname/qr.svg")
    assert qr.mimetype == "image/svg+xml"
    tekst = qr.get_data(as_text=True)
    assert "<svg" in tekst and f"/d/{open_.code}/" in tekst  # the address, in its <title>


def test_closing_participation_expires_the_code(facilitator, db, ijmond, open_kamer):
    _thema, pagina, open_, _vraag = open_kamer
    token = csrf_token(facilitator, pagina)
    facilitator.post(
        f"/metingen/{ijmond.id}/deelname/sluiten", data={"csrf_token": token, "terug": pagina}
    )
    assert deelnametabel.deelname_met_code(db, open_.code) is None
    assert facilitator.get(f"/metingen/{ijmond.id}/deelname/qr.svg").status_code == 404
    html = facilitator.get(pagina).get_data(as_text=True)
    assert "Deelname openen" in html
    # The votes stay, and so does their spread under the vraag.
    assert re.search(r'class="stemspreiding"', html)


def test_the_join_address_comes_from_the_public_url(app, facilitator, ijmond, open_kamer):
    app.config["PUBLIEKE_URL"] = "https://zelfscan.regio.example"
    _thema, pagina, open_, _ = open_kamer
    html = facilitator.get(pagina).get_data(as_text=True)
    assert "https://zelfscan.regio.example/d/" in html
    qr = facilitator.get(f"/metingen/{ijmond.id}/deelname/qr.svg").get_data(as_text=True)
    assert f"https://zelfscan.regio.example/d/{open_.code}/" in qr
    assert "deelname-alleen-hier" not in html


def test_an_address_only_this_laptop_opens_is_flagged(app, facilitator, ijmond, open_kamer):
    """Plain `serve` gives 127.0.0.1: phones cannot reach it, so the panel says so and how to
    fix it, before the room tries (found in review)."""
    _thema, pagina, _open, _ = open_kamer
    html = facilitator.get(pagina).get_data(as_text=True)  # the test client: http://localhost/
    assert 'id="deelname-alleen-hier"' in html
    assert "telefoons kunnen dit adres niet openen" in html and "zelfscan serve --lan" in html
    app.config["PUBLIEKE_URL"] = "http://192.168.1.20:8080"  # what `serve --lan` sets
    html = facilitator.get(pagina).get_data(as_text=True)  # the test client: http://localhost/
    assert "deelname-alleen-hier" not in html and "http://192.168.1.20:8080/d/" in html


# The projector's scores (sessie), the room's spread and closing participation (stemleiding).
@pytest.mark.parametrize("pad", ["onthul", "deelname/onthul", "deelname/sluiten"])
def test_a_form_returns_only_to_a_page_of_its_own_meting(facilitator, ijmond, pad):
    meting = f"/metingen/{ijmond.id}"
    token = csrf_token(facilitator, f"{meting}/thema/{ijmond.vragenlijst.themas[0].id}")
    for terug, verwacht in (
        (f"{meting}/thema/capaciteit", f"{meting}/thema/capaciteit"),
        ("//elders.example/metingen/", meting),
        (f"{meting}/\\elders.example", meting),
        (f"/metingen/{ijmond.id + 1}/thema/capaciteit", meting),
    ):
        antwoord = facilitator.post(
            f"{meting}/{pad}", data={"csrf_token": token, "terug": terug, "thema": "x"}
        )
        assert antwoord.status_code == 302
        assert antwoord.headers["Location"] == verwacht, (pad, terug)
