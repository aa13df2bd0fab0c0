"""Forms that guide (issue 20): on "Nieuwe meting" the gemeenten follow the subregio (without
JavaScript in two steps), a form that comes back with errors opens with an error summary that
takes the focus and links to each field, and a refusal names gemeenten by name."""

from __future__ import annotations

import html
import re

from tests.conftest import WACHTWOORD, csrf_token, log_in
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
    assert pagina.index("foutoverzicht") < pagina.index(
        '<form method="post" action="/metingen/nieuw"'
    )
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


def samenvatting(pagina: str) -> str:
    """The error summary: it takes the focus (autofocus) and lists its links."""
    gevonden = re.search(
        r'<div class="melding melding-fout foutoverzicht" id="foutoverzicht"[^>]*autofocus[^>]*>'
        r"(.*?)</div>",
        pagina,
        re.S,
    )
    assert gevonden, "no error summary"
    return gevonden[1]


def veld_tag(pagina: str, veld_id: str) -> str:
    return re.search(rf'<(?:input|select|textarea)[^>]*\bid="{veld_id}"[^>]*>', pagina)[0]


def gemarkeerd(pagina: str, veld_id: str) -> None:
    tag = veld_tag(pagina, veld_id)
    assert 'aria-invalid="true"' in tag and f'aria-describedby="{veld_id}-fout"' in tag, tag
    assert f'id="{veld_id}-fout"' in pagina


def test_every_form_refused_comes_back_400_with_the_summary_and_what_was_typed(
    app, client, facilitator, db, ijmond
):
    # "Link maken" with a bad number of days: no flash and redirect, the form again.
    from zelfscan.opslag import gemeentelinks

    url = f"/metingen/{ijmond.id}/links/"
    antwoord = facilitator.post(
        url, data={"csrf_token": csrf_token(facilitator, url), "cbs": "GM0396", "dagen": "0"}
    )
    assert antwoord.status_code == 400
    pagina = tekst(antwoord)
    assert '<a href="#dagen">Geldig (dagen, leeg = onbeperkt): Vul een aantal dagen van 1 tot' in (
        samenvatting(pagina)
    )
    gemarkeerd(pagina, "dagen")
    assert 'value="0"' in veld_tag(pagina, "dagen")
    assert re.search(r'<option selected value="GM0396">Heemskerk</option>', pagina)
    assert gemeentelinks.links(db, ijmond.id) == []
    for dagen in ("abc", "3651", "1.5", "-2", "²"):
        antwoord = facilitator.post(
            url, data={"csrf_token": csrf_token(facilitator, url), "cbs": "GM0396", "dagen": dagen}
        )
        assert antwoord.status_code == 400, dagen
    # An unknown gemeente is refused by name of the field, never by its code.
    antwoord = facilitator.post(url, data={"csrf_token": csrf_token(facilitator, url), "cbs": "X"})
    assert antwoord.status_code == 400 and '<a href="#cbs">Gemeente:' in tekst(antwoord)

    # "Deelnemer toevoegen": posts to an address without #deelnemers (autofocus works there).
    url = f"/metingen/{ijmond.id}"
    assert f'action="/metingen/{ijmond.id}/deelnemers"' in tekst(facilitator.get(url))
    antwoord = facilitator.post(
        f"{url}/deelnemers",
        data={"csrf_token": csrf_token(facilitator, url), "organisatie": "GGD", "naam": "Ans"},
    )
    pagina = tekst(antwoord)
    assert antwoord.status_code == 400 and '<a href="#rol">Rol: Vul de rol in.</a>' in pagina
    gemarkeerd(pagina, "rol")
    assert 'value="GGD"' in veld_tag(pagina, "organisatie")
    assert 'value="Ans"' in veld_tag(pagina, "naam")

    # "Afronden" without the tick.
    url = f"/metingen/{ijmond.id}/afronden"
    antwoord = facilitator.post(url, data={"csrf_token": csrf_token(facilitator, url)})
    pagina = tekst(antwoord)
    assert antwoord.status_code == 400
    assert '<a href="#bevestig">Afronden: Vink aan dat u de meting wilt afronden.</a>' in (
        samenvatting(pagina)
    )
    gemarkeerd(pagina, "bevestig")
    assert opslag.meting(db, ijmond.id).status == "concept"

    # "Meting heropenen" without a reden.
    opslag.rond_af(db, ijmond.id, wie="fien")
    antwoord = facilitator.post(
        f"/metingen/{ijmond.id}/heropenen",
        data={"csrf_token": csrf_token(facilitator, url), "reden": "  "},
    )
    pagina = tekst(antwoord)
    assert antwoord.status_code == 400
    assert '<a href="#reden">Reden: Geef een reden om de meting te heropenen' in samenvatting(
        pagina
    )
    gemarkeerd(pagina, "reden")
    assert opslag.meting(db, ijmond.id).status == "afgerond"

    # "Vervolgmeting starten" without a jaar: the version chosen and the title typed stay.
    url = f"/metingen/{ijmond.id}/vervolg"
    antwoord = facilitator.post(
        url,
        data={
            "csrf_token": csrf_token(facilitator, url),
            "jaar": "",
            "datum": "2022-10-11",
            "vragenlijst": "werken-aan-veiligheid@2021.1",
            "titel": "Mijn titel",
            "gemeenten": ["GM0375"],
        },
    )
    pagina = tekst(antwoord)
    assert antwoord.status_code == 400 and '<a href="#jaar">Jaar:' in samenvatting(pagina)
    gemarkeerd(pagina, "jaar")
    assert 'value="Mijn titel"' in veld_tag(pagina, "titel")
    keuze = re.search(r'<input[^>]*value="werken-aan-veiligheid@2021.1"[^>]*>', pagina)[0]
    assert "checked" in keuze and 'type="radio"' in keuze
    assert "checked" in vakje(pagina, "GM0375") and "checked" not in vakje(pagina, "GM0396")

    # A login with a field left empty: 400, the name typed kept, the summary (not the field)
    # takes the focus.
    ander = app.test_client()
    antwoord = ander.post(
        "/inloggen",
        data={"csrf_token": csrf_token(ander, "/inloggen"), "naam": "fien", "wachtwoord": ""},
    )
    pagina = tekst(antwoord)
    assert antwoord.status_code == 400 and '<a href="#wachtwoord">' in samenvatting(pagina)
    assert 'value="fien"' in veld_tag(pagina, "naam")
    assert pagina.count("autofocus") == 1


