"""The gemeente report's comparison with earlier metingen: the development since the previous
meting (radar, table with totaal and onderdelen, ambities, what could not be compared) and the
course over three or more metingen. Layout only, like :mod:`.gemeenterapport`."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Spacer,
)

from ..grafieken import grafiekstijl
from ..scores import advies, ontwikkeling, weergave
from ..scores.weergave import aanhalen, datum_nl, getal, meervoud, verschil_tekst
from .document import Kop
from .gegevens import GEHAALD, NIET_GEHAALD, GemeenteRapport
from .opmaak import (
    BAND_KLEUR,
    BREEDTE,
    HOOGTE,
    ONDERDEELRIJ,
    kopcellen,
    lange_tekst,
    opsomming,
    p,
    pt,
    tabel,
    tekst,
)
from .radar import MIN_RADAR, radar
from .trend import trend as trendgrafiek

# --- ontwikkeling -------------------------------------------------------------------------------


def _ambitie_extra(a) -> str:
    """Who was to carry the ambitie and by when, and what the gemeente meant to do."""
    uit = ""
    delen = [f"Wie: {a.wie}" if a.wie else "", f"Wanneer: {a.wanneer}" if a.wanneer else ""]
    if any(delen):
        uit += "<br/>" + tekst("; ".join(d for d in delen if d))
    if a.tekst:
        uit += f"<br/><i>{lange_tekst(a.tekst)}</i>"
    return uit


def ontwikkeling_sectie(r: GemeenteRapport) -> list:
    o = r.ontwikkeling
    assert o is not None
    uit: list = [Kop("Ontwikkeling sinds de vorige meting", sleutel="ontwikkeling")]
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
        + ". In de tabel betekent ▲ gestegen, ▼ gedaald en = gelijk, volgens deze regel: "
        f"{advies.VERANDERING_REGEL} De kolom Vragen telt de vragen die omhoog (↑), omlaag (↓) "
        "of gelijk (=) gingen. Een ambitie is gehaald als de score nu minstens het niveau van de "
        "ambitie is."
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
        groepen = grafiekstijl.radar_groepen(r.onderdelen)
        uit += [
            radar(labels, lijnen, groepen=groepen, breedte=BREEDTE, hoogte=HOOGTE - 110),
            PageBreak(),
        ]

    kop = [
        "Onderdeel / thema",
        "Vorige",
        "Nu",
        "Verschil",
        "Vragen",
        "Ambitie van de vorige meting",
    ]
    rijen = [kopcellen(kop, rechts=(1, 2, 3))]
    extra = []
    vorig = o.uitkomst

    def samen(titel: str, vorige: float | None, nu: float | None, stijl: str) -> None:
        # The totaal and the onderdelen: each meting's own score, beside each other.
        i = len(rijen)
        rijen.append(
            [
                pt(titel, stijl),
                pt(getal(vorige), "CelKRechts"),
                pt(getal(nu), "CelKRechts"),
                pt("", "CelK"),
                pt("", "CelK"),
                pt("", "CelK"),
            ]
        )
        extra.append(("BACKGROUND", (0, i), (-1, i), ONDERDEELRIJ))

    samen("Totaalscore", o.vorige_totaal, r.totaal, "CelKVet")
    per_thema = {rij.thema_id: rij for rij in o.regels}
    for onderdeel in r.onderdelen:
        samen(onderdeel.titel, vorig.vorige_onderdeel(onderdeel.id), onderdeel.score, "CelKVet")
        for t in onderdeel.themas:
            rij = per_thema[t.thema.id]
            i = len(rijen)
            ambitie = ""
            if rij.ambitie is not None:
                ambitie = (
                    f"{aanhalen(rij.ambitie.niveau_label)} ({getal(rij.ambitie_score)}): "
                    f"{rij.status}"
                )
            v = rij.verandering
            vragen = f"↑{v.omhoog} ↓{v.omlaag} ={v.gelijk}" if v and v.richting else "–"
            titel = rij.titel
            if v and v.gescoord_veranderd:
                titel += (
                    f" (nu {v.gescoord_huidige} vragen met een niveau, was {v.gescoord_vorige})"
                )
            rijen.append(
                [
                    pt(titel, "CelK"),
                    pt(getal(rij.vorige), "CelKRechts"),
                    pt(getal(rij.huidige), "CelKRechts"),
                    pt(f"{rij.pijl} {verschil_tekst(rij.verschil)}".strip(), "CelKRechts"),
                    pt(vragen, "CelK"),
                    pt(ambitie, "CelKVet" if rij.status == GEHAALD else "CelK"),
                ]
            )
            extra.append(("LEFTPADDING", (0, i), (0, i), 12))
            if rij.status == GEHAALD:
                extra.append(("BACKGROUND", (5, i), (5, i), BAND_KLEUR["sterk"]))
            elif rij.status == NIET_GEHAALD:
                extra.append(("BACKGROUND", (5, i), (5, i), BAND_KLEUR["midden"]))
    extra += [("TOPPADDING", (0, 1), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 3)]
    uit += [
        Kop("Verschil per thema", 1, sleutel="verschil"),
        pt(
            "Totaal en onderdelen: de score van elke meting met haar eigen vragen. Thema’s: "
            "vergeleken over de vragen die in beide metingen voorkwamen.",
            "Zacht",
        ),
        tabel(
            rijen, [BREEDTE - 107 * mm, 14 * mm, 12 * mm, 17 * mm, 22 * mm, 42 * mm], extra=extra
        ),
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
            # The verdict in bold, then why: "niet gehaald: nu ‘In ontwikkeling’ (33), …".
            oordeel, _, waarom = rij.reden.partition(": ")
            items.append(
                f"<b>{tekst(rij.ambitie.titel)}</b> – <b>{tekst(oordeel)}</b>: {tekst(waarom)}."
                + _ambitie_extra(rij.ambitie)
            )
        for a in o.vervallen_ambities:
            oordeel, _, waarom = ontwikkeling.VERVALLEN_REDEN.partition(": ")
            items.append(
                f"<b>{tekst(a.titel)}</b> – ambitie {tekst(aanhalen(a.niveau_label))}: "
                f"<b>{tekst(oordeel)}</b>: {tekst(waarom)}." + _ambitie_extra(a)
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
    if niet:
        uit.append(Kop("Wat niet vergeleken kon worden", 1, sleutel="niet-vergeleken"))
        uit += opsomming(niet, "OpsommingKlein")
    else:
        # One sentence needs no heading (nor a page of its own).
        zin = "Alle thema’s en vragen kwamen in beide metingen voor"
        zin += f" (dezelfde vragenlijst, versie {o.vorige_versie})." if o.zelfde_versie else "."
        uit.append(pt(zin, "Zacht"))
    uit += _veranderd(r)
    # The next section starts on this page when much of it is left: a long list of changed
    # answers otherwise leaves a near-empty page behind.
    uit.append(CondPageBreak(HOOGTE * 0.45))
    return uit


def _veranderd(r: GemeenteRapport) -> list:
    """The vragen whose answer changed since last time: what the room judged differently."""
    veranderd = r.veranderde_antwoorden
    jaar = r.ontwikkeling.vorige_jaar
    uit: list = [Kop("Vragen met een ander antwoord", 1, sleutel="veranderd")]
    if not veranderd:
        return [*uit, pt(f"Bij geen enkele vraag is het antwoord anders dan in {jaar}.")]
    uit.append(
        pt(
            f"{meervoud(len(veranderd), 'vraag heeft', 'vragen hebben')} nu een ander antwoord "
            f"dan in {jaar}. Overgenomen antwoorden die niemand bevestigde tellen niet mee."
        )
    )
    rijen = [kopcellen(["Thema", "Vraag", str(jaar), "Nu"])]
    for t, a in veranderd:
        rijen.append(
            [
                pt(t.thema.label, "CelK"),
                pt(a.tekst, "CelK"),
                pt(a.vorig, "CelK"),
                pt(a.antwoord, "CelKVet"),
            ]
        )
    uit.append(tabel(rijen, [34 * mm, BREEDTE - 34 * mm - 56 * mm, 28 * mm, 28 * mm]))
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
        # A section of its own page (chart and table): a new page unless this one is still empty.
        CondPageBreak(HOOGTE * 0.95),
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
