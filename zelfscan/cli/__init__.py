"""The ``zelfscan`` command: the same services as the web app, from a terminal.

Errors a person can act on (``ZelfscanError``) are printed in Dutch without a traceback.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import sys
from pathlib import Path

import click

from .. import paths
from ..errors import ZelfscanError
from . import klikteksten

# Before any command is declared: click names some things (path types) at declaration time.
klikteksten.installeer()


# The operating system's reasons are English; the common ones in Dutch.
_OS_REDENEN = {
    errno.EACCES: "geen toestemming",
    errno.EPERM: "niet toegestaan",
    errno.ENOENT: "bestaat niet",
    errno.EEXIST: "bestaat al",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "is een map",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "alleen-lezen bestandssysteem",
}


class _Groep(click.Group):
    """Every command: a Dutch line and exit code 1 instead of a traceback, also for database and
    file-system errors that no store function translated (issue 18)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ZelfscanError as fout:
            click.echo(f"Fout: {fout}", err=True)
            sys.exit(1)
        except sqlite3.Error as fout:
            click.echo(
                f"Fout: de database kon niet worden gebruikt ({fout}). Controleer het bestand, "
                "de bijbehorende -wal- en -shm-bestanden en de rechten op de map.",
                err=True,
            )
            sys.exit(1)
        except OSError as fout:
            bestand = f" ({fout.filename})" if fout.filename else ""
            reden = _OS_REDENEN.get(fout.errno, fout.strerror or str(fout))
            click.echo(
                f"Fout: een bestand of map kon niet worden gebruikt{bestand}: {reden}.", err=True
            )
            sys.exit(1)


@click.group(cls=_Groep, context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Zelfscan: gezamenlijke zelfscans voor gemeenten (Werken aan Veiligheid)."""


@main.command()
@click.argument("paden", nargs=-1, type=click.Path(path_type=Path))
def validate(paden: tuple[Path, ...]):
    """Controleer vragenlijsten en regio's (standaard: alles in vragenlijsten/).

    Geeft elk probleem met bestand, regel, plaats en wat te doen; exitcode 1 als er iets mis is.
    """
    from ..inlezen.loader import valideer

    problemen = valideer(paden or [paths.vragenlijsten_dir()])
    if not problemen:
        click.echo("In orde: geen problemen gevonden.")
        return
    aantal = len(problemen)
    click.echo(f"{aantal} {'probleem' if aantal == 1 else 'problemen'} gevonden:", err=True)
    for probleem in problemen:
        click.echo(f"  - {probleem}", err=True)
    sys.exit(1)


DEMO_GEBRUIKER = "demo"
DEMO_WACHTWOORD = "demo-wachtwoord"


@main.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path),
    envvar="ZELFSCAN_DB",
    help="Het databasebestand (standaard: instance/zelfscan.db).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Adres om op te luisteren; 0.0.0.0 maakt de app bereikbaar voor anderen.",
)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option(
    "--demo",
    is_flag=True,
    help="Gebruik een aparte demodatabase (instance/demo.db) met voorbeeldmetingen.",
)
@click.option(
    "--lan",
    is_flag=True,
    help="Bereikbaar voor telefoons in de zaal: luister op alle netwerkaansluitingen en toon "
    "het adres op het lokale netwerk.",
)
def serve(db_path: Path | None, host: str, port: int, threads: int, demo: bool, lan: bool):
    """Start de app (met waitress) en toon het adres om in de browser te openen."""
    import waitress

    from ..opslag.verbinding import open_db
    from ..web.app import create_app

    if demo and not db_path:
        db_path = Path("instance") / "demo.db"
    if db_path:
        os.environ["ZELFSCAN_DB"] = str(db_path)
    app = create_app()
    lan_adres = None
    if lan:
        host = "0.0.0.0"
        lan_adres = f"http://{_lan_ip()}:{port}"
        # The addresses for phones (the QR code) and gemeenten are built from this one, unless
        # ZELFSCAN_PUBLIEKE_URL says otherwise: 127.0.0.1 would lead a phone nowhere.
        if not app.config.get("PUBLIEKE_URL"):
            app.config["PUBLIEKE_URL"] = lan_adres
    # Create or upgrade the database now (migrations run at start), so /gezond, which only reads,
    # answers "ok" from the first request on.
    open_db(app.config["DATABASE"]).conn.close()
    if demo:
        _zorg_voor_demo(app)
    # waitress warns about every request that waits for a free thread: under load that is
    # thousands of lines (it once filled a pipe and stalled the server), and a short queue is normal.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    # Bind before saying where the app runs: a busy port is one Dutch line, not a URL that
    # does not work followed by a traceback.
    logging.basicConfig()  # as waitress.serve does: its errors reach the terminal
    try:
        server = waitress.create_server(
            app, host=host, port=port, threads=threads, ident="zelfscan"
        )
    except OSError as fout:
        click.echo(_poort_bezet(host, port, fout), err=True)
        sys.exit(1)
    click.echo(f"Zelfscan draait op http://{host}:{port}/ (stoppen: Ctrl+C)")
    if lan_adres:
        click.echo(
            "Let op: zelfscan luistert nu op alle netwerkaansluitingen (0.0.0.0): iedereen op "
            "dit netwerk kan de app bereiken. Gebruik dit alleen op een vertrouwd netwerk."
        )
        click.echo(f"Adres op het lokale netwerk: {lan_adres}/")
        click.echo(f"Deelnemers stemmen mee via {app.config['PUBLIEKE_URL']}/d/")
    click.echo(f"Database: {app.config['DATABASE']}")
    from ..web import auth

    if code := auth.inrichtcode_voor(app):
        # Only while no account exists: /inrichten from another computer needs this code.
        click.echo(
            "Eerste account aanmaken vanaf een andere computer: open /inrichten en vul deze "
            f"eenmalige code in: {code}"
        )
    server.run()


def _lan_ip() -> str:
    """This computer's address on the local network: the one the system would send from. A UDP
    socket's connect() only looks up the route; no packet leaves the computer (192.0.2.1 is a
    documentation address that is never used)."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            adres = s.getsockname()[0]
    except OSError:
        adres = ""
    return adres if adres and not adres.startswith("127.") else "127.0.0.1"


