"""The vervolgmeting through the real app (issue 7): a full cycle on a real database — 0-meting
2021 → ambities → vervolgmeting 2022 pre-filled → some answers changed, some confirmed →
afronden → results with deltas and "ambitie gehaald" checked against hand-computed values; a
revised vragenlijst; a herindeling; a trend over three metingen."""

from __future__ import annotations

import html as html_module
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import WACHTWOORD, csrf_token, log_in
from zelfscan import opslag
from zelfscan.opslag import gebruikers
from zelfscan.opslag.verbinding import open_db
from zelfscan.scores import ontwikkeling, resultaten
from zelfscan.web.app import create_app

BEVERWIJK, HEEMSKERK, VELSEN = "GM0375", "GM0396", "GM0453"
VERSIES = Path(__file__).parent.parent / "data-versies"  # two versions of a small vragenlijst


def tekst(html: str) -> str:
    """The page as text: tags out, whitespace folded."""
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def deel(html: str, begin: str, einde: str = "</section>") -> str:
    start = html.index(begin)
    return html[start : html.index(einde, start)]


def rij(html: str, titel: str) -> str:
    """The text of the table row that starts with ``titel``."""
    for tr in re.findall(r"<tr>.*?</tr>", html, re.S):
        if tekst(tr).startswith(titel):
            return tekst(tr)
    raise AssertionError(f"geen rij voor {titel!r}")


def start_vervolg(client, meting, **velden) -> int:
    url = f"/metingen/{meting.id}/vervolg"
    token = csrf_token(client, url)
    data = {
        "csrf_token": token,
        "jaar": str(meting.jaar + 1),
        "datum": date(meting.datum.year + 1, meting.datum.month, meting.datum.day).isoformat(),
        "overnemen": "y",
        "vragenlijst": meting.vragenlijst.sleutel,
        **velden,
    }
    antwoord = client.post(url, data=data)
    assert antwoord.status_code == 302, tekst(antwoord.get_data(as_text=True))
    return int(antwoord.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def rond_af(client, meting_id: int):
    token = csrf_token(client, f"/metingen/{meting_id}/afronden")
    antwoord = client.post(
        f"/metingen/{meting_id}/afronden", data={"csrf_token": token, "bevestig": "ja"}
    )
    assert antwoord.status_code == 302


# --- the full cycle on the real vragenlijst -----------------------------------------------------


@pytest.fixture
def nulmeting(db, ijmond):
    """The 0-meting 2021: every answer 1 (score 33.3 everywhere), afgerond, with ambities."""
    for vraag in ijmond.vragenlijst.vragen:
        opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag.id, 1, wie="fien")
    opslag.rond_af(db, ijmond.id, wie="fien")
    # Recorded after the report (allowed on an afgeronde meting).
    opslag.sla_ambitie(db, ijmond.id, BEVERWIJK, "capaciteit", 2, "Meer handen", wie="Beverwijk")
    opslag.sla_ambitie(db, ijmond.id, BEVERWIJK, "visie-opdracht", 1, wie="Beverwijk")
    opslag.sla_ambitie(db, ijmond.id, HEEMSKERK, "capaciteit", 3, wie="Heemskerk")
    return opslag.meting(db, ijmond.id)


def test_vervolgmeting_is_offered_only_on_an_afgeronde_meting(facilitator, db, ijmond):
    pagina = facilitator.get(f"/metingen/{ijmond.id}").get_data(as_text=True)
    assert "Vervolgmeting starten" not in pagina
    antwoord = facilitator.get(f"/metingen/{ijmond.id}/vervolg")
    assert antwoord.status_code == 302
    assert len(opslag.metingen(db)) == 1


