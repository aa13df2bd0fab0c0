"""The domain rules every write obeys, whoever calls: the web app, the CLI or an import.

One place, so each caller gets the same refusal with the same Dutch message: the store's
functions call these before they write, ``zelfscan import`` calls them on every meting in the
file, and the web forms take their limits (and messages) from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, NamedTuple

from ..errors import (
    OngeldigAntwoord,
    OngeldigeInvoer,
)
from ..inlezen.model import Gemeente, Regio, Subregio, Vragenlijst
from .records import AFGEROND, Meting

# --- whole numbers in text -------------------------------------------------------------------

# What SQLite stores as an integer; an id or a level above it is not a number we know.
MAX_GETAL = 2**63 - 1
_GEHEEL_GETAL = re.compile(r"-?[0-9]{1,19}")


def geheel_getal(tekst: str) -> int | None:
    """The whole number ``tekst`` spells in ASCII digits (an optional minus), or None.

    Not ``str.isdigit()``: '²' and '٣' pass it, and then ``int('²')`` fails (a 500, issue 18);
    and not beyond 64 bits, which SQLite refuses with an OverflowError."""
    if not isinstance(tekst, str) or not _GEHEEL_GETAL.fullmatch(tekst):
        return None
    getal = int(tekst)
    return getal if -MAX_GETAL - 1 <= getal <= MAX_GETAL else None


# --- text limits ------------------------------------------------------------------------------
# Every text has a limit the server enforces; the forms show the same one (web/forms.py and
# the maxlength of the templates read these), so a person never types what the store refuses.

# A title heads every page and every PDF; a 5,000-character one broke the reports.
MAX_TITEL = 120
# Long enough for a real explanation, short enough that a pasted document is caught.
MAX_TEKST = 10_000
# An ambitie is a line in a table of the report, not an essay.
MAX_AMBITIE = 500
# Organisatie, rol and naam of a deelnemer: one line each.
MAX_DEELNEMER = 120
# A user name, and so every "wie" the logboek records.
MAX_GEBRUIKER = 80
# Why a meting was reopened: a sentence in the logboek.
MAX_REDEN = 500
# A gemeente's private link expires after at most this many days (or never, when none given).
MAX_GELDIG_DAGEN = 3650
# The regio's of one gespreksleider: a handful; a beheerder sees every regio anyway.
MAX_REGIOS_PER_GEBRUIKER = 50

# Field → (how a message names it, its limit). Store, import and forms all read this.
TEKSTVELDEN: dict[str, tuple[str, int]] = {
    "titel": ("De titel", MAX_TITEL),
    "periode": ("De periode", MAX_TITEL),
    "toelichting": ("De toelichting", MAX_TEKST),
    "notitie": ("De notitie", MAX_TEKST),
    "ambitie": ("De toelichting bij de ambitie", MAX_AMBITIE),
    # A role or team ("team Veiligheid", "beleidsadviseur jeugd"): one line, as a deelnemer's.
    "ambitie_wie": ("Wie de ambitie oppakt", MAX_DEELNEMER),
    "organisatie": ("De organisatie", MAX_DEELNEMER),
    "rol": ("De rol", MAX_DEELNEMER),
    "naam": ("De naam", MAX_DEELNEMER),
    "gebruiker": ("De gebruikersnaam", MAX_GEBRUIKER),
    "reden": ("De reden", MAX_REDEN),
}

_MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def datum_tekst(dag: date) -> str:
    """12 oktober 2021 (no locale: the same on every machine). The one place dates are written
    in Dutch: the store's messages, and through scores.weergave every page and report."""
    return f"{dag.day} {_MAANDEN[dag.month - 1]} {dag.year}"


