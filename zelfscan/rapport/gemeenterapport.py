"""The report of one gemeente: layout only; what it says comes from :mod:`.gegevens`."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
)

from ..grafieken import grafiekstijl
from ..inlezen.model import VEILIGHEID, WEET_NIET
from ..scores import advies
from ..scores.weergave import aanhalen, datum_nl, getal
from . import stemmingdeel
from .document import Kop, bouw
from .eerstepagina import (
    WIE_TEKST,
    actielijst,
    ambitie_bij,
    ambitie_tekst,
    omslag,
    radar_reeksen,
)
from .gegevens import AntwoordRegel, GemeenteRapport
from .ontwikkelingdeel import ontwikkeling_sectie, verloop
from .opmaak import (
    BREEDTE,
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
from .radar import MIN_RADAR, radar
from .rapportdelen import concept_regel, gemaakt_op, over_de_zelfscan

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
    verhaal += notities(r) + stemmingdeel.sectie(r.stemming, r.naam)
    if r.verbeterpunten:
        verhaal += actielijst(r)
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
        gemaakt=gemaakt_op(m),
        concept=concept_regel(m),
    )


# --- samenvatting -------------------------------------------------------------------------------


def samenvatting(r: GemeenteRapport) -> list:
    uit: list = [Kop("Samenvatting", sleutel="samenvatting")]
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


def totaalbeeld(r: GemeenteRapport) -> list:
    if len(r.themas) < MIN_RADAR:
        return []
    labels, reeksen = radar_reeksen(r)
    uitleg = (
        "Elke spaak is een thema. Hoe verder naar buiten, hoe beter het geregeld is: 0 op het "
        "kleine binnenste cirkeltje (zo valt een 0 niet weg), 100 aan de rand. De thema's staan "
        "per onderdeel bij elkaar; een donkerder lijn scheidt twee onderdelen en het nummer aan "
        "de rand is het nummer van het onderdeel. De doorgetrokken lijn met het "
        f"vlak is {tekst(r.naam)}"
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
        radar(
            labels,
            reeksen,
            groepen=grafiekstijl.radar_groepen(r.onderdelen),
            breedte=BREEDTE,
            hoogte=HOOGTE - 110,
        ),
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


def _verbeterpunt(vp, r: GemeenteRapport) -> KeepTogether:
    reden = _reden(vp)
    if vp.prioriteit == VEILIGHEID:
        reden += " Prioriteit veiligheid: hier lopen mensen direct gevaar."
    blok = [p(f"{vp.rang}. {tekst(vp.thema.titel)}", "Kop3"), pt(reden, "Zacht")]
    if vp.adviezen:
        # Each step beside the answer it should move: advice and weak answer belong together.
        for a in vp.adviezen:
            blok.append(
                p(
                    f"<b>Volgende stap:</b> {tekst(a.tekst)}<br/><font size='8.5' "
                    f"color='#444444'>Bij: {tekst(aanhalen(a.vraag.tekst))} — antwoord "
                    f"{tekst(aanhalen(a.vraag.antwoord))}</font>",
                    "Kader",
                )
            )
        if vp.verdere_stappen:
            blok.append(p("Daarna:", "Klein"))
            blok += opsomming(
                [
                    f"{tekst(a.tekst)} <font color='#555555'>(bij {tekst(aanhalen(a.vraag.tekst))}"
                    f", antwoord {tekst(aanhalen(a.vraag.antwoord))})</font>"
                    for a in vp.verdere_stappen
                ],
                "OpsommingKlein",
            )
    else:
        blok.append(p(f"<b>Suggestie:</b> {tekst(vp.suggestie)}", "Kader"))
        if vp.zwakke_vragen:
            blok.append(p("Wat de score omlaag trok:", "Klein"))
            blok += opsomming([_vraag_met_antwoord(a) for a in vp.zwakke_vragen], "OpsommingKlein")
    if vp.bespreekpunten:
        blok.append(p("In de sessie gemarkeerd als bespreekpunt:", "Klein"))
        blok += opsomming([tekst(a.tekst) for a in vp.bespreekpunten], "OpsommingKlein")
    ambitie = ambitie_bij(r, vp.thema.id)
    blok.append(
        p(
            f"<b>Wie:</b> {tekst(WIE_TEKST.get(vp.wie, vp.wie))}. <b>Ambitie:</b> "
            + (
                tekst(ambitie_tekst(ambitie))
                if ambitie
                else "<font color='#A03A12'><b>nog geen ambitie vastgelegd</b></font>"
            ),
            "Klein",
        )
    )
    blok.append(Spacer(1, 3 * mm))
    return KeepTogether(blok)


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
        f". Hier staan er hoogstens {regels.verbeterpunten_max}, in deze volgorde: "
        f"{advies.VOLGORDE_REGEL}. Het advies is de volgende stap bij de vragen die het thema "
        "omlaag trekken; waar de vragenlijst die stap niet geeft, een suggestie die past bij "
        "het niveau van het thema."
    )
    uit.append(pt(uitleg))
    if not r.verbeterpunten:
        if any(t.score.score is not None for t in r.themas):
            uit.append(pt(f"{r.naam} heeft geen verbeterpunten."))
        else:
            uit.append(pt(f"Er zijn geen scores voor {r.naam}, dus ook geen verbeterpunten."))
    groepen = [
        ("Wat de gemeente zelf kan doen", "zelf", r.zelf),
        ("Wat samen in de regio moet", "regio", r.regio),
    ]
    for kop, sleutel, punten in groepen:
        if not punten:
            continue
        # Only split when both kinds occur: a list that is all the gemeente's own needs no
        # heading that announces a second part that is not there.
        if r.regio:
            uit.append(Kop(kop, 1, sleutel=f"verbeterpunten-{sleutel}"))
            if sleutel == "regio":
                uit.append(
                    pt(
                        "Deze thema’s hangen af van de regionale partners (zoals Veilig Thuis of "
                        "het regionaal ingekochte aanbod): de gemeente brengt ze in bij de regio.",
                        "Zacht",
                    )
                )
        uit += [_verbeterpunt(vp, r) for vp in punten]
    if r.weggelaten_zin:
        uit.append(pt(r.weggelaten_zin, "Zacht"))
    if r.volgorde_uitleg:
        uit.append(p("Waarom deze volgorde:", "Klein"))
        uit += opsomming([tekst(u) for u in r.volgorde_uitleg], "OpsommingKlein")

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
    rijen = [kopcellen(["Thema", "Ambitie", "Wat de gemeente gaat doen", "Wie", "Wanneer"])]
    for a in ambities:
        rijen.append(
            [
                pt(a.titel, "Cel"),
                pt(a.niveau_label, "Cel"),
                p(lange_tekst(a.tekst), "Cel") if a.tekst else pt("–", "Cel"),
                pt(a.wie or "–", "Cel"),
                pt(a.wanneer or "–", "Cel"),
            ]
        )
    return tabel(rijen, [40 * mm, 24 * mm, BREEDTE - 120 * mm, 30 * mm, 26 * mm])


# --- notities -----------------------------------------------------------------------------------


def _notitie(notitie: str, voor: str = "Notitie"):
    """A note in its shaded box. A short note (the usual one line or two) is one paragraph
    with "Notitie:" in bold; a long or multi-line one is laid out line by line in a box that
    may run on, which keeps the layout time of a maximal note bounded."""
    if len(notitie) <= KORT and "\n" not in notitie:
        return p(f"<b>{tekst(voor)}:</b> {tekst(notitie)}", "Kader")
    return kader(alineas(notitie, "KaderTekst", voor=f"{voor}: "))


def notities(r: GemeenteRapport) -> list:
    uit: list = [
        Kop("Notities en toelichtingen uit de sessie", sleutel="notities"),
        pt(
            "De notities zijn tijdens de gezamenlijke sessie gemaakt: een notitie voor de hele "
            f"subregio {r.meting.subregio_naam}, of een notitie alleen voor {r.naam}. De "
            f"toelichtingen horen bij de antwoorden van {r.naam}."
        ),
    ]
    iets = False
    for o in r.onderdelen:
        for t in o.themas:
            toelichtingen = [a for a in t.antwoorden if a.toelichting]
            if not t.notitie and not t.eigen_notitie and not toelichtingen:
                continue
            iets = True
            blok = [p(tekst(t.thema.titel), "Kop3")]
            if t.notitie:
                blok.append(_notitie(t.notitie))
            if t.eigen_notitie:
                blok.append(_notitie(t.eigen_notitie, f"Notitie voor {r.naam}"))
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
    o = r.ontwikkeling
    vergelijk = o is not None and any(a.vorig for t in r.themas for a in t.antwoorden)
    inleiding = (
        f"Elke vraag van de vragenlijst met het antwoord dat in de sessie voor {r.naam} is "
        "gegeven, en de toelichting als die er is."
    )
    if vergelijk:
        inleiding += (
            f" Ernaast het antwoord van {o.vorige_jaar} bij dezelfde vraag (of de vragen die zij "
            "vervangt); een veranderd antwoord staat vet."
        )
    uit: list = [
        # On the page "Over deze zelfscan" ends on when half of it is still free: a new page
        # left that one two-thirds empty (Zuid-Kennemerland 2026, page 16).
        CondPageBreak(HOOGTE * 0.5),
        Kop("Bijlage: alle vragen en antwoorden", sleutel="bijlage"),
        pt(inleiding),
    ]
    for onderdeel in r.onderdelen:
        uit.append(Kop(onderdeel.titel, 1, sleutel=f"bijlage-{onderdeel.id}"))
        for t in onderdeel.themas:
            kop = ["", t.thema.titel] + ([str(o.vorige_jaar)] if vergelijk else []) + ["Antwoord"]
            rijen = [kopcellen(kop)]
            for nr, a in enumerate(t.antwoorden, start=1):
                vraag = [pt(a.tekst, "Cel")]
                if a.toelichting:
                    vraag.append(Spacer(1, 2))
                    vraag += alineas(a.toelichting, "CelSchuin", voor="Toelichting: ")
                rij = [pt(str(nr), "CelZacht"), vraag]
                if vergelijk:
                    rij.append(pt(a.vorig or "nieuwe vraag", "Cel" if a.vorig else "CelZacht"))
                cel = _antwoord_cel(a)
                if a.veranderd:
                    cel[0] = pt(a.antwoord, "CelVet")
                rijen.append([*rij, cel])
            breedtes = (
                [8 * mm, BREEDTE - 8 * mm - 64 * mm, 28 * mm, 36 * mm]
                if vergelijk
                else [8 * mm, BREEDTE - 8 * mm - 38 * mm, 38 * mm]
            )
            tabel_ = tabel(rijen, breedtes, extra=[("LINEBELOW", (0, 0), (-1, 0), 0.8, ZACHT)])
            tabel_.spaceBefore = 2.5 * mm  # no Spacer: the onderdeel heading keeps with the table
            # A thema's few questions stay on one page; only a table longer than a page (very
            # long toelichtingen) splits, and then its header row repeats.
            uit.append(KeepTogether([tabel_]))
    return uit
