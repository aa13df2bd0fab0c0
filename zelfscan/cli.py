"""The ``zelfscan`` command: the same services as the web app, from a terminal.

Errors a person can act on (``ZelfscanError``) are printed in Dutch without a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import paths
from .errors import ZelfscanError


class _Groep(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ZelfscanError as fout:
            click.echo(f"Fout: {fout}", err=True)
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
    from .loader import valideer

    problemen = valideer(paden or [paths.vragenlijsten_dir()])
    if not problemen:
        click.echo("In orde: geen problemen gevonden.")
        return
    aantal = len(problemen)
    click.echo(f"{aantal} {'probleem' if aantal == 1 else 'problemen'} gevonden:", err=True)
    for probleem in problemen:
        click.echo(f"  - {probleem}", err=True)
    sys.exit(1)


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
def serve(db_path: Path | None, host: str, port: int, threads: int):
    """Start de app (met waitress) en toon het adres om in de browser te openen."""
    import waitress

    from .app import create_app

    if db_path:
        os.environ["ZELFSCAN_DB"] = str(db_path)
    app = create_app()
    click.echo(f"Zelfscan draait op http://{host}:{port}/ (stoppen: Ctrl+C)")
    click.echo(f"Database: {app.config['DATABASE']}")
    waitress.serve(app, host=host, port=port, threads=threads, ident="zelfscan")


def _registreer_modules():
    # Each concern keeps its commands in its own module; registering them here keeps `zelfscan
    # --help` in one place.
    from . import cli_data

    for command in cli_data.COMMANDS:
        main.add_command(command)


_registreer_modules()
