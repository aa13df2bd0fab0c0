"""CLI commands for the database: metingen, export, import, backup, demo.

Thin: each command opens the database and calls the same functions the web app uses. Errors
are :class:`ZelfscanError` subclasses, which ``cli.py`` prints in Dutch without a traceback.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from ..errors import NietGevonden, OngeldigeInvoer

_DB_HELP = "Het databasebestand (standaard: $ZELFSCAN_DB, anders instance/zelfscan.db)."


def _db_optie(functie):
    return click.option(
        "--db",
        "db_path",
        type=click.Path(path_type=Path, dir_okay=False),
        envvar="ZELFSCAN_DB",
        help=_DB_HELP,
    )(functie)


def _open(db_path: Path | None, *, maken: bool = False):
    """Open the database; only import and demo may create it (a typo in --db must not quietly
    export an empty new database)."""
    from ..opslag.verbinding import default_db_path, open_db

    pad = db_path or default_db_path()
    if not maken and not pad.exists():
        raise ontbrekende_database(pad, standaard=db_path is None)
    return open_db(pad)


def ontbrekende_database(pad: Path, *, standaard: bool) -> NietGevonden:
    """The refusal for a database that is not there. After `zelfscan serve --demo` the app shows
    the demo database, a file of its own: say so, with the command that reads it."""
    demo = pad.parent / "demo.db"
    if standaard and demo.exists():
        if demo.is_relative_to(Path.cwd()):  # else (elsewhere): the whole path
            demo = demo.relative_to(Path.cwd())
        return NietGevonden(
            f"De database {pad} bestaat niet. De voorbeeldmetingen van `zelfscan serve --demo` "
            f"staan in een ander bestand, {demo}: gebruik `{_opdracht_met_db(demo)}`."
        )
    return NietGevonden(f"De database {pad} bestaat niet. Geef met --db aan welke u bedoelt.")


def _opdracht_met_db(demo: Path) -> str:
    """The command as it was typed — its options and arguments kept, so the hint can be
    copied and works — with ``--db`` added."""
    context = click.get_current_context(silent=True)
    if context is None:
        return f"zelfscan … --db {demo}"
    delen = ["zelfscan", *context.command_path.split()[1:]]
    argumenten = []
    for param in context.command.params:
        waarde = context.params.get(param.name)
        if param.name == "db_path" or waarde is None or waarde is False or waarde == ():
            continue
        if isinstance(param, click.Argument):
            argumenten += [str(w) for w in (waarde if param.multiple else [waarde])]
        elif param.is_flag:
            delen.append(param.opts[0])
        elif waarde != param.default:
            for w in waarde if param.multiple else [waarde]:
                delen += [param.opts[0], str(w)]
    return shlex.join([*delen, "--db", str(demo), *argumenten])


@click.command("metingen")
@_db_optie
def metingen_cmd(db_path: Path | None):
    """Toon de metingen in de database, met hun nummer (voor --meting)."""
    from .. import opslag

    db = _open(db_path)
    lijst = opslag.metingen(db)
    if not lijst:
        click.echo("Nog geen metingen. Maak er een in de app, of probeer `zelfscan demo`.")
    for m in lijst:
        click.echo(f"{m.id:>4}  {m.titel}  ({m.datum.isoformat()}, {m.status}, {_gemeenten(m)})")


@click.command("export")
@_db_optie
@click.option(
    "--meting",
    "meting_refs",
    multiple=True,
    metavar="ID",
    help="Nummer of uuid van een meting; herhaal voor meer. Standaard: alle metingen.",
)
@click.option(
    "--format",
    "formaat",
    type=click.Choice(["json", "csv", "xlsx"]),
    default="json",
    show_default=True,
    help="json: volledig, om te importeren; csv: voor Excel; xlsx: de werkmap van één meting "
    "(scores, verbeterpunten, ambities en antwoorden), met --out.",
)
@click.option(
    "--out",
    "uit",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Schrijf naar dit bestand (standaard: naar het scherm).",
)
def export_cmd(db_path: Path | None, meting_refs: tuple[str, ...], formaat: str, uit: Path | None):
    """Exporteer metingen als JSON (volledig) of CSV (één regel per antwoord), of één meting als
    Excel-werkmap (XLSX)."""
    from .. import opslag
    from ..opslag import regels, uitwisseling

    if formaat == "xlsx" and len(meting_refs) != 1:
        raise OngeldigeInvoer(
            "Een werkmap (--format xlsx) is van precies één meting: geef --meting ID (zie "
            "`zelfscan metingen`)."
        )
    if formaat == "xlsx" and uit is None:
        # A workbook is a zip file: on a terminal it is noise, and a pipe rarely wants it.
        raise OngeldigeInvoer("Geef bij --format xlsx met --out aan waar de werkmap komt.")

    db = _open(db_path)
    ids = None
    if meting_refs:
        ids = []
        for ref in meting_refs:
            if regels.geheel_getal(ref) is not None:
                ids.append(opslag.meting(db, regels.geheel_getal(ref)).id)
            else:
                ids.append(opslag.meting_met_uuid(db, ref).id)
    if formaat == "json":
        inhoud = uitwisseling.json_tekst(uitwisseling.exporteer_json(db, ids)).encode("utf-8")
    elif formaat == "csv":
        inhoud = uitwisseling.csv_bytes(db, ids)
    else:
        from ..rapport import werkmap

        inhoud = werkmap.werkmap(db, ids[0])
    if uit is None:
        # Bytes as they are (the CSV's BOM included), not re-encoded by the terminal.
        click.echo(inhoud, nl=False)
        return
    uitwisseling.schrijf_heel(uit, inhoud)
    aantal = len(ids) if ids is not None else len(opslag.metingen(db))
    click.echo(
        f"{aantal} {'meting' if aantal == 1 else 'metingen'} geëxporteerd naar {uit}.", err=True
    )


@click.command("import")
@_db_optie
@click.argument("bestand", type=click.Path(path_type=Path, dir_okay=False))
def import_cmd(db_path: Path | None, bestand: Path):
    """Importeer metingen uit een JSON-export (alles of niets).

    Het bestand is hoogstens 50 MB (exporteer anders minder metingen per bestand); een bestand
    dat geen zelfscan-export is, wordt geweigerd voordat het helemaal wordt ingelezen.
    """
    from ..inlezen.loader import laad_catalogus
    from ..opslag import uitwisseling

    # The region data say which gemeenten belong to a subregio on a meting's date: the import
    # obeys the same rules as a meting made in the app.
    catalogus = laad_catalogus()
    db = _open(db_path, maken=True)
    nieuw = uitwisseling.importeer_json(db, bestand, regios=catalogus.regios)
    click.echo(f"{len(nieuw)} {'meting' if len(nieuw) == 1 else 'metingen'} geïmporteerd:")
    for m in nieuw:
        click.echo(f"{m.id:>4}  {m.titel}")


@click.command("backup")
@_db_optie
@click.argument("doel", type=click.Path(path_type=Path))
def backup_cmd(db_path: Path | None, doel: Path):
    """Maak een back-up van de database (ook terwijl de app draait).

    DOEL is een nieuw bestand, of een map waarin de back-up met datum en tijd komt.
    """
    from ..opslag.uitwisseling import maak_backup
    from ..opslag.verbinding import default_db_path

    bron = db_path or default_db_path()
    # Not through open_db: a backup copies the file as it is, before any upgrade.
    if not bron.exists():
        raise ontbrekende_database(bron, standaard=db_path is None)
    gemaakt = maak_backup(bron, doel)
    click.echo(f"Back-up gemaakt: {gemaakt}")


@click.command("demo")
@_db_optie
@click.option(
    "--opnieuw", is_flag=True, help="Vervang eerdere DEMO-metingen; echte metingen blijven staan."
)
def demo_cmd(db_path: Path | None, opnieuw: bool):
    """Vul een database met DEMO-metingen voor de drie Kennemerlandse subregio's."""
    from .. import opslag
    from ..inlezen.loader import laad_catalogus
    from ..opslag.demo import vul_demo
    from ..opslag.verbinding import default_db_path

    catalogus = laad_catalogus()
    pad = db_path or default_db_path()
    db = _open(pad, maken=True)
    gemaakt = vul_demo(db, catalogus, opnieuw=opnieuw)
    click.echo(f"DEMO-gegevens in {pad}:")
    for m in gemaakt:
        aantal = len(opslag.antwoorden(db, m.id))
        click.echo(
            f"{m.id:>4}  {m.titel}  ({m.datum.isoformat()}, {_gemeenten(m)}, "
            f"{aantal} antwoorden, {m.status})"
        )
    click.echo("")
    click.echo(f"Start de app met:  zelfscan serve --db {pad}")


def _gemeenten(m) -> str:
    return "1 gemeente" if len(m.gemeenten) == 1 else f"{len(m.gemeenten)} gemeenten"


COMMANDS: list = [metingen_cmd, export_cmd, import_cmd, backup_cmd, demo_cmd]
