"""The meting lifecycle and everything recorded in it, on a real SQLite file.

The promises under test: a meting pins its vragenlijst and gemeenten; every answer is stored
when given; a stale save is refused and everything else merges; an afgeronde meting refuses
every write until it is explicitly (and traceably) reopened.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.store_fixtures import DATA, NOORD, VRAGENLIJST, maak, mini, tijdelijke_db
from zelfscan import opslag
from zelfscan.errors import (
    DatabaseFout,
    MetingAfgerond,
    NietGevonden,
    OngeldigAntwoord,
    OngeldigeInvoer,
    Verouderd,
    VerouderdAntwoord,
)
from zelfscan.inlezen.loader import laad_catalogus, vragenlijst_uit_data
from zelfscan.inlezen.model import NIET_VAN_TOEPASSING, WEET_NIET
from zelfscan.opslag import vervolg
from zelfscan.opslag.verbinding import open_db


@pytest.fixture
def mini_catalogus():
    return mini()


@pytest.fixture
def db(tmp_path):
    yield from tijdelijke_db(tmp_path)


@pytest.fixture
def meting(db, mini_catalogus):
    return maak(db, mini_catalogus)


# --- creating metingen ----------------------------------------------------------------------


def test_a_new_meting_pins_vragenlijst_and_the_gemeenten_of_its_date(db, mini_catalogus):
    lijst = mini_catalogus.vragenlijst("mini-scan")
    m = maak(db, mini_catalogus)
    assert m.titel == "0-meting 2021 Noord"
    assert (m.regio_naam, m.subregio_naam, m.jaar, m.soort, m.datum) == (
        "Testregio",
        "Noord",
        2021,
        "0-meting",
        date(2021, 10, 12),
    )
    assert m.status == "concept" and not m.afgerond and m.demo is False
    # Oud-Cruisdorp merged into Aardam in 2019, so it does not take part in 2021.
    assert [(g.cbs, g.naam) for g in m.gemeenten] == [
        ("GM9001", "Aardam"),
        ("GM9002", "Bëekhuizen"),
    ]
    assert (m.vragenlijst_id, m.vragenlijst_versie, m.vragenlijst_hash) == (
        "mini-scan",
        "2021.1",
        lijst.hash,
    )
    assert m.vragenlijst == lijst
    assert [r.actie for r in opslag.logboek(db, m.id)] == ["aangemaakt"]
    # In words a person reads: the vragenlijst by its title and version, not by its key.
    [regel] = opslag.logboek(db, m.id)
    assert f"vragenlijst {m.vragenlijst.titel}, versie {m.vragenlijst.versie};" in regel.details
    assert "@" not in regel.details
    assert opslag.meting(db, m.id) == m


def test_before_the_herindeling_the_old_gemeente_takes_part(db, mini_catalogus):
    m = maak(db, mini_catalogus, jaar=2017, datum=date(2017, 10, 1))
    assert [g.cbs for g in m.gemeenten] == ["GM9001", "GM9002", "GM9003"]


def test_explicit_gemeenten_titel_periode_and_vervolg(db, mini_catalogus):
    eerste = maak(db, mini_catalogus)
    opslag.rond_af(db, eerste.id, wie="fien")
    m = maak(
        db,
        mini_catalogus,
        jaar=2022,
        datum=date(2022, 10, 11),
        soort="vervolgmeting",
        gemeenten=["GM9002"],
        titel="  Vervolg Noord  ",
        periode="najaar 2022",
        vorige_meting_id=eerste.id,
    )
    assert [g.cbs for g in m.gemeenten] == ["GM9002"]
    assert (m.titel, m.periode, m.soort) == ("Vervolg Noord", "najaar 2022", "vervolgmeting")
    assert (m.vorige_meting_id, m.vorige_meting_uuid) == (eerste.id, eerste.uuid)
    standaard = maak(
        db,
        mini_catalogus,
        soort="vervolgmeting",
        jaar=2023,
        datum=date(2023, 10, 10),
        vorige_meting_id=eerste.id,
    )
    assert standaard.titel == "Vervolgmeting 2023 Noord"


@pytest.mark.parametrize(
    ("anders", "melding"),
    [
        ({"soort": "nulmeting"}, "'nulmeting' is geen soort meting"),
        ({"subregio_id": "west"}, "Subregio 'west' bestaat niet in regio Testregio"),
        (
            {"gemeenten": ["GM9004"]},
            "niet bij subregio Noord: Dijkwaard \\(hoort bij Zuid\\)",
        ),
        ({"gemeenten": []}, "Er doen geen gemeenten mee"),
        ({"jaar": "2021"}, "'2021' is geen jaartal"),
        ({"wie": " "}, "Onbekend wie"),
    ],
)
def test_creating_a_meting_refuses_bad_input_in_dutch(db, mini_catalogus, anders, melding):
    with pytest.raises(OngeldigeInvoer, match=melding):
        maak(db, mini_catalogus, **anders)
    assert opslag.metingen(db) == []


def test_the_previous_meting_must_exist_and_be_of_the_same_subregio(db, mini_catalogus):
    zuid = maak(db, mini_catalogus, subregio_id="zuid")
    with pytest.raises(OngeldigeInvoer, match="is van subregio Zuid, niet van Noord"):
        maak(db, mini_catalogus, soort="vervolgmeting", vorige_meting_id=zuid.id)
    with pytest.raises(NietGevonden):
        maak(db, mini_catalogus, soort="vervolgmeting", vorige_meting_id=999)
    assert len(opslag.metingen(db)) == 1


def test_unknown_meting_is_not_found_in_dutch(db):
    with pytest.raises(NietGevonden, match="Meting 42 bestaat niet in deze database"):
        opslag.meting(db, 42)
    with pytest.raises(NietGevonden):
        opslag.antwoorden(db, 42)


def test_metingen_are_listed_by_regio_subregio_and_jaar(db, mini_catalogus):
    maak(db, mini_catalogus, subregio_id="zuid", jaar=2022, datum=date(2022, 10, 1))
    maak(db, mini_catalogus, jaar=2022, datum=date(2022, 10, 1))
    maak(db, mini_catalogus, subregio_id="zuid", jaar=2021)
    maak(db, mini_catalogus, jaar=2021)
    assert [(m.subregio_naam, m.jaar) for m in opslag.metingen(db)] == [
        ("Noord", 2021),
        ("Noord", 2022),
        ("Zuid", 2021),
        ("Zuid", 2022),
    ]


def test_some_metingen_by_id_and_the_headings_of_all(db, mini_catalogus):
    zuid = maak(db, mini_catalogus, subregio_id="zuid", jaar=2022, datum=date(2022, 10, 1))
    noord = maak(db, mini_catalogus, jaar=2022, datum=date(2022, 10, 1))
    maak(db, mini_catalogus, subregio_id="zuid", jaar=2021)
    eerst = maak(db, mini_catalogus, jaar=2021)
    eerst = opslag.rond_af(db, eerst.id, wie="fien")
    alle = opslag.metingen(db)

    assert opslag.metingen(db, [zuid.id, eerst.id]) == [eerst, zuid]  # the list's order
    assert opslag.metingen(db, []) == []
    assert opslag.metingen(db, [noord.id])[0].gemeenten == noord.gemeenten
    koppen = opslag.meting_koppen(db)
    assert [k.id for k in koppen] == [m.id for m in alle]
    assert koppen[0] == (
        eerst.id,
        eerst.uuid,
        eerst.titel,
        "testregio",
        "Testregio",
        "noord",
        "Noord",
        2021,
        date(2021, 10, 12),
        "afgerond",
        eerst.aangemaakt_op,
    )


# --- snapshot isolation ---------------------------------------------------------------------


def test_changing_the_vragenlijst_file_never_changes_an_existing_meting(db, tmp_path):
    map_ = tmp_path / "data"
    shutil.copytree(DATA, map_)
    bestand = map_ / "mini-vragenlijst.yaml"
    oud = laad_catalogus(map_)
    m = maak(db, oud)
    opslag.sla_antwoord(db, m.id, "GM9001", "visie-2", 1, wie="fien")

    data = yaml.safe_load(bestand.read_text(encoding="utf-8"))
    visie = data["onderdelen"][0]["themas"][0]
    visie["vragen"][0]["tekst"] = "Een heel andere stelling."
    del visie["vragen"][1]  # visie-2 is gone from the file
    visie["vragen"].append({"id": "visie-nieuw", "tekst": "Een nieuwe vraag."})
    bestand.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    nieuw = laad_catalogus(map_).vragenlijst("mini-scan")
    assert nieuw.hash != oud.vragenlijst("mini-scan").hash

    herladen = opslag.meting(db, m.id)
    assert herladen.vragenlijst == oud.vragenlijst("mini-scan")
    assert herladen.vragenlijst.vraag("visie-1").tekst.startswith("De gemeente heeft")
    assert [v.id for v in herladen.vragenlijst.thema("visie").vragen] == ["visie-1", "visie-2"]
    json_tekst = db.execute(
        "SELECT s.json FROM metingen m JOIN vragenlijst_snapshots s "
        "ON s.hash = m.vragenlijst_hash WHERE m.id = ?",
        [m.id],
    ).fetchone()[0]
    assert hashlib.sha256(json_tekst.encode()).hexdigest() == herladen.vragenlijst_hash
    # The meting keeps answering its own questions, not the file's.
    assert opslag.sla_antwoord(db, m.id, "GM9001", "visie-2", 2, wie="fien").waarde == 2
    with pytest.raises(OngeldigAntwoord, match="'visie-nieuw' hoort niet bij deze meting"):
        opslag.sla_antwoord(db, m.id, "GM9001", "visie-nieuw", 2, wie="fien")


# --- answers --------------------------------------------------------------------------------


def test_every_kind_of_answer_is_stored_with_who_and_when(db, meting):
    for vraag, waarde, verwacht in [
        ("visie-1", 3, 3),
        ("visie-2", "2", 2),
        ("sturing-1", WEET_NIET, WEET_NIET),
        ("sturing-2", NIET_VAN_TOEPASSING, NIET_VAN_TOEPASSING),
        ("sturing-3", 0, 0),
    ]:
        antwoord = opslag.sla_antwoord(db, meting.id, "GM9001", vraag, waarde, wie="fien")
        assert (antwoord.waarde, antwoord.versie, antwoord.gewijzigd_door) == (verwacht, 1, "fien")
        assert antwoord.gewijzigd_op.endswith("+00:00")
    assert opslag.antwoorden(db, meting.id)[("GM9001", "visie-1")].waarde == 3


def test_toelichting_and_bespreekpunt_are_kept_when_only_the_level_changes(db, meting):
    opslag.sla_antwoord(
        db,
        meting.id,
        "GM9001",
        "visie-1",
        1,
        toelichting=" Alleen op papier. ",
        bespreekpunt=True,
        wie="fien",
    )
    antwoord = opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 2, wie="joost")
    assert (antwoord.waarde, antwoord.toelichting, antwoord.bespreekpunt) == (
        2,
        "Alleen op papier.",
        True,
    )
    assert (antwoord.versie, antwoord.gewijzigd_door) == (2, "joost")


def test_clearing_is_not_the_same_as_weet_niet(db, meting):
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 2, toelichting="Tekst", wie="fien")
    opslag.sla_antwoord(db, meting.id, "GM9002", "visie-1", WEET_NIET, wie="fien")
    leeg = opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", None, wie="fien")
    assert leeg.waarde is None and not leeg.beantwoord and leeg.versie == 2
    assert leeg.toelichting == "Tekst"  # clearing the level keeps the explanation
    weet_niet = opslag.antwoord(db, meting.id, "GM9002", "visie-1")
    assert weet_niet.waarde == WEET_NIET and weet_niet.beantwoord
    open_ = opslag.onbeantwoord(db, meting.id)
    assert ("GM9001", "visie-1") in open_ and ("GM9002", "visie-1") not in open_
    assert len(open_) == len(NOORD) * len(meting.vragenlijst.vragen) - 1


@pytest.mark.parametrize("waarde", [7, -1, "7", "misschien", True, 2.5, "weet niet", ""])
def test_a_value_off_the_scale_is_refused_with_the_choices(db, meting, waarde):
    with pytest.raises(OngeldigAntwoord) as fout:
        opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", waarde, wie="fien")
    assert "is geen antwoord op deze schaal" in str(fout.value)
    assert "0 (Nee), 1 (In ontwikkeling), 2 (Grotendeels), 3 (Ja, geborgd)" in str(fout.value)
    assert "'weet_niet' (Weet niet)" in str(fout.value)
    assert opslag.antwoorden(db, meting.id) == {}


def test_unknown_vraag_and_gemeente_not_taking_part_are_refused(db, meting):
    with pytest.raises(OngeldigAntwoord, match="De vraag 'bestaat-niet' hoort niet bij deze"):
        opslag.sla_antwoord(db, meting.id, "GM9001", "bestaat-niet", 1, wie="fien")
    with pytest.raises(
        OngeldigAntwoord, match=r"Gemeente GM9003 doet niet mee .*Aardam \(GM9001\)"
    ):
        opslag.sla_antwoord(db, meting.id, "GM9003", "visie-1", 1, wie="fien")
    with pytest.raises(OngeldigeInvoer, match="te lang"):
        opslag.sla_antwoord(
            db, meting.id, "GM9001", "visie-1", toelichting="x" * 10_001, wie="fien"
        )
    assert opslag.antwoorden(db, meting.id) == {}


def test_a_stale_save_is_detected_and_the_first_value_stays(db, meting):
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 1, wie="fien")
    tab_a = opslag.antwoord(db, meting.id, "GM9001", "visie-1")
    tab_b = opslag.antwoord(db, meting.id, "GM9001", "visie-1")
    assert tab_a.versie == tab_b.versie == 1
    opslag.sla_antwoord(
        db, meting.id, "GM9001", "visie-1", 2, verwachte_versie=tab_a.versie, wie="anna"
    )
    with pytest.raises(VerouderdAntwoord) as fout:
        opslag.sla_antwoord(
            db, meting.id, "GM9001", "visie-1", 0, verwachte_versie=tab_b.versie, wie="bert"
        )
    assert str(fout.value) == (
        "Dit antwoord is intussen door iemand anders gewijzigd (nu: "
        "Grotendeels). Kijk het na en sla opnieuw op."
    )
    assert fout.value.huidig.waarde == 2 and fout.value.velden == ("waarde",)
    stored = opslag.antwoord(db, meting.id, "GM9001", "visie-1")
    assert (stored.waarde, stored.versie, stored.gewijzigd_door) == (2, 2, "anna")


def test_two_tabs_answering_an_empty_cell_do_not_overwrite_each_other(db, meting):
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 3, verwachte_versie=0, wie="anna")
    with pytest.raises(VerouderdAntwoord, match="nu: Ja, geborgd"):
        opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 1, verwachte_versie=0, wie="bert")
    # Clearing based on a stale view is a change too.
    with pytest.raises(VerouderdAntwoord):
        opslag.sla_antwoord(
            db, meting.id, "GM9001", "visie-1", None, verwachte_versie=0, wie="bert"
        )
    assert opslag.antwoord(db, meting.id, "GM9001", "visie-1").waarde == 3


def test_different_fields_of_one_answer_merge(db, meting):
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 1, wie="fien")
    gezien = 1  # both tabs loaded the page now
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 2, verwachte_versie=gezien, wie="anna")
    opslag.sla_antwoord(
        db,
        meting.id,
        "GM9001",
        "visie-1",
        toelichting="Geregeld voor jeugd.",
        verwachte_versie=gezien,
        wie="bert",
    )
    opslag.sla_antwoord(
        db, meting.id, "GM9001", "visie-1", bespreekpunt=True, verwachte_versie=gezien, wie="carla"
    )
    antwoord = opslag.antwoord(db, meting.id, "GM9001", "visie-1")
    assert (antwoord.waarde, antwoord.toelichting, antwoord.bespreekpunt, antwoord.versie) == (
        2,
        "Geregeld voor jeugd.",
        True,
        4,
    )
    # But the toelichting bert wrote is now protected against a stale rewrite.
    with pytest.raises(VerouderdAntwoord, match="De toelichting bij dit antwoord is intussen"):
        opslag.sla_antwoord(
            db,
            meting.id,
            "GM9001",
            "visie-1",
            toelichting="Oud",
            verwachte_versie=gezien,
            wie="anna",
        )


def test_different_cells_merge_and_a_stale_tab_repeating_the_current_value_is_fine(db, meting):
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 1, verwachte_versie=0, wie="anna")
    opslag.sla_antwoord(db, meting.id, "GM9002", "visie-1", 2, verwachte_versie=0, wie="bert")
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-2", 3, verwachte_versie=0, wie="bert")
    herhaald = opslag.sla_antwoord(
        db, meting.id, "GM9001", "visie-1", 1, verwachte_versie=0, wie="bert"
    )
    assert (herhaald.versie, herhaald.gewijzigd_door) == (1, "anna")  # nothing changed
    assert {k: a.waarde for k, a in opslag.antwoorden(db, meting.id).items()} == {
        ("GM9001", "visie-1"): 1,
        ("GM9002", "visie-1"): 2,
        ("GM9001", "visie-2"): 3,
    }


def test_without_an_expected_version_a_save_overwrites_deliberately(db, meting):
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 1, wie="anna")
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 3, wie="bert")
    assert opslag.antwoord(db, meting.id, "GM9001", "visie-1").waarde == 3


def test_same_answer_for_all_gemeenten_in_one_transaction(db, meting):
    opslag.sla_antwoord(db, meting.id, "GM9002", "visie-1", 0, toelichting="Eigen", wie="anna")
    alle = opslag.sla_antwoord_voor_alle(db, meting.id, "visie-1", 2, wie="fien")
    assert {cbs: a.waarde for cbs, a in alle.items()} == {"GM9001": 2, "GM9002": 2}
    assert alle["GM9002"].toelichting == "Eigen"
    # With versions, a stale view of any gemeente refuses the whole row.
    opslag.sla_antwoord(db, meting.id, "GM9002", "visie-1", 1, wie="bert")
    with pytest.raises(VerouderdAntwoord):
        opslag.sla_antwoord_voor_alle(
            db, meting.id, "visie-1", 3, verwachte_versies={"GM9001": 1, "GM9002": 2}, wie="fien"
        )
    assert {a.waarde for a in opslag.antwoorden(db, meting.id).values()} == {1, 2}
    with pytest.raises(OngeldigAntwoord):
        opslag.sla_antwoord_voor_alle(db, meting.id, "visie-1", 9, wie="fien")


@st.composite
def _sessies(draw):
    """Saves from three tabs; each tab knows the version it last saw, and sometimes reloads."""
    velden = st.sampled_from(["waarde", "toelichting", "bespreekpunt"])
    waarden = {
        "waarde": st.sampled_from([None, 0, 1, 2, 3, WEET_NIET, NIET_VAN_TOEPASSING]),
        "toelichting": st.sampled_from(["", "a", "b"]),
        "bespreekpunt": st.booleans(),
    }
    stappen = []
    for _ in range(draw(st.integers(1, 25))):
        tab = draw(st.integers(0, 2))
        if draw(st.integers(0, 4)) == 0:
            stappen.append((tab, None))
        else:
            gekozen = draw(st.sets(velden, min_size=1, max_size=2))
            stappen.append((tab, {v: draw(waarden[v]) for v in sorted(gekozen)}))
    return stappen


@pytest.fixture(scope="module")
def gedeelde_db(tmp_path_factory):
    verbinding = open_db(tmp_path_factory.mktemp("hypothesis") / "zelfscan.db")
    yield verbinding
    verbinding.conn.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(stappen=_sessies())
def test_any_sequence_of_saves_keeps_the_last_accepted_value_per_field(
    gedeelde_db, mini_catalogus, stappen
):
    """The stored answer is always what the accepted saves made it; a save is refused exactly
    when it would overwrite a field someone changed after that tab last looked."""
    db = gedeelde_db
    m = maak(db, mini_catalogus)
    model = {"waarde": None, "toelichting": "", "bespreekpunt": False}
    laatst_gewijzigd = dict.fromkeys(model, 0)
    versie = 0
    gezien = [0, 0, 0]
    for tab, wijziging in stappen:
        if wijziging is None:  # the tab reloads the page
            gezien[tab] = versie
            continue
        echt = {v: w for v, w in wijziging.items() if model[v] != w}
        verwacht_conflict = any(laatst_gewijzigd[v] > gezien[tab] for v in echt)
        try:
            antwoord = opslag.sla_antwoord(
                db,
                m.id,
                "GM9001",
                "visie-1",
                **wijziging,
                verwachte_versie=gezien[tab],
                wie=f"tab{tab}",
            )
        except VerouderdAntwoord as fout:
            event("a stale save was refused")
            assert verwacht_conflict, (wijziging, model, laatst_gewijzigd, gezien[tab])
            gezien[tab] = fout.huidig.versie  # the screen shows what is stored now
        else:
            assert not verwacht_conflict, (wijziging, model, laatst_gewijzigd, gezien[tab])
            if echt:
                event(
                    "fields merged"
                    if len(echt) < len(wijziging) or gezien[tab] < versie
                    else "a save landed"
                )
                versie += 1
                for veld, waarde in echt.items():
                    model[veld] = waarde
                    laatst_gewijzigd[veld] = versie
            assert antwoord.versie == versie
            gezien[tab] = versie
        opgeslagen = opslag.antwoord(db, m.id, "GM9001", "visie-1")
        assert {v: getattr(opgeslagen, v) for v in model} == model
        assert opgeslagen.versie == versie


# --- notes, deelnemers, ambities, where the session stopped -----------------------------------


def test_notes_per_thema_with_a_stale_check(db, meting):
    notitie = opslag.sla_notitie(db, meting.id, "visie", "Lange discussie.", wie="fien")
    assert (notitie.tekst, notitie.versie, notitie.gewijzigd_door) == (
        "Lange discussie.",
        1,
        "fien",
    )
    opslag.sla_notitie(db, meting.id, "visie", "Aangevuld.", verwachte_versie=1, wie="anna")
    with pytest.raises(Verouderd, match="De notitie bij dit thema is intussen") as fout:
        opslag.sla_notitie(db, meting.id, "visie", "Oud", verwachte_versie=1, wie="bert")
    assert fout.value.huidig.tekst == "Aangevuld."
    with pytest.raises(OngeldigeInvoer, match="Het thema 'onbekend' hoort niet bij"):
        opslag.sla_notitie(db, meting.id, "onbekend", "x", wie="fien")
    assert {t: n.tekst for t, n in opslag.notities(db, meting.id).items()} == {
        ("visie", None): "Aangevuld."
    }


def test_a_note_is_for_all_gemeenten_or_for_one(db, meting):
    alle = opslag.sla_notitie(db, meting.id, "visie", "Voor iedereen.", wie="fien")
    eigen = opslag.sla_notitie(db, meting.id, "visie", "Alleen Aardam.", cbs="GM9001", wie="fien")
    assert (alle.cbs, alle.voor_alle, eigen.cbs, eigen.voor_alle) == (None, True, "GM9001", False)
    # Each note is its own row with its own version: saving one never touches the other.
    opslag.sla_notitie(
        db, meting.id, "visie", "Aardam, aangevuld.", cbs="GM9001", verwachte_versie=1, wie="a"
    )
    with pytest.raises(Verouderd) as fout:
        opslag.sla_notitie(db, meting.id, "visie", "Oud", cbs="GM9001", verwachte_versie=1, wie="b")
    assert fout.value.huidig.tekst == "Aardam, aangevuld."
    opslag.sla_notitie(
        db, meting.id, "visie", "Voor iedereen, bijgewerkt.", verwachte_versie=1, wie="c"
    )
    opslag.sla_notitie(db, meting.id, "visie", "Bëekhuizen.", cbs="GM9002", wie="fien")
    assert {k: (n.tekst, n.versie) for k, n in opslag.notities(db, meting.id).items()} == {
        ("visie", None): ("Voor iedereen, bijgewerkt.", 2),
        ("visie", "GM9001"): ("Aardam, aangevuld.", 2),
        ("visie", "GM9002"): ("Bëekhuizen.", 1),
    }
    # A gemeente that does not take part is refused, with the store's message.
    with pytest.raises(OngeldigeInvoer, match="Gemeente GM0363 doet niet mee aan deze meting"):
        opslag.sla_notitie(db, meting.id, "visie", "x", cbs="GM0363", wie="fien")
    # The database itself holds one note for all per thema, also past the store.
    with pytest.raises(Exception, match="UNIQUE"):
        db.execute(
            "INSERT INTO thema_notities (meting_id, thema_id, cbs, tekst, versie, gewijzigd_op, "
            "gewijzigd_door) VALUES (?, 'visie', NULL, 'dubbel', 1, 'nu', 'x')",
            [meting.id],
        )


def test_deelnemers_need_organisation_and_role_but_no_name(db, meting):
    a = opslag.voeg_deelnemer_toe(
        db,
        meting.id,
        organisatie="Gemeente Aardam",
        rol="Beleidsadviseur",
        cbs="GM9001",
        wie="fien",
    )
    b = opslag.voeg_deelnemer_toe(
        db, meting.id, organisatie="Veilig Thuis", rol="Adviseur", naam="Sanne", wie="fien"
    )
    assert opslag.deelnemers(db, meting.id) == [a, b]
    assert (a.naam, b.naam, b.cbs) == (None, "Sanne", None)
    with pytest.raises(OngeldigeInvoer, match="De organisatie is verplicht"):
        opslag.voeg_deelnemer_toe(db, meting.id, organisatie=" ", rol="x", wie="fien")
    with pytest.raises(OngeldigAntwoord, match="doet niet mee"):
        opslag.voeg_deelnemer_toe(db, meting.id, organisatie="x", rol="y", cbs="GM9004", wie="fien")
    opslag.verwijder_deelnemer(db, meting.id, a.id, wie="fien")
    assert opslag.deelnemers(db, meting.id) == [b]
    with pytest.raises(NietGevonden):
        opslag.verwijder_deelnemer(db, meting.id, a.id, wie="fien")
    # Names stay out of the logboek.
    assert all("Sanne" not in r.details for r in opslag.logboek(db, meting.id))


def test_ambities_per_gemeente_per_thema(db, meting):
    ambitie = opslag.sla_ambitie(
        db, meting.id, "GM9001", "visie", 2, "Visie vastleggen.", wie="aardam"
    )
    assert (ambitie.niveau, ambitie.tekst, ambitie.versie) == (2, "Visie vastleggen.", 1)
    opslag.sla_ambitie(
        db, meting.id, "GM9001", "visie", 3, "Hoger.", verwachte_versie=1, wie="aardam"
    )
    with pytest.raises(Verouderd):
        opslag.sla_ambitie(db, meting.id, "GM9001", "visie", 1, "", verwachte_versie=1, wie="x")
    with pytest.raises(OngeldigeInvoer, match="'5' is geen niveau van de schaal"):
        opslag.sla_ambitie(db, meting.id, "GM9001", "visie", 5, "", wie="aardam")
    opslag.sla_ambitie(db, meting.id, "GM9002", "meldcode", 1, "", wie="bk")
    assert set(opslag.ambities(db, meting.id)) == {("GM9001", "visie"), ("GM9002", "meldcode")}
    assert opslag.sla_ambitie(db, meting.id, "GM9002", "meldcode", None, wie="bk") is None
    assert set(opslag.ambities(db, meting.id)) == {("GM9001", "visie")}


def test_an_ambitie_has_who_and_by_when(db, meting):
    a = opslag.sla_ambitie(
        db,
        meting.id,
        "GM9001",
        "visie",
        2,
        "Nota.",
        door=" team Veiligheid ",
        wanneer="q2 2027",
        wie="aardam",
    )
    assert (a.wie, a.wanneer, a.gewijzigd_door) == ("team Veiligheid", "2027-Q2", "aardam")
    # Every way people write a date or a quarter, in one stored form each.
    for invoer, opgeslagen in [
        ("2027-Q2", "2027-Q2"),
        ("Q2-2027", "2027-Q2"),
        ("K3 2027", "2027-Q3"),
        ("2027 q4", "2027-Q4"),
        ("2027-06-30", "2027-06-30"),
        ("30-6-2027", "2027-06-30"),
        ("1/2/2028", "2028-02-01"),
        # As the pages show a date (regels.datum_tekst), so a form shown is accepted back.
        ("30 juni 2027", "2027-06-30"),
        ("1  Februari 2028", "2028-02-01"),
        ("", None),
    ]:
        a = opslag.sla_ambitie(
            db, meting.id, "GM9001", "visie", 2, "Nota.", wanneer=invoer, wie="x"
        )
        assert a.wanneer == opgeslagen, invoer
    versie = a.versie
    # Only a real change is a new version.
    assert (
        opslag.sla_ambitie(db, meting.id, "GM9001", "visie", 2, "Nota.", wie="x").versie == versie
    )
    for fout in [
        "Q5 2027",
        "2027-02-30",
        "31-13-2027",
        "volgend jaar",
        "2027",
        "Q2 27",
        "31 juni 2027",
        "30 juno 2027",
        "juni 2027",
    ]:
        with pytest.raises(OngeldigeInvoer) as weigering:
            opslag.sla_ambitie(db, meting.id, "GM9001", "visie", 2, wanneer=fout, wie="x")
        assert str(weigering.value) == (
            f"‘{fout}’ is geen datum of kwartaal. Vul bij ‘wanneer’ een datum in (zoals "
            "30-06-2027 of 30 juni 2027) of een kwartaal (zoals Q2 2027), of laat het leeg."
        )
        assert weigering.value.veld == "wanneer"
    with pytest.raises(OngeldigeInvoer, match=r"Wie de ambitie oppakt is te lang \(121 tekens"):
        opslag.sla_ambitie(db, meting.id, "GM9001", "visie", 2, door="x" * 121, wie="x")
    # Nothing of the refused saves landed.
    assert opslag.ambities(db, meting.id)[("GM9001", "visie")].versie == versie


@given(
    st.one_of(
        st.dates(date(1901, 1, 1), date(2999, 12, 31)).map(date.isoformat),
        st.builds("{}-Q{}".format, st.integers(1901, 2999), st.integers(1, 4)),
    )
)
def test_by_when_as_a_page_shows_it_is_accepted_back_unchanged(opgeslagen):
    # The ambities form shows a stored wanneer as a reader writes it ('30 juni 2027',
    # 'Q2 2027'); saved unchanged it must be the same value again, not a refusal.
    from zelfscan.opslag import regels
    from zelfscan.scores import weergave

    getoond = weergave.wanneer_tekst(opgeslagen)
    assert getoond != opgeslagen
    assert regels.wanneer(getoond) == opgeslagen


def test_the_session_remembers_where_it_stopped(db, meting):
    opslag.zet_huidig_thema(db, meting.id, "sturing")
    assert opslag.meting(db, meting.id).huidig_thema == "sturing"
    with pytest.raises(OngeldigeInvoer):
        opslag.zet_huidig_thema(db, meting.id, "bestaat-niet")


def test_the_fingerprint_changes_only_when_something_changes(db, meting):
    begin = opslag.stand(db, meting.id)
    assert opslag.stand(db, meting.id) == begin
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 1, wie="fien")
    na_antwoord = opslag.stand(db, meting.id)
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 1, wie="fien")  # no change
    assert opslag.stand(db, meting.id) == na_antwoord != begin
    opslag.sla_notitie(db, meting.id, "visie", "x", wie="fien")
    assert opslag.stand(db, meting.id) != na_antwoord


# --- afronden and heropenen -----------------------------------------------------------------


def test_an_afgeronde_meting_refuses_every_write(db, meting):
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 2, wie="fien")
    deelnemer = opslag.voeg_deelnemer_toe(db, meting.id, organisatie="A", rol="B", wie="fien")
    opslag.zet_huidig_thema(db, meting.id, "visie")
    afgerond = opslag.rond_af(db, meting.id, wie="fien")
    assert afgerond.afgerond and afgerond.afgerond_op
    voor = (
        opslag.antwoorden(db, meting.id),
        opslag.notities(db, meting.id),
        opslag.deelnemers(db, meting.id),
    )

    pogingen = [
        lambda: opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 3, wie="x"),
        lambda: opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", toelichting="t", wie="x"),
        lambda: opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", None, wie="x"),
        lambda: opslag.sla_antwoord_voor_alle(db, meting.id, "visie-1", 1, wie="x"),
        lambda: opslag.sla_notitie(db, meting.id, "visie", "t", wie="x"),
        lambda: opslag.voeg_deelnemer_toe(db, meting.id, organisatie="C", rol="D", wie="x"),
        lambda: opslag.verwijder_deelnemer(db, meting.id, deelnemer.id, wie="x"),
        lambda: opslag.neem_antwoorden_over(db, meting.id, wie="x"),
    ]
    for poging in pogingen:
        with pytest.raises(MetingAfgerond) as fout:
            poging()
        assert str(fout.value) == (
            "Deze meting is afgerond en kan niet meer worden gewijzigd. Heropen de meting eerst "
            "(dat wordt vastgelegd)."
        )
    with pytest.raises(MetingAfgerond, match="al afgerond"):
        opslag.rond_af(db, meting.id, wie="x")
    opslag.zet_huidig_thema(db, meting.id, "meldcode")  # ignored, silently
    assert opslag.meting(db, meting.id).huidig_thema == "visie"
    assert (
        opslag.antwoorden(db, meting.id),
        opslag.notities(db, meting.id),
        opslag.deelnemers(db, meting.id),
    ) == voor
    # Ambities are for next year: recorded after the report, so still allowed.
    assert opslag.sla_ambitie(db, meting.id, "GM9001", "visie", 3, "", wie="aardam").niveau == 3


def test_heropenen_needs_a_reason_and_is_logged(db, meting):
    opslag.rond_af(db, meting.id, wie="fien")
    with pytest.raises(OngeldigeInvoer, match="Geef een reden op"):
        opslag.heropen(db, meting.id, wie="fien", reden="  ")
    heropend = opslag.heropen(db, meting.id, wie="joost", reden="Typefout bij Bëekhuizen")
    assert heropend.status == "concept" and heropend.afgerond_op is None
    logboek = opslag.logboek(db, meting.id)
    assert [r.actie for r in logboek] == ["aangemaakt", "afgerond", "heropend"]
    assert (logboek[-1].wie, logboek[-1].details) == ("joost", "Typefout bij Bëekhuizen")
    assert opslag.sla_antwoord(db, meting.id, "GM9002", "visie-1", 1, wie="joost").versie == 1
    with pytest.raises(OngeldigeInvoer, match="niet afgerond"):
        opslag.heropen(db, meting.id, wie="fien", reden="nogmaals")


def test_afronden_logs_how_complete_the_meting_is(db, meting):
    opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 2, wie="fien")
    opslag.rond_af(db, meting.id, wie="fien")
    totaal = len(NOORD) * len(meting.vragenlijst.vragen)
    assert opslag.logboek(db, meting.id)[-1].details == f"1 van {totaal} antwoorden ingevuld"


# --- a vervolgmeting starting from last year --------------------------------------------------


def test_a_vervolgmeting_can_start_from_last_years_answers(db, mini_catalogus, meting):
    opslag.sla_antwoord(
        db,
        meting.id,
        "GM9001",
        "visie-1",
        2,
        toelichting="Vorig jaar",
        bespreekpunt=True,
        wie="fien",
    )
    opslag.sla_antwoord(db, meting.id, "GM9002", "visie-1", WEET_NIET, wie="fien")
    opslag.sla_antwoord(db, meting.id, "GM9002", "visie-2", None, wie="fien")  # cleared: skipped
    opslag.rond_af(db, meting.id, wie="fien")
    vervolg = maak(
        db,
        mini_catalogus,
        soort="vervolgmeting",
        jaar=2022,
        datum=date(2022, 10, 11),
        vorige_meting_id=meting.id,
    )
    opslag.sla_antwoord(db, vervolg.id, "GM9002", "visie-1", 3, wie="fien")  # already given

    assert opslag.neem_antwoorden_over(db, vervolg.id, wie="fien") == 1
    antwoorden = opslag.antwoorden(db, vervolg.id)
    over = antwoorden[("GM9001", "visie-1")]
    assert (over.waarde, over.toelichting, over.bespreekpunt, over.overgenomen) == (
        2,
        "Vorig jaar",
        False,
        True,
    )
    assert antwoorden[("GM9002", "visie-1")].waarde == 3  # not overwritten
    assert ("GM9002", "visie-2") not in antwoorden
    assert opslag.logboek(db, vervolg.id)[-1].actie == "antwoorden overgenomen"
    # Saving the same level confirms it.
    bevestigd = opslag.sla_antwoord(
        db, vervolg.id, "GM9001", "visie-1", 2, verwachte_versie=over.versie, wie="fien"
    )
    assert not bevestigd.overgenomen and bevestigd.versie == 2
    nul = maak(db, mini_catalogus, subregio_id="zuid")
    with pytest.raises(OngeldigeInvoer, match="geen vorige meting"):
        opslag.neem_antwoorden_over(db, nul.id, wie="fien")


def test_confirming_last_years_answers(db, mini_catalogus, meting):
    for cbs in NOORD:
        for vraag in ("visie-1", "visie-2", "sturing-1"):
            opslag.sla_antwoord(db, meting.id, cbs, vraag, 1, wie="fien")
    opslag.rond_af(db, meting.id, wie="fien")
    vervolg, aantal = opslag.maak_vervolgmeting(
        db,
        meting.id,
        vragenlijst=mini_catalogus.vragenlijst("mini-scan"),
        regio=mini_catalogus.regio("testregio"),
        jaar=2022,
        datum=date(2022, 10, 11),
        wie="fien",
    )
    assert aantal == 6 and vervolg.soort == "vervolgmeting"
    assert vervolg.vorige_meting_id == meting.id
    assert opslag.vervolgmetingen(db, meting.id) == [vervolg]
    assert [m.id for m in opslag.keten(db, vervolg.id)] == [vervolg.id, meting.id]

    # One answer, unchanged: confirmed, its field versions untouched (no false conflicts).
    voor = opslag.antwoord(db, vervolg.id, "GM9001", "sturing-1")
    na = opslag.bevestig_antwoord(db, vervolg.id, "GM9001", "sturing-1", wie="fien")
    assert (na.waarde, na.overgenomen, na.versie) == (1, False, voor.versie + 1)
    opslag.sla_antwoord(
        db, vervolg.id, "GM9001", "sturing-1", 2, verwachte_versie=voor.versie, wie="fien"
    )
    # Confirming what is no longer overgenomen changes nothing.
    blijft = opslag.bevestig_antwoord(db, vervolg.id, "GM9001", "sturing-1", wie="fien")
    assert (blijft.waarde, blijft.versie) == (2, voor.versie + 2)

    # A whole thema, every gemeente; a cell changed meanwhile is left as it is.
    opslag.sla_antwoord(db, vervolg.id, "GM9002", "visie-1", 3, wie="fien")
    assert opslag.bevestig_thema(db, vervolg.id, "visie", wie="fien") == 3
    assert opslag.bevestig_thema(db, vervolg.id, "visie", wie="fien") == 0
    alle = opslag.antwoorden(db, vervolg.id)
    assert not any(a.overgenomen for (_, v), a in alle.items() if v.startswith("visie"))
    assert alle[("GM9002", "visie-1")].waarde == 3
    assert alle[("GM9002", "sturing-1")].overgenomen  # another thema: untouched
    assert opslag.logboek(db, vervolg.id)[-1].details.startswith("3 overgenomen antwoorden")

    with pytest.raises(OngeldigeInvoer, match="hoort niet bij deze meting"):
        opslag.bevestig_thema(db, vervolg.id, "bestaat-niet", wie="fien")
    with pytest.raises(OngeldigAntwoord):
        opslag.bevestig_antwoord(db, vervolg.id, "GM9004", "visie-1", wie="fien")
    opslag.rond_af(db, vervolg.id, wie="fien")
    assert "waarvan 1 overgenomen en niet bevestigd" in opslag.logboek(db, vervolg.id)[-1].details
    with pytest.raises(MetingAfgerond):
        opslag.bevestig_thema(db, vervolg.id, "sturing", wie="fien")
    with pytest.raises(MetingAfgerond):
        opslag.bevestig_antwoord(db, vervolg.id, "GM9002", "sturing-1", wie="fien")


def test_a_vervolgmeting_is_made_whole_or_not_at_all(db, mini_catalogus, meting, monkeypatch):
    def kapot(*_args, **_kwargs):
        raise DatabaseFout("schijf vol")

    monkeypatch.setattr(vervolg, "neem_antwoorden_over", kapot)
    meting = opslag.rond_af(db, meting.id, wie="fien")
    with pytest.raises(DatabaseFout):
        opslag.maak_vervolgmeting(
            db,
            meting.id,
            vragenlijst=mini_catalogus.vragenlijst("mini-scan"),
            regio=mini_catalogus.regio("testregio"),
            jaar=2022,
            datum=date(2022, 10, 11),
            wie="fien",
        )
    assert opslag.metingen(db) == [meting]


def test_snapshot_files_on_disk_are_not_needed_to_read_a_meting(db, tmp_path, meting):
    """Reading a meting never goes back to the data folder."""
    pad = Path(db.conn.execute("PRAGMA database_list").fetchone()[2])
    db.conn.close()
    andere = open_db(pad)
    assert opslag.meting(andere, meting.id).vragenlijst.vraag("meldcode-1").uitleg == (
        "Vraag naar een recent voorbeeld."
    )
    andere.conn.close()


def test_a_damaged_snapshot_in_the_database_is_reported_not_used(db, meting, monkeypatch):
    opslag.vergeet_snapshots()  # force a fresh read from the database
    with db.conn:
        db.execute(
            "UPDATE vragenlijst_snapshots SET json = replace(json, 'Nee', 'Ja') WHERE hash = ?",
            [meting.vragenlijst_hash],
        )
    with pytest.raises(DatabaseFout, match="is beschadigd"):
        opslag.meting(db, meting.id)


def snapshots(db) -> dict[str, str]:
    return dict(db.execute("SELECT hash, json FROM vragenlijst_snapshots").fetchall())


def andere_versie(catalogus):
    """The mini vragenlijst with another title: another snapshot text, so another hash."""
    data = json.loads(catalogus.vragenlijst(VRAGENLIJST).json)
    data["titel"] = "Mini-scan, herziene tekst"
    return vragenlijst_uit_data(data)


def test_a_snapshot_is_stored_once_and_removed_with_the_last_meting_naming_it(db, mini_catalogus):
    lijst = mini_catalogus.vragenlijst(VRAGENLIJST)
    anders = andere_versie(mini_catalogus)
    echt = maak(db, mini_catalogus)
    maak(db, mini_catalogus, jaar=2022, datum=date(2022, 10, 12), demo=True)
    demo = maak(
        db, mini_catalogus, vragenlijst=anders, jaar=2023, datum=date(2023, 10, 10), demo=True
    )
    assert snapshots(db) == {lijst.hash: lijst.json, anders.hash: anders.json}
    assert opslag.meting(db, demo.id).vragenlijst.titel == "Mini-scan, herziene tekst"

    assert opslag.verwijder_demo_metingen(db) == 2
    assert snapshots(db) == {lijst.hash: lijst.json}
    assert opslag.meting(db, echt.id).vragenlijst == lijst


def test_a_missing_snapshot_is_reported_not_guessed(db, meting, monkeypatch):
    opslag.vergeet_snapshots()
    with db.conn:
        db.execute("DELETE FROM vragenlijst_snapshots")
    with pytest.raises(DatabaseFout, match="is zoek"):
        opslag.meting(db, meting.id)


def test_a_new_meting_replaces_a_damaged_copy_of_its_snapshot(db, mini_catalogus, meting):
    lijst = mini_catalogus.vragenlijst(VRAGENLIJST)
    with db.conn:
        db.execute("UPDATE vragenlijst_snapshots SET json = replace(json, 'Nee', 'Ja')")
    assert snapshots(db) != {lijst.hash: lijst.json}
    maak(db, mini_catalogus, jaar=2022, datum=date(2022, 10, 12))
    assert snapshots(db) == {lijst.hash: lijst.json}


def test_a_datetime_as_datum_is_taken_as_its_date(db, mini_catalogus):
    m = maak(db, mini_catalogus, datum=datetime(2021, 10, 12, 9, 30))
    assert opslag.meting(db, m.id).datum == date(2021, 10, 12)