# --- by when an ambitie is meant to be reached -------------------------------------------------
# A date or a quarter, as people write them in a memo; stored in one form each, so reports,
# exports and sorting agree: '2027-06-30' and '2027-Q2'.
_DATUM_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DATUM_NL = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")
# 30 juni 2027: as datum_tekst writes it, so what a page shows is accepted back.
_DATUM_WOORDEN = re.compile(
    r"([0-9]{1,2})\s+(" + "|".join(_MAANDEN) + r")\s+([0-9]{4})", re.IGNORECASE
)
# 2027-Q2, 2027 Q2, Q2 2027, Q2-2027, and the Dutch K (kwartaal): K2 2027.
_KWARTAAL_JAAR_EERST = re.compile(r"([0-9]{4})\s*[-/ ]?\s*[QK]([1-4])", re.IGNORECASE)
_KWARTAAL_EERST = re.compile(r"[QK]([1-4])\s*[-/ ]?\s*([0-9]{4})", re.IGNORECASE)
MAX_WANNEER = 40


def wanneer(waarde: Any) -> str | None:
    """By when an ambitie is meant to be reached: a date or a quarter, normalised to
    '2027-06-30' or '2027-Q2'; None when empty. Anything else is refused in Dutch. What
    scores.weergave.wanneer_tekst shows ('30 juni 2027', 'Q2 2027') is accepted back."""
    if waarde is None:
        return None
    if not isinstance(waarde, str):
        raise OngeldigeInvoer("‘Wanneer’ moet tekst zijn.", veld="wanneer")
    tekst = waarde.strip()
    if not tekst:
        return None
    jaar = maand = dag = kwartaal = None
    if len(tekst) <= MAX_WANNEER:
        if m := _DATUM_ISO.fullmatch(tekst):
            jaar, maand, dag = (int(x) for x in m.groups())
        elif m := _DATUM_NL.fullmatch(tekst):
            dag, maand, jaar = (int(x) for x in m.groups())
        elif m := _DATUM_WOORDEN.fullmatch(tekst):
            dag, maand, jaar = int(m[1]), _MAANDEN.index(m[2].lower()) + 1, int(m[3])
        elif m := _KWARTAAL_JAAR_EERST.fullmatch(tekst):
            jaar, kwartaal = int(m[1]), int(m[2])
        elif m := _KWARTAAL_EERST.fullmatch(tekst):
            kwartaal, jaar = int(m[1]), int(m[2])
    if jaar is not None and 1900 < jaar < 3000:
        if kwartaal is not None:
            return f"{jaar}-Q{kwartaal}"
        try:
            return date(jaar, maand, dag).isoformat()
        except ValueError:
            pass
    getoond = tekst if len(tekst) <= MAX_WANNEER else tekst[:MAX_WANNEER] + "…"
    raise OngeldigeInvoer(
        f"‘{getoond}’ is geen datum of kwartaal. Vul bij ‘wanneer’ een datum in (zoals "
        "30-06-2027 of 30 juni 2027) of een kwartaal (zoals Q2 2027), of laat het leeg.",
        veld="wanneer",
    )


def wie(wie: str) -> str:
    wie = (wie or "").strip() if isinstance(wie, str) else ""
    if not wie:
        raise OngeldigeInvoer("Onbekend wie deze wijziging doet; log opnieuw in.")
    return veld("gebruiker", wie)


def tekst(tekst: Any, wat: str, *, verplicht: bool = False, hoogstens: int = MAX_TEKST) -> str:
    if tekst is None:
        tekst = ""
    if not isinstance(tekst, str):
        raise OngeldigeInvoer(f"{wat} moet tekst zijn.")
    tekst = tekst.strip()
    if verplicht and not tekst:
        raise OngeldigeInvoer(f"{wat} is verplicht.")
    if len(tekst) > hoogstens:
        raise OngeldigeInvoer(
            f"{wat} is te lang ({len(tekst)} tekens; hoogstens {hoogstens}). Maak de tekst korter."
        )
    return tekst


