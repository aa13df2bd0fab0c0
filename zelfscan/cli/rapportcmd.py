"""`zelfscan report`: the PDF reports of a meting, or the overview of a regio in one year, from a
terminal (the same code as the app).

Errors are :class:`ZelfscanError` subclasses, which ``cli.py`` prints in Dutch without a
traceback.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import OngeldigeInvoer
from .datacmd import _db_optie, _open


@click.command("report")
@_db_optie
@click.option(
    "--meting",
    "meting_ref",
    metavar="ID",
    help="Nummer of uuid van de meting (zie `zelfscan metingen`).",
)
@click.option(
    "--regio",
    "regio_ref",
    metavar="REGIO",
    help="In plaats van --meting: het overzicht van een hele regio (code of naam, bijv. "
    "kennemerland) in het jaar van --jaar, over de metingen van al haar subregio's.",
)
@click.option(
    "--jaar",
    type=int,
    metavar="JAAR",
    help="Het jaar van het regio-overzicht (bij --regio).",
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
def report_cmd(
    db_path: Path | None,
    meting_ref: str | None,
    regio_ref: str | None,
    jaar: int | None,
    gemeente_ref: str | None,
    uit: Path,
):
    """Maak de PDF-rapporten van een meting (per gemeente en een overzicht van de subregio), of
    met --regio en --jaar het overzicht van een hele regio."""
    from .. import opslag, rapport
    from ..opslag import regels

    if meting_ref is not None and regio_ref is not None:
        raise OngeldigeInvoer(
            "Kies --meting (de rapporten van één meting) of --regio met --jaar (het overzicht "
            "van een regio), niet allebei."
        )
    if regio_ref is not None:
        if jaar is None:
            raise OngeldigeInvoer(
                "Geef bij --regio ook het jaar, bijvoorbeeld: --regio kennemerland --jaar 2021."
            )
        if gemeente_ref is not None:
            raise OngeldigeInvoer(
                "--gemeente hoort bij --meting; het regio-overzicht gaat over alle gemeenten."
            )
        _regio(db_path, regio_ref, jaar, uit)
        return
    if meting_ref is None:
        raise OngeldigeInvoer(
            "Geef aan welk rapport: --meting ID voor de rapporten van een meting (zie "
            "`zelfscan metingen`), of --regio REGIO --jaar JAAR voor het overzicht van een regio."
        )
    if jaar is not None:
        raise OngeldigeInvoer("--jaar hoort bij --regio; een meting heeft al een jaar.")

    db = _open(db_path)
    try:
        if regels.geheel_getal(meting_ref) is not None:
            meting = opslag.meting(db, regels.geheel_getal(meting_ref))
        else:
            meting = opslag.meting_met_uuid(db, meting_ref)
        if gemeente_ref is not None:
            cbs = rapport.zoek_gemeente(meting, gemeente_ref, _gemeentenamen)
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


def _regio(db_path: Path | None, regio_ref: str, jaar: int, uit: Path) -> None:
    from .. import rapport
    from ..rapport import regiorapport

    db = _open(db_path)
    try:
        # As rapport.regio_rapport, keeping the regio's own id (it may be named by its name).
        gegevens = regiorapport.verzamel_regio(db, regio_ref, jaar)
        pdf = regiorapport.maak(gegevens)
    finally:
        db.conn.close()
    uit.mkdir(parents=True, exist_ok=True)
    pad = uit / rapport.bestandsnaam_regio(gegevens.regio_id, jaar)
    pad.write_bytes(pdf)
    click.echo(f"1 rapport geschreven:\n  {pad}")
    if gegevens.concept:
        click.echo(
            "Let op: niet alle metingen zijn afgerond; het rapport is als CONCEPT gemarkeerd."
        )


def _gemeentenamen() -> dict[str, str]:
    """Every gemeente of the catalogue by name, for the refusal of one that did not take part.
    Read only then: a report needs none of it (a meting carries its own vragenlijst), and a
    fault in the data folder makes the refusal plainer instead of replacing it."""
    from ..errors import DataFout
    from ..inlezen.loader import laad_catalogus

    try:
        return laad_catalogus().gemeentenamen()
    except DataFout:
        return {}


COMMANDS: list = [report_cmd]