def test_the_form_proposes_next_year_the_newest_version_and_last_years_answers(
    facilitator, app, nulmeting
):
    pagina = facilitator.get(f"/metingen/{nulmeting.id}").get_data(as_text=True)
    assert f'href="/metingen/{nulmeting.id}/vervolg"' in pagina
    html = facilitator.get(f"/metingen/{nulmeting.id}/vervolg").get_data(as_text=True)
    assert 'name="jaar"' in html and 'value="2022"' in html
    assert 'value="2022-10-12"' in html
    nieuwste = app.extensions["zelfscan.catalogus"].vragenlijst("werken-aan-veiligheid")
    assert nieuwste.versie != nulmeting.vragenlijst.versie == "2021.1"
    # Radio buttons, never a select (it cut the label off at 390 px), the newest chosen.
    assert re.search(
        rf'<input [^>]*checked id="(vragenlijst-\d)" name="vragenlijst" [^>]*type="radio" '
        rf'value="{nieuwste.sleutel}">\s*<div><label for="\1">[^<]*\(nieuwste\)',
        html,
    )
    # Last year's version stays on offer, marked as such.
    assert re.search(
        r'<input [^>]*id="(vragenlijst-\d)" name="vragenlijst" [^>]*type="radio" '
        r'value="werken-aan-veiligheid@2021.1">\s*<div><label for="\1">[^<]*\(vorige keer\)',
        html,
    )
    # It says it has no duur rather than nothing (found in review).
    assert "Geen geschatte duur bekend: deze versie noemt geen tijd per thema." in html
    assert '<input checked id="overnemen" name="overnemen" type="checkbox"' in html
    for cbs in (BEVERWIJK, HEEMSKERK, VELSEN):
        assert re.search(rf'value="{cbs}" checked', html)
    assert "Veranderd sinds" not in html  # IJmond did not change


