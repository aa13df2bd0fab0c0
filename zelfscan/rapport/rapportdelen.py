"""Parts every report shares: the cover's notices (concept, demo) and its table of data, the
regional agenda of the overviews, and the closing section "Over de zelfscan"."""

from __future__ import annotations

from datetime import UTC, datetime

from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Table,
    TableStyle,
)

from ..inlezen.model import VEILIGHEID
from ..scores import advies, resultaten, weergave
from ..scores.weergave import datum_nl, getal, meervoud
from .document import Kop
from .opmaak import (
    BREEDTE,
    FONT,
    kopcellen,
    opsomming,
    p,
    pt,
    tabel,
    tekst,
)


def gemaakt_op(meting) -> datetime:
    """When a report's content was settled: the meting's closing, or for a concept its date."""
    if meting.afgerond_op:
        moment = datetime.fromisoformat(meting.afgerond_op)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.combine(meting.datum, datetime.min.time(), tzinfo=UTC)


def concept_regel(meting) -> str | None:
    """The line at the top of every page of a report of a meting that is not afgerond."""
    if meting.afgerond:
        return None
    return "CONCEPT – deze meting is nog niet afgerond; de uitkomsten kunnen nog veranderen"


def meldingen(meting) -> list:
    uit = []
    if meting.demo:
        uit.append(
            p(
                "DEMO – dit rapport is gemaakt met verzonnen voorbeeldgegevens. Het zegt niets "
                "over de echte situatie.",
                "Melding",
            )
        )
    if not meting.afgerond:
        uit.append(
            p(
                "CONCEPT – deze meting is nog niet afgerond. De uitkomsten kunnen nog veranderen.",
                "Melding",
            )
        )
    return uit


def gegevens_tabel(rijen: list[tuple[str, str]]) -> Table:
    t = Table(
        [[pt(k, "CelZacht"), pt(v, "Cel")] for k, v in rijen],
        colWidths=[38 * mm, BREEDTE - 38 * mm],
        hAlign="LEFT",
    )
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return t


def omslag_gegevens(meting, vragenlijst) -> list[tuple[str, str]]:
    rijen = [
        ("Subregio", f"{meting.subregio_naam} (regio {meting.regio_naam})"),
        ("Meting", f"{meting.titel} ({meting.soort})"),
        ("Sessie", datum_nl(meting.datum)),
        ("Vragenlijst", f"{vragenlijst.titel}, versie {vragenlijst.versie}"),
        ("Status", "afgerond" if meting.afgerond else "concept (nog niet afgerond)"),
    ]
    return rijen


