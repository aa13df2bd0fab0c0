"""``zelfscan user …``: accounts from a terminal, with the same store functions as the beheer
page (``opslag.gebruikers``). Refusals are ``GebruikerFout`` (a ZelfscanError): one Dutch line,
exit code 1, no traceback."""

from __future__ import annotations

from pathlib import Path

import click


def _db_optie(functie):
    return click.option(
        "--db",
        "db_path",
        type=click.Path(path_type=Path, dir_okay=False),
        envvar="ZELFSCAN_DB",
        help="Het databasebestand (standaard: $ZELFSCAN_DB, anders instance/zelfscan.db).",
    )(functie)


def _open(db_path: Path | None, *, maken: bool = False):
    from ..opslag.verbinding import default_db_path, open_db
    from .datacmd import ontbrekende_database

    pad = db_path or default_db_path()
    if not maken and not pad.exists():
        raise ontbrekende_database(pad, standaard=db_path is None)
    return open_db(pad)


def _wachtwoord_optie(functie):
    return click.option(
        "--wachtwoord",
        help="Wordt gevraagd als u het weglaat (aanbevolen: dan komt het niet in uw geschiedenis).",
    )(functie)


def _vraag_wachtwoord(wachtwoord: str | None) -> str:
    # Asked only after name, role and regio's were found right: a typo in --regio should not
    # cost a password typed twice.
    if wachtwoord is not None:
        return wachtwoord
    return click.prompt(
        "Wachtwoord",
        hide_input=True,
        confirmation_prompt="Herhaal het wachtwoord",
    )


@click.group("user")
def user():
    """Accounts: beheerders (alle regio's) en gespreksleiders (eigen regio's)."""


@user.command("add")
@click.argument("naam")
@click.option("--beheerder", is_flag=True, help="Alle regio's, en beheert de accounts.")
@click.option(
    "--regio",
    "regios",
    multiple=True,
    metavar="CODE",
    help="Een regio van deze gespreksleider, bijvoorbeeld kennemerland (mag vaker).",
)
@_db_optie
@_wachtwoord_optie
def user_add(naam: str, beheerder: bool, regios: tuple[str, ...], db_path, wachtwoord: str | None):
    """Maak een account aan: een gespreksleider (met --regio) of een beheerder."""
    from ..inlezen.loader import laad_catalogus
    from ..opslag import gebruikers

    if beheerder and regios:
        raise gebruikers.GebruikerFout("Kies --beheerder of --regio, niet allebei.")
    rol = gebruikers.BEHEERDER if beheerder else gebruikers.GESPREKSLEIDER
    bekende = [r.id for r in laad_catalogus().regios]
    db = _open(db_path, maken=True)
    try:
        if gebruikers.zoek(db, naam):
            raise gebruikers.GebruikerFout(
                f"De gebruiker '{naam.strip()}' bestaat al. Kies een andere naam."
            )
        gebruikers.controleer_regios(db, rol, regios, bekende)
        nieuw = gebruikers.voeg_toe(
            db,
            naam,
            _vraag_wachtwoord(wachtwoord),
            rol=rol,
            regios=regios,
            bekende_regios=bekende,
        )
    finally:
        db.conn.close()
    if nieuw.is_beheerder:
        click.echo(f"Beheerder '{nieuw.naam}' is aangemaakt.")
    else:
        click.echo(
            f"Gespreksleider '{nieuw.naam}' is aangemaakt voor {', '.join(sorted(nieuw.regios))}."
        )


@user.command("list")
@_db_optie
def user_list(db_path):
    """Toon alle accounts met rol, regio's en status."""
    from ..opslag import gebruikers

    db = _open(db_path)
    try:
        alle = gebruikers.alle(db)
    finally:
        db.conn.close()
    if not alle:
        click.echo("Er zijn nog geen accounts. Maak er een met: zelfscan user add NAAM --beheerder")
        return
    breedte = max(len(g.naam) for g in alle)
    for g in alle:
        regios = "alle regio's" if g.is_beheerder else ", ".join(sorted(g.regios))
        status = "" if g.actief else "  (uitgeschakeld)"
        click.echo(f"{g.naam:<{breedte}}  {g.rol:<14}  {regios}{status}")


@user.command("disable")
@click.argument("naam")
@_db_optie
def user_disable(naam: str, db_path):
    """Schakel een account uit: inloggen kan niet meer en alle sessies eindigen meteen."""
    from ..opslag import gebruikers

    db = _open(db_path)
    try:
        uit = gebruikers.schakel_uit(db, naam)
    finally:
        db.conn.close()
    click.echo(f"Account '{uit.naam}' is uitgeschakeld; alle sessies zijn beëindigd.")


@user.command("password")
@click.argument("naam")
@_db_optie
@_wachtwoord_optie
def user_password(naam: str, db_path, wachtwoord: str | None):
    """Geef een account een nieuw wachtwoord; alle sessies ervan eindigen meteen."""
    from ..opslag import gebruikers

    db = _open(db_path)
    try:
        if gebruikers.zoek(db, naam) is None:
            raise gebruikers.GebruikerFout(f"De gebruiker '{naam.strip()}' bestaat niet.")
        gebruikers.zet_wachtwoord(db, naam, _vraag_wachtwoord(wachtwoord))
    finally:
        db.conn.close()
    click.echo(f"Het wachtwoord van '{naam.strip()}' is gewijzigd; alle sessies zijn beëindigd.")


COMMANDS: list = [user]