def test_full_cycle(facilitator, db, nulmeting):
    nieuw_id = start_vervolg(facilitator, nulmeting)
    vervolg = opslag.meting(db, nieuw_id)
    assert (vervolg.soort, vervolg.jaar, vervolg.vorige_meting_id) == (
        "vervolgmeting",
        2022,
        nulmeting.id,
    )
    alle = opslag.antwoorden(db, vervolg.id)
    totaal = len(vervolg.vragenlijst.vragen) * 3
    assert len(alle) == totaal and all(a.overgenomen and a.waarde == 1 for a in alle.values())
    assert "Vervolg op:" in facilitator.get(f"/metingen/{vervolg.id}").get_data(as_text=True)

    # The wizard marks every copied answer and offers to confirm.
    capaciteit = [v.id for v in vervolg.vragenlijst.thema("capaciteit").vragen]
    url = f"/metingen/{vervolg.id}/thema/capaciteit"
    html = facilitator.get(url).get_data(as_text=True)
    assert f"{len(capaciteit) * 3} antwoorden overgenomen van vorig jaar, nog niet bevestigd" in (
        tekst(html)
    )
    assert "Alles in dit thema bevestigen" in html
    assert html.count('class="gemeenterij overgenomen"') == len(capaciteit) * 3
    assert html.count("(vorig jaar, nog niet bevestigd)") == len(capaciteit) * 3
    assert "Klopt nog" in html

    # Posting the screen unchanged confirms nothing (no JavaScript).
    token = csrf_token(facilitator, url)
    formulier = {"csrf_token": token, "actie": "opslaan"}
    for v in capaciteit:
        for cbs in (BEVERWIJK, HEEMSKERK, VELSEN):
            formulier[f"a:{cbs}:{v}"] = formulier[f"ao:{cbs}:{v}"] = "1"
    assert facilitator.post(url, data=formulier).status_code == 302
    assert all(opslag.antwoorden(db, vervolg.id)[(BEVERWIJK, v)].overgenomen for v in capaciteit)

    # Beverwijk: every capaciteit answer changed to 2 (changing confirms).
    formulier |= {f"a:{BEVERWIJK}:{v}": "2" for v in capaciteit}
    assert facilitator.post(url, data=formulier).status_code == 302
    # Then "Alles in dit thema bevestigen": Heemskerk and Velsen keep 1, confirmed.
    token = csrf_token(facilitator, url)
    antwoord = facilitator.post(f"{url}/bevestigen", data={"csrf_token": token})
    assert antwoord.status_code == 302
    pagina = facilitator.get(antwoord.headers["Location"]).get_data(as_text=True)
    assert f"{len(capaciteit) * 2} antwoorden van vorig jaar bevestigd." in pagina
    assert "overgenomen van vorig jaar, nog niet bevestigd" not in pagina
    assert 'class="gemeenterij overgenomen"' not in pagina
    assert opslag.logboek(db, vervolg.id)[-1].actie == "antwoorden bevestigd"

    # Visie: Beverwijk confirms three of six answers one by one ("Klopt nog"), with and
    # without JavaScript; the others stay unconfirmed.
    visie = [v.id for v in vervolg.vragenlijst.thema("visie-opdracht").vragen]
    visie_url = f"/metingen/{vervolg.id}/thema/visie-opdracht"
    token = csrf_token(facilitator, visie_url)
    for v in visie[:2]:
        r = facilitator.post(
            f"/metingen/{vervolg.id}/autosave",
            json={"soort": "bevestig", "cbs": BEVERWIJK, "vraag": v},
            headers={"X-CSRFToken": token},
        )
        assert r.status_code == 200 and r.json["ok"]
    antwoord = facilitator.post(
        visie_url,
        data={"csrf_token": token, "actie": "opslaan", "bevestig": f"{BEVERWIJK}:{visie[2]}"},
    )
    assert antwoord.status_code == 302 and antwoord.headers["Location"].endswith(
        f"#vraag-{visie[2]}"
    )
    r = facilitator.post(
        f"/metingen/{vervolg.id}/autosave",
        json={"soort": "bevestig", "cbs": "GM0392", "vraag": visie[0]},
        headers={"X-CSRFToken": token},
    )
    assert r.status_code == 400  # Haarlem does not take part
    alle = opslag.antwoorden(db, vervolg.id)
    assert [alle[(BEVERWIJK, v)].overgenomen for v in visie] == [False] * 3 + [True] * 3
    assert alle[(BEVERWIJK, visie[0])].waarde == 1

    # End of thema and afronden list what is still unconfirmed.
    klaar = facilitator.get(f"{visie_url}/klaar").get_data(as_text=True)
    assert 'vorig jaar<span class="visueel-verborgen">, niet bevestigd</span>' in klaar
    afronden = facilitator.get(f"/metingen/{vervolg.id}/afronden").get_data(as_text=True)
    onbevestigd = totaal - len(capaciteit) * 3 - 3
    assert "Overgenomen van vorig jaar, nog niet bevestigd" in afronden
    assert f"{onbevestigd} antwoorden zijn overgenomen van vorig jaar" in tekst(afronden)
    assert f'href="/metingen/{vervolg.id}/thema/visie-opdracht"' in deel(
        afronden, 'id="onbevestigd"', "</table>"
    )
    assert f"De {onbevestigd} niet bevestigde antwoorden van vorig jaar tellen dan niet mee" in (
        tekst(afronden)
    )
    rond_af(facilitator, vervolg.id)
    assert "waarvan" in opslag.logboek(db, vervolg.id)[-1].details

    # --- the pure layer, by hand ---------------------------------------------------------------
    vervolg = opslag.meting(db, vervolg.id)
    huidig = opslag.antwoorden(db, vervolg.id)
    vorig = opslag.antwoorden(db, nulmeting.id)
    ambities = opslag.ambities(db, nulmeting.id)
    bev = ontwikkeling.ontwikkeling(nulmeting, vorig, vervolg, huidig, ambities, BEVERWIJK)
    hee = ontwikkeling.ontwikkeling(nulmeting, vorig, vervolg, huidig, ambities, HEEMSKERK)
    # Beverwijk capaciteit: 1 → 2 on every question: 33.3 → 66.7, ambitie 2 reached.
    c = bev.thema("capaciteit")
    assert (c.vorige, c.huidige, c.verschil, c.pijl) == (
        pytest.approx(100 / 3),
        pytest.approx(200 / 3),
        pytest.approx(100 / 3),
        "▲",
    )
    assert c.ambitie_gehaald is True
    # Beverwijk visie: 3 of 6 confirmed (exactly the minimum coverage) at 1: 33.3, "=", and
    # ambitie 1 reached exactly.
    v = bev.thema("visie-opdracht")
    assert (v.huidige, v.verschil, v.pijl, v.ambitie_gehaald) == (
        pytest.approx(100 / 3),
        0,
        "=",
        True,
    )
    # Heemskerk capaciteit confirmed at 1: "=", ambitie 3 not reached.
    h = hee.thema("capaciteit")
    assert (h.verschil, h.pijl, h.ambitie_gehaald) == (0, "=", False)
    # An unconfirmed thema has no current score: no difference.
    assert bev.thema("deskundigheid").huidige is None
    assert bev.thema("deskundigheid").verschil is None
    uitslag = resultaten.bereken(vervolg, huidig)
    assert uitslag.gemeente(BEVERWIJK).onbevestigd == len(vervolg.vragenlijst.vragen) - 4 - 3

    # --- the results pages ----------------------------------------------------------------------
    html = facilitator.get(f"/metingen/{vervolg.id}/resultaten/{BEVERWIJK}").get_data(as_text=True)
    ontw = deel(html, 'id="ontwikkeling-kop"')
    assert "Ontwikkeling sinds 0-meting 2021 IJmond" in tekst(ontw)
    assert "Ambities: 2 van 2 gehaald" in tekst(ontw)
    assert rij(ontw, "Capaciteit").endswith(
        "33 67 ▲ +33 (gestegen) 4 omhoog, 0 omlaag, 0 gelijk Grotendeels Meer handen ✓ gehaald"
        " nu ‘Grotendeels’ (67), ambitie ‘Grotendeels’ (67)"
    )
    assert "33 33 = 0 (gelijk)" in rij(ontw, "Visie")
    assert "In ontwikkeling ✓ gehaald" in rij(ontw, "Visie")
    assert "de vorige meting (2021)" in html and "de ambities als driehoekjes" in html
    heemskerk = facilitator.get(f"/metingen/{vervolg.id}/resultaten/{HEEMSKERK}").get_data(
        as_text=True
    )
    assert rij(deel(heemskerk, 'id="ontwikkeling-kop"'), "Capaciteit").endswith(
        "33 33 = 0 (gelijk) 0 omhoog, 0 omlaag, 4 gelijk Ja, geborgd niet gehaald"
        " nu ‘In ontwikkeling’ (33), ambitie ‘Ja, geborgd’ (100)"
    )
    svg = facilitator.get(f"/metingen/{vervolg.id}/grafiek/radar-{BEVERWIJK}.svg")
    legenda = "".join(ET.fromstring(svg.data).itertext())
    assert "Vorige meting (2021)" in legenda and "Ambitie (gesteld in 2021)" in legenda

    overzicht = facilitator.get(f"/metingen/{vervolg.id}/resultaten").get_data(as_text=True)
    beweging = deel(overzicht, 'id="beweging-kop"')
    # Capaciteit: Beverwijk +33.3, Heemskerk and Velsen 0 → mean +11.1; ambities 1 of 2.
    assert rij(beweging, "Capaciteit") == (
        "Capaciteit en caseload ▲ +33 (gestegen) = 0 (gelijk) = 0 (gelijk) ▲ +11 (gestegen) 1 van 2"
    )
    assert "Ambities: 2 van 3 gehaald." in tekst(overzicht)
    assert "Verloop over" not in overzicht  # two metingen: no trend yet

    # The gemeente's own link shows the same comparison.
    from tests.web.test_web_links import maak_link

    link = maak_link(facilitator, vervolg, BEVERWIJK)
    eigen = facilitator.get(f"/g/{link}/").get_data(as_text=True)
    assert rij(deel(eigen, 'id="ontwikkeling-kop"'), "Capaciteit").endswith(
        "✓ gehaald nu ‘Grotendeels’ (67), ambitie ‘Grotendeels’ (67)"
    )
    assert "Heemskerk" not in deel(eigen, 'id="ontwikkeling-kop"')
    radar = facilitator.get(f"/g/{link}/radar.svg")
    assert "Vorige meting (2021)" in "".join(ET.fromstring(radar.data).itertext())
    assert facilitator.get(f"/g/{link}/trend.svg").status_code == 404

    # --- a third meting: the trend appears ------------------------------------------------------
    derde_id = start_vervolg(facilitator, vervolg)
    derde = opslag.meting(db, derde_id)
    assert [m.jaar for m in opslag.keten(db, derde.id)] == [2023, 2022, 2021]
    for vraag in derde.vragenlijst.vragen:
        opslag.sla_antwoord_voor_alle(db, derde.id, vraag.id, 3, wie="fien")
    html = facilitator.get(f"/metingen/{derde.id}/resultaten/{BEVERWIJK}").get_data(as_text=True)
    assert "Verloop over 3 metingen" in html
    assert f"/metingen/{derde.id}/grafiek/trend-{BEVERWIJK}.svg" in html
    assert "Ontwikkeling sinds Vervolgmeting 2022 IJmond" in tekst(html)
    # Onderdeel "De gemeentelijke organisatie" for Beverwijk: 2021 33; 2022 only capaciteit
    # (67) and visie (33) have a score → 50; 2023 100.
    assert rij(deel(html, 'id="trend-kop"'), "De gemeentelijke organisatie") == (
        "De gemeentelijke organisatie 33 50 100"
    )
    trend = facilitator.get(f"/metingen/{derde.id}/grafiek/trend-{BEVERWIJK}.svg")
    assert trend.status_code == 200 and trend.mimetype == "image/svg+xml"
    assert "2022" in "".join(ET.fromstring(trend.data).itertext())
    overzicht = facilitator.get(f"/metingen/{derde.id}/resultaten").get_data(as_text=True)
    assert "Verloop over 3 metingen" in overzicht
    assert facilitator.get(f"/metingen/{derde.id}/grafiek/trend.svg").status_code == 200
    assert facilitator.get(f"/metingen/{derde.id}/grafiek/trend-GM0392.svg").status_code == 404


