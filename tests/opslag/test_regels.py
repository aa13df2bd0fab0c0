"""The domain rules live in the store (opslag.regels): the store, `zelfscan import` and the web
forms refuse the same things with the same Dutch message (issue 13, item 3).

Every rule is shown three times: a store call, the real CLI in a subprocess on a crafted file
(made from a real `zelfscan export`, then edited; only the vragenlijst carries a hash, so
editing the meting's own fields needs no recomputing), and the Flask test client posting the
form a person would use. Each message below is asserted whole, in all three places.
"""

from __future__ import annotations

import copy
import html
import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import WACHTWOORD, csrf_token, log_in
from tests.store_fixtures import DATA, REGIO, VRAGENLIJST, maak, mini, tijdelijke_db
from zelfscan import opslag
from zelfscan.errors import MetingAfgerond, OngeldigeInvoer
from zelfscan.opslag import gebruikers, gemeentelinks, regels
from zelfscan.opslag.verbinding import open_db
from zelfscan.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]

# One message per rule, as the store words it.
ANDERE_SUBREGIO = (
    "Deze gemeenten horen op 12 oktober 2021 niet bij subregio Noord: Dijkwaard (hoort bij "
    "Zuid). Kies uit: Aardam, Bëekhuizen."
)
OPGEGAAN = (
    "Deze gemeenten horen op 12 oktober 2021 niet bij subregio Noord: Oud-Cruisdorp (hoorde "
    "erbij tot 31 december 2018, opgegaan in Aardam). Kies uit: Aardam, Bëekhuizen."
)
# A gemeente of another regio: by name when the caller knows it (the web passes the catalogue's
# names, an import the file's), never by CBS code alone (issue 20).
ANDERE_REGIO = (
    "Deze gemeenten horen op 12 oktober 2021 niet bij subregio Noord: Gouda (geen gemeente "
    "van regio Testregio). Kies uit: Aardam, Bëekhuizen."
)
VORIGE_CONCEPT = (
    "De vorige meting (“0-meting 2021 Noord”) is nog niet afgerond. Rond haar eerst af; "
    "daarna kunt u een vervolgmeting starten."
)
VORIGE_LATER = "Kies een datum na de vorige meting (12 oktober 2021)."
VORIGE_ANDERE_SUBREGIO = (
    "De vorige meting (0-meting 2021 Zuid) is van subregio Zuid, niet van Noord. Kies een "
    "meting van dezelfde subregio."
)
ZICHZELF = "De meting “Vervolgmeting 2022 Noord” kan niet haar eigen vorige meting zijn."
VERVOLG_ZONDER_VORIGE = (
    "Een vervolgmeting hoort bij een vorige meting. Start haar op de pagina van de vorige "
    "meting (“Vervolgmeting starten”); de eerste meting van een subregio is een 0-meting."
)
NUL_MET_VORIGE = (
    "Een 0-meting heeft geen vorige meting. Kies ‘vervolgmeting’, of laat de vorige meting weg."
)


def buiten_jaar(datum: str, jaar: int) -> str:
    return f"De datum ({datum}) valt niet in het jaar {jaar}. Pas het jaar of de datum aan."


JAAR = buiten_jaar("12 oktober 2021", 2022)


def te_lang(wat: str, lengte: int, hoogstens: int) -> str:
    return f"{wat} is te lang ({lengte} tekens; hoogstens {hoogstens}). Maak de tekst korter."


TITEL = te_lang("De titel", 5000, regels.MAX_TITEL)
# An ambitie's by-when that is neither a date nor a quarter, and its who over the limit.
GEEN_WANNEER = (
    "‘volgend voorjaar’ is geen datum of kwartaal. Vul bij ‘wanneer’ een datum in (zoals "
    "30-06-2027 of 30 juni 2027) of een kwartaal (zoals Q2 2027), of laat het leeg."
)
WIE_TE_LANG = te_lang("Wie de ambitie oppakt", 121, 120)


@pytest.fixture
def cat():
    return mini()


@pytest.fixture
def db(tmp_path):
    yield from tijdelijke_db(tmp_path)


def weigert(melding: str, functie, *args, fout=OngeldigeInvoer, **kwargs) -> None:
    with pytest.raises(fout) as gevangen:
        functie(*args, **kwargs)
    assert str(gevangen.value) == melding