def veld(soort: str, waarde: Any, *, verplicht: bool = False) -> str:
    """A text field of ``TEKSTVELDEN``, stripped, or the refusal every caller shares."""
    wat, hoogstens = TEKSTVELDEN[soort]
    try:
        return tekst(waarde, wat, verplicht=verplicht, hoogstens=hoogstens)
    except OngeldigeInvoer as fout:
        raise OngeldigeInvoer(str(fout), veld=soort) from None


# --- inside a meting --------------------------------------------------------------------------


def thema(m: Meting, thema_id: str) -> None:
    try:
        m.vragenlijst.thema(thema_id)
    except KeyError:
        raise OngeldigeInvoer(
            f"Het thema '{thema_id}' hoort niet bij deze meting (vragenlijst "
            f"{m.vragenlijst.sleutel})."
        ) from None


def vraag(m: Meting, vraag_id: str) -> None:
    try:
        m.vragenlijst.vraag(vraag_id)
    except KeyError:
        raise OngeldigAntwoord(
            f"De vraag '{vraag_id}' hoort niet bij deze meting (vragenlijst "
            f"{m.vragenlijst.sleutel})."
        ) from None


def cel(m: Meting, cbs: str, vraag_id: str) -> None:
    vraag(m, vraag_id)
    gemeente(m, cbs)


def nvt_mag(vragenlijst: Vragenlijst, vraag_id: str) -> None:
    """*Niet van toepassing* only where the vragenlijst allows it (``regels.nvt: per_vraag`` and
    the vraag's ``nvt: true``): elsewhere it would lift a score by leaving a weak answer out."""
    if vragenlijst.nvt_toegestaan(vraag_id):
        return
    schaal = vragenlijst.schaal
    raise OngeldigAntwoord(
        f"‘{schaal.niet_van_toepassing.label}’ kan bij vraag '{vraag_id}' niet gekozen worden: "
        f"deze vraag geldt voor elke gemeente. Kies een niveau of ‘{schaal.weet_niet.label}’."
    )


def gemeente(m: Meting, cbs: str) -> None:
    if not any(g.cbs == cbs for g in m.gemeenten):
        namen = ", ".join(f"{g.naam} ({g.cbs})" for g in m.gemeenten)
        raise OngeldigAntwoord(f"Gemeente {cbs} doet niet mee aan deze meting (wel: {namen}).")


# --- everyone in the room votes (issue 19) ----------------------------------------------------

# The code a phone types to join: six characters from a set without look-alikes (no 0/O/Q,
# 1/I/L, 2/Z, 5/S, 8/B, U/V, G/6), so a code read off a projector across the room is typed
# right the first time. 20^6 = 64 million codes; joining is rate limited per address and a code
# only works while participation is open.
DEELNAMECODE_TEKENS = "ACDEFHJKMNPRTWXY3479"
DEELNAMECODE_LENGTE = 6


def deelnamecode(tekst: Any) -> str | None:
    """The code as stored (capitals, no spaces or dashes), or None when it cannot be one."""
    if not isinstance(tekst, str) or len(tekst) > 40:
        return None
    code = re.sub(r"[\s\-.]", "", tekst).upper()
    if len(code) != DEELNAMECODE_LENGTE or any(c not in DEELNAMECODE_TEKENS for c in code):
        return None
    return code


def open_thema(m: Meting):
    """The thema the room is at: the one the facilitator last opened, else the first."""
    return m.vragenlijst.thema(m.huidig_thema or m.vragenlijst.themas[0].id)


def stem_op_open_thema(m: Meting, vraag_id: str) -> None:
    """A vote only on a vraag of the thema the facilitator has open: the room talks about one
    thema at a time, and a phone left on an old page must not answer what is no longer
    discussed."""
    vraag(m, vraag_id)
    if m.vragenlijst.thema_van(vraag_id).id != open_thema(m).id:
        raise OngeldigeInvoer(
            "Over deze vraag wordt nu niet gestemd: de gespreksleider is bij een ander thema. "
            "Vernieuw de pagina."
        )