def test_starting_without_last_years_answers(facilitator, db, nulmeting):
    nieuw_id = start_vervolg(facilitator, nulmeting, overnemen="")
    assert opslag.antwoorden(db, nieuw_id) == {}
    html = facilitator.get(f"/metingen/{nieuw_id}/thema/capaciteit").get_data(as_text=True)
    assert "overgenomen van vorig jaar" not in html
    assert "Klopt nog" not in html


def test_a_vervolgmeting_date_must_follow_the_previous_one(facilitator, db, nulmeting):
    url = f"/metingen/{nulmeting.id}/vervolg"
    token = csrf_token(facilitator, url)
    antwoord = facilitator.post(
        url,
        data={
            "csrf_token": token,
            "jaar": "2022",
            "datum": "2021-01-01",
            "vragenlijst": nulmeting.vragenlijst.sleutel,
            "overnemen": "y",
        },
    )
    assert antwoord.status_code == 400
    assert "Kies een datum na de vorige meting (12 oktober 2021)." in antwoord.get_data(
        as_text=True
    )
    assert len(opslag.metingen(db)) == 1


# --- a revised vragenlijst and a herindeling ----------------------------------------------------


def app_met(tmp_path, map_: Path):
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
    client = app.test_client()
    assert log_in(client).status_code == 302
    return app, db, client