def afgeronde_nul(db, cat, **anders) -> opslag.Meting:
    nul = maak(db, cat, **anders)
    opslag.sla_antwoord(db, nul.id, "GM9001", "visie-1", 2, wie="fien")
    return opslag.rond_af(db, nul.id, wie="fien")


def vervolg_van(db, cat, vorige: opslag.Meting, **anders) -> opslag.Meting:
    velden = dict(
        soort="vervolgmeting", jaar=2022, datum=date(2022, 10, 11), vorige_meting_id=vorige.id
    )
    return maak(db, cat, **(velden | anders))


# --- the store --------------------------------------------------------------------------------


def test_store_gemeenten_belong_to_the_subregio_on_the_date(db, cat):
    weigert(ANDERE_SUBREGIO, maak, db, cat, gemeenten=["GM9001", "GM9004"])
    weigert(OPGEGAAN, maak, db, cat, gemeenten=["GM9001", "GM9003"])
    weigert(ANDERE_REGIO, maak, db, cat, gemeenten=["GM0513"], gemeentenamen={"GM0513": "Gouda"})
    # Before the herindeling Oud-Cruisdorp did belong to Noord.
    vroeger = maak(db, cat, jaar=2017, datum=date(2017, 10, 1), gemeenten=["GM9003"])
    assert [g.naam for g in vroeger.gemeenten] == ["Oud-Cruisdorp"]
    assert len(opslag.metingen(db)) == 1


def test_store_a_vervolgmeting_follows_an_earlier_afgeronde_meting_of_its_subregio(db, cat):
    concept = maak(db, cat)
    weigert(VORIGE_CONCEPT, vervolg_van, db, cat, concept)
    nul = opslag.rond_af(db, concept.id, wie="fien")
    weigert(VORIGE_LATER, vervolg_van, db, cat, nul, jaar=2021, datum=date(2021, 6, 1))
    weigert(VORIGE_LATER, vervolg_van, db, cat, nul, jaar=2021, datum=nul.datum)
    zuid = opslag.rond_af(db, maak(db, cat, subregio_id="zuid").id, wie="fien")
    weigert(VORIGE_ANDERE_SUBREGIO, vervolg_van, db, cat, zuid)
    weigert(
        VERVOLG_ZONDER_VORIGE,
        maak,
        db,
        cat,
        soort="vervolgmeting",
        jaar=2022,
        datum=date(2022, 10, 11),
    )
    weigert(NUL_MET_VORIGE, maak, db, cat, vorige_meting_id=nul.id)
    # Never itself: a meting made here cannot name itself, but the rule holds for any caller.
    eigen = regels.Kern(
        "u-1", "Vervolgmeting 2022 Noord", REGIO, "noord", "Noord", date(2022, 10, 11), False
    )
    weigert(ZICHZELF, regels.vorige_meting, "vervolgmeting", eigen, "u-1", eigen)
    assert len(opslag.metingen(db)) == 2
    # And the one that fits.
    vervolg, _ = opslag.maak_vervolgmeting(
        db,
        nul.id,
        vragenlijst=cat.vragenlijst(VRAGENLIJST),
        regio=cat.regio(REGIO),
        jaar=2022,
        datum=date(2022, 10, 11),
        wie="fien",
    )
    assert vervolg.vorige_meting_id == nul.id


def test_store_date_and_jaar_agree(db, cat):
    weigert(JAAR, maak, db, cat, jaar=2022)
    assert opslag.metingen(db) == []