def over_de_zelfscan(meting, vragenlijst, deelnemers) -> list:
    schaal, regels = vragenlijst.schaal, vragenlijst.regels
    uit: list = [Kop("Over deze zelfscan", sleutel="over")]
    if vragenlijst.beschrijving.strip():
        uit.append(pt(vragenlijst.beschrijving.strip()))
    uit.append(
        pt(
            f"Vragenlijst: {vragenlijst.titel}, versie {vragenlijst.versie}, met "
            f"{meervoud(len(vragenlijst.onderdelen), 'onderdeel', 'onderdelen')}, "
            f"{meervoud(len(vragenlijst.themas), 'thema', 'thema’s')} en "
            f"{meervoud(len(vragenlijst.vragen), 'vraag', 'vragen')}."
        )
    )
    if vragenlijst.bron.strip():
        uit.append(pt(vragenlijst.bron.strip(), "Zacht"))
    if deelnemers:
        rijen = [kopcellen(["Organisatie", "Rol"])]
        rijen += [[pt(d.organisatie, "CelK"), pt(d.rol, "CelK")] for d in deelnemers]
        uit.append(
            KeepTogether(
                [
                    Kop("Wie waren erbij", 1, sleutel="deelnemers", in_inhoud=False),
                    pt(
                        f"Aan de sessie van {datum_nl(meting.datum)} voor subregio "
                        f"{meting.subregio_naam} namen deel (namen worden niet vastgelegd):"
                    ),
                    tabel(rijen, [BREEDTE * 0.42, BREEDTE * 0.58]),
                ]
            )
        )
    rijen = [kopcellen(["Antwoord", "Betekenis"])]
    for n in schaal.niveaus:
        rijen.append([pt(n.label, "CelKVet"), pt(n.beschrijving, "CelK")])
    for bijzonder in (schaal.weet_niet, schaal.niet_van_toepassing):
        rijen.append([pt(bijzonder.label, "CelKVet"), pt(bijzonder.beschrijving, "CelK")])
    uit.append(
        KeepTogether(
            [
                Kop("De antwoordschaal", 1, sleutel="schaal", in_inhoud=False),
                tabel(rijen, [30 * mm, BREEDTE - 30 * mm]),
            ]
        )
    )
    laag, hoog = schaal.niveaus[0].label, schaal.niveaus[-1].label
    weet_niet, nvt = schaal.weet_niet.label, schaal.niet_van_toepassing.label
    punten = [
        f"Elk antwoord telt als een niveau: ‘{laag}’ is 0, ‘{hoog}’ is 100, de niveaus "
        "daartussen liggen op gelijke afstand.",
        "De score van een thema is het gemiddelde van de beantwoorde vragen; een onderdeel "
        "scoort het gemiddelde van zijn thema’s. De totaalscore is "
        f"{advies.totaal_definitie(vragenlijst)}.",
        f"‘{weet_niet}’ en ‘{nvt}’ tellen niet mee. Is minder dan "
        f"{round(regels.minimale_dekking * 100)}% van de vragen van een thema met een niveau "
        "beantwoord, dan krijgt het thema geen score: ‘onvoldoende beantwoord’.",
        f"Is bij een thema {round(regels.zicht_ontbreekt_vanaf * 100)}% of meer van de vragen "
        f"met ‘{weet_niet}’ beantwoord, dan staat er ‘zicht ontbreekt’.",
        f"Een thema is een verbeterpunt als het lager scoort dan {getal(regels.verbeterpunt_onder)}"
        + (
            f" of bij de {regels.verbeterpunt_laagste} laagste scores hoort"
            if regels.verbeterpunt_laagste
            else ""
        )
        + f". Het rapport noemt er hoogstens {regels.verbeterpunten_max}, in deze volgorde: "
        f"{advies.VOLGORDE_REGEL}. Het advies is de volgende stap bij de vragen die het thema "
        "omlaag trekken.",
        "Kleuren: " + "; ".join(f"{naam} {uitleg}" for _g, naam, uitleg in resultaten.BANDEN) + ".",
        "Scores worden afgerond op hele getallen. Dezelfde antwoorden geven altijd hetzelfde "
        "rapport.",
    ]
    uit.append(
        KeepTogether(
            [
                Kop("Hoe de scores tot stand komen", 1, sleutel="rekenregels", in_inhoud=False),
                *opsomming([tekst(x) for x in punten], "OpsommingKlein"),
            ]
        )
    )
    return uit


def agenda_sectie(vragenlijst, agenda) -> list:
    """The regional agenda (:func:`advies.regionale_agenda`): the ``wie: regio`` verbeterpunten
    of the gemeenten, each advice once — for the subregio and the regio overview alike."""
    uit: list = [
        Kop("Regionale agenda", sleutel="agenda"),
        pt(
            "Deze verbeterpunten kan een gemeente niet alleen oplossen: ze vragen de regionale "
            "partners, zoals Veilig Thuis, het regionaal ingekochte aanbod of het regionale "
            "programma. In de rapporten van de gemeenten staan ze onder ‘Wat samen in de regio "
            "moet’; hier staan ze één keer, als startpunt voor de regio. Volgorde: eerst "
            "thema’s waar mensen direct gevaar lopen, dan de laagste score, dan het aantal "
            "gemeenten."
        ),
    ]
    for punt in agenda:
        thema = vragenlijst.thema(punt.thema_id)
        wie = [f"{g.naam} ({getal(g.score)})" for g in punt.gemeenten]
        kop = tekst(thema.titel)
        if punt.prioriteit == VEILIGHEID:
            kop += " <font size='9' color='#555555'>· prioriteit veiligheid</font>"
        blok = [
            p(kop, "Kop3"),
            pt(
                f"Verbeterpunt voor {weergave.opsomming(wie)}; laagste score "
                f"{getal(punt.laagste)}, gemiddeld {getal(punt.gemiddelde)}.",
                "Zacht",
            ),
            *[p(f"<b>Volgende stap:</b> {tekst(a)}", "Kader") for a in punt.adviezen],
        ]
        uit.append(KeepTogether(blok))
    uit.append(PageBreak())
    return uit
