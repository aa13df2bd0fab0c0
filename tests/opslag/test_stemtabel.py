"""Participation and votes in the store: codes that expire, votes apart from the answers, a
settled answer no vote can change, export/import with the meting, deleted with it."""

from __future__ import annotations

import copy

import pytest

from tests.store_fixtures import maak, mini, mini_met_nvt_per_vraag, tijdelijke_db
from zelfscan import opslag
from zelfscan.errors import (
    ImportFout,
    MetingAfgerond,
    NietGevonden,
    OngeldigAntwoord,
    OngeldigeInvoer,
)
from zelfscan.inlezen.loader import laad_catalogus
from zelfscan.inlezen.model import NIET_VAN_TOEPASSING, WEET_NIET
from zelfscan.opslag import deelnametabel, regels, stemtabel, uitwisseling
from zelfscan.opslag.verbinding import open_db


@pytest.fixture
def db(tmp_path):
    yield from tijdelijke_db(tmp_path)


@pytest.fixture
def meting(db):
    m = maak(db, mini())
    opslag.zet_huidig_thema(db, m.id, "visie")
    return opslag.meting(db, m.id)


@pytest.fixture
def open_(db, meting):
    return deelnametabel.open_deelname(db, meting.id, wie="fien")


def test_a_code_is_six_characters_without_look_alikes_and_expires_on_closing(db, meting, open_):
    assert len(open_.code) == 6 and set(open_.code) <= set(regels.DEELNAMECODE_TEKENS)
    assert not set("0O1IL2Z5S8BUVG6") & set(regels.DEELNAMECODE_TEKENS)
    # Opening again gives the same open participation; typed loosely, the code still works.
    assert deelnametabel.open_deelname(db, meting.id, wie="fien") == open_
    los = f" {open_.code[:3].lower()}-{open_.code[3:]} "
    assert deelnametabel.deelname_met_code(db, los).id == open_.id
    assert deelnametabel.sluit_deelname(db, meting.id, wie="fien")
    assert deelnametabel.deelname_met_code(db, open_.code) is None
    assert deelnametabel.deelname(db, meting.id) is None
    nieuw = deelnametabel.open_deelname(db, meting.id, wie="fien")
    assert nieuw.id != open_.id
    assert [r.actie for r in opslag.logboek(db, meting.id)][-3:] == [
        "deelname geopend",
        "deelname gesloten",
        "deelname geopend",
    ]


@pytest.mark.parametrize("tekst", ["", "ABC", "ABCDEFG", "AB0DEF", None, 12, "x" * 500])
def test_a_malformed_code_finds_nothing(db, open_, tekst):
    assert deelnametabel.deelname_met_code(db, tekst) is None


def test_votes_are_kept_apart_from_the_answers(db, meting, open_):
    a = deelnametabel.meld_aan(db, open_.id, "GM9001", organisatie="Wijkteam", rol="coach")
    b = deelnametabel.meld_aan(db, open_.id, "GM9001")
    assert a.id != b.id and a.id.startswith("d-")
    assert stemtabel.sla_stem(db, meting.id, a.id, "visie-1", "2") == ["GM9001"]
    stemtabel.sla_stem(db, meting.id, b.id, "visie-1", WEET_NIET)
    stemtabel.sla_stem(db, meting.id, a.id, "visie-1", 3)  # changed, not a second vote
    assert sorted((s.stemmer, s.waarde) for s in stemtabel.stemmen(db, meting.id)) == sorted(
        [(a.id, 3), (b.id, WEET_NIET)]
    )
    assert opslag.antwoorden(db, meting.id) == {}
    assert stemtabel.eigen_stemmen(db, meting.id, a.id) == {"visie-1": 3}
    assert stemtabel.stemmers_gestemd(db, meting.id, ["visie-1", "visie-2"]) == 2