def test_store_every_text_has_its_limit(db, cat):
    weigert(TITEL, maak, db, cat, titel="x" * 5000)
    m = maak(db, cat, titel="x" * regels.MAX_TITEL)
    weigert(te_lang("De periode", 121, regels.MAX_TITEL), maak, db, cat, periode="p" * 121)
    weigert(
        te_lang("De toelichting", regels.MAX_TEKST + 1, regels.MAX_TEKST),
        opslag.sla_antwoord,
        db,
        m.id,
        "GM9001",
        "visie-1",
        2,
        toelichting="t" * (regels.MAX_TEKST + 1),
        wie="fien",
    )
    weigert(
        te_lang("De notitie", regels.MAX_TEKST + 1, regels.MAX_TEKST),
        opslag.sla_notitie,
        db,
        m.id,
        "visie",
        "n" * (regels.MAX_TEKST + 1),
        wie="fien",
    )
    weigert(
        te_lang("De toelichting bij de ambitie", 501, regels.MAX_AMBITIE),
        opslag.sla_ambitie,
        db,
        m.id,
        "GM9001",
        "visie",
        2,
        "a" * 501,
        wie="fien",
    )
    for veld in ("organisatie", "rol", "naam"):
        velden = {"organisatie": "Veilig Thuis", "rol": "Adviseur", veld: "d" * 121}
        wat = regels.TEKSTVELDEN[veld][0]
        weigert(te_lang(wat, 121, 120), opslag.voeg_deelnemer_toe, db, m.id, **velden, wie="fien")
    opslag.rond_af(db, m.id, wie="fien")
    weigert(
        te_lang("De reden", 501, regels.MAX_REDEN),
        opslag.heropen,
        db,
        m.id,
        wie="fien",
        reden="r" * 501,
    )
    lang = "g" * (regels.MAX_GEBRUIKER + 1)
    weigert(
        te_lang("De gebruikersnaam", len(lang), regels.MAX_GEBRUIKER),
        gebruikers.voeg_toe,
        db,
        lang,
        WACHTWOORD,
        fout=gebruikers.GebruikerFout,
    )
    assert opslag.notities(db, m.id) == {} and opslag.deelnemers(db, m.id) == []


def test_store_an_ambitie_has_a_real_date_or_quarter_and_a_short_who(db, cat):
    m = maak(db, cat)
    s = opslag.sla_ambitie
    weigert(GEEN_WANNEER, s, db, m.id, "GM9001", "visie", 2, wanneer="volgend voorjaar", wie="f")
    weigert(WIE_TE_LANG, s, db, m.id, "GM9001", "visie", 2, door="w" * 121, wie="f")
    assert opslag.ambities(db, m.id) == {}
    # And a note for one gemeente only for a gemeente of the meting.
    weigert(
        "Gemeente GM9004 doet niet mee aan deze meting (wel: Aardam (GM9001), Bëekhuizen "
        "(GM9002)).",
        opslag.sla_notitie,
        db,
        m.id,
        "visie",
        "x",
        cbs="GM9004",
        wie="f",
        fout=OngeldigeInvoer,
    )


def test_store_an_afgeronde_meting_refuses_every_write_but_ambities(db, cat):
    nul = afgeronde_nul(db, cat)
    vervolg = vervolg_van(db, cat, nul)
    opslag.neem_antwoorden_over(db, vervolg.id, wie="fien")
    deelnemer = opslag.voeg_deelnemer_toe(
        db, vervolg.id, organisatie="Veilig Thuis", rol="Adviseur", wie="fien"
    )
    opslag.rond_af(db, vervolg.id, wie="fien")
    voor = opslag.stand(db, vervolg.id)
    melding = str(MetingAfgerond())
    for schrijf in (
        lambda: opslag.sla_antwoord(db, vervolg.id, "GM9001", "visie-1", 3, wie="fien"),
        lambda: opslag.sla_antwoord_voor_alle(db, vervolg.id, "visie-1", 3, wie="fien"),
        lambda: opslag.sla_notitie(db, vervolg.id, "visie", "Later", wie="fien"),
        lambda: opslag.voeg_deelnemer_toe(
            db, vervolg.id, organisatie="CJG", rol="Teamleider", wie="fien"
        ),
        lambda: opslag.verwijder_deelnemer(db, vervolg.id, deelnemer.id, wie="fien"),
        lambda: opslag.bevestig_antwoord(db, vervolg.id, "GM9001", "visie-1", wie="fien"),
        lambda: opslag.bevestig_thema(db, vervolg.id, "visie", wie="fien"),
        lambda: opslag.neem_antwoorden_over(db, vervolg.id, wie="fien"),
    ):
        weigert(melding, schrijf, fout=MetingAfgerond)
    assert opslag.stand(db, vervolg.id) == voor
    # Deliberately allowed: gemeenten record ambities after reading the report.
    assert opslag.sla_ambitie(db, vervolg.id, "GM9001", "visie", 3, wie="Aardam").niveau == 3


