"""The samenvatting of a gemeente report: the generated sentences, as plain text (the layout
escapes them). Takes the gathered :class:`.gegevens.GemeenteRapport`; kept apart from the
gathering so each module keeps one job (and no import runs back to it).
"""

from __future__ import annotations

from ..scores import advies
from ..scores.weergave import aanhalen, datum_nl, getal, meervoud, opsomming


def _titels(regels, maximum: int = 4) -> str:
    namen = [aanhalen(r.thema.titel) for r in regels]
    if len(namen) > maximum:
        rest = len(namen) - (maximum - 1)
        return opsomming([*namen[: maximum - 1], f"nog {rest} andere thema’s"])
    return opsomming(namen)


def samenvatting_gemeente(r) -> tuple[str, ...]:
    """The samenvatting of a :class:`.gegevens.GemeenteRapport` as short paragraphs of plain
    Dutch."""
    zinnen: list[str] = []
    if r.totaal is not None:
        eerste = advies.totaal_zin(r.naam, r.vragenlijst, r.totaal)
        if r.gemiddelde_totaal is not None:
            eerste += (
                f" Het gemiddelde van de {r.aantal_gemeenten} gemeenten in subregio "
                f"{r.meting.subregio_naam} is {getal(r.gemiddelde_totaal)}."
            )
    else:
        eerste = (
            f"Voor {r.naam} is te weinig beantwoord om een totaalscore te geven; de scores per "
            "thema staan verderop."
        )
    eerste += (
        f" Bij {round(r.dekking * 100)}% van de vragen die van toepassing zijn, kon de groep "
        "een niveau kiezen."
    )
    zinnen.append(eerste)

    gescoord = [t for t in r.themas if t.score.score is not None]
    if gescoord:
        hoogste = max(t.score.score for t in gescoord)
        laagste = min(t.score.score for t in gescoord)
        sterk = [t for t in gescoord if t.score.score == hoogste]
        zwak = [t for t in gescoord if t.score.score == laagste]
        if hoogste == laagste:
            zinnen.append(f"Alle thema’s met een score scoren {getal(hoogste)}.")
        else:
            werkwoord_s = "is" if len(sterk) == 1 else "zijn"
            werkwoord_z = "is" if len(zwak) == 1 else "zijn"
            zinnen.append(
                f"Het sterkst {werkwoord_s} {_titels(sterk, 3)} ({getal(hoogste)}), het zwakst "
                f"{werkwoord_z} {_titels(zwak, 3)} ({getal(laagste)})."
            )

    if r.verbeterpunten:
        zinnen.append(_verbeterpunten_zin(r))
        if r.weggelaten_zin:
            zinnen.append(r.weggelaten_zin)
    elif gescoord:
        grens = getal(r.vragenlijst.regels.verbeterpunt_onder)
        zinnen.append(f"Er zijn geen verbeterpunten: geen thema scoort lager dan {grens}.")
    else:
        zinnen.append("Zonder scores zijn er ook geen verbeterpunten.")

    weet_niet = r.vragenlijst.schaal.weet_niet.label.lower()
    beantwoord = sum(t.score.aantal_vragen - t.score.aantal_open for t in r.themas)
    if r.zicht_ontbreekt:
        zinnen.append(
            f"Bij {meervoud(len(r.zicht_ontbreekt), 'thema', 'thema’s')} kon de groep vaak niet "
            f"zeggen hoe het ervoor staat: {_titels(r.zicht_ontbreekt, 6)}. Dat is zelf een "
            "bevinding: daar ontbreekt zicht op de praktijk."
        )
    if r.aantal_weet_niet:
        zinnen.append(
            f"In totaal is {meervoud(r.aantal_weet_niet, 'keer', 'keer')} {aanhalen(weet_niet)} "
            f"geantwoord, op {len(r.vragenlijst.vragen)} vragen. Die vragen tellen niet mee in de "
            "score: de score zegt alleen iets over wat de groep wél kon beoordelen."
        )
    elif beantwoord:
        zinnen.append(f"De groep kon elke vraag beantwoorden zonder {aanhalen(weet_niet)}.")
    if r.onvoldoende:
        zinnen.append(
            f"Bij {_titels(r.onvoldoende, 6)} is te weinig beantwoord voor een score "
            "(onvoldoende beantwoord)."
        )
    if r.aantal_open:
        zinnen.append(f"{meervoud(r.aantal_open, 'vraag is', 'vragen zijn')} nog niet beantwoord.")
    if r.onbevestigd:
        zinnen.append(
            f"{meervoud(r.onbevestigd, 'antwoord is', 'antwoorden zijn')} overgenomen van de "
            "vorige meting en nog niet bevestigd; die tellen niet mee."
        )

    o = r.ontwikkeling
    if o is not None:
        zinnen.append(_ontwikkeling_zin(r, o))
    return tuple(zinnen)


def _verbeterpunten_zin(r) -> str:
    n = len(r.verbeterpunten)
    zin = "Er is 1 verbeterpunt" if n == 1 else f"Er zijn {n} verbeterpunten"
    if r.regio:
        delen = [
            f"wat samen in de regio moet: {opsomming([aanhalen(v.thema.titel) for v in r.regio])}"
        ]
        if r.zelf:
            delen.insert(
                0,
                "wat de gemeente zelf kan doen: "
                + opsomming([aanhalen(v.thema.titel) for v in r.zelf]),
            )
        rest = "; ".join(delen)
        zin += ". " + rest[0].upper() + rest[1:]
    else:
        zin += ": " + opsomming([aanhalen(v.thema.titel) for v in r.verbeterpunten])
    return f"{zin}. Bij elk staat verderop de volgende stap."


def _ontwikkeling_zin(r, o) -> str:
    zin = (
        f"Sinds de vorige meting ({o.vorige_titel}, {datum_nl(o.vorige_datum)}) is {r.naam} "
        f"op {meervoud(len(o.omhoog), 'thema', 'thema’s')} gestegen en op {len(o.omlaag)} "
        f"gedaald; {len(o.gelijk)} bleven gelijk. Een thema telt pas als gestegen of gedaald "
        "als het meer veranderde dan één stap op één vraag kan geven. Per vraag: "
        f"{o.uitkomst.vragen_omhoog} omhoog, {o.uitkomst.vragen_omlaag} omlaag en "
        f"{o.uitkomst.vragen_gelijk} gelijk."
    )
    if o.vorige_totaal is not None and r.totaal is not None:
        zin += f" De totaalscore was {getal(o.vorige_totaal)} en is nu {getal(r.totaal)}."
    if o.ambities:
        zin += (
            f" Van de {meervoud(len(o.ambities), 'ambitie', 'ambities')} die toen zijn "
            f"gesteld, {'is' if len(o.gehaald) == 1 else 'zijn'} er {len(o.gehaald)} gehaald."
        )
    return zin