def test_a_new_account_refused_comes_back_400_at_an_address_without_fragment(
    app, client, db, facilitator
):
    from zelfscan.opslag import gebruikers

    beheerder = app.test_client()
    gebruikers.voeg_toe(db, "bea", WACHTWOORD, rol="beheerder")
    log_in(beheerder, "bea")
    url = "/beheer/gebruikers"
    assert 'action="/beheer/gebruikers"' in tekst(beheerder.get(url))
    antwoord = beheerder.post(
        url,
        data={
            "csrf_token": csrf_token(beheerder, url),
            "naam": "joost",
            "rol": "gespreksleider",
            "regios": ["kennemerland"],
            "wachtwoord": "kort",
            "herhaal": "kort",
        },
    )
    pagina = tekst(antwoord)
    assert antwoord.status_code == 400
    assert '<a href="#wachtwoord">' in samenvatting(pagina)
    gemarkeerd(pagina, "wachtwoord")
    assert 'value="joost"' in veld_tag(pagina, "naam")
    assert "checked" in re.search(r'<input[^>]*id="regio-kennemerland"[^>]*>', pagina)[0]


def test_a_gemeente_of_another_subregio_is_named_when_another_field_is_wrong_too(facilitator, db):
    # Without JavaScript: IJmond chosen, Heemskerk checked, then Haarlem of Zuid-Kennemerland
    # (its group still on screen before the step), and the Jaar left empty.
    antwoord = nieuw(facilitator, gemeenten=["GM0396", "GM0392"], jaar="")
    pagina = tekst(antwoord)
    assert antwoord.status_code == 400
    lijst = samenvatting(pagina)
    assert '<a href="#jaar">Jaar:' in lijst
    assert "Haarlem (hoort bij Zuid-Kennemerland)" in lijst and "GM0" not in lijst
    # Heemskerk belongs to IJmond: still checked, and the group carries the error.
    assert "checked" in vakje(pagina, "GM0396")
    assert 'aria-invalid="true"' in vakje(pagina, "GM0396")
    assert opslag.metingen(db) == []


def test_the_step_without_javascript_comes_back_at_the_gemeenten(facilitator):
    pagina = tekst(facilitator.get("/metingen/nieuw"))
    assert '<form method="post" action="/metingen/nieuw"' in pagina
    assert re.search(r'name="stap"[^>]*formaction="/metingen/nieuw#gemeenten"', pagina)
    assert '<fieldset class="veld" id="gemeenten">' in pagina


def test_vervolg_offers_each_version_as_a_radio_button_with_its_duur(facilitator, ijmond_vervolg):
    pagina = tekst(facilitator.get(f"/metingen/{ijmond_vervolg.vorige_meting_id}/vervolg"))
    assert '<select id="vragenlijst"' not in pagina
    keuzes = re.findall(r'<input[^>]*name="vragenlijst"[^>]*type="radio"[^>]*>', pagina)
    assert len(keuzes) >= 2
    # The newest version gives a duur per thema; the 2021 file gives none.
    assert re.search(r"Geschatte duur van de sessie: ca\. [^<]* voor 3 gemeenten\.", pagina)
