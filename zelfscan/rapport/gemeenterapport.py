"""The report of one gemeente: layout only; what it says comes from :mod:`.gegevens`."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from ..grafieken import grafiekstijl
from ..inlezen.model import WEET_NIET
from ..scores import scoring, weergave
from ..scores.weergave import aanhalen, datum_nl, getal, verschil_tekst
from .document import Kop, bouw, inhoudsopgave
from .gegevens import GEHAALD, NIET_GEHAALD, AntwoordRegel, GemeenteRapport
from .opmaak import (
    BAND_KLEUR,
    BREEDTE,
    FONT,
    HOOGTE,
    ONDERDEELRIJ,
    ZACHT,
    alineas,
    band_kleur,
    band_woord,
    breedtes_voor,
    kader,
    kopcellen,
    lange_tekst,
    legenda,
    opsomming,
    p,
    pt,
    tabel,
    tekst,
)
from .radar import radar
from .rapportdelen import gegevens_tabel, meldingen, omslag_gegevens, over_de_zelfscan
from .trend import trend as trendgrafiek

# A toelichting is shown whole (up to MAX_RAPPORT_TEKST) once, in the appendix; the notes and
# the verbeterpunten show its start, so a report of long texts does not print each one twice.
KORT = 300


def maak(r: GemeenteRapport) -> bytes:
    verhaal: list = []
    verhaal += omslag(r)
    verhaal += samenvatting(r)
    verhaal += totaalbeeld(r)
    verhaal += scores(r)
    verhaal += verbeterpunten(r)
    if r.ontwikkeling is not None:
        verhaal += ontwikkeling_sectie(r)
    if r.trend is not None:
        verhaal += verloop(r)
    verhaal += notities(r)
    verhaal += over_de_zelfscan(r.meting, r.vragenlijst, r.deelnemers)
    verhaal += bijlage(r)
    m = r.meting
    return bouw(
        verhaal,
        titel=r.titel,
        onderwerp=(
            f"Rapport van de zelfscan Werken aan Veiligheid voor gemeente {r.naam} "
            f"(subregio {m.subregio_naam}, {m.titel}, {datum_nl(m.datum)})"
        ),
        kop_links=f"Zelfscan Werken aan Veiligheid – {r.naam}",
        kop_rechts=m.titel,
    )


# --- cover --------------------------------------------------------------------------------------


def omslag(r: GemeenteRapport) -> list:
    m = r.meting
    rijen = omslag_gegevens(m, r.vragenlijst)
    if r.ontwikkeling is not None:
        o = r.ontwikkeling
        rijen.insert(3, ("Vorige meting", f"{o.vorige_titel} ({datum_nl(o.vorige_datum)})"))
    return [
        Spacer(1, 18 * mm),
        pt("Zelfscan Werken aan Veiligheid · rapport per gemeente", "Omslagboven"),
        pt(r.naam, "Omslagtitel"),
        pt(m.titel, "Omslagsub"),
        Spacer(1, 8 * mm),
        gegevens_tabel(rijen),
        *meldingen(m),
        Spacer(1, 12 * mm),
        p("<b>Inhoud</b>", "Kop3"),
        inhoudsopgave(),
        NextPageTemplate("gewoon"),
        PageBreak(),
    ]


# --- samenvatting -------------------------------------------------------------------------------


def _kerncijfer(r: GemeenteRapport) -> Table:
    naast = []
    if r.gemiddelde_totaal is not None:
        naast.append(f"gemiddelde subregio {getal(r.gemiddelde_totaal)}")
    naast.append(f"{round(r.dekking * 100)}% van de vragen met een niveau beantwoord")
    t = Table(
        [
            [
                pt(getal(r.totaal), "Kerncijfer"),
                p(
                    f"<b>Totaalscore van {tekst(r.naam)}</b> (0–100)<br/>"
                    + tekst(" · ".join(naast)),
                    "Tekst",
                ),
            ]
        ],
        colWidths=[24 * mm, BREEDTE - 24 * mm],
        hAlign="LEFT",
    )
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (0, 0), band_kleur(r.totaal) or ONDERDEELRIJ),
                ("ALIGN", (0, 0), (0, 0), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (1, 0), (1, 0), 8),
            ]
        )
    )
    return t


def samenvatting(r: GemeenteRapport) -> list:
    uit: list = [Kop("Samenvatting", sleutel="samenvatting"), _kerncijfer(r), Spacer(1, 4 * mm)]
    uit += [pt(zin, "Samenvatting") for zin in r.samenvatting]
    meerdere = r.aantal_gemeenten > 1
    kop = ["Onderdeel", "Score", "Kleur"] + (["Gem. subregio"] if meerdere else []) + ["Beantwoord"]
    rijen = [kopcellen(kop, rechts=(1, 3, 4) if meerdere else (1, 3))]
    extra = []
    for i, o in enumerate(r.onderdelen, start=1):
        rij = [
            pt(o.titel, "Cel"),
            pt(getal(o.score), "CelRechts"),
            pt(band_woord(o.score), "Cel"),
        ]
        if meerdere:
            rij.append(pt(getal(o.gemiddelde), "CelRechts"))
        rij.append(pt(f"{round(o.dekking * 100)}%", "CelRechts"))
        rijen.append(rij)
        if (kleur := band_kleur(o.score)) is not None:
            extra.append(("BACKGROUND", (1, i), (2, i), kleur))
    breedtes = breedtes_voor(
        kop, [0, 14 * mm, 18 * mm] + ([20 * mm] if meerdere else []) + [20 * mm]
    )
    uit += [
        Spacer(1, 2 * mm),
        KeepTogether([p("Per onderdeel", "Kop3"), tabel(rijen, breedtes, extra=extra)]),
        p(
            "De kleuren en de schaal worden uitgelegd bij ‘Scores per onderdeel en thema’.",
            "Zacht",
        ),
        Spacer(1, 4 * mm),
        KeepTogether(
            [
                p("Hoe verder", "Kop3"),
                p(
                    "Bespreek de verbeterpunten met de teams en Veilig Thuis, en kies per thema "
                    "een <b>ambitie</b>: het niveau dat de gemeente bij de volgende meting wil "
                    "halen. Het volgende rapport laat zien wat er sindsdien veranderd is en of "
                    "de ambities zijn gehaald.",
                    "Kader",
                ),
            ]
        ),
        PageBreak(),
    ]
    return uit


# --- radar --------------------------------------------------------------------------------------


def radar_reeksen(r: GemeenteRapport) -> tuple[list[str], list[grafiekstijl.Reeks]]:
    """As the web page draws it: the gemeente and, with more than one, the subregio mean."""
    themas = r.themas
    return [t.thema.label for t in themas], grafiekstijl.radar_reeksen(
        r.naam,
        [t.score.score for t in themas],
        gemiddelde=[t.gemiddelde for t in themas] if r.aantal_gemeenten > 1 else None,
    )


# A radar needs three axes; with fewer thema's the tables say it all.
MIN_RADAR = 3


def totaalbeeld(r: GemeenteRapport) -> list:
    if len(r.themas) < MIN_RADAR:
        return []
    labels, reeksen = radar_reeksen(r)
    uitleg = (
        f"Elke spaak is een thema. Hoe verder naar buiten, hoe beter het geregeld is: 0 in het "
        f"midden, 100 aan de rand. De doorgetrokken lijn met het vlak is {tekst(r.naam)}"
    )
    if r.aantal_gemeenten > 1:
        uitleg += ", de stippellijn het gemiddelde van de gemeenten in de subregio"
    uitleg += "."
    if any(t.score.score is None for t in r.themas):
        uitleg += " Een grijs gearceerd vlak betekent: geen score (onvoldoende beantwoord)."
    uitleg += " De getallen staan in de tabel ‘Scores per onderdeel en thema’."
    return [
        Kop("Het totaalbeeld", sleutel="totaalbeeld"),
        p(uitleg),
        radar(labels, reeksen, breedte=BREEDTE, hoogte=HOOGTE - 110),
        PageBreak(),
    ]


# --- scores -------------------------------------------------------------------------------------


def scores(r: GemeenteRapport) -> list:
    meerdere = r.aantal_gemeenten > 1
    kop = ["Onderdeel / thema", "Score", "Kleur"]
    breedtes = [0, 12 * mm, 15 * mm]
    if meerdere:
        kop.append("Gem. subregio")
        breedtes.append(17 * mm)
    kop += ["Beantwoord", "Opmerking"]
    breedtes += [20 * mm, 28 * mm]
    breedtes = breedtes_voor(kop, breedtes)
    rijen = [kopcellen(kop, rechts=(1, 3, 4) if meerdere else (1, 3))]
    extra = []
    for o in r.onderdelen:
        i = len(rijen)
        rij = [
            pt(o.titel, "CelKVet"),
            pt(getal(o.score), "CelKRechts"),
            pt(band_woord(o.score), "CelK"),
        ]
        if meerdere:
            rij.append(pt(getal(o.gemiddelde), "CelKRechts"))
        rij += [pt(f"{round(o.dekking * 100)}%", "CelKRechts"), ""]
        rijen.append(rij)
        extra.append(("BACKGROUND", (0, i), (-1, i), ONDERDEELRIJ))
        if (kleur := band_kleur(o.score)) is not None:
            extra.append(("BACKGROUND", (1, i), (2, i), kleur))
        for t in o.themas:
            i = len(rijen)
            s = t.score
            rij = [
                pt(t.thema.titel, "CelK"),
                pt(getal(s.score), "CelKRechts"),
                pt(band_woord(s.score), "CelK"),
            ]
            if meerdere:
                rij.append(pt(getal(t.gemiddelde), "CelKRechts"))
            rij += [
                pt(f"{s.aantal_niveau} van {s.aantal_vragen - s.aantal_nvt}", "CelKRechts"),
                pt(t.opmerking, "CelK"),
            ]
            rijen.append(rij)
            extra.append(("LEFTPADDING", (0, i), (0, i), 12))
            if (kleur := band_kleur(s.score)) is not None:
                extra.append(("BACKGROUND", (1, i), (2, i), kleur))
    extra += [("TOPPADDING", (0, 1), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 3)]
    return [
        Kop("Scores per onderdeel en thema", sleutel="scores"),
        p(
            "Per thema de score, de kleur, "
            + ("het gemiddelde van de subregio, " if meerdere else "")
            + "hoeveel vragen met een niveau zijn beantwoord (van de vragen die van toepassing "
            "zijn) en wat opviel."
        ),
        *legenda(r.vragenlijst.schaal, r.vragenlijst.regels),
        Spacer(1, 1 * mm),
        tabel(rijen, breedtes, extra=extra),
        PageBreak(),
    ]


# --- verbeterpunten -----------------------------------------------------------------------------


def _vraag_met_antwoord(a: AntwoordRegel) -> str:
    uit = f"{tekst(a.tekst)} <font color='#555555'>— antwoord: {tekst(aanhalen(a.antwoord))}</font>"
    if a.toelichting:
        uit += f"<br/><i>Toelichting: {lange_tekst(a.toelichting, KORT)}</i>"
    return uit


def _reden(vp) -> str:
    # "score 17 is lager dan 40" reads as a sentence; "een van de 3 laagst scorende thema's"
    # needs the score in front.
    reden = vp.reden.replace("'", "’")
    reden = "S" + reden[1:] if reden.startswith("score ") else f"Score {getal(vp.score)}: {reden}"
    return f"{reden}. Het thema staat nu ongeveer op ‘{vp.niveau_label}’."


def verbeterpunten(r: GemeenteRapport) -> list:
    regels = r.vragenlijst.regels
    schaal = r.vragenlijst.schaal
    uit: list = [Kop("Verbeterpunten", sleutel="verbeterpunten")]
    grens = getal(regels.verbeterpunt_onder)
    uitleg = f"Een thema is een verbeterpunt als het lager scoort dan {grens}"
    if regels.verbeterpunt_laagste:
        uitleg += (
            f", of als het bij de {regels.verbeterpunt_laagste} laagste scores hoort "
            "(behalve bij 100)"
        )
    uitleg += (
        ". Het laagst scorende thema staat bovenaan. De suggestie past bij het niveau waarop "
        "het thema nu ongeveer staat."
    )
    uit.append(pt(uitleg))
    if not r.verbeterpunten:
        if any(t.score.score is not None for t in r.themas):
            uit.append(pt(f"{r.naam} heeft geen verbeterpunten."))
        else:
            uit.append(pt(f"Er zijn geen scores voor {r.naam}, dus ook geen verbeterpunten."))
    for vp in r.verbeterpunten:
        blok = [
            p(f"{vp.rang}. {tekst(vp.thema.titel)}", "Kop3"),
            pt(_reden(vp), "Zacht"),
            p(f"<b>Suggestie:</b> {tekst(vp.suggestie)}", "Kader"),
        ]
        if vp.zwakke_vragen:
            blok.append(p("Wat de score omlaag trok:", "Klein"))
            blok += opsomming([_vraag_met_antwoord(a) for a in vp.zwakke_vragen], "OpsommingKlein")
        if vp.bespreekpunten:
            blok.append(p("In de sessie gemarkeerd als bespreekpunt:", "Klein"))
            blok += opsomming([tekst(a.tekst) for a in vp.bespreekpunten], "OpsommingKlein")
        blok.append(Spacer(1, 3 * mm))
        uit.append(KeepTogether(blok))

    if r.zicht_ontbreekt:
        weet_niet = schaal.weet_niet.label
        blok = [
            Kop("Zicht ontbreekt", 1, sleutel="zicht"),
            pt(
                "Bij deze thema’s kon de groep vaak niet zeggen hoe het ervoor staat "
                f"(‘{weet_niet}’). Dat is zelf een bevinding: zoek uit hoe het in de praktijk "
                "gaat, bijvoorbeeld in een casusbespreking met het team."
            ),
        ]
        for t in r.zicht_ontbreekt:
            vragen = [a.tekst for a in t.antwoorden if a.waarde == WEET_NIET]
            blok.append(
                p(
                    f"<b>{tekst(t.thema.titel)}</b> ({t.score.aantal_weet_niet} × "
                    f"{tekst(weet_niet.lower())})",
                    "Klein",
                )
            )
            blok += opsomming([tekst(v) for v in vragen], "OpsommingKlein")
        uit.append(KeepTogether(blok))

    if r.nieuwe_ambities:
        uit.append(CondPageBreak(60 * mm))
        uit.append(Kop("Ambities voor de volgende meting", 1, sleutel="ambities-nieuw"))
        uit.append(
            pt(
                f"{r.naam} heeft na deze meting deze ambities vastgelegd: het niveau dat de "
                "gemeente bij de volgende meting wil halen."
            )
        )
        uit.append(_ambitie_tabel(r.nieuwe_ambities))
    uit.append(PageBreak())
    return uit


def _ambitie_tabel(ambities) -> Table:
    rijen = [kopcellen(["Thema", "Ambitie", "Wat de gemeente gaat doen"])]
    for a in ambities:
        rijen.append(
            [
                pt(a.titel, "Cel"),
                pt(a.niveau_label, "Cel"),
                p(lange_tekst(a.tekst), "Cel") if a.tekst else pt("–", "Cel"),
            ]
        )
    return tabel(rijen, [60 * mm, 28 * mm, BREEDTE - 88 * mm])


# --- ontwikkeling -------------------------------------------------------------------------------


def ontwikkeling_sectie(r: GemeenteRapport) -> list:
    o = r.ontwikkeling
    assert o is not None
    uit: list = [Kop("Ontwikkeling sinds de vorige meting", sleutel="ontwikkeling")]
    marge = f"{scoring.GELIJK_MARGE:g}".replace(".", ",")
    uitleg = (
        f"Deze meting is een vervolg op {aanhalen(o.vorige_titel)} van "
        f"{datum_nl(o.vorige_datum)}. Vergeleken zijn alleen de vragen die in beide metingen "
        f"voorkwamen. In de grafiek is de doorgetrokken lijn {r.naam} nu en de stippellijn de "
        "vorige meting"
        + (
            "; de driehoekjes zijn de ambities die na de vorige meting zijn gesteld"
            if o.ambities
            else ""
        )
        + f". In de tabel betekent ▲ meer dan {marge} punt hoger, ▼ meer dan {marge} punt "
        "lager en = ongeveer gelijk. Een ambitie is gehaald als de score nu minstens het niveau "
        "van de ambitie is."
    )
    uit.append(pt(uitleg))

    themas = r.themas
    lijnen = grafiekstijl.radar_reeksen(
        f"{r.naam} nu ({r.meting.jaar})",
        [t.score.score for t in themas],
        vorige=o.vorige_reeks,
        ambitie=o.ambitie_reeks,
        vorige_jaar=o.vorige_jaar,
    )
    if len(themas) >= MIN_RADAR:
        labels = [t.thema.label for t in themas]
        uit += [radar(labels, lijnen, breedte=BREEDTE, hoogte=HOOGTE - 110), PageBreak()]

    kop = ["Thema", "Vorige", "Nu", "Verschil", "Ambitie van de vorige meting"]
    rijen = [kopcellen(kop, rechts=(1, 2, 3))]
    extra = []
    for rij in o.regels:
        i = len(rijen)
        ambitie = ""
        if rij.ambitie is not None:
            ambitie = (
                f"{aanhalen(rij.ambitie.niveau_label)} ({getal(rij.ambitie_score)}): {rij.status}"
            )
        rijen.append(
            [
                pt(rij.titel, "CelK"),
                pt(getal(rij.vorige), "CelKRechts"),
                pt(getal(rij.huidige), "CelKRechts"),
                pt(f"{rij.pijl} {verschil_tekst(rij.verschil)}".strip(), "CelKRechts"),
                pt(ambitie, "CelKVet" if rij.status == GEHAALD else "CelK"),
            ]
        )
        if rij.status == GEHAALD:
            extra.append(("BACKGROUND", (4, i), (4, i), BAND_KLEUR["sterk"]))
        elif rij.status == NIET_GEHAALD:
            extra.append(("BACKGROUND", (4, i), (4, i), BAND_KLEUR["midden"]))
    extra += [("TOPPADDING", (0, 1), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 3)]
    uit += [
        Kop("Verschil per thema", 1, sleutel="verschil"),
        tabel(rijen, [BREEDTE - 109 * mm, 15 * mm, 13 * mm, 19 * mm, 62 * mm], extra=extra),
    ]

    if o.ambities:
        blok = [
            Kop("De ambities van de vorige meting", 1, sleutel="ambities-vorig"),
            pt(
                f"Wat {r.naam} zich na de vorige meting voornam, en hoe het thema er nu voor staat."
            ),
        ]
        items = []
        for rij in o.ambities:
            a = rij.ambitie
            huidig = next(t for t in themas if t.thema.id == rij.thema_id).score.score
            nu = getal(huidig)
            items.append(
                f"<b>{tekst(a.titel)}</b> – ambitie {tekst(aanhalen(a.niveau_label))} "
                f"({getal(rij.ambitie_score)}), nu {nu}: <b>{tekst(rij.status)}</b>."
                + (f"<br/><i>{lange_tekst(a.tekst)}</i>" if a.tekst else "")
            )
        for a in o.vervallen_ambities:
            items.append(
                f"<b>{tekst(a.titel)}</b> – ambitie {tekst(aanhalen(a.niveau_label))}: dit thema "
                "staat niet meer in de vragenlijst, dus niet te beoordelen."
                + (f"<br/><i>{lange_tekst(a.tekst)}</i>" if a.tekst else "")
            )
        uit.append(KeepTogether(blok + opsomming(items[:2], "OpsommingKlein")))
        uit += opsomming(items[2:], "OpsommingKlein")

    niet: list[str] = []
    if o.nieuwe_themas:
        niet.append(
            "Nieuwe thema’s (nog niet te vergelijken): "
            + tekst("; ".join(aanhalen(t) for t in o.nieuwe_themas))
        )
    if o.vervallen_themas:
        niet.append(
            "Thema’s die niet meer in de vragenlijst staan: "
            + tekst("; ".join(aanhalen(t) for t in o.vervallen_themas))
        )
    nieuwe_vragen = [(rij.titel, v) for rij in o.regels for v in rij.nieuwe_vragen]
    if nieuwe_vragen and len(nieuwe_vragen) <= 30:
        niet.append(
            "Nieuwe vragen (tellen nog niet mee in het verschil): "
            + tekst("; ".join(f"{v} ({t})" for t, v in nieuwe_vragen))
        )
    elif nieuwe_vragen:
        niet.append(f"{len(nieuwe_vragen)} nieuwe vragen tellen nog niet mee in het verschil.")
    if o.vervallen_vragen and len(o.vervallen_vragen) <= 30:
        niet.append(
            "Vragen van de vorige meting die niet meer voorkomen: "
            + tekst("; ".join(o.vervallen_vragen))
        )
    elif o.vervallen_vragen:
        niet.append(f"{len(o.vervallen_vragen)} vragen van de vorige meting komen niet meer voor.")
    uit.append(Kop("Wat niet vergeleken kon worden", 1, sleutel="niet-vergeleken"))
    if niet:
        uit += opsomming(niet, "OpsommingKlein")
    else:
        zin = "Alle thema’s en vragen kwamen in beide metingen voor"
        zin += f" (dezelfde vragenlijst, versie {o.vorige_versie})." if o.zelfde_versie else "."
        uit.append(pt(zin))
    uit.append(PageBreak())
    return uit


# --- verloop over three or more metingen --------------------------------------------------------


def verloop(r: GemeenteRapport) -> list:
    """The score per onderdeel over the chain of metingen: a line chart and the same numbers in
    a table (the table is the text alternative, as on the web page)."""
    t = r.trend
    assert t is not None
    jaren = list(t.momenten)
    uitleg = (
        f"Hoe scoorde {r.naam} per onderdeel in {weergave.opsomming(jaren)}? Elke lijn is een "
        "onderdeel, met een eigen kleur, teken en soort lijn. Hoe hoger, hoe beter: 0 onderaan, "
        "100 bovenaan. Heeft een onderdeel in een jaar geen score, dan is de lijn daar "
        "onderbroken. Dezelfde getallen staan in de tabel onder de grafiek."
    )
    kop = ["Onderdeel", *jaren]
    rijen = [kopcellen(kop, rechts=tuple(range(1, len(kop))))]
    for reeks in t.reeksen:
        rijen.append(
            [pt(reeks.titel, "CelK"), *(pt(getal(w), "CelKRechts") for w in reeks.waarden)]
        )
    jaar_b = 14 * mm
    tabel_ = tabel(rijen, [BREEDTE - len(jaren) * jaar_b, *[jaar_b] * len(jaren)])

    noten = []
    gemist = [m for m, mee in zip(t.momenten, t.deelname, strict=True) if not mee]
    if gemist:
        noten.append(
            f"{r.naam} deed niet mee in {weergave.opsomming(gemist)}: daar staat “–” in de tabel en "
            "een grijze baan in de grafiek."
        )
    if t.versie_gewijzigd:
        versies = list(dict.fromkeys(t.versies))
        noten.append(
            f"De vragenlijst veranderde tussendoor (versie {weergave.opsomming(versies)}); de "
            "stippellijn in de grafiek staat waar dat gebeurde. Elke meting telt met haar eigen "
            "vragen. Een onderdeel dat in een versie niet voorkwam, heeft daar geen score."
        )
    return [
        KeepTogether(
            [
                Kop(f"Verloop over {len(jaren)} metingen", sleutel="verloop"),
                pt(uitleg),
                Spacer(1, 2 * mm),
                trendgrafiek(t, breedte=BREEDTE),
            ]
        ),
        Spacer(1, 4 * mm),
        KeepTogether(
            [p(f"Score per onderdeel per meting ({tekst(r.naam)})", "Kop3"), tabel_]
            + ([Spacer(1, 2 * mm)] if noten else [])
            + [pt(noot, "Zacht") for noot in noten]
        ),
        PageBreak(),
    ]


# --- notities -----------------------------------------------------------------------------------


def _notitie(notitie: str):
    """A note in its shaded box. A short note (the usual one line or two) is one paragraph
    with "Notitie:" in bold; a long or multi-line one is laid out line by line in a box that
    may run on, which keeps the layout time of a maximal note bounded."""
    if len(notitie) <= KORT and "\n" not in notitie:
        return p(f"<b>Notitie:</b> {tekst(notitie)}", "Kader")
    return kader(alineas(notitie, "KaderTekst", voor="Notitie: "))


def notities(r: GemeenteRapport) -> list:
    uit: list = [
        Kop("Notities en toelichtingen uit de sessie", sleutel="notities"),
        pt(
            "De notities zijn tijdens de gezamenlijke sessie gemaakt en gelden voor de hele "
            f"subregio {r.meting.subregio_naam}. De toelichtingen horen bij de antwoorden van "
            f"{r.naam}."
        ),
    ]
    iets = False
    for o in r.onderdelen:
        for t in o.themas:
            toelichtingen = [a for a in t.antwoorden if a.toelichting]
            if not t.notitie and not toelichtingen:
                continue
            iets = True
            blok = [p(tekst(t.thema.titel), "Kop3")]
            if t.notitie:
                blok.append(_notitie(t.notitie))
            for a in toelichtingen:
                blok += opsomming(
                    [
                        f"{tekst(a.tekst)} <font color='#555555'>— "
                        f"{tekst(aanhalen(a.antwoord))}</font>"
                    ],
                    "OpsommingKlein",
                )
                blok += alineas(a.toelichting, "OpsommingSchuin", max_tekens=KORT, max_regels=1)
            # Keep the heading with the first item; long lists may run on.
            uit.append(KeepTogether(blok[:3]))
            uit += blok[3:]
    if not iets:
        uit.append(pt("In de sessie zijn geen notities of toelichtingen vastgelegd."))
    uit.append(PageBreak())
    return uit


# --- over de zelfscan ---------------------------------------------------------------------------


# --- bijlage ------------------------------------------------------------------------------------


def _antwoord_cel(a: AntwoordRegel) -> list:
    cel = [pt(a.antwoord, "Cel" if a.waarde is not None else "CelZacht")]
    if a.onbevestigd:
        cel.append(
            pt("overgenomen van de vorige meting, niet bevestigd: telt niet mee", "CelZacht")
        )
    if a.bespreekpunt:
        cel.append(pt("bespreekpunt", "CelZacht"))
    return cel


def bijlage(r: GemeenteRapport) -> list:
    uit: list = [
        PageBreak(),
        Kop("Bijlage: alle vragen en antwoorden", sleutel="bijlage"),
        pt(
            f"Elke vraag van de vragenlijst met het antwoord dat in de sessie voor {r.naam} is "
            "gegeven, en de toelichting als die er is."
        ),
    ]
    for o in r.onderdelen:
        uit.append(Kop(o.titel, 1, sleutel=f"bijlage-{o.id}"))
        for t in o.themas:
            rijen = [kopcellen(["", t.thema.titel, "Antwoord"])]
            for nr, a in enumerate(t.antwoorden, start=1):
                vraag = [pt(a.tekst, "Cel")]
                if a.toelichting:
                    vraag.append(Spacer(1, 2))
                    vraag += alineas(a.toelichting, "CelSchuin", voor="Toelichting: ")
                rijen.append([pt(str(nr), "CelZacht"), vraag, _antwoord_cel(a)])
            t = tabel(
                rijen,
                [8 * mm, BREEDTE - 8 * mm - 38 * mm, 38 * mm],
                extra=[("LINEBELOW", (0, 0), (-1, 0), 0.8, ZACHT)],
            )
            t.spaceBefore = 2.5 * mm  # no Spacer: the onderdeel heading keeps with the table
            # A thema's few questions stay on one page; only a table longer than a page (very
            # long toelichtingen) splits, and then its header row repeats.
            uit.append(KeepTogether([t]))
    return uit