def test_choosing_another_gemeente_withdraws_the_votes_not_yet_settled(db, meting, open_):
    fout = deelnametabel.meld_aan(db, open_.id, "GM9001")  # the wrong gemeente, by mistake
    ander = deelnametabel.meld_aan(db, open_.id, "GM9001")
    stemtabel.sla_stem(db, meting.id, fout.id, "visie-1", 0)
    stemtabel.sla_stem(db, meting.id, fout.id, "visie-2", 0)
    stemtabel.sla_stem(db, meting.id, ander.id, "visie-1", 2)
    stemtabel.stel_vast(
        db, meting.id, "GM9001", "visie-1", 1, voorstel=0, aantal_stemmen=2, wie="fien"
    )
    assert stemtabel.meld_af(db, meting.id, fout.id) == 1
    # The settled answer keeps the votes it rested on; the open vraag lost the mistaken one.
    assert sorted((s.stemmer, s.vraag_id) for s in stemtabel.stemmen(db, meting.id)) == sorted(
        [(fout.id, "visie-1"), (ander.id, "visie-1")]
    )
    # No longer one of the room: "x van N" counts only the other participant.
    assert deelnametabel.aantal_stemmers(db, open_.id) == 1
    assert stemtabel.stemmers_gestemd(db, meting.id, ["visie-1", "visie-2"]) == 1
    assert stemtabel.meld_af(db, meting.id, fout.id) == 0  # twice: nothing more happens
    # Without any vote left, the participant is gone altogether.
    leeg = deelnametabel.meld_aan(db, open_.id, None)
    stemtabel.sla_stem(db, meting.id, leeg.id, "visie-2", 1)
    assert stemtabel.meld_af(db, meting.id, leeg.id) == 2  # one vote in each gemeente
    assert deelnametabel.stemmer(db, meting.id, leeg.id) is None


def test_a_closed_code_is_known_as_closed(db, meting, open_):
    assert not deelnametabel.code_gesloten(db, open_.code)
    deelnametabel.sluit_deelname(db, meting.id, wie="fien")
    assert deelnametabel.code_gesloten(db, open_.code.lower())
    assert not deelnametabel.code_gesloten(db, "AAAAAA")
    assert not deelnametabel.code_gesloten(db, "x" * 500)


def test_regiobreed_counts_once_in_each_gemeente_not_yet_settled(db, meting, open_):
    vt = deelnametabel.meld_aan(db, open_.id, None, organisatie="Veilig Thuis")
    assert vt.regiobreed
    assert stemtabel.sla_stem(db, meting.id, vt.id, "visie-1", 1) == ["GM9001", "GM9002"]
    stemtabel.stel_vast(
        db, meting.id, "GM9001", "visie-1", 1, voorstel=1, aantal_stemmen=1, wie="fien"
    )
    assert stemtabel.sla_stem(db, meting.id, vt.id, "visie-1", 2) == ["GM9002"]
    stemmen = {(s.cbs, s.waarde) for s in stemtabel.stemmen(db, meting.id)}
    assert stemmen == {("GM9001", 1), ("GM9002", 2)}  # the settled spread did not change
    stemtabel.stel_vast(
        db, meting.id, "GM9002", "visie-1", 2, voorstel=2, aantal_stemmen=1, wie="fien"
    )
    with pytest.raises(OngeldigeInvoer, match="al vastgesteld"):
        stemtabel.sla_stem(db, meting.id, vt.id, "visie-1", 3)


def test_a_vote_on_a_settled_answer_is_refused_and_the_answer_is_the_normal_one(db, meting, open_):
    p = deelnametabel.meld_aan(db, open_.id, "GM9002")
    stemtabel.sla_stem(db, meting.id, p.id, "visie-2", 0)
    besluit = stemtabel.stel_vast(
        db, meting.id, "GM9002", "visie-2", 1, voorstel=0, aantal_stemmen=1, wie="fien"
    )
    assert (besluit.waarde, besluit.voorstel, besluit.volgt_stemmen) == (1, 0, False)
    assert opslag.antwoord(db, meting.id, "GM9002", "visie-2").waarde == 1
    with pytest.raises(OngeldigeInvoer, match="al vastgesteld"):
        stemtabel.sla_stem(db, meting.id, p.id, "visie-2", 3)
    assert [s.waarde for s in stemtabel.stemmen(db, meting.id)] == [0]


def test_a_settled_answer_changed_later_is_no_longer_settled(db, meting, open_):
    """Found in review: after the facilitator changed a settled answer, phones, projector and
    spread still read the old "Vastgesteld". Changed or cleared, the answer is the facilitator's
    own, no longer the room's: the settlement goes and the vote opens again."""
    p = deelnametabel.meld_aan(db, open_.id, "GM9002")
    stemtabel.sla_stem(db, meting.id, p.id, "visie-2", 2)
    stemtabel.stel_vast(
        db, meting.id, "GM9002", "visie-2", 2, voorstel=2, aantal_stemmen=1, wie="fien"
    )
    # The same value again, or a toelichting, leaves the settlement as it is.
    opslag.sla_antwoord(db, meting.id, "GM9002", "visie-2", 2, toelichting="Besproken.", wie="f")
    assert stemtabel.besluiten(db, meting.id)[("GM9002", "visie-2")].waarde == 2
    versie = deelnametabel.deelname(db, meting.id).versie
    opslag.sla_antwoord(db, meting.id, "GM9002", "visie-2", 0, wie="fien")
    assert stemtabel.besluiten(db, meting.id) == {}
    assert deelnametabel.deelname(db, meting.id).versie > versie  # phones look again
    stemtabel.sla_stem(db, meting.id, p.id, "visie-2", 3)
    assert [s.waarde for s in stemtabel.stemmen(db, meting.id)] == [3]
    # Settled again, then cleared: open again too.
    stemtabel.stel_vast(
        db, meting.id, "GM9002", "visie-2", 3, voorstel=3, aantal_stemmen=1, wie="fien"
    )
    opslag.sla_antwoord(db, meting.id, "GM9002", "visie-2", None, wie="fien")
    assert stemtabel.besluiten(db, meting.id) == {}


