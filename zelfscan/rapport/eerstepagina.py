"""The gemeente report's pages for the college: page 1 "In één oogopslag" (readable on its own),
page 2 with the report's data and contents, and the one-page actielijst at the end — with the
helpers the verbeterpunten section shares (who acts, the ambitie, the first step). Layout only,
like :mod:`.gemeenterapport`."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from ..grafieken import grafiekstijl
from ..scores import advies, weergave
from ..scores.weergave import aanhalen, datum_nl, getal, meervoud
from .document import Kop, inhoudsopgave
from .gegevens import GemeenteRapport
from .opmaak import (
    BAND_KLEUR,
    BREEDTE,
    FONT,
    HOOGTE,
    ONDERDEELRIJ,
    band_kleur,
    kopcellen,
    opsomming,
    p,
    pt,
    tabel,
    tekst,
)
from .radar import MIN_RADAR, radar
from .rapportdelen import gegevens_tabel, meldingen, omslag_gegevens

# --- radar --------------------------------------------------------------------------------------


def radar_reeksen(r: GemeenteRapport) -> tuple[list[str], list[grafiekstijl.Reeks]]:
    """As the web page draws it: the gemeente and, with more than one, the subregio mean."""
    themas = r.themas
    return [t.thema.label for t in themas], grafiekstijl.radar_reeksen(
        r.naam,
        [t.score.score for t in themas],
        gemiddelde=[t.gemiddelde for t in themas] if r.aantal_gemeenten > 1 else None,
    )


# --- cover --------------------------------------------------------------------------------------


def omslag(r: GemeenteRapport) -> list:
    """Page 1, "In één oogopslag": the page a wethouder reads — readable on its own."""
    m = r.meting
    return [
        pt("Zelfscan Werken aan Veiligheid · rapport per gemeente", "Omslagboven"),
        pt(r.naam, "Omslagtitel"),
        pt(f"{m.titel} · {datum_nl(m.datum)}", "Omslagsub"),
        *meldingen(m),
        Spacer(1, 3 * mm),
        Kop("In één oogopslag", sleutel="oogopslag"),
        # One page, whatever the texts: long first steps shrink the page a little rather than
        # push its last part onto a page of its own.
        KeepInFrame(
            BREEDTE,
            HOOGTE - 75 * mm,
            [_oogopslag_kern(r), *_oogopslag_punten(r), *_oogopslag_zicht(r)],
            mode="shrink",
        ),
        PageBreak(),
        *_inhoud(r),
    ]


def _oogopslag_kern(r: GemeenteRapport) -> Table:
    """The totaal beside the previous one and the subregio's, and a small radar."""
    regels = [pt(getal(r.totaal), "Kerncijfer"), p("<b>Totaalscore</b> (0–100)", "Tekst")]
    # A "–" alone leaves the reader guessing (often a concept meting, answered halfway).
    naast = [] if r.totaal is not None else [advies.totaal_zin(r.naam, r.vragenlijst, None)]
    if r.ontwikkeling is not None and r.ontwikkeling.vorige_totaal is not None:
        naast.append(
            f"Vorige meting ({r.ontwikkeling.vorige_jaar}): {getal(r.ontwikkeling.vorige_totaal)}"
        )
    if r.gemiddelde_totaal is not None:
        naast.append(f"Gemiddelde subregio {r.meting.subregio_naam}: {getal(r.gemiddelde_totaal)}")
    naast.append(f"{round(r.dekking * 100)}% van de vragen met een niveau beantwoord")
    regels += [pt(zin, "Klein") for zin in naast]
    if len(r.themas) >= MIN_RADAR:
        # The small radar has no thema labels (too small to read): the key names its parts.
        sleutel = "; ".join(f"{i} {o.titel}" for i, o in enumerate(r.onderdelen, start=1))
        regels.append(pt(f"Radar: elke spaak een thema, per onderdeel: {sleutel}.", "Zacht"))
    links = [regels]
    cel_radar: list = [pt("", "Klein")]
    if len(r.themas) >= MIN_RADAR:
        labels, reeksen = radar_reeksen(r)
        cel_radar = [
            radar(
                labels,
                reeksen,
                groepen=grafiekstijl.radar_groepen(r.onderdelen),
                klein=True,
                breedte=80 * mm,
                hoogte=68 * mm,
            )
        ]
    t = Table([[links[0], cel_radar]], colWidths=[BREEDTE - 92 * mm, 92 * mm], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                # The table's own default is Helvetica, which would end up in the PDF unembedded.
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BACKGROUND", (0, 0), (0, 0), band_kleur(r.totaal) or ONDERDEELRIJ),
                ("LEFTPADDING", (0, 0), (0, 0), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return t


def eerste_stap(vp) -> str:
    return vp.adviezen[0].tekst if vp.adviezen else vp.suggestie


def _oogopslag_punten(r: GemeenteRapport) -> list:
    """The top verbeterpunten, own and regional, each with its first step."""
    if not r.verbeterpunten:
        # As the section Verbeterpunten says it: without scores there is nothing to weigh.
        zin = (
            f"{r.naam} heeft geen verbeterpunten."
            if any(t.score.score is not None for t in r.themas)
            else f"Er zijn geen scores voor {r.naam}, dus ook geen verbeterpunten."
        )
        return [p("Verbeterpunten", "Kop3"), pt(zin)]
    uit: list = [p("Eerst aanpakken", "Kop3")]
    groepen = [("Wat de gemeente zelf kan doen", r.zelf[:3]), ("Samen in de regio", r.regio[:2])]
    for kop, punten in groepen:
        if not punten:
            continue
        if r.regio:
            uit.append(p(f"<b>{tekst(kop)}</b>", "Klein"))
        for vp in punten:
            uit.append(
                p(
                    f"<b>{vp.rang}. {tekst(vp.thema.titel)}</b> ({getal(vp.score)}) — eerste stap: "
                    f"{tekst(eerste_stap(vp))}",
                    "Kader",
                )
            )
    meer = len(r.verbeterpunten) - len(r.zelf[:3]) - len(r.regio[:2])
    if meer > 0:
        uit.append(
            pt(
                f"En {meervoud(meer, 'verbeterpunt', 'verbeterpunten')} meer: zie ‘Verbeterpunten’ en de actielijst.",
                "Zacht",
            )
        )
    return uit


def _oogopslag_zicht(r: GemeenteRapport) -> list:
    """What the room could not judge: a finding in itself."""
    delen = []
    if r.zicht_ontbreekt:
        delen.append(
            "zicht ontbreekt bij "
            + weergave.opsomming([aanhalen(t.thema.titel) for t in r.zicht_ontbreekt])
        )
    if r.onvoldoende:
        delen.append(
            "te weinig beantwoord voor een score bij "
            + weergave.opsomming([aanhalen(t.thema.titel) for t in r.onvoldoende])
        )
    weet_niet = r.vragenlijst.schaal.weet_niet.label
    if r.aantal_weet_niet:
        delen.append(f"{meervoud(r.aantal_weet_niet, 'keer', 'keer')} ‘{weet_niet}’")
    zin = (
        "De groep kon niet alles beoordelen: " + "; ".join(delen) + "."
        if delen
        else "De groep kon elke vraag beoordelen."
    )
    return [p("Wat de groep niet kon beoordelen", "Kop3"), pt(zin)]


def _inhoud(r: GemeenteRapport) -> list:
    """Page 2: the report's data and its contents."""
    m = r.meting
    rijen = omslag_gegevens(m, r.vragenlijst)
    rijen.insert(0, ("Gemeente", r.naam))
    if r.ontwikkeling is not None:
        o = r.ontwikkeling
        rijen.insert(4, ("Vorige meting", f"{o.vorige_titel} ({datum_nl(o.vorige_datum)})"))
    return [
        NextPageTemplate("gewoon"),
        p("<b>Over dit rapport</b>", "Kop3"),
        gegevens_tabel(rijen),
        Spacer(1, 8 * mm),
        p("<b>Inhoud</b>", "Kop3"),
        inhoudsopgave(),
        PageBreak(),
    ]


WIE_TEKST = {
    "gemeente": "de gemeente, met het lokale team",
    "regio": "de regio: samen met Veilig Thuis en de regionale partners",
}


def ambitie_bij(r: GemeenteRapport, thema_id: str):
    return next((a for a in r.nieuwe_ambities if a.thema_id == thema_id), None)


def ambitie_tekst(ambitie) -> str:
    tekst_ = f"‘{ambitie.niveau_label}’"
    return f"{tekst_}: {ambitie.tekst}" if ambitie.tekst else tekst_


def actielijst(r: GemeenteRapport) -> list:
    """One page to copy into a memo: per verbeterpunt what to do, who acts, and the ambitie."""
    rijen = [kopcellen(["Nr.", "Verbeterpunt", "Eerste stap", "Wie", "Ambitie"])]
    extra = []
    for vp in r.verbeterpunten:
        ambitie = ambitie_bij(r, vp.thema.id)
        i = len(rijen)
        rijen.append(
            [
                pt(str(vp.rang), "CelK"),
                p(f"<b>{tekst(vp.thema.titel)}</b> ({getal(vp.score)})", "CelK"),
                pt(eerste_stap(vp), "CelK"),
                pt("regio" if vp.regionaal else "gemeente", "CelK"),
                pt(ambitie_tekst(ambitie), "CelK") if ambitie else pt("geen ambitie", "CelKVet"),
            ]
        )
        if ambitie is None:
            extra.append(("BACKGROUND", (4, i), (4, i), BAND_KLEUR["zwak"]))
    zonder = [vp for vp in r.verbeterpunten if ambitie_bij(r, vp.thema.id) is None]
    college = [
        "de ambities vaststellen: per verbeterpunt het niveau dat de gemeente bij de volgende "
        "meting wil halen"
        + (
            f" (nog geen ambitie bij {weergave.opsomming([aanhalen(v.thema.titel) for v in zonder])})"
            if zonder
            else ""
        ),
        "per actie een eigenaar en een datum aanwijzen",
        "tijd en geld vrijmaken waar een stap capaciteit, scholing of inkoop vraagt",
    ]
    if r.regio:
        college.append(
            "de regionale punten inbrengen in het regionaal overleg met Veilig Thuis en de andere "
            f"gemeenten: {weergave.opsomming([aanhalen(v.thema.titel) for v in r.regio])}"
        )
    return [
        Kop("Actielijst", sleutel="actielijst"),
        pt(
            f"De verbeterpunten van {r.naam} op één pagina, in de volgorde van het rapport: wat "
            "als eerste te doen, wie aan zet is en de ambitie. Bedoeld om over te nemen in een "
            "memo aan het college."
        ),
        Spacer(1, 2 * mm),
        tabel(
            rijen,
            [9 * mm, 40 * mm, BREEDTE - 103 * mm, 18 * mm, 36 * mm],
            extra=extra,
        ),
        Spacer(1, 4 * mm),
        KeepTogether(
            [
                p("Wat het college kan besluiten", "Kop3"),
                *opsomming([tekst(z) for z in college], "OpsommingKlein"),
            ]
        ),
        PageBreak(),
    ]