def nulmeting_2021(app, db, regio_id: str, waarden: dict[str, dict[str, int]]):
    catalogus = app.extensions["zelfscan.catalogus"]
    meting = opslag.maak_meting(
        db,
        vragenlijst=catalogus.vragenlijst("versie-scan", "2021.1"),
        regio=catalogus.regio(regio_id),
        subregio_id="noord",
        jaar=2021,
        soort="0-meting",
        datum=date(2021, 10, 12),
        wie="fien",
    )
    for cbs, per_vraag in waarden.items():
        for vraag, waarde in per_vraag.items():
            opslag.sla_antwoord(db, meting.id, cbs, vraag, waarde, wie="fien")
    return opslag.rond_af(db, meting.id, wie="fien")


VORIG = {
    "visie-1": 1,
    "visie-2": 3,
    "sturing-1": 0,
    "sturing-2": 1,
    "sturing-3": 3,
    "meldcode-1": 1,
    "meldcode-2": 1,
    "deskundigheid-1": 2,
    "deskundigheid-2": 2,
}


def test_a_revised_vragenlijst_in_scores_and_on_the_results_page(tmp_path):
    app, db, client = app_met(tmp_path, VERSIES)
    nul = nulmeting_2021(app, db, "versieregio", {"GM9001": VORIG, "GM9002": VORIG})
    opslag.sla_ambitie(db, nul.id, "GM9001", "sturing", 2, wie="Aardam")
    opslag.sla_ambitie(db, nul.id, "GM9001", "deskundigheid", 3, wie="Aardam")

    html = client.get(f"/metingen/{nul.id}/vervolg").get_data(as_text=True)
    assert re.search(
        r'<input [^>]*checked id="vragenlijst-\d" [^>]*value="versie-scan@2023.1"', html
    )
    nieuw_id = start_vervolg(client, nul, vragenlijst="versie-scan@2023.1")
    vervolg = opslag.meting(db, nieuw_id)
    assert vervolg.vragenlijst.versie == "2023.1"
    alle = opslag.antwoorden(db, nieuw_id)
    # visie-3 replaces visie-2 and starts from its answer; new questions start empty.
    assert alle[("GM9001", "visie-3")].waarde == 3 and alle[("GM9001", "visie-3")].overgenomen
    assert ("GM9001", "sturing-4") not in alle and ("GM9001", "samenwerking-1") not in alle

    # The room: visie-1 to 2, visie-3 confirmed at 3; sturing-1 to 1, sturing-2 to 2, the new
    # sturing-4 at 3; meldcode confirmed; samenwerking 2 and 2.
    for thema in ("visie", "meldcode"):
        opslag.bevestig_thema(db, nieuw_id, thema, wie="fien")
    for vraag, waarde in {
        "visie-1": 2,
        "sturing-1": 1,
        "sturing-2": 2,
        "sturing-4": 3,
        "samenwerking-1": 2,
        "samenwerking-2": 2,
    }.items():
        opslag.sla_antwoord(db, nieuw_id, "GM9001", vraag, waarde, wie="fien")
    rond_af(client, nieuw_id)

    html = client.get(f"/metingen/{nieuw_id}/resultaten/GM9001").get_data(as_text=True)
    ontw = deel(html, 'id="ontwikkeling-kop"')
    pagina = tekst(ontw)
    assert "2021 versie 2021.1, nu versie 2023.1" in pagina
    # visie [1, 3] → 67 against [2, 3] → 83: one step on one of two vragen is what one step can
    # do, so by the rule it stays "gelijk" (the +17 is shown).
    assert rij(ontw, "Visie en opdrachtgeverschap").startswith(
        "Visie en opdrachtgeverschap 67 83 = +17 (gelijk) 1 omhoog, 0 omlaag, 1 gelijk"
    )
    # sturing over sturing-1 and -2 only: 17 → 50; ambitie 2 reached on the whole thema (2.0).
    assert rij(ontw, "Sturing en monitoring") == (
        "Sturing en monitoring vergeleken over 2 van 3 vragen 17 50 ▲ +33 (gestegen) "
        "2 omhoog, 0 omlaag, 0 gelijk Grotendeels ✓ gehaald"
        " nu ‘Grotendeels’ (67), ambitie ‘Grotendeels’ (67)"
    )
    assert rij(ontw, "Samenwerking met Veilig Thuis").startswith(
        "Samenwerking met Veilig Thuis nieuw in deze versie"
    )
    assert "Nieuw in deze versie, zonder waarde van 2021: Samenwerking met Veilig Thuis." in pagina
    assert "Vervallen sinds 2021 (niet meer in deze versie): Deskundigheid op peil." in pagina
    assert "3 nieuwe vragen en 3 vervallen vragen tellen niet mee" in pagina
    assert "Er zijn werkafspraken met Veilig Thuis over de overdracht." in pagina
    assert "Er is een vaste beleidsadviseur die verantwoordelijk is." in pagina  # sturing-3
    assert "Ambitie op een thema dat niet meer bestaat, niet te meten: Deskundigheid" in pagina
    # The scores table shows the whole thema: sturing (1 + 2 + 3) / 3 = 2 → 67.
    scores = deel(html, 'id="scores"', "</table>")
    assert rij(scores, "Sturing en monitoring").startswith("Sturing en monitoring 67")

    overzicht = client.get(f"/metingen/{nieuw_id}/resultaten").get_data(as_text=True)
    beweging = deel(overzicht, 'id="beweging-kop"')
    # Bëekhuizen confirmed nothing in sturing and Cruisdorp answered nothing: no difference
    # there; the mean is Aardam's.
    assert rij(beweging, "Sturing en monitoring") == (
        "Sturing en monitoring ▲ +33 (gestegen) – – ▲ +33 (gestegen) 1 van 1"
    )
    assert rij(beweging, "Samenwerking met Veilig Thuis").startswith(
        "Samenwerking met Veilig Thuis nieuw nieuw"
    )


