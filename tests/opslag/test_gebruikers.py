"""Accounts in the store (zelfscan.opslag.gebruikers): roles and regio's, the migration that
made every existing user a beheerder, disabling, sessions that end, and the login throttle:
per name and address, never locking a facilitator out from another address, counted
atomically."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from tests.opslag.test_migraties import oude_db, voeg_in, wachtwoord_hash
from zelfscan.opslag import gebruikers, regels
from zelfscan.opslag.verbinding import open_db

WACHTWOORD = "een-lang-wachtwoord"
BEKEND = ["hollands-midden", "kennemerland"]
NU = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def pad(tmp_path):
    return tmp_path / "zelfscan.db"


@pytest.fixture
def db(pad):
    verbinding = open_db(pad)
    yield verbinding
    verbinding.conn.close()


def test_migration_8_makes_existing_users_beheerder(pad):
    oud = oude_db(pad, 7)
    with oud.conn:
        voeg_in(
            oud,
            "gebruikers",
            {"id": 1, "naam": "Fien", "wachtwoord_hash": wachtwoord_hash(), "aangemaakt_op": "x"},
        )
    oud.conn.close()
    db = open_db(pad)
    try:
        fien = gebruikers.gebruiker(db, 1)
        assert (fien.rol, fien.regios, fien.actief, fien.generatie) == (
            "beheerder",
            frozenset(),
            True,
            0,
        )
        assert gebruikers.mag_regio(fien, "kennemerland")
        # A row written without a role gets the narrow one: no one becomes beheerder by omission.
        with db.conn:
            db.execute(
                "INSERT INTO gebruikers (naam, wachtwoord_hash, aangemaakt_op) VALUES ('x', 'h', 't')"
            )
        assert gebruikers.zoek(db, "x").rol == "gespreksleider"
        assert not gebruikers.mag_regio(gebruikers.zoek(db, "x"), "kennemerland")
    finally:
        db.conn.close()


def test_a_gespreksleider_sees_only_their_regios(db):
    joost = gebruikers.voeg_toe(
        db,
        "joost",
        WACHTWOORD,
        rol="gespreksleider",
        regios=["hollands-midden"],
        bekende_regios=BEKEND,
    )
    assert joost.regios == {"hollands-midden"} and not joost.is_beheerder
    assert gebruikers.zichtbare_regios(joost) == {"hollands-midden"}
    assert gebruikers.mag_regio(joost, "hollands-midden")
    assert not gebruikers.mag_regio(joost, "kennemerland")
    assert not gebruikers.mag_regio(None, "hollands-midden")
    beheerder = gebruikers.voeg_toe(db, "fien", WACHTWOORD, rol="beheerder", regios=["x"])
    assert beheerder.regios == frozenset() and gebruikers.zichtbare_regios(beheerder) is None


@pytest.mark.parametrize(
    ("rol", "regios", "melding"),
    [
        ("gespreksleider", [], "Kies minstens één regio"),
        ("gespreksleider", ["utrecht"], "Onbekende regio 'utrecht'. Bekende regio's: holl"),
        ("koning", ["kennemerland"], "Onbekende rol"),
        (
            "gespreksleider",
            [f"r{i}" for i in range(regels.MAX_REGIOS_PER_GEBRUIKER + 1)],
            "hoogstens",
        ),
    ],
)
def test_roles_and_regios_are_checked(db, rol, regios, melding):
    with pytest.raises(gebruikers.GebruikerFout, match=melding):
        gebruikers.voeg_toe(db, "joost", WACHTWOORD, rol=rol, regios=regios, bekende_regios=BEKEND)
    assert gebruikers.aantal(db) == 0


def test_disabling_refuses_login_and_ends_sessions_but_keeps_the_last_beheerder(db):
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    with pytest.raises(gebruikers.GebruikerFout, match="laatste actieve beheerder"):
        gebruikers.schakel_uit(db, "fien")
    joost = gebruikers.voeg_toe(
        db, "joost", WACHTWOORD, rol="gespreksleider", regios=["kennemerland"]
    )
    uit = gebruikers.schakel_uit(db, "Joost")
    assert not uit.actief and uit.generatie == joost.generatie + 1
    assert not gebruikers.mag_regio(uit, "kennemerland")
    assert gebruikers.log_in(db, "joost", WACHTWOORD, "10.0.0.1") is None
    with pytest.raises(gebruikers.GebruikerFout, match="bestaat niet"):
        gebruikers.schakel_uit(db, "niemand")


def test_a_new_password_and_logging_out_raise_the_session_generation(db):
    fien = gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    gebruikers.zet_wachtwoord(db, "fien", "een-ander-wachtwoord")
    assert gebruikers.gebruiker(db, fien.id).generatie == fien.generatie + 1
    gebruikers.beeindig_sessies(db, fien.id)
    assert gebruikers.gebruiker(db, fien.id).generatie == fien.generatie + 2
    assert gebruikers.log_in(db, "fien", "een-ander-wachtwoord") is not None


def _fout(db, naam="fien", adres="10.0.0.66", nu=NU):
    assert gebruikers.log_in(db, naam, "fout-fout-fout", adres, nu=nu) is None


def test_a_name_locked_from_one_address_still_logs_in_from_another(db):
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    for _ in range(gebruikers.MAX_POGINGEN):
        _fout(db)
    with pytest.raises(gebruikers.TeVeelPogingen, match="15 minuten"):
        gebruikers.log_in(db, "fien", WACHTWOORD, "10.0.0.66", nu=NU)
    assert gebruikers.log_in(db, "fien", WACHTWOORD, "192.0.2.7", nu=NU) is not None
    # Her success does not wipe the guesser's count; the lock there ends with the window.
    with pytest.raises(gebruikers.TeVeelPogingen):
        gebruikers.log_in(db, "fien", WACHTWOORD, "10.0.0.66", nu=NU + timedelta(minutes=14))
    assert gebruikers.log_in(db, "fien", WACHTWOORD, "10.0.0.66", nu=NU + timedelta(minutes=16))


def _eerdere_fouten(db, *paren: tuple[str, str]) -> None:
    # Failures as log_in records them, written directly: a real one costs a password hash.
    with db.conn:
        voeg_in(
            db,
            "inlogpogingen",
            *(
                {"naam": n, "adres": a, "tijd": (NU - timedelta(minutes=1)).isoformat()}
                for n, a in paren
            ),
        )


def test_one_address_guessing_many_names_is_stopped(db):
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    _eerdere_fouten(
        db, *((f"naam-{i}", "10.0.0.66") for i in range(gebruikers.MAX_POGINGEN_ADRES - 1))
    )
    _fout(db, naam="naam-laatste")
    with pytest.raises(gebruikers.TeVeelPogingen):
        gebruikers.log_in(db, "fien", WACHTWOORD, "10.0.0.66", nu=NU)
    assert gebruikers.log_in(db, "fien", WACHTWOORD, "192.0.2.7", nu=NU) is not None


def test_guessing_one_name_from_many_addresses_gets_one_try_per_address(db):
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    _eerdere_fouten(
        db, *(("fien", f"10.1.{i // 4}.{i % 4}") for i in range(gebruikers.MAX_POGINGEN_NAAM - 1))
    )
    _fout(db, adres="10.1.99.1")
    _fout(db, adres="10.9.9.9")  # a new address: one try ...
    with pytest.raises(gebruikers.TeVeelPogingen):  # ... and then no more
        gebruikers.log_in(db, "fien", "nog-een-gok", "10.9.9.9", nu=NU)
    # The facilitator, from an address that did not fail, is not locked out.
    assert gebruikers.log_in(db, "fien", WACHTWOORD, "192.0.2.7", nu=NU) is not None


def test_parallel_wrong_passwords_never_pass_the_limit(pad, db):
    """Twelve guesses at once, each on its own connection: the check and the count are one
    write transaction, so exactly MAX_POGINGEN reach the password check."""
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    start = threading.Barrier(12)
    uitkomsten: list[str] = []

    def raad():
        eigen = open_db(pad)
        try:
            start.wait()
            try:
                gebruikers.log_in(eigen, "fien", "fout-fout-fout", "10.0.0.66")
                uitkomsten.append("geprobeerd")
            except gebruikers.TeVeelPogingen:
                uitkomsten.append("geweigerd")
        finally:
            eigen.conn.close()

    draden = [threading.Thread(target=raad) for _ in range(12)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert uitkomsten.count("geprobeerd") == gebruikers.MAX_POGINGEN
    assert uitkomsten.count("geweigerd") == 12 - gebruikers.MAX_POGINGEN
    (geteld,) = db.execute("SELECT count(*) FROM inlogpogingen").fetchone()
    assert geteld == gebruikers.MAX_POGINGEN


def test_the_one_time_setup_code(tmp_path):
    code = gebruikers.inrichtcode(tmp_path)
    assert code == gebruikers.inrichtcode(tmp_path)  # the same until spent
    assert (tmp_path / gebruikers.INRICHTCODE).stat().st_mode & 0o077 == 0
    assert gebruikers.inrichtcode_klopt(tmp_path, code.lower())
    assert not gebruikers.inrichtcode_klopt(tmp_path, "AAAA-AAAA-AAAA-AAAA-AAAA")
    gebruikers.vergeet_inrichtcode(tmp_path)
    assert not gebruikers.inrichtcode_klopt(tmp_path, code)
