"""The workbook of a meting (XLSX, openpyxl): the numbers of the results pages and the reports,
for people who work on with them in a spreadsheet (issue 16).

Sheets, in Dutch: "Meting" (what it is, and whether it is still a concept), "Scores" (per
onderdeel and thema per gemeente, with the subregio's mean and range), "Verbeterpunten" (each
gemeente's ranked verbeterpunten, one row per next step with the weak answer it belongs to and
the gemeente's ambitie for that thema), "Ambities" and "Antwoorden" (the rows of the CSV export).

Numbers are numbers: scores are the whole numbers every page and report shows (so what the
sheet adds up is what people saw), shares are fractions with a percentage format, the session
date is a date. Every cell goes through one writer (:func:`_schrijf`): a text a spreadsheet
would read as a formula (the CSV export's rule, ``uitwisseling.veilige_cel``) is stored as text
with Excel's own "quote prefix", so it stays text when someone edits the cell; openpyxl would
otherwise write a text starting with "=" as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .. import opslag
from ..inlezen.model import REGIO
from ..opslag import uitwisseling
from ..scores import resultaten, scoring

CONCEPT = "Concept: deze meting is nog niet afgerond; de uitkomsten kunnen nog veranderen."
DEMO = "Demo: deze werkmap is gemaakt met verzonnen voorbeeldgegevens."

# The colour bands of the results pages and the reports (static/zelfscan.css, opmaak.BAND_KLEUR);
# the numbers stay in the cells, so the colour is never the only cue.
BAND_VULLING = {
    naam: PatternFill("solid", fgColor=kleur)
    for naam, kleur in (("sterk", "D3EBDC"), ("midden", "FBE7B5"), ("zwak", "F9D9C9"))
}
VET = Font(bold=True)
LANG = Alignment(wrap_text=True, vertical="top")
BOVEN = Alignment(vertical="top")


@dataclass(frozen=True)
class Werkmap:
    """What a workbook shows, gathered (the web app recognises a workbook it made before by
    this, see ``web.rapportlevering``)."""

    meting: opslag.Meting
    antwoorden: Mapping  # (cbs, vraag_id) -> Antwoord, as opslag.antwoorden returns them
    ambities: Mapping  # (cbs, thema_id) -> Ambitie


def verzamel_werkmap(db, meting_id: int) -> Werkmap:
    """Raises NietGevonden (a Dutch message) for an unknown meting."""
    return Werkmap(
        meting=opslag.meting(db, meting_id),
        antwoorden=opslag.antwoorden(db, meting_id),
        ambities=opslag.ambities(db, meting_id),
    )


def werkmap(db, meting_id: int) -> bytes:
    """The workbook of meting ``meting_id`` as XLSX bytes."""
    return maak(verzamel_werkmap(db, meting_id))


def maak(w: Werkmap) -> bytes:
    meting = w.meting
    uitslag = resultaten.bereken(meting, w.antwoorden)
    boek = Workbook()
    blad_meting(boek.active, meting)
    blad_scores(boek.create_sheet("Scores"), meting, uitslag)
    blad_verbeterpunten(boek.create_sheet("Verbeterpunten"), meting, uitslag, w.ambities)
    blad_ambities(boek.create_sheet("Ambities"), meting, uitslag, w.ambities)
    blad_antwoorden(boek.create_sheet("Antwoorden"), meting, w.antwoorden)
    if not meting.afgerond:
        # A printed sheet of a concept says so on every page, as the PDFs do.
        for blad in boek.worksheets:
            blad.oddHeader.center.text = CONCEPT
            blad.evenHeader.center.text = CONCEPT
    boek.properties.title = f"Zelfscan Werken aan Veiligheid – {meting.titel}"
    boek.properties.creator = "Zelfscan"
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


# --- writing cells ------------------------------------------------------------------------------


def _schrijf(blad: Worksheet, rij: int, kolom: int, waarde: Any):
    """One cell: numbers and dates as they are, text as text, never as a formula."""
    cel = blad.cell(row=rij, column=kolom)
    if not isinstance(waarde, str):
        cel.value = waarde
        return cel
    # XML cannot hold most control characters (openpyxl refuses them); a pasted text may.
    tekst = ILLEGAL_CHARACTERS_RE.sub("", waarde)
    cel.value = tekst
    if uitwisseling.veilige_cel(tekst) != tekst:
        cel.data_type = "s"
        cel.quotePrefix = True
    return cel


def _tabel(
    blad: Worksheet,
    koppen: Sequence[str],
    rijen: Iterable[Sequence[Any]],
    breedtes: Sequence[float],
    lang: Iterable[int] = (),
) -> int:
    """A table with a bold header row that stays in view and a filter on every column; the
    columns in ``lang`` (1-based) wrap their text. Returns the number of rows below the header."""
    for kolom, kop in enumerate(koppen, 1):
        _schrijf(blad, 1, kolom, kop).font = VET
    aantal = 0
    lange = set(lang)
    for aantal, rij in enumerate(rijen, 1):
        for kolom, waarde in enumerate(rij, 1):
            cel = _schrijf(blad, aantal + 1, kolom, waarde)
            cel.alignment = LANG if kolom in lange else BOVEN
    for kolom, breedte in enumerate(breedtes, 1):
        blad.column_dimensions[get_column_letter(kolom)].width = breedte
    blad.freeze_panes = "A2"
    blad.auto_filter.ref = f"A1:{get_column_letter(len(koppen))}{aantal + 1}"
    return aantal


def _score(score: float | None) -> int | None:
    return scoring.afgerond(score)


# --- the sheets ---------------------------------------------------------------------------------


def blad_meting(blad: Worksheet, meting) -> None:
    blad.title = "Meting"
    vl = meting.vragenlijst
    rijen: list[tuple[str, Any]] = []
    if not meting.afgerond:
        rijen.append(("Let op", CONCEPT))
    if meting.demo:
        rijen.append(("Let op", DEMO))
    rijen += [
        ("Meting", meting.titel),
        ("Soort", meting.soort),
        ("Jaar", meting.jaar),
        ("Regio", meting.regio_naam),
        ("Subregio", meting.subregio_naam),
        ("Gemeenten", ", ".join(g.naam for g in meting.gemeenten)),
        ("Sessie", meting.datum),
        ("Vragenlijst", f"{vl.titel}, versie {vl.versie}"),
        ("Status", "afgerond" if meting.afgerond else "concept (nog niet afgerond)"),
        (
            "Scores",
            "0–100, afgerond op hele getallen zoals op de resultatenpagina’s en in de rapporten. "
            "Geen getal: onvoldoende beantwoord of niet van toepassing. De kleur volgt de "
            "banden sterk (70 of hoger), midden (40 tot 70) en zwak (onder 40).",
        ),
    ]
    for nummer, (kop, waarde) in enumerate(rijen, 1):
        _schrijf(blad, nummer, 1, kop).font = VET
        cel = _schrijf(blad, nummer, 2, waarde)
        cel.alignment = LANG
        if kop == "Sessie":
            cel.number_format = "d-m-yyyy"
            cel.alignment = Alignment(horizontal="left", vertical="top")
        elif kop == "Jaar":
            cel.alignment = Alignment(horizontal="left", vertical="top")
        if kop == "Let op":
            cel.font = VET
    blad.column_dimensions["A"].width = 14
    blad.column_dimensions["B"].width = 90


def _gemiddelde(waarden: Iterable[float | None]) -> tuple[Any, Any, Any]:
    """Mean, lowest and highest over the gemeenten with a score, each gemeente once (as the
    subregio's means everywhere); blank when none has one."""
    met = [w for w in waarden if w is not None]
    if not met:
        return None, None, None
    gemiddelde = float(sum(Fraction(w) for w in met) / len(met))
    return _score(gemiddelde), _score(min(met)), _score(max(met))


def blad_scores(blad: Worksheet, meting, uitslag: resultaten.MetingResultaat) -> None:
    gemeenten = uitslag.gemeenten
    vl = meting.vragenlijst
    koppen = ["Soort", "Onderdeel", "Thema", *[g.naam for g in gemeenten]]
    koppen += ["Gemiddelde subregio", "Laagste", "Hoogste"]
    rijen: list[list[Any]] = []
    totalen = [g.scores.score for g in gemeenten]
    rijen.append(["totaal", "", "Totaalscore", *map(_score, totalen), *_gemiddelde(totalen)])
    rijen.append(
        ["beantwoord", "", "Vragen met een niveau beantwoord"]
        + [g.scores.dekking for g in gemeenten]
        + [None, None, None]
    )
    for onderdeel in vl.onderdelen:
        s = uitslag.per_onderdeel[onderdeel.id]
        rijen.append(
            ["onderdeel", onderdeel.titel, ""]
            + [_score(g.scores.onderdeel(onderdeel.id).score) for g in gemeenten]
            + [_score(s.gemiddelde), _score(s.minimum), _score(s.maximum)]
        )
        for thema in onderdeel.themas:
            s = uitslag.per_thema[thema.id]
            rijen.append(
                ["thema", onderdeel.titel, thema.titel]
                # A thema without a score says why, as the results table does.
                + [_thema_cel(g.scores.thema(thema.id)) for g in gemeenten]
                + [_score(s.gemiddelde), _score(s.minimum), _score(s.maximum)]
            )
    breedtes = [11, 30, 42, *[14] * len(gemeenten), 12, 9, 9]
    _tabel(blad, koppen, rijen, breedtes, lang=(2, 3))
    eerste, laatste = 4, 3 + len(gemeenten) + 3
    for nummer, rij in enumerate(rijen, 2):
        for kolom in range(eerste, laatste + 1):
            cel = blad.cell(row=nummer, column=kolom)
            if rij[0] == "beantwoord":
                cel.number_format = "0%"
            elif isinstance(cel.value, int):
                cel.number_format = "0"
                if kolom < eerste + len(gemeenten) and (band := resultaten.band(cel.value)):
                    cel.fill = BAND_VULLING[band]
        if rij[0] != "thema":
            for kolom in range(1, laatste + 1):
                blad.cell(row=nummer, column=kolom).font = VET


def _thema_cel(thema_score) -> Any:
    if thema_score.score is not None:
        return _score(thema_score.score)
    return resultaten.score_tekst(thema_score)


def blad_verbeterpunten(
    blad: Worksheet, meting, uitslag: resultaten.MetingResultaat, ambities
) -> None:
    vl = meting.vragenlijst
    koppen = [
        "Gemeente",
        "Nr.",
        "Thema",
        "Score",
        "Wie",
        "Prioriteit",
        "Waarom een verbeterpunt",
        "Stap",
        "Advies",
        "Bij de vraag",
        "Antwoord",
        "Ambitie",
        "Toelichting bij de ambitie",
        "Wie voert de ambitie uit",
        "Wanneer",
    ]
    rijen = []
    for g in uitslag.gemeenten:
        for nummer, vp in enumerate(g.verbeterlijst.punten, 1):
            thema = vl.thema(vp.thema_id)
            ambitie = ambities.get((g.cbs, vp.thema_id))
            vast = [
                g.naam,
                nummer,
                thema.titel,
                _score(vp.score),
                "samen in de regio" if vp.wie == REGIO else "de gemeente zelf",
                vp.prioriteit or "",
                vp.reden,
            ]
            naast = [
                vl.schaal.niveau(ambitie.niveau).label if ambitie else "",
                ambitie.tekst if ambitie else "",
                (ambitie.wie or "") if ambitie else "",
                (ambitie.wanneer or "") if ambitie else "",
            ]
            stappen = [("volgende stap", a) for a in vp.adviezen]
            stappen += [("daarna", a) for a in vp.verdere_stappen]
            if not vp.adviezen:
                # No step written for these vragen: the thema's suggestion, as the pages and
                # reports show, beside the answers at the thema's lowest level.
                zwak = "\n".join(vl.vraag(v).tekst for v in vp.laagste_vragen)
                laagste = vl.schaal.label(vp.laagste_niveau)
                rijen.append([*vast, "volgende stap", vp.suggestie, zwak, laagste, *naast])
            for soort, a in stappen:
                rijen.append(
                    [
                        *vast,
                        soort,
                        a.tekst,
                        vl.vraag(a.vraag_id).tekst,
                        vl.schaal.label(a.niveau),
                        *naast,
                    ]
                )
    breedtes = [18, 5, 32, 7, 17, 11, 36, 13, 60, 50, 16, 16, 36, 24, 12]
    if not _tabel(blad, koppen, rijen, breedtes, lang=(3, 7, 9, 10, 13)):
        _schrijf(blad, 2, 1, "Geen verbeterpunten.")


def blad_ambities(blad: Worksheet, meting, uitslag: resultaten.MetingResultaat, ambities) -> None:
    vl = meting.vragenlijst
    koppen = [
        "Gemeente",
        "Onderdeel",
        "Thema",
        "Score nu",
        "Ambitie",
        "Niveau van de ambitie",
        "Toelichting",
        "Wie",
        "Wanneer",
        "Vastgelegd op",
    ]
    rijen = []
    for g in uitslag.gemeenten:
        for onderdeel in vl.onderdelen:
            for thema in onderdeel.themas:
                a = ambities.get((g.cbs, thema.id))
                if a is None:
                    continue
                rijen.append(
                    [
                        g.naam,
                        onderdeel.titel,
                        thema.titel,
                        _thema_cel(g.scores.thema(thema.id)),
                        vl.schaal.niveau(a.niveau).label,
                        a.niveau,
                        a.tekst,
                        a.wie or "",
                        a.wanneer or "",
                        a.gewijzigd_op,
                    ]
                )
    breedtes = [18, 30, 36, 9, 18, 10, 50, 24, 12, 26]
    if not _tabel(blad, koppen, rijen, breedtes, lang=(2, 3, 7)):
        _schrijf(blad, 2, 1, "Nog geen ambities vastgelegd.")


def blad_antwoorden(blad: Worksheet, meting, antwoorden: Mapping) -> None:
    breedtes = [26, 6, 13, 16, 18, 18, 9, 30, 32, 14, 60, 22, 8, 50, 12, 26]
    _tabel(
        blad,
        uitwisseling.CSV_KOLOMMEN,
        uitwisseling.antwoord_rijen(meting, antwoorden),
        breedtes,
        lang=(8, 9, 11, 14),
    )