def test_votes_only_on_the_open_thema_on_the_scale_and_while_open(db, meting, open_):
    p = deelnametabel.meld_aan(db, open_.id, "GM9001")
    with pytest.raises(OngeldigeInvoer, match="ander thema"):
        stemtabel.sla_stem(db, meting.id, p.id, "meldcode-1", 2)
    for fout in ("7", "", None, True, "2.0", "²"):
        with pytest.raises(OngeldigeInvoer):
            stemtabel.sla_stem(db, meting.id, p.id, "visie-1", fout)
    with pytest.raises(OngeldigeInvoer):
        stemtabel.sla_stem(db, meting.id, p.id, "bestaat-niet", 1)
    deelnametabel.sluit_deelname(db, meting.id, wie="fien")
    with pytest.raises(NietGevonden):
        stemtabel.sla_stem(db, meting.id, p.id, "visie-1", 1)
    # A participant of an earlier participation has no say in the next one.
    deelnametabel.open_deelname(db, meting.id, wie="fien")
    with pytest.raises(NietGevonden):
        stemtabel.sla_stem(db, meting.id, p.id, "visie-1", 1)
    with pytest.raises(NietGevonden):
        deelnametabel.meld_aan(db, open_.id, "GM9001")


def test_nvt_only_where_the_vragenlijst_allows_it(tmp_path):
    """With ``regels.nvt: per_vraag``, only visie-2 (``nvt: true``) takes n.v.t."""
    map_ = mini_met_nvt_per_vraag(tmp_path / "data")
    db = open_db(tmp_path / "nvt.db")
    try:
        m = maak(db, laad_catalogus(map_))
        opslag.zet_huidig_thema(db, m.id, "visie")
        d = deelnametabel.open_deelname(db, m.id, wie="fien")
        p = deelnametabel.meld_aan(db, d.id, "GM9001")
        with pytest.raises(OngeldigAntwoord, match="niet gekozen worden"):
            stemtabel.sla_stem(db, m.id, p.id, "visie-1", NIET_VAN_TOEPASSING)
        stemtabel.sla_stem(db, m.id, p.id, "visie-2", NIET_VAN_TOEPASSING)
        with pytest.raises(OngeldigAntwoord):
            stemtabel.stel_vast(
                db, m.id, "GM9001", "visie-1", "nvt", voorstel=None, aantal_stemmen=0, wie="f"
            )
    finally:
        db.conn.close()


def test_an_afgeronde_meting_takes_no_votes_and_no_participants(db, meting, open_):
    p = deelnametabel.meld_aan(db, open_.id, "GM9001")
    opslag.rond_af(db, meting.id, wie="fien")
    with pytest.raises(MetingAfgerond):
        stemtabel.sla_stem(db, meting.id, p.id, "visie-1", 1)
    # Afronden closes participation, so a newcomer hears that it is closed.
    with pytest.raises(NietGevonden, match="gesloten"):
        deelnametabel.meld_aan(db, open_.id, "GM9002")
    # Afronden closes participation: the code the phones hold expires with the meting.
    assert deelnametabel.deelname(db, meting.id) is None
    assert deelnametabel.deelname_met_code(db, open_.code) is None
    assert [r.actie for r in opslag.logboek(db, meting.id)][-2:] == [
        "afgerond",
        "deelname gesloten",
    ]


def test_the_fingerprint_changes_with_every_vote(db, meting, open_):
    p = deelnametabel.meld_aan(db, open_.id, "GM9001")
    voor = opslag.stand(db, meting.id)
    stemtabel.sla_stem(db, meting.id, p.id, "visie-1", 1)
    na = opslag.stand(db, meting.id)
    stemtabel.sla_stem(db, meting.id, p.id, "visie-1", 2)
    assert len({voor, na, opslag.stand(db, meting.id)}) == 3