# --- `zelfscan import` ------------------------------------------------------------------------


def zelfscan(*args: str) -> subprocess.CompletedProcess:
    """The real CLI, with the test region as this installation's region data."""
    omgeving = {**os.environ, "ZELFSCAN_VRAGENLIJSTEN": str(DATA)}
    return subprocess.run(
        [sys.executable, "-m", "zelfscan", *args],
        capture_output=True,
        text=True,
        env=omgeving,
        cwd=ROOT,
        timeout=120,
    )


def dump(pad: Path) -> list[str]:
    verbinding = sqlite3.connect(pad)
    try:
        return list(verbinding.iterdump())
    finally:
        verbinding.close()


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> dict:
    """`zelfscan export` of a real 0-meting 2021 Noord (afgerond) and its vervolgmeting 2022,
    with an answer, a note, a deelnemer and an ambitie: the start of every crafted file."""
    map_ = tmp_path_factory.mktemp("bron")
    db = open_db(map_ / "bron.db")
    cat = mini()
    nul = afgeronde_nul(db, cat)
    opslag.sla_ambitie(db, nul.id, "GM9001", "visie", 3, "Visie vastleggen.", wie="Aardam")
    vervolg = vervolg_van(db, cat, nul)
    opslag.sla_notitie(db, vervolg.id, "visie", "Goed gesprek.", wie="fien")
    opslag.voeg_deelnemer_toe(db, vervolg.id, organisatie="CJG", rol="Teamleider", wie="fien")
    db.conn.close()
    uit = map_ / "export.json"
    gedaan = zelfscan("export", "--db", str(map_ / "bron.db"), "--out", str(uit))
    assert gedaan.returncode == 0, gedaan.stderr
    return json.loads(uit.read_text(encoding="utf-8"))


@pytest.fixture
def doel(tmp_path, cat) -> tuple[Path, opslag.Meting]:
    """The database imported into: it already holds a concept meting of its own."""
    pad = tmp_path / "doel.db"
    db = open_db(pad)
    eigen = maak(db, cat)
    db.conn.close()
    return pad, eigen


def importeer(tmp_path: Path, db_pad: Path, data: dict) -> subprocess.CompletedProcess:
    bestand = tmp_path / "gewijzigd.json"
    bestand.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return zelfscan("import", "--db", str(db_pad), str(bestand))


def _gemeente(cbs: str, naam: str):
    def wijzig(data):
        data["metingen"][0]["gemeenten"].append({"cbs": cbs, "naam": naam})

    return wijzig


def _concept_vorige(data):
    data["metingen"][0] |= {"status": "concept", "afgerond_op": None}
    data["metingen"][0]["logboek"] = data["metingen"][0]["logboek"][:1]


def _vervolg(**velden):
    def wijzig(data):
        data["metingen"][1] |= velden

    return wijzig


def _zichzelf(data):
    data["metingen"][1]["vorige_meting"] = data["metingen"][1]["uuid"]


def _nul_met_vorige(data):
    data["metingen"][0]["vorige_meting"] = data["metingen"][1]["uuid"]


def _lange(soort: str, lengte: int):
    def wijzig(data):
        nul, vervolg = data["metingen"]
        if soort == "titel":
            nul["titel"] = "x" * lengte
        elif soort == "toelichting":
            nul["antwoorden"][0]["toelichting"] = "t" * lengte
        elif soort == "notitie":
            vervolg["notities"][0]["tekst"] = "n" * lengte
        elif soort == "ambitie":
            nul["ambities"][0]["tekst"] = "a" * lengte
        elif soort == "ambitie_wie":
            nul["ambities"][0]["wie"] = "w" * lengte
        else:
            vervolg["deelnemers"][0][soort] = "d" * lengte

    return wijzig