def test_a_herindeling_between_two_metingen(tmp_path):
    map_ = tmp_path / "data"
    (map_ / "regios").mkdir(parents=True)
    shutil.copy(VERSIES / "versie-scan-2021.yaml", map_)
    (map_ / "regios" / "herindeling.yaml").write_text(
        """id: herindeling
naam: "Herindelingsregio"
subregios:
  - id: noord
    naam: "Noord"
    gemeenten:
      - cbs: GM9001
        naam: "Aardam"
      - cbs: GM9002
        naam: "Bëekhuizen"
      - cbs: GM9003
        naam: "Cruisdorp"
        tot: 2021-12-31
        opgegaan_in: GM9001
""",
        encoding="utf-8",
    )
    app, db, client = app_met(tmp_path, map_)
    aardam = {v: 1 for v in VORIG}
    cruisdorp = {v: 3 for v in VORIG}
    nul = nulmeting_2021(
        app, db, "herindeling", {"GM9001": aardam, "GM9002": aardam, "GM9003": cruisdorp}
    )
    assert [g.naam for g in nul.gemeenten] == ["Aardam", "Bëekhuizen", "Cruisdorp"]

    formulier = client.get(f"/metingen/{nul.id}/vervolg").get_data(as_text=True)
    melding = tekst(deel(formulier, 'id="wijzigingen-kop"'))
    assert "Cruisdorp is per 1 januari 2022 opgegaan in Aardam." in melding
    assert "De antwoorden van Cruisdorp van vorig jaar worden niet overgenomen." in melding
    assert "Aardam begint met haar eigen antwoorden van vorig jaar" in melding
    assert 'value="GM9003"' not in formulier  # no longer a gemeente to choose

    nieuw_id = start_vervolg(client, nul)
    vervolg = opslag.meting(db, nieuw_id)
    assert [g.cbs for g in vervolg.gemeenten] == ["GM9001", "GM9002"]
    alle = opslag.antwoorden(db, nieuw_id)
    # Aardam starts from its own answers (1), not Cruisdorp's (3).
    assert {a.waarde for (c, _), a in alle.items() if c == "GM9001"} == {1}
    for thema in vervolg.vragenlijst.themas:
        opslag.bevestig_thema(db, nieuw_id, thema.id, wie="fien")

    html = client.get(f"/metingen/{nieuw_id}/resultaten/GM9001").get_data(as_text=True)
    ontw = deel(html, 'id="ontwikkeling-kop"')
    assert "Cruisdorp is per 1 januari 2022 opgegaan in Aardam." in tekst(ontw)
    assert "De vergelijking gaat over Aardam zelf (CBS-code GM9001)" in tekst(ontw)
    # History follows Aardam's CBS code: 33 then and now.
    assert rij(ontw, "Visie en opdrachtgeverschap").startswith(
        "Visie en opdrachtgeverschap 33 33 = 0 (gelijk)"
    )
    overzicht = tekst(client.get(f"/metingen/{nieuw_id}/resultaten").get_data(as_text=True))
    assert (
        "Cruisdorp is per 1 januari 2022 opgegaan in Aardam. Haar resultaten staan bij "
        "0-meting 2021 Noord; ze tellen niet mee in de beweging hieronder." in overzicht
    )


