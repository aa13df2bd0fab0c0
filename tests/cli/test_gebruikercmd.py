"""``zelfscan user add|list|disable|password``: Dutch output, one line on a refusal, no
traceback; an unknown regio is refused with the list of known ones."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from zelfscan.cli import main
from zelfscan.opslag import gebruikers
from zelfscan.opslag.verbinding import open_db

WACHTWOORD = "een-lang-wachtwoord"


@pytest.fixture
def pad(tmp_path):
    return str(tmp_path / "zelfscan.db")


def zelfscan(*args, invoer: str | None = None):
    return CliRunner().invoke(main, list(args), input=invoer)


def lees(pad):
    db = open_db(pad)
    try:
        return {g.naam: g for g in gebruikers.alle(db)}
    finally:
        db.conn.close()


def test_add_list_disable_password(pad):
    twee_keer = f"{WACHTWOORD}\n{WACHTWOORD}\n"
    beheerder = zelfscan("user", "add", "fien", "--beheerder", "--db", pad, invoer=twee_keer)
    assert beheerder.exit_code == 0, beheerder.output
    assert "Beheerder 'fien' is aangemaakt." in beheerder.output
    leider = zelfscan(
        "user", "add", "joost", "--regio", "hollands-midden", "--regio", "kennemerland",
        "--db", pad, invoer=twee_keer,
    )  # fmt: skip
    assert leider.exit_code == 0, leider.output
    assert "voor hollands-midden, kennemerland" in leider.output
    assert lees(pad)["joost"].regios == {"hollands-midden", "kennemerland"}

    lijst = zelfscan("user", "list", "--db", pad)
    assert lijst.exit_code == 0
    assert "fien   beheerder       alle regio's" in lijst.output
    assert "joost  gespreksleider  hollands-midden, kennemerland" in lijst.output

    uit = zelfscan("user", "disable", "joost", "--db", pad)
    assert uit.exit_code == 0 and "uitgeschakeld" in uit.output
    assert not lees(pad)["joost"].actief
    assert "(uitgeschakeld)" in zelfscan("user", "list", "--db", pad).output

    voor = lees(pad)["fien"].generatie
    nieuw = zelfscan("user", "password", "fien", "--db", pad, invoer="nieuw-wachtwoord-1\n" * 2)
    assert nieuw.exit_code == 0, nieuw.output
    assert lees(pad)["fien"].generatie == voor + 1


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (
            ["user", "add", "joost", "--regio", "utrecht"],
            "Onbekende regio 'utrecht'. Bekende regio's: hollands-midden, kennemerland",
        ),
        (["user", "add", "joost"], "Kies minstens één regio voor een gespreksleider"),
        (["user", "add", "joost", "--beheerder", "--regio", "kennemerland"], "niet allebei"),
        (["user", "disable", "niemand"], "bestaat niet"),
        (["user", "password", "niemand"], "bestaat niet"),
        (["user", "disable", "fien"], "laatste actieve beheerder"),
    ],
)
def test_refusals_are_one_dutch_line(pad, args, melding):
    eerste = zelfscan("user", "add", "fien", "--beheerder", "--db", pad, "--wachtwoord", WACHTWOORD)
    assert eerste.exit_code == 0, eerste.output
    resultaat = zelfscan(*args, "--db", pad)  # no password asked before the refusal
    assert resultaat.exit_code == 1, resultaat.output
    assert melding in resultaat.output
    assert "Traceback" not in resultaat.output and "Wachtwoord" not in resultaat.output


def test_list_on_a_missing_database_says_so(tmp_path):
    resultaat = zelfscan("user", "list", "--db", str(tmp_path / "geen.db"))
    assert resultaat.exit_code == 1
    assert "bestaat niet" in resultaat.output