IMPORTGEVALLEN = {
    "gemeente van een andere subregio": (_gemeente("GM9004", "Dijkwaard"), ANDERE_SUBREGIO),
    "gemeente opgegaan voor de datum": (_gemeente("GM9003", "Oud-Cruisdorp"), OPGEGAAN),
    "vorige meting is concept": (_concept_vorige, VORIGE_CONCEPT),
    "vorige meting is later": (_vervolg(jaar=2021, datum="2021-06-01"), VORIGE_LATER),
    "vorige meting van een andere subregio": (
        _vervolg(
            subregio_id="zuid",
            subregio_naam="Zuid",
            gemeenten=[{"cbs": "GM9004", "naam": "Dijkwaard"}],
        ),
        "De vorige meting (0-meting 2021 Noord) is van subregio Noord, niet van Zuid. Kies een "
        "meting van dezelfde subregio.",
    ),
    "eigen vorige meting": (_zichzelf, ZICHZELF),
    "0-meting met vorige meting": (_nul_met_vorige, NUL_MET_VORIGE),
    "datum niet in het jaar": (_vervolg(jaar=2021), buiten_jaar("11 oktober 2022", 2021)),
    "titel van 5000 tekens": (_lange("titel", 5000), TITEL),
    "lange toelichting": (
        _lange("toelichting", regels.MAX_TEKST + 1),
        te_lang("De toelichting", regels.MAX_TEKST + 1, regels.MAX_TEKST),
    ),
    "lange notitie": (
        _lange("notitie", regels.MAX_TEKST + 1),
        te_lang("De notitie", regels.MAX_TEKST + 1, regels.MAX_TEKST),
    ),
    "lange ambitie": (
        _lange("ambitie", 501),
        te_lang("De toelichting bij de ambitie", 501, regels.MAX_AMBITIE),
    ),
    "lange organisatie": (_lange("organisatie", 121), te_lang("De organisatie", 121, 120)),
    "lange wie bij een ambitie": (_lange("ambitie_wie", 121), WIE_TE_LANG),
    "ambitie met een wanneer dat geen datum is": (
        lambda data: data["metingen"][0]["ambities"][0].update(wanneer="volgend voorjaar"),
        GEEN_WANNEER,
    ),
}


@pytest.mark.parametrize("geval", list(IMPORTGEVALLEN))
def test_import_refuses_what_the_store_refuses_and_changes_nothing(tmp_path, export, doel, geval):
    wijzig, melding = IMPORTGEVALLEN[geval]
    data = copy.deepcopy(export)
    wijzig(data)
    db_pad, _ = doel
    voor = dump(db_pad)
    gedaan = importeer(tmp_path, db_pad, data)
    assert gedaan.returncode != 0
    assert melding in gedaan.stderr
    assert "Niets geïmporteerd" in gedaan.stderr
    assert "Traceback" not in gedaan.stderr + gedaan.stdout
    assert dump(db_pad) == voor


def test_import_checks_a_previous_meting_that_is_in_the_database(tmp_path, export, doel):
    """The vervolgmeting alone, naming the database's own concept meting as its previous one."""
    db_pad, eigen = doel
    data = copy.deepcopy(export)
    data["metingen"] = [data["metingen"][1] | {"vorige_meting": eigen.uuid}]
    voor = dump(db_pad)
    gedaan = importeer(tmp_path, db_pad, data)
    assert gedaan.returncode != 0 and VORIGE_CONCEPT in gedaan.stderr
    assert "Traceback" not in gedaan.stderr and dump(db_pad) == voor


def test_import_still_takes_a_vervolgmeting_whose_previous_meting_is_elsewhere(
    tmp_path, export, doel
):
    db_pad, _ = doel
    data = copy.deepcopy(export)
    data["metingen"] = data["metingen"][1:]
    gedaan = importeer(tmp_path, db_pad, data)
    assert gedaan.returncode == 0, gedaan.stderr
    # And the whole export, untouched, goes in too.
    db = open_db(tmp_path / "leeg.db")
    db.conn.close()
    gedaan = importeer(tmp_path, tmp_path / "leeg.db", export)
    assert gedaan.returncode == 0, gedaan.stderr


# --- the web ----------------------------------------------------------------------------------


@pytest.fixture
def web(tmp_path):
    """The app on the test data (mini-scan, testregio), with facilitator 'fien' logged in."""
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
    return html.unescape(antwoord.get_data(as_text=True))