def _met_stemmen(db, meting, open_):
    a = deelnametabel.meld_aan(db, open_.id, "GM9001", organisatie="Wijkteam", rol="coach")
    vt = deelnametabel.meld_aan(db, open_.id, None, organisatie="Veilig Thuis")
    stemtabel.sla_stem(db, meting.id, a.id, "visie-1", 2)
    stemtabel.sla_stem(db, meting.id, vt.id, "visie-1", WEET_NIET)
    stemtabel.sla_stem(db, meting.id, vt.id, "visie-2", 0)
    stemtabel.stel_vast(
        db, meting.id, "GM9001", "visie-1", 2, voorstel=2, aantal_stemmen=2, wie="fien"
    )


def test_votes_travel_with_the_meting_and_the_bytes_stay_the_same(db, meting, open_, tmp_path):
    _met_stemmen(db, meting, open_)
    data = uitwisseling.exporteer_json(db, [meting.id])
    assert data["formaatversie"] == 3
    deel = data["metingen"][0]["deelname"]
    assert len(deel["stemmers"]) == 2 and len(deel["stemmen"]) == 5
    assert deel["besluiten"][0]["waarde"] == 2 and deel["besluiten"][0]["voorstel"] == 2
    tekst = uitwisseling.json_tekst(data)
    assert "Wijkteam" in tekst and "code" not in deel
    ander = open_db(tmp_path / "ander.db")
    try:
        [nieuw] = uitwisseling.importeer_json(ander, data, regios=mini().regios)
        assert uitwisseling.json_tekst(uitwisseling.exporteer_json(ander)) == tekst
        assert stemtabel.besluiten(ander, nieuw.id)[("GM9001", "visie-1")].volgt_stemmen
    finally:
        ander.conn.close()


def test_a_file_from_before_the_votes_still_imports(db, meting, tmp_path):
    # Version 2 (and 1, see test_uitwisseling) had no votes: "deelname" is not in the file.
    data = uitwisseling.exporteer_json(db, [meting.id])
    data["formaatversie"] = 2
    del data["metingen"][0]["deelname"]
    ander = open_db(tmp_path / "oud.db")
    try:
        [nieuw] = uitwisseling.importeer_json(ander, data, regios=mini().regios)
        assert stemtabel.stemmen(ander, nieuw.id) == []
    finally:
        ander.conn.close()


@pytest.mark.parametrize(
    ("wijzig", "melding"),
    [
        (lambda d: d["stemmen"][0].update(cbs="GM0000"), "doet niet mee"),
        (lambda d: d["stemmen"][0].update(vraag_id="x"), "staat niet in de vragenlijst"),
        (lambda d: d["stemmen"][0].update(waarde=9), "geen antwoord op de schaal"),
        (lambda d: d["stemmen"][0].update(stemmer="d-onbekend"), "staat niet in het bestand"),
        (lambda d: d["stemmen"].append(dict(d["stemmen"][0])), "twee keer"),
        (lambda d: d["stemmers"].append(dict(d["stemmers"][0])), "twee keer"),
        (lambda d: d["besluiten"][0].update(wie=""), "wie"),
        (lambda d: d["stemmers"][0].update(organisatie="x" * 500), "te lang"),
    ],
)
def test_an_import_refuses_votes_that_do_not_fit(db, meting, open_, tmp_path, wijzig, melding):
    _met_stemmen(db, meting, open_)
    data = copy.deepcopy(uitwisseling.exporteer_json(db, [meting.id]))
    wijzig(data["metingen"][0]["deelname"])
    ander = open_db(tmp_path / "fout.db")
    try:
        with pytest.raises(ImportFout, match=melding):
            uitwisseling.importeer_json(ander, data, regios=mini().regios)
        assert opslag.meting_koppen(ander) == []
    finally:
        ander.conn.close()


def test_votes_are_deleted_with_their_meting(db):
    m = maak(db, mini(), demo=True)
    opslag.zet_huidig_thema(db, m.id, "visie")
    d = deelnametabel.open_deelname(db, m.id, wie="fien")
    p = deelnametabel.meld_aan(db, d.id, "GM9001")
    stemtabel.sla_stem(db, m.id, p.id, "visie-1", 1)
    stemtabel.stel_vast(db, m.id, "GM9001", "visie-1", 1, voorstel=1, aantal_stemmen=1, wie="f")
    opslag.verwijder_demo_metingen(db)
    for tabel in ("deelnames", "stemmers", "stemmen", "stembesluiten"):
        assert db.execute(f"SELECT count(*) FROM {tabel}").fetchone()[0] == 0, tabel