def niet_vastgesteld(vastgesteld: bool, gemeente_naam: str) -> None:
    """A vote never changes an answer the facilitator settled (nor its spread afterwards)."""
    if vastgesteld:
        raise OngeldigeInvoer(
            f"Het antwoord van {gemeente_naam} op deze vraag is al vastgesteld. Uw stem is niet "
            "meer gewijzigd."
        )


# --- a meting itself --------------------------------------------------------------------------


def jaar_en_datum(jaar: Any, datum: Any) -> date:
    """A real year and a date in that year: a meting of 2022 held in 2021 is a typo."""
    if isinstance(jaar, bool) or not isinstance(jaar, int) or not 1900 < jaar < 3000:
        raise OngeldigeInvoer(f"'{jaar}' is geen jaartal. Vul een jaar in zoals 2021.", veld="jaar")
    if isinstance(datum, datetime):
        datum = datum.date()
    if not isinstance(datum, date):
        raise OngeldigeInvoer("Geef de datum van de meting op.", veld="datum")
    if datum.year != jaar:
        raise OngeldigeInvoer(
            f"De datum ({datum_tekst(datum)}) valt niet in het jaar {jaar}. Pas het jaar of "
            "de datum aan.",
            veld="jaar",
        )
    return datum


def subregio(regio: Regio, subregio_id: str) -> Subregio:
    try:
        return regio.subregio(subregio_id)
    except KeyError:
        bekend = ", ".join(s.id for s in regio.subregios)
        raise OngeldigeInvoer(
            f"Subregio '{subregio_id}' bestaat niet in regio {regio.naam} (wel: {bekend}).",
            veld="subregio",
        ) from None


def gemeenten(
    regio: Regio,
    subregio: Subregio,
    datum: date,
    gekozen: Iterable[str] | None,
    namen: Mapping[str, str] | None = None,
) -> tuple[Gemeente, ...]:
    """The gemeenten taking part: those of the subregio on ``datum`` (boundaries change, see
    Subregio.gemeenten_op), all of them when ``gekozen`` is None. Refuses a gemeente of another
    subregio and one that had merged away (or did not yet belong) on that date.

    ``namen``: cbs → name of gemeenten outside ``regio`` (the other regio's of the catalogue, or
    the names in an import file), so a refusal names even those by name, not by CBS code."""
    actief = subregio.gemeenten_op(datum)
    if gekozen is None:
        deelnemend = actief
    else:
        gekozen = list(dict.fromkeys(gekozen))
        actief_cbs = {g.cbs for g in actief}
        vreemd = [c for c in gekozen if c not in actief_cbs]
        if vreemd:
            raise OngeldigeInvoer(
                f"Deze gemeenten horen op {datum_tekst(datum)} niet bij subregio "
                f"{subregio.naam}: {'; '.join(_waarom_niet(regio, subregio, datum, c, namen or {}) for c in vreemd)}"
                ". Kies uit: " + ", ".join(g.naam for g in actief) + ".",
                veld="gemeenten",
            )
        # The order of the region file, so reports and exports list gemeenten the same way.
        deelnemend = tuple(g for g in actief if g.cbs in set(gekozen))
    if not deelnemend:
        raise OngeldigeInvoer(
            f"Er doen geen gemeenten mee: subregio {subregio.naam} heeft op "
            f"{datum.isoformat()} geen gemeenten. Controleer de datum.",
            veld="gemeenten",
        )
    return deelnemend