def nieuwe_meting(client, **velden):
    token = csrf_token(client, "/metingen/nieuw")
    data = {
        "csrf_token": token,
        "subregio": f"{REGIO}/noord",
        "vragenlijst": mini().vragenlijst(VRAGENLIJST).sleutel,
        "jaar": "2021",
        "soort": "0-meting",
        "datum": "2021-10-12",
        "titel": "",
        **velden,
    }
    return client.post("/metingen/nieuw", data=data)


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"gemeenten": ["GM9001", "GM9004"]}, ANDERE_SUBREGIO),
        ({"soort": "vervolgmeting"}, VERVOLG_ZONDER_VORIGE),
        ({"jaar": "2022"}, JAAR),
        ({"titel": "x" * 5000}, TITEL),
    ],
)
def test_web_new_meting_form_refuses_with_the_stores_message(web, velden, melding):
    client, db = web
    antwoord = nieuwe_meting(client, **velden)
    assert antwoord.status_code == 400
    assert melding in tekst(antwoord)
    assert opslag.metingen(db) == []


def test_web_vervolg_form_refuses_with_the_stores_message(web, cat):
    client, db = web
    concept = maak(db, cat)
    antwoord = client.get(f"/metingen/{concept.id}/vervolg", follow_redirects=True)
    assert VORIGE_CONCEPT in tekst(antwoord)
    nul = opslag.rond_af(db, concept.id, wie="fien")
    url = f"/metingen/{nul.id}/vervolg"
    basis = {
        "csrf_token": csrf_token(client, url),
        "vragenlijst": nul.vragenlijst.sleutel,
        "overnemen": "y",
    }
    for velden, melding in (
        ({"jaar": "2021", "datum": "2021-06-01"}, VORIGE_LATER),
        ({"jaar": "2023", "datum": "2022-10-11"}, buiten_jaar("11 oktober 2022", 2023)),
        ({"jaar": "2022", "datum": "2022-10-11", "titel": "x" * 5000}, TITEL),
    ):
        antwoord = client.post(url, data=basis | velden)
        assert antwoord.status_code == 400
        assert melding in tekst(antwoord)
    assert len(opslag.metingen(db)) == 1


def test_web_deelnemer_note_and_ambitie_over_the_limit(web, cat):
    client, db = web
    m = maak(db, cat)
    url = f"/metingen/{m.id}"
    antwoord = client.post(
        f"{url}/deelnemers",
        data={"csrf_token": csrf_token(client, url), "organisatie": "o" * 121, "rol": "Rol"},
        follow_redirects=True,
    )
    assert te_lang("De organisatie", 121, 120) in tekst(antwoord)
    token = csrf_token(client, f"{url}/thema/visie")
    antwoord = client.post(
        f"{url}/autosave",
        json={
            "soort": "notitie",
            "thema": "visie",
            "waarde": "n" * (regels.MAX_TEKST + 1),
            "origineel": "",
        },
        headers={"X-CSRFToken": token},
    )
    assert antwoord.status_code == 400
    assert antwoord.json["fout"] == te_lang("De notitie", regels.MAX_TEKST + 1, regels.MAX_TEKST)
    assert opslag.deelnemers(db, m.id) == [] and opslag.notities(db, m.id) == {}

    # The gemeente's own page: the browser caps the text; a crafted POST meets the store.
    opslag.rond_af(db, m.id, wie="fien")
    token, _link = gemeentelinks.maak_link(db, m.id, "GM9001", wie="fien")
    pagina = f"/g/{token}/"
    html_ = client.get(pagina).get_data(as_text=True)
    assert f'maxlength="{regels.MAX_AMBITIE}"' in html_
    formtoken = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html_).group(1)
    antwoord = client.post(
        f"/g/{token}/ambities",
        data={
            "csrf_token": formtoken,
            "niveau:visie": "2",
            "tekst:visie": "kort",
            "niveau:sturing": "3",
            "tekst:sturing": "a" * 501,
        },
    )
    assert antwoord.status_code == 400
    assert te_lang("De toelichting bij de ambitie", 501, regels.MAX_AMBITIE) in tekst(antwoord)
    assert opslag.ambities(db, m.id) == {}  # not even the valid first one
    # Within the limit it is saved, on an afgeronde meting (deliberately).
    antwoord = client.post(
        f"/g/{token}/ambities",
        data={"csrf_token": formtoken, "niveau:visie": "2", "tekst:visie": "a" * 500},
    )
    assert antwoord.status_code == 302
    assert opslag.ambities(db, m.id)[("GM9001", "visie")].tekst == "a" * 500
    # Who and by when: the same refusals as the store and the import, the whole form kept.
    for velden, melding in (
        ({"wanneer:visie": "volgend voorjaar"}, GEEN_WANNEER),
        ({"wie:visie": "w" * 121}, WIE_TE_LANG),
    ):
        antwoord = client.post(
            f"/g/{token}/ambities",
            data={"csrf_token": formtoken, "niveau:visie": "3", "tekst:visie": "b"} | velden,
        )
        assert antwoord.status_code == 400
        assert melding in tekst(antwoord)
    assert opslag.ambities(db, m.id)[("GM9001", "visie")].tekst == "a" * 500
    antwoord = client.post(
        f"/g/{token}/ambities",
        data={
            "csrf_token": formtoken,
            "niveau:visie": "3",
            "wie:visie": "team Veiligheid",
            "wanneer:visie": "Q2 2027",
        },
    )
    assert antwoord.status_code == 302
    a = opslag.ambities(db, m.id)[("GM9001", "visie")]
    assert (a.niveau, a.wie, a.wanneer) == (3, "team Veiligheid", "2027-Q2")
    assert 'value="Q2 2027"' in client.get(pagina).get_data(as_text=True)


