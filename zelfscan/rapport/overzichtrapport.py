"""The overview of a meting for the project lead and the stuurgroep: layout only."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak, Spacer

from ..scores import advies, ontwikkeling, resultaten, scoring, weergave
from ..scores.weergave import aanhalen, datum_nl, getal, meervoud, verschil_tekst
from . import stemmingdeel
from .document import Kop, bouw, inhoudsopgave
from .gegevens import GEHAALD, NIET_GEHAALD
from .heatmap import heatmap as heatmap_tekening
from .opmaak import (
    BAND_KLEUR,
    BREEDTE,
    HOOGTE,
    ONDERDEELRIJ,
    band_kleur,
    band_woord,
    breedtes_voor,
    kopcellen,
    lange_tekst,
    legenda,
    opsomming,
    p,
    pt,
    tabel,
    tekst,
)
from .overzichtgegevens import OverzichtRapport
from .rapportdelen import (
    agenda_sectie,
    concept_regel,
    gegevens_tabel,
    gemaakt_op,
    meldingen,
    omslag_gegevens,
    over_de_zelfscan,
)


def maak(r: OverzichtRapport) -> bytes:
    verhaal: list = []
    verhaal += omslag(r)
    verhaal += samenvatting(r)
    verhaal += heatmap(r)
    verhaal += zwak(r) + stemmingdeel.subregio_sectie(r.verdeeld, r.meting.subregio_naam)
    if r.resultaat.agenda:
        verhaal += agenda_sectie(r.vragenlijst, r.resultaat.agenda)
    verhaal += per_gemeente(r)
    if r.vorige_titel:
        verhaal += ontwikkeling_sectie(r)
    verhaal += scoretabel(r)
    verhaal += [PageBreak(), *over_de_zelfscan(r.meting, r.vragenlijst, r.deelnemers)]
    m = r.meting
    return bouw(
        verhaal,
        titel=r.titel,
        onderwerp=(
            f"Overzicht van de zelfscan Werken aan Veiligheid voor subregio {m.subregio_naam} "
            f"({m.titel}, {datum_nl(m.datum)}): scores per thema en gemeente"
        ),
        kop_links=f"Zelfscan Werken aan Veiligheid – overzicht {m.subregio_naam}",
        kop_rechts=m.titel,
        gemaakt=gemaakt_op(m),
        concept=concept_regel(m),
    )


def omslag(r: OverzichtRapport) -> list:
    m = r.meting
    rijen = omslag_gegevens(m, r.vragenlijst)
    rijen.insert(1, ("Gemeenten", weergave.opsomming([g.naam for g in r.gemeenten])))
    if r.vorige_titel:
        rijen.insert(4, ("Vorige meting", r.vorige_titel))
    return [
        Spacer(1, 18 * mm),
        pt(
            "Zelfscan Werken aan Veiligheid · overzicht voor projectleiding en stuurgroep",
            "Omslagboven",
        ),
        pt(f"Subregio {m.subregio_naam}", "Omslagtitel"),
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


def samenvatting(r: OverzichtRapport) -> list:
    uit: list = [Kop("Samenvatting", sleutel="samenvatting")]
    uit += [pt(zin, "Samenvatting") for zin in r.samenvatting]
    vervolg = r.vorige_titel is not None
    kop = ["Gemeente", "Totaal", "Kleur", "Beantwoord", "Verbeterpunten", "Zicht ontbreekt"]
    breedtes = [0, 14 * mm, 16 * mm, 20 * mm, 20 * mm, 20 * mm]
    if vervolg:
        kop.append("▲ / ▼ sinds vorige")
        breedtes.append(24 * mm)
    breedtes = breedtes_voor(kop, breedtes)
    rijen = [kopcellen(kop, rechts=(1, 3, 4, 5, 6))]
    extra = []
    for g in r.gemeenten:
        i = len(rijen)
        rij = [
            pt(g.naam, "Cel"),
            pt(getal(g.totaal), "CelRechts"),
            pt(band_woord(g.totaal), "Cel"),
            pt(f"{round(g.dekking * 100)}%", "CelRechts"),
            pt(str(len(g.verbeterpunten)), "CelRechts"),
            pt(
                meervoud(len(g.zicht_ontbreekt), "thema", "thema’s") if g.zicht_ontbreekt else "–",
                "CelRechts",
            ),
        ]
        if vervolg:
            o = g.ontwikkeling
            rij.append(pt(f"{len(o.omhoog)} / {len(o.omlaag)}" if o else "–", "CelRechts"))
        rijen.append(rij)
        if (kleur := band_kleur(g.totaal)) is not None:
            extra.append(("BACKGROUND", (1, i), (2, i), kleur))
    uit += [
        Spacer(1, 2 * mm),
        KeepTogether([p("De gemeenten", "Kop3"), tabel(rijen, breedtes, extra=extra)]),
        p(
            "Totaal: de totaalscore (0–100). Beantwoord: het deel van de vragen dat met een "
            "niveau is beantwoord. Zicht ontbreekt: thema’s waar de groep vaak ‘weet niet’ "
            "antwoordde.",
            "Zacht",
        ),
        PageBreak(),
    ]
    return uit


def heatmap(r: OverzichtRapport) -> list:
    themas = r.vragenlijst.themas
    gemeenten = r.resultaat.gemeenten
    # As on the web page: the thema's down the rows, so the grid fits a portrait page.
    waarden = [[g.scores.thema(t.id).score for g in gemeenten] for t in themas]
    return [
        Kop("Scores per thema en gemeente", sleutel="heatmap"),
        pt(
            "Elk vakje is de score (0–100) van een gemeente op een thema, in de kleur van de "
            "band zoals in de tabellen. Het rondje voor het getal zegt hetzelfde zonder kleur: "
            "vol is sterk, half is midden, leeg is zwak (zie de sleutel naast de figuur). "
            "Een grijs gearceerd vakje met een streepje betekent: geen score "
            "(onvoldoende beantwoord of n.v.t.). Dezelfde getallen staan, met het gemiddelde "
            "en de spreiding, in de tabel ‘Scores in cijfers’."
        ),
        Spacer(1, 2 * mm),
        heatmap_tekening(
            [t.label for t in themas],
            [g.naam for g in gemeenten],
            waarden,
            breedte=BREEDTE,
            hoogte=HOOGTE - 100,
        ),
        PageBreak(),
    ]


def _adviezen(vp) -> tuple[str, ...]:
    return tuple(a.tekst for a in vp.adviezen) or (vp.suggestie,)


def zwak(r: OverzichtRapport) -> list:
    meerdere = len(r.gemeenten) > 1
    ondergrens = resultaten.BANDEN[-1][2]
    uit: list = [Kop("Zwak in de hele subregio" if meerdere else "Zwak", sleutel="zwak")]
    if meerdere:
        uitleg = (
            f"{resultaten.ZWAK_REGEL} Omdat ze elke gemeente raken, lenen deze thema’s zich voor "
            "een gezamenlijke aanpak."
        )
    else:
        uitleg = f"De thema’s die voor deze gemeente {ondergrens} scoren."
    uit.append(pt(uitleg))
    if not r.zwak:
        uit.append(pt(f"Er is geen thema dat bij alle gemeenten {ondergrens} scoort."))
    for thema in r.zwak:
        spreiding = r.resultaat.per_thema[thema.id]
        wie, adviezen = [], {}
        for g in r.gemeenten:
            score = g.thema_score(thema.id)
            if score is None:
                continue
            wie.append(f"{g.naam} ({getal(score)})")
            vp = next(
                (v for v in (*g.verbeterpunten, *g.weggelaten) if v.thema.id == thema.id), None
            )
            for advies_tekst in _adviezen(vp) if vp else ():
                adviezen.setdefault(advies_tekst, []).append(g.naam)
        blok = [
            p(tekst(thema.titel), "Kop3"),
            pt(
                f"Scores: {weergave.opsomming(wie)}"
                + (f"; gemiddelde subregio {getal(spreiding.gemiddelde)}." if meerdere else "."),
                "Zacht",
            ),
        ]
        for advies_tekst, namen in adviezen.items():
            voor = f" ({weergave.opsomming(namen)})" if meerdere and len(namen) < len(wie) else ""
            blok.append(p(f"<b>Volgende stap{tekst(voor)}:</b> {tekst(advies_tekst)}", "Kader"))
        for naam, notitie in r.notities.get(thema.id, ()):
            voor_wie = "alle gemeenten" if naam is None else f"alleen {naam}"
            blok.append(
                p(
                    f"<b>Notitie uit de sessie ({tekst(voor_wie)}):</b> {lange_tekst(notitie)}",
                    "Klein",
                )
            )
        uit.append(KeepTogether(blok))
    # Without a thema to show, the next section follows on this page.
    uit.append(PageBreak() if r.zwak else Spacer(1, 6 * mm))
    return uit


def per_gemeente(r: OverzichtRapport) -> list:
    uit: list = [Kop("Per gemeente", sleutel="gemeenten")]
    uit.append(
        pt(
            "Per gemeente in het kort. Elke gemeente heeft een eigen rapport met alle scores, de "
            "suggesties bij de verbeterpunten en alle antwoorden."
        )
    )
    for g in r.gemeenten:
        punten = []
        totaal = f"Totaalscore {getal(g.totaal)}"
        if g.gemiddelde_totaal is not None:
            totaal += f" (gemiddelde subregio {getal(g.gemiddelde_totaal)})"
        punten.append(
            f"{totaal}; {round(g.dekking * 100)}% van de vragen met een niveau beantwoord."
        )
        gescoord = [t for t in g.themas if t.score.score is not None]
        if gescoord:
            sterk = sorted(gescoord, key=lambda t: -t.score.score)[:3]
            punten.append(
                "Sterkst: "
                + weergave.opsomming(
                    [f"{aanhalen(t.thema.titel)} ({getal(t.score.score)})" for t in sterk]
                )
                + "."
            )
        if g.verbeterpunten:
            punten.append(
                "Verbeterpunten: "
                + weergave.opsomming(
                    [f"{aanhalen(v.thema.titel)} ({getal(v.score)})" for v in g.verbeterpunten]
                )
                + "."
            )
        else:
            punten.append("Geen verbeterpunten.")
        if g.zicht_ontbreekt:
            punten.append(
                "Zicht ontbreekt bij "
                + weergave.opsomming([aanhalen(t.thema.titel) for t in g.zicht_ontbreekt])
                + "."
            )
        if g.onvoldoende:
            punten.append(
                "Onvoldoende beantwoord: "
                + weergave.opsomming([aanhalen(t.thema.titel) for t in g.onvoldoende])
                + "."
            )
        if g.onbevestigd:
            punten.append(
                f"{meervoud(g.onbevestigd, 'antwoord', 'antwoorden')} overgenomen en nog niet "
                "bevestigd (telt niet mee)."
            )
        o = g.ontwikkeling
        if o is not None:
            zin = (
                f"Sinds de vorige meting: {meervoud(len(o.omhoog), 'thema', 'thema’s')} "
                f"gestegen, {len(o.omlaag)} gedaald, {len(o.gelijk)} gelijk."
            )
            if o.ambities:
                zin += f" Ambities gehaald: {len(o.gehaald)} van {len(o.ambities)}."
            punten.append(zin)
        uit.append(
            KeepTogether(
                [
                    Kop(g.naam, 1, sleutel=f"gemeente-{g.cbs}"),
                    *opsomming([tekst(x) for x in punten], "OpsommingKlein"),
                ]
            )
        )
    uit.append(PageBreak())
    return uit


def _gemeente_breedtes(namen, vast: float) -> list[float]:
    """Widths for a thema column and a column per gemeente beside ``vast`` points: gemeente
    columns of 15–20 mm (wider for a long name), the thema column takes the rest."""
    kolom = max(15 * mm, min(20 * mm, (BREEDTE - 70 * mm - vast) / max(len(namen), 1)))
    return breedtes_voor(["Thema", *namen], [0] + [kolom] * len(namen))


def ontwikkeling_sectie(r: OverzichtRapport) -> list:
    uit: list = [
        Kop("Ontwikkeling sinds de vorige meting", sleutel="ontwikkeling"),
        pt(
            f"Verschil per thema en gemeente sinds {aanhalen(r.vorige_titel)}, over de vragen "
            "die in beide metingen voorkwamen. ▲ gestegen, ▼ gedaald, = gelijk. "
            f"{advies.VERANDERING_REGEL} Een lichtgroen vakje: de ambitie voor dat thema is "
            "gehaald; lichtgeel: nog niet gehaald. De laatste kolom is de subregio: het "
            "gemiddelde verschil van de gemeenten met een score in beide metingen (elke gemeente "
            f"één keer), met de pijl volgens deze regel: {ontwikkeling.BEWEGING_REGEL}"
        ),
    ]
    gemeenten = r.gemeenten
    breedtes = _gemeente_breedtes([g.naam for g in gemeenten] + ["Subregio"], 0)
    rijen = [kopcellen(["Thema", *[g.naam for g in gemeenten], "Subregio"], rechts=range(1, 99))]
    # The subregio's movement by the rule the web results use.
    beweging = ontwikkeling.beweging([g.ontwikkeling.uitkomst for g in gemeenten if g.ontwikkeling])
    extra = []
    for nr, thema in enumerate(r.vragenlijst.themas):
        i = len(rijen)
        rij = [pt(thema.titel, "CelK")]
        for j, g in enumerate(gemeenten, start=1):
            regel = g.ontwikkeling.regels[nr] if g.ontwikkeling else None
            if regel is None:
                rij.append(pt("–", "CelKRechts"))
                continue
            rij.append(pt(f"{regel.pijl} {verschil_tekst(regel.verschil)}".strip(), "CelKRechts"))
            if regel.status == GEHAALD:
                extra.append(("BACKGROUND", (j, i), (j, i), BAND_KLEUR["sterk"]))
            elif regel.status == NIET_GEHAALD:
                extra.append(("BACKGROUND", (j, i), (j, i), BAND_KLEUR["midden"]))
        b = beweging.get(thema.id)
        subregio = f"{b.pijl} {verschil_tekst(b.gemiddeld_verschil)}".strip() if b else "–"
        rij.append(p(f"<b>{tekst(subregio)}</b>", "CelKRechts"))
        rijen.append(rij)
    extra += [("TOPPADDING", (0, 1), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 3)]
    uit.append(tabel(rijen, breedtes, extra=extra))

    ambities = [
        (g, regel) for g in gemeenten if g.ontwikkeling for regel in g.ontwikkeling.ambities
    ]
    if ambities:
        rijen = [kopcellen(["Gemeente", "Thema", "Ambitie", "Nu", "Gehaald?"], rechts=(3,))]
        extra = []
        for g, regel in ambities:
            i = len(rijen)
            nu = next(t for t in g.themas if t.thema.id == regel.thema_id).score.score
            rijen.append(
                [
                    pt(g.naam, "CelK"),
                    pt(regel.titel, "CelK"),
                    pt(f"{regel.ambitie.niveau_label} ({getal(regel.ambitie_score)})", "CelK"),
                    pt(getal(nu), "CelKRechts"),
                    pt(regel.status, "CelKVet" if regel.status == GEHAALD else "CelK"),
                ]
            )
            if regel.status == GEHAALD:
                extra.append(("BACKGROUND", (4, i), (4, i), BAND_KLEUR["sterk"]))
            elif regel.status == NIET_GEHAALD:
                extra.append(("BACKGROUND", (4, i), (4, i), BAND_KLEUR["midden"]))
        uit.append(
            KeepTogether(
                [
                    Kop("De ambities van de vorige meting", 1, sleutel="ambities"),
                    tabel(
                        rijen,
                        [28 * mm, BREEDTE - 118 * mm, 38 * mm, 14 * mm, 38 * mm],
                        extra=extra,
                    ),
                ]
            )
        )
    uit.append(PageBreak())
    return uit


def scoretabel(r: OverzichtRapport) -> list:
    gemeenten = r.resultaat.gemeenten
    meerdere = len(gemeenten) > 1
    kop = ["Onderdeel / thema", *[g.naam for g in gemeenten]]
    breedtes = _gemeente_breedtes([g.naam for g in gemeenten], 40 * mm if meerdere else 0)
    if meerdere:
        kop += ["Gemiddeld", "Spreiding"]
        breedtes += [19 * mm, 19 * mm]
    breedtes = breedtes_voor(kop, breedtes)
    # In a narrow first column the short labels (as in the heatmap) keep a row on one line.
    kort = breedtes[0] < 62 * mm
    rijen = [kopcellen(kop, rechts=range(1, 99))]
    extra = []
    for o in r.vragenlijst.onderdelen:
        i = len(rijen)
        rij = [pt(o.titel, "CelKVet")]
        for g in gemeenten:
            rij.append(pt(getal(g.scores.onderdeel(o.id).score), "CelKRechts"))
        if meerdere:
            s = r.resultaat.per_onderdeel[o.id]
            rij += [pt(getal(s.gemiddelde), "CelKRechts"), pt(_spreiding(s), "CelKRechts")]
        rijen.append(rij)
        extra.append(("BACKGROUND", (0, i), (-1, i), ONDERDEELRIJ))
        for t in o.themas:
            i = len(rijen)
            rij = [pt(t.label if kort else t.titel, "CelK")]
            for j, g in enumerate(gemeenten, start=1):
                ts = g.scores.thema(t.id)
                rij.append(pt(getal(ts.score), "CelKRechts"))
                if (kleur := band_kleur(ts.score)) is not None:
                    extra.append(("BACKGROUND", (j, i), (j, i), kleur))
            if meerdere:
                s = r.resultaat.per_thema[t.id]
                rij += [pt(getal(s.gemiddelde), "CelKRechts"), pt(_spreiding(s), "CelKRechts")]
            rijen.append(rij)
            extra.append(("LEFTPADDING", (0, i), (0, i), 12))
    extra += [("TOPPADDING", (0, 1), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 3)]
    return [
        Kop("Scores in cijfers", sleutel="cijfers"),
        pt(
            "De scores per thema en gemeente"
            + (
                ", met het gemiddelde en de spreiding (laagste–hoogste) in de subregio."
                if meerdere
                else "."
            )
        ),
        *legenda(r.vragenlijst.schaal, r.vragenlijst.regels, woord=False),
        Spacer(1, 1 * mm),
        tabel(rijen, breedtes, extra=extra),
    ]


def _spreiding(s: scoring.Spreiding) -> str:
    if s.minimum is None:
        return "–"
    return f"{getal(s.minimum)}–{getal(s.maximum)}"