def _poort_bezet(host: str, port: int, fout: OSError) -> str:
    if fout.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        return (
            f"Fout: poort {port} is al in gebruik (draait zelfscan al?). "
            f"Kies een andere poort met --port, bijvoorbeeld: zelfscan serve --port {port + 1}"
        )
    return (
        f"Fout: kan niet luisteren op {host}:{port} ({fout.strerror or fout}). "
        "Kies een ander adres met --host of een andere poort met --port."
    )


def _zorg_voor_demo(app) -> None:
    # Idempotent, so the README's one command also works the second time.
    from .. import opslag
    from ..opslag import gebruikers
    from ..opslag.demo import vul_demo
    from ..opslag.verbinding import open_db

    db = open_db(app.config["DATABASE"])
    try:
        if not opslag.metingen(db):
            click.echo("Demodatabase vullen met voorbeeldmetingen…")
            vul_demo(db, app.extensions["zelfscan.catalogus"])
        if gebruikers.aantal(db) == 0:
            gebruikers.voeg_toe(db, DEMO_GEBRUIKER, DEMO_WACHTWOORD)
        click.echo(
            f"DEMO: log in als '{DEMO_GEBRUIKER}' met wachtwoord '{DEMO_WACHTWOORD}'. "
            "Gebruik deze database niet voor echte metingen."
        )
    finally:
        db.conn.close()


def _registreer_modules():
    # Each concern keeps its commands in its own module; registering them here keeps `zelfscan
    # --help` in one place.
    from . import datacmd, gebruikercmd, rapportcmd

    for command in [*datacmd.COMMANDS, *rapportcmd.COMMANDS, *gebruikercmd.COMMANDS]:
        main.add_command(command)
    klikteksten.vernederlands(main)


_registreer_modules()


if __name__ == "__main__":
    main()