def test_web_limits_are_the_stores_limits(web, cat):
    client, db = web
    m = maak(db, cat)
    html_ = client.get("/metingen/nieuw").get_data(as_text=True)
    assert re.search(rf'id="titel"[^>]*maxlength="{regels.MAX_TITEL}"', html_) or re.search(
        rf'maxlength="{regels.MAX_TITEL}"[^>]*id="titel"', html_
    )
    thema = client.get(f"/metingen/{m.id}/thema/visie").get_data(as_text=True)
    assert f'id="notitie" rows="4" maxlength="{regels.MAX_TEKST}"' in thema
    pagina = client.get(f"/metingen/{m.id}").get_data(as_text=True)
    assert f'maxlength="{regels.MAX_DEELNEMER}"' in pagina


def test_web_setup_refuses_a_long_user_name_with_the_stores_message(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "s", "DATABASE": str(tmp_path / "leeg.db")})
    client = app.test_client()
    lang = "g" * (regels.MAX_GEBRUIKER + 1)
    antwoord = client.post(
        "/inrichten",
        data={
            "csrf_token": csrf_token(client, "/inrichten"),
            "naam": lang,
            "wachtwoord": WACHTWOORD,
            "herhaal": WACHTWOORD,
        },
    )
    assert te_lang("De gebruikersnaam", len(lang), regels.MAX_GEBRUIKER) in tekst(antwoord)


def test_web_an_afgeronde_meting_refuses_writes_with_the_stores_message(web, cat):
    client, db = web
    m = afgeronde_nul(db, cat)
    melding = str(MetingAfgerond())
    url = f"/metingen/{m.id}"
    token = csrf_token(client, url)
    antwoord = client.post(
        f"{url}/deelnemers", data={"csrf_token": token, "organisatie": "CJG", "rol": "Rol"}
    )
    assert antwoord.status_code == 409 and melding in tekst(antwoord)
    for json_ in (
        {"soort": "notitie", "thema": "visie", "waarde": "Later", "origineel": ""},
        {
            "soort": "cel",
            "cbs": "GM9001",
            "vraag": "visie-1",
            "veld": "waarde",
            "waarde": "3",
            "origineel": "2",
        },
        {"soort": "bevestig", "cbs": "GM9001", "vraag": "visie-1"},
        {"soort": "alle", "vraag": "visie-1", "waarde": "3"},
    ):
        antwoord = client.post(f"{url}/autosave", json=json_, headers={"X-CSRFToken": token})
        assert antwoord.status_code == 409 and antwoord.json["fout"] == melding, json_
    antwoord = client.post(
        f"{url}/thema/visie/bevestigen", data={"csrf_token": token}, follow_redirects=True
    )
    assert melding in tekst(antwoord)
    assert opslag.notities(db, m.id) == {} and opslag.deelnemers(db, m.id) == []
    assert opslag.antwoord(db, m.id, "GM9001", "visie-1").waarde == 2
