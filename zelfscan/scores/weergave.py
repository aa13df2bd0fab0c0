"""Numbers, dates and lists as a Dutch reader expects them, for sentences on pages and in reports:
"12 oktober 2021", "a, b en c", a whole-number score or a dash, +12 and −3 with a real minus.

Pure and locale-free: the same text on every machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from ..opslag.regels import datum_tekst  # the store's refusals write dates the same way
from . import scoring


def datum_nl(dag: date) -> str:
    """12 oktober 2021 (no locale: the same on every machine)."""
    return datum_tekst(dag)


def wanneer_tekst(wanneer: str | None) -> str:
    """By when, as stored (regels.wanneer), for a reader: '2027-Q2' → 'Q2 2027', '2027-06-30'
    → '30 juni 2027'; '' when not given."""
    if not wanneer:
        return ""
    jaar, _, rest = wanneer.partition("-")
    if rest.startswith("Q"):
        return f"{rest} {jaar}"
    try:
        return datum_tekst(date.fromisoformat(wanneer))
    except ValueError:  # not as the store writes it: shown as it is
        return wanneer


def opsomming(items: Sequence[str], voegwoord: str = "en") -> str:
    """'a', 'a en b', 'a, b en c'."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {voegwoord} {items[-1]}"


def aanhalen(tekst: str) -> str:
    return f"‘{tekst}’"


def meervoud(aantal: int, enkel: str, meer: str) -> str:
    return f"{aantal} {enkel if aantal == 1 else meer}"


def getal(score: float | None) -> str:
    """A score as people read it: a whole number, or a dash when there is none."""
    return "–" if score is None else str(scoring.afgerond(score))


def verschil_tekst(verschil: float | None) -> str:
    """+12, −3, 0 (a real minus sign), or a dash."""
    if verschil is None:
        return "–"
    afgerond = scoring.afgerond(verschil)
    if afgerond > 0:
        return f"+{afgerond}"
    if afgerond < 0:
        return f"−{-afgerond}"
    return "0"


def duur_tekst(minuten: int) -> str:
    """'ca. 2 uur 30', 'ca. 2 uur', 'ca. 45 minuten': rounded to 5 minutes, as an estimate."""
    minuten = max(5, 5 * round(minuten / 5))
    uren, rest = divmod(minuten, 60)
    if not uren:
        return f"ca. {rest} minuten"
    return f"ca. {uren} uur" + (f" {rest:02d}" if rest else "")


def nog_duur(vragenlijst, aantal_gemeenten: int, klaar: Iterable[str]) -> str | None:
    """'nog ca. 1 uur 10': the duur of the thema's not yet ``klaar`` (ids) for this many
    gemeenten; None when the vragenlijst gives no duur, or nothing with a duur is left."""
    if vragenlijst.duur(aantal_gemeenten) is None:
        return None
    klaar = set(klaar)
    minuten = sum(
        t.duur.minuten(aantal_gemeenten)
        for t in vragenlijst.themas
        if t.duur is not None and t.id not in klaar
    )
    return f"nog {duur_tekst(minuten)}" if minuten else None


def duur_zin(vragenlijst, aantal_gemeenten: int) -> str | None:
    """'ca. 2 uur 30 voor 4 gemeenten', or None when the vragenlijst gives no duur."""
    minuten = vragenlijst.duur(aantal_gemeenten)
    if minuten is None:
        return None
    return f"{duur_tekst(minuten)} voor {meervoud(aantal_gemeenten, 'gemeente', 'gemeenten')}"
