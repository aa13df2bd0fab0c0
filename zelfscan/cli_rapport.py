"""`zelfscan report`: the PDF reports of a meting, from a terminal (the same code as the app).

Errors are :class:`ZelfscanError` subclasses, which ``cli.py`` prints in Dutch without a
traceback.
"""

from __future__ import annotations

from pathlib import Path

import click

from .cli_data import _db_optie, _open


@click.command("report")
@_db_optie
@click.option(
    "--meting",
    "meting_ref",
    required=True,
    metavar="ID",
    help="Nummer of uuid van de meting (zie `zelfscan metingen`).",
)
@click.option(
    "--gemeente",
    "gemeente_ref",
    metavar="NAAM_OF_CBS",
    help="Alleen het rapport van deze gemeente (naam of CBS-code, bijv. Beverwijk of GM0375). "
    "Standaard: een rapport per gemeente plus het overzicht.",
)
@click.option(
    "--out",
    "uit",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Map voor de PDF's (wordt zo nodig gemaakt).",
)
def report_cmd(db_path: Path | None, meting_ref: str, gemeente_ref: str | None, uit: Path):
    """Maak de PDF-rapporten van een meting: per gemeente en een overzicht van de subregio."""
    from . import rapport, store

    db = _open(db_path)
    try:
        if meting_ref.isdigit():
            meting = store.meting(db, int(meting_ref))
        else:
            meting = store.meting_met_uuid(db, meting_ref)
        if gemeente_ref is not None:
            cbs = rapport.zoek_gemeente(meting, gemeente_ref)
            taken = [(cbs, meting.gemeente(cbs).naam)]
        else:
            taken = [(g.cbs, g.naam) for g in meting.gemeenten] + [(None, "overzicht")]
        uit.mkdir(parents=True, exist_ok=True)
        geschreven = []
        with click.progressbar(
            taken,
            label=f"Rapporten voor {meting.titel}",
            item_show_func=lambda taak: taak[1] if taak else None,
            show_pos=True,
        ) as balk:
            for cbs, _naam in balk:
                if cbs is None:
                    pdf = rapport.overzicht_rapport(db, meting.id)
                else:
                    pdf = rapport.gemeente_rapport(db, meting.id, cbs)
                pad = uit / rapport.bestandsnaam(meting, cbs)
                pad.write_bytes(pdf)
                geschreven.append(pad)
    finally:
        db.conn.close()
    aantal = len(geschreven)
    click.echo(f"{aantal} {'rapport' if aantal == 1 else 'rapporten'} geschreven:")
    for pad in geschreven:
        click.echo(f"  {pad}")
    if not meting.afgerond:
        click.echo(
            "Let op: deze meting is nog niet afgerond; de rapporten zijn als CONCEPT gemarkeerd."
        )


COMMANDS: list = [report_cmd]
