"""Forms that guide (issue 20): on "Nieuwe meting" the gemeenten follow the subregio (without
JavaScript in two steps), a form that comes back with errors opens with an error summary that
takes the focus and links to each field, and a refusal names gemeenten by name."""

from __future__ import annotations

import html
import re

from tests.conftest import csrf_token, log_in
from zelfscan import opslag

IJMOND = "kennemerland/ijmond"


def tekst(antwoord) -> str:
    return html.unescape(antwoord.get_data(as_text=True))


def vakje(pagina: str, cbs: str) -> str:
    return re.search(rf'<input type="checkbox" name="gemeenten" id="gemeente-{cbs}"[^>]*>', pagina)[
        0
    ]


def nieuw(client, **velden):
    data = {
        "csrf_token": csrf_token(client, "/metingen/nieuw"),
        "subregio": IJMOND,
        "vragenlijst": "werken-aan-veiligheid@2021.1",
        "jaar": "2021",
        "soort": "0-meting",
        "datum": "2021-10-12",
        **velden,
    }
    return client.post("/metingen/nieuw", data=data)


def test_the_gemeenten_follow_the_subregio_in_two_steps_without_javascript(facilitator, db):
    leeg = tekst(facilitator.get("/metingen/nieuw"))
    assert '<option value="">Kies een subregio</option>' in leeg
    assert "Kies eerst een subregio; dan staan hier haar gemeenten." in leeg
    assert "disabled" in vakje(leeg, "GM0375") and "disabled" in vakje(leeg, "GM0392")
    # The newest vragenlijst is chosen; its long title is a radio button's label, never cut off.
    assert re.search(
        r'<input [^>]*checked id="vragenlijst-0" name="vragenlijst" [^>]*type="radio"', leeg
    )

    # Step two: the gemeenten of IJmond, and only those; nothing is saved yet.
    stap = tekst(nieuw(facilitator, stap="gemeenten"))
    for cbs in ("GM0375", "GM0396", "GM0453"):  # Beverwijk, Heemskerk, Velsen
        assert "disabled" not in vakje(stap, cbs)
    assert "disabled" in vakje(stap, "GM0392")  # Haarlem belongs to Zuid-Kennemerland
    assert "foutoverzicht" not in stap
    assert opslag.metingen(db) == []


def test_an_error_summary_at_the_top_takes_the_focus_and_links_to_each_field(facilitator, db):
    pagina = tekst(nieuw(facilitator, subregio="", jaar="2022"))
    samenvatting = re.search(r'<div class="melding melding-fout foutoverzicht"[^>]*>', pagina)[0]
    assert "autofocus" in samenvatting and 'tabindex="-1"' in samenvatting
    # Above the form, and before any other autofocus.
    assert pagina.index("foutoverzicht") < pagina.index('<form method="post" class="formulier"')
    assert '<a href="#subregio">Subregio: Kies een subregio.</a>' in pagina
    assert opslag.metingen(db) == []
    # A refusal of the store is listed too, with its field.
    pagina = tekst(nieuw(facilitator, jaar="2022"))
    assert '<a href="#jaar">Jaar: De datum (12 oktober 2021) valt niet in het jaar 2022.' in pagina


def test_a_gemeente_of_another_regio_is_named_by_name(facilitator, db):
    pagina = tekst(nieuw(facilitator, gemeenten=["GM0375", "GM0513"]))
    assert "niet bij subregio IJmond: Gouda (geen gemeente van regio Kennemerland)" in pagina
    assert "GM0" not in pagina.split("foutoverzicht", 1)[1].split("</div>", 1)[0]
    assert '<a href="#gemeenten">' in pagina and 'id="gemeenten"' in pagina
    assert opslag.metingen(db) == []


def test_other_forms_open_with_the_summary_too(app, client, facilitator, ijmond):
    # A deelnemer without a rol: the meting page again, with the summary above its form.
    url = f"/metingen/{ijmond.id}"
    antwoord = facilitator.post(
        f"{url}/deelnemers", data={"csrf_token": csrf_token(facilitator, url), "organisatie": "X"}
    )
    assert antwoord.status_code == 400
    assert '<a href="#rol">Rol: Vul de rol in.</a>' in tekst(antwoord)
    # A failed login says so in the summary, which takes the focus.
    ander = app.test_client()
    pagina = tekst(log_in(ander, wachtwoord="fout-wachtwoord-123"))
    assert re.search(r'foutoverzicht"[^>]*autofocus', pagina)
    assert "Inloggen is niet gelukt" in pagina
    assert "Gebruikersnaam of wachtwoord klopt niet." in pagina
