"""The report sections of the room's votes (issue 19): layout only; what they say comes from
:mod:`.stemminggegevens`. A meting without votes gets no section."""

from __future__ import annotations

from ..scores.weergave import aanhalen, meervoud
from .document import Kop
from .opmaak import opsomming, pt, tekst
from .stemminggegevens import Stemming, SubregioVerdeeld


def aandeel_zin(s: Stemming) -> str:
    """How many answers were settled after a vote, in Dutch that also reads right for one."""
    procent = f"({round(100 * s.aandeel)}%)"
    if s.beantwoord == 1:
        return (
            f"Het enige gegeven antwoord is vastgesteld na een stemming {procent}."
            if s.uit_stemmen
            else f"Het enige gegeven antwoord is niet na een stemming vastgesteld {procent}."
        )
    werkwoord = "is" if s.uit_stemmen == 1 else "zijn"
    return (
        f"Van de {s.beantwoord} gegeven antwoorden {werkwoord} er {s.uit_stemmen} vastgesteld "
        f"na een stemming {procent}."
    )


def sectie(s: Stemming | None, naam: str) -> list:
    """The gemeente report's section; nothing when nobody voted for this gemeente."""
    if s is None:
        return []
    uit: list = [
        Kop("Wat de aanwezigen stemden", sleutel="stemming"),
        pt(
            f"Tijdens de sessie stemden de aanwezigen met hun telefoon over "
            f"{meervoud(s.vragen_met_stemmen, 'vraag', 'vragen')} voor {naam}. "
            f"{aandeel_zin(s)} Namen van wie stemde zijn niet bewaard."
        ),
    ]
    if not s.verdeeld:
        uit.append(pt("Bij geen enkele vraag waren de aanwezigen sterk verdeeld."))
        return uit
    uit.append(
        pt(
            "De aanwezigen waren verdeeld bij deze vragen: een kwart of meer van de stemmen lag "
            "twee niveaus of verder van het antwoord van de zaal. Dat is een goed gesprek waard."
        )
    )
    uit += opsomming(
        [
            f"{tekst(v.tekst)} <font color='#555555'>— {tekst(v.verdeling)}"
            + (f"; vastgesteld: {tekst(aanhalen(v.vastgesteld))}" if v.vastgesteld else "")
            + "</font>"
            for v in s.verdeeld
        ]
    )
    if s.aantal_verdeeld > len(s.verdeeld):
        nog = s.aantal_verdeeld - len(s.verdeeld)
        uit.append(pt(f"En nog {meervoud(nog, 'vraag was', 'vragen waren')} verdeeld."))
    return uit


def subregio_sectie(verdeeld: tuple[SubregioVerdeeld, ...], subregio: str) -> list:
    """The overview's section; nothing when nobody voted or nobody disagreed."""
    if not verdeeld:
        return []
    return [
        Kop("Waar de aanwezigen het meest verdeeld waren", sleutel="stemming"),
        pt(
            f"Bij deze vragen lagen de stemmen van de aanwezigen in subregio {subregio} het verst "
            "uit elkaar, in de meeste gemeenten eerst."
        ),
        *opsomming(
            [
                f"{tekst(v.tekst)} <font color='#555555'>— {tekst(', '.join(v.gemeenten))}</font>"
                for v in verdeeld
            ]
        ),
    ]