def _waarom_niet(
    regio: Regio, subregio: Subregio, datum: date, cbs: str, namen: Mapping[str, str]
) -> str:
    """A gemeente by name, and why it does not belong: people know names, not CBS codes (a
    code appears only when nothing knows its name)."""
    alle = {g.cbs: g for s in regio.subregios for g in s.gemeenten}
    eigen = next((g for g in subregio.gemeenten if g.cbs == cbs), None)
    if eigen is not None:
        if eigen.tot is not None and eigen.tot < datum:
            opgegaan = alle.get(eigen.opgegaan_in or "")
            waarom = f"hoorde erbij tot {datum_tekst(eigen.tot)}" + (
                f", opgegaan in {opgegaan.naam}" if opgegaan else ""
            )
        else:
            waarom = f"hoort erbij vanaf {datum_tekst(eigen.vanaf)}" if eigen.vanaf else ""
        return f"{eigen.naam} ({waarom})" if waarom else eigen.naam
    for ander in regio.subregios:
        for g in ander.gemeenten:
            if g.cbs == cbs:
                return f"{g.naam} (hoort bij {ander.naam})"
    if namen.get(cbs):
        return f"{namen[cbs]} (geen gemeente van regio {regio.naam})"
    return f"{cbs} (geen gemeente van regio {regio.naam})"


class Kern(NamedTuple):
    """What the rules for a previous meting look at: from the store or from an import file."""

    uuid: str | None
    titel: str
    regio_id: str
    subregio_id: str
    subregio_naam: str
    datum: date
    afgerond: bool


def kern(m: Meting) -> Kern:
    return Kern(m.uuid, m.titel, m.regio_id, m.subregio_id, m.subregio_naam, m.datum, m.afgerond)


def kern_uit_export(m: dict) -> Kern:
    """The same, from one meting of a JSON export (already checked for its form)."""
    return Kern(
        m["uuid"],
        m["titel"],
        m["regio_id"],
        m["subregio_id"],
        m["subregio_naam"],
        date.fromisoformat(m["datum"]),
        m["status"] == AFGEROND,
    )


def vorige_afgerond(vorige: Kern) -> None:
    if not vorige.afgerond:
        raise OngeldigeInvoer(
            f"De vorige meting (“{vorige.titel}”) is nog niet afgerond. Rond haar eerst af; "
            "daarna kunt u een vervolgmeting starten.",
            veld="vorige",
        )


def vorige_meting(
    soort: str,
    nieuw: Kern,
    vorige_uuid: str | None,
    vorige: Kern | None,
    *,
    vorige_verplicht: bool = True,
) -> None:
    """A 0-meting has no previous meting; a vervolgmeting follows an afgeronde meting of the
    same regio and subregio, held before it, and never itself.

    ``vorige``: the previous meting when it is known here (None: not in this database, as an
    import of one year without the year before may be). ``vorige_verplicht``: whether a
    vervolgmeting without one is refused; only an import takes one over as it was recorded.
    """
    if soort == "0-meting":
        if vorige_uuid is not None:
            raise OngeldigeInvoer(
                "Een 0-meting heeft geen vorige meting. Kies ‘vervolgmeting’, of laat de "
                "vorige meting weg.",
                veld="soort",
            )
        return
    if vorige_uuid is None:
        if vorige_verplicht:
            raise OngeldigeInvoer(
                "Een vervolgmeting hoort bij een vorige meting. Start haar op de pagina van de "
                "vorige meting (“Vervolgmeting starten”); de eerste meting van een subregio is "
                "een 0-meting.",
                veld="soort",
            )
        return
    if nieuw.uuid is not None and vorige_uuid == nieuw.uuid:
        raise OngeldigeInvoer(
            f"De meting “{nieuw.titel}” kan niet haar eigen vorige meting zijn.", veld="vorige"
        )
    if vorige is None:
        return
    if (vorige.regio_id, vorige.subregio_id) != (nieuw.regio_id, nieuw.subregio_id):
        raise OngeldigeInvoer(
            f"De vorige meting ({vorige.titel}) is van subregio {vorige.subregio_naam}, "
            f"niet van {nieuw.subregio_naam}. Kies een meting van dezelfde subregio.",
            veld="vorige",
        )
    vorige_afgerond(vorige)
    if vorige.datum >= nieuw.datum:
        raise OngeldigeInvoer(
            f"Kies een datum na de vorige meting ({datum_tekst(vorige.datum)}).", veld="datum"
        )