def test_a_new_vervolgmeting_reads_0_percent_until_the_room_confirms(
    facilitator, db, ijmond_vervolg
):
    """Last year's answers are carried over, not given: the meting page and the list of metingen
    count them apart, so a vervolgmeting does not read 100% before a word was said (issue 20)."""
    totaal = len(ijmond_vervolg.vragenlijst.vragen) * 3
    pagina = tekst(facilitator.get(f"/metingen/{ijmond_vervolg.id}").get_data(as_text=True))
    assert f"0 van {totaal} antwoorden gegeven (0%)" in pagina
    assert f"Nog te bevestigen: {totaal} antwoorden van vorig jaar." in pagina
    lijst = facilitator.get("/metingen/?weergave=alle").get_data(as_text=True)
    regel = rij(lijst, ijmond_vervolg.titel)
    assert "0% · 0/" in regel and f"{totaal} te bevestigen" in regel
    assert re.search(
        r"<progress max=\"\d+\" value=\"0\" aria-label=\"Voortgang Vervolgmeting 2022", lijst
    )

    eerste = ijmond_vervolg.vragenlijst.vragen[0].id
    opslag.bevestig_antwoord(db, ijmond_vervolg.id, "GM0375", eerste, wie="fien")
    pagina = tekst(facilitator.get(f"/metingen/{ijmond_vervolg.id}").get_data(as_text=True))
    assert f"1 van {totaal} antwoorden gegeven" in pagina
    assert f"Nog te bevestigen: {totaal - 1} antwoorden van vorig jaar." in pagina
