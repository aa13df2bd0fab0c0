"""What the metingen overview shows: its filters, read from the query string, and which
metingen it lists, grouped by regio and subregio, newest first.

Pure: metingen in, a choice out. A small database (the region of one project lead) is shown
whole, as it always was. A national one holds hundreds of metingen, more than a person can
scan and more than the page can count quickly, so by default each subregio shows its open
(concept) metingen and its newest one, and says how many older ones there are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..opslag import AFGEROND, CONCEPT, MetingKop

# Up to this many metingen (after filtering) the overview shows every one of them.
DREMPEL = 30
STATUSSEN = (CONCEPT, AFGEROND)


@dataclass(frozen=True)
class Filter:
    regio: str | None = None  # regio_id
    subregio: str | None = None  # subregio_id
    jaar: int | None = None
    status: str | None = None  # concept or afgerond
    alle: bool = False  # older metingen too, however many

    @property
    def actief(self) -> bool:
        """Whether anything narrows the list (showing older metingen does not)."""
        return any(v is not None for v in (self.regio, self.subregio, self.jaar, self.status))

    def als_parameters(self, **anders) -> dict[str, str]:
        """The query string for this filter (with ``anders`` changed), without empty fields."""
        velden = {
            "regio": self.regio,
            "subregio": self.subregio,
            "jaar": self.jaar,
            "status": self.status,
            "weergave": "alle" if self.alle else None,
        }
        velden.update(anders)
        return {k: str(v) for k, v in velden.items() if v is not None}


def lees_filter(args: Mapping[str, str], metingen: Sequence[MetingKop]) -> tuple[Filter, list[str]]:
    """The filter from the query string, and a Dutch message for each value that is not
    understood; such a value is left out of the filter instead of failing the page."""
    fouten: list[str] = []
    regio = (args.get("regio") or "").strip() or None
    if regio is not None and not any(m.regio_id == regio for m in metingen):
        fouten.append(f"Er zijn geen metingen van regio “{regio}”; alle regio's worden getoond.")
        regio = None
    subregio = (args.get("subregio") or "").strip() or None
    if subregio is not None and not any(
        m.subregio_id == subregio and regio in (None, m.regio_id) for m in metingen
    ):
        fouten.append(
            f"Er zijn geen metingen van subregio “{subregio}”"
            + (" in deze regio" if regio else "")
            + "; alle subregio's worden getoond."
        )
        subregio = None
    jaar = None
    tekst = (args.get("jaar") or "").strip()
    if tekst:
        try:
            jaar = int(tekst)
        except ValueError:
            jaar = None
        if jaar is None or not 1900 < jaar < 3000:
            fouten.append(f"“{tekst}” is geen jaartal; alle jaren worden getoond.")
            jaar = None
    status = (args.get("status") or "").strip() or None
    if status is not None and status not in STATUSSEN:
        fouten.append(
            f"“{status}” is geen status (kies concept of afgerond); alle metingen worden getoond."
        )
        status = None
    weergave = (args.get("weergave") or "").strip()
    if weergave not in ("", "recent", "alle"):
        fouten.append(f"“{weergave}” is geen weergave; de recente metingen worden getoond.")
    return Filter(regio, subregio, jaar, status, weergave == "alle"), fouten


@dataclass(frozen=True)
class SubregioGroep:
    subregio_id: str
    subregio_naam: str
    metingen: tuple[MetingKop, ...]  # shown, newest first
    ouder: int  # metingen that match the filter but are not shown


@dataclass(frozen=True)
class RegioGroep:
    regio_id: str
    regio_naam: str
    subregios: tuple[SubregioGroep, ...]


@dataclass(frozen=True)
class Overzicht:
    regios: tuple[RegioGroep, ...]
    gevonden: int  # metingen that match the filter
    ingekort: bool  # older metingen are left out

    @property
    def getoond(self) -> tuple[MetingKop, ...]:
        return tuple(m for r in self.regios for s in r.subregios for m in s.metingen)


def _nieuwste_eerst(m: MetingKop):
    return (m.jaar, m.datum, m.aangemaakt_op, m.uuid)


def kies(metingen: Sequence[MetingKop], filter_: Filter, drempel: int = DREMPEL) -> Overzicht:
    """The metingen that match ``filter_``, grouped by regio and subregio (by name), newest
    first. More than ``drempel`` of them, unless ``filter_.alle``: per subregio only its
    concept metingen and its newest meting."""
    gevonden = [
        m
        for m in metingen
        if filter_.regio in (None, m.regio_id)
        and filter_.subregio in (None, m.subregio_id)
        and filter_.jaar in (None, m.jaar)
        and filter_.status in (None, m.status)
    ]
    ingekort = not filter_.alle and len(gevonden) > drempel
    per_regio: dict[str, tuple[str, dict[str, list[MetingKop]]]] = {}
    for m in sorted(gevonden, key=lambda m: (m.regio_naam, m.regio_id, m.subregio_naam)):
        per_regio.setdefault(m.regio_id, (m.regio_naam, {}))[1].setdefault(
            m.subregio_id, []
        ).append(m)
    regios = []
    for regio_id, (regio_naam, per_subregio) in per_regio.items():
        groepen = []
        for subregio_id, lijst in per_subregio.items():
            lijst.sort(key=_nieuwste_eerst, reverse=True)
            getoond = (
                [m for i, m in enumerate(lijst) if i == 0 or m.status == CONCEPT]
                if ingekort
                else lijst
            )
            groepen.append(
                SubregioGroep(
                    subregio_id, lijst[0].subregio_naam, tuple(getoond), len(lijst) - len(getoond)
                )
            )
        regios.append(RegioGroep(regio_id, regio_naam, tuple(groepen)))
    return Overzicht(tuple(regios), len(gevonden), ingekort)


def keuzes(metingen: Sequence[MetingKop]) -> tuple[list[tuple[str, str]], list[int]]:
    """What the filter offers: (regio_id, naam) by name, and the years, newest first."""
    regios = sorted({(m.regio_naam, m.regio_id) for m in metingen})
    return [(i, n) for n, i in regios], sorted({m.jaar for m in metingen}, reverse=True)


def regio_jaren(metingen: Sequence[MetingKop]) -> dict[str, list[int]]:
    """Per regio the years it has metingen in, newest first: the regio overviews (one PDF per
    regio and year) the overview page offers."""
    jaren: dict[str, set[int]] = {}
    for m in metingen:
        jaren.setdefault(m.regio_id, set()).add(m.jaar)
    return {regio: sorted(j, reverse=True) for regio, j in jaren.items()}
