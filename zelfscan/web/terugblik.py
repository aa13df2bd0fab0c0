"""What a results page compares a meting with: the metingen before it, read once through
:func:`zelfscan.opslag.geschiedenis` and turned into development per gemeente and a trend.

Shared by the facilitator's results pages and a gemeente's private link."""

from __future__ import annotations

from dataclasses import dataclass

from .. import opslag
from ..grafieken import grafiekstijl
from ..scores import advies, ontwikkeling, resultaten
from .verzoekdb import catalogus


@dataclass(frozen=True)
class Terugblik:
    """What a results page needs to compare a meting with the ones before it."""

    vorige: opslag.Meting
    per_gemeente: dict[str, ontwikkeling.GemeenteOntwikkeling]
    beweging: dict[str, ontwikkeling.Beweging]
    wijzigingen: tuple[ontwikkeling.Deelnamewijziging, ...]
    keten: tuple[opslag.Meting, ...]  # this meting and its predecessors, newest first
    antwoorden: dict[int, dict]  # per meting of the chain (filled only for a trend)

    @property
    def met_trend(self) -> bool:
        return len(self.keten) >= ontwikkeling.TREND_VANAF

    def trend(self, cbs: str | None) -> ontwikkeling.Trend | None:
        if not self.met_trend:
            return None
        return ontwikkeling.trend(self.keten, self.antwoorden, cbs)

    def opgegaan_in(self, cbs: str) -> tuple[ontwikkeling.Deelnamewijziging, ...]:
        return ontwikkeling.opgegaan_in(self.wijzigingen, cbs)


def _regio_gemeenten(meting) -> list:
    try:
        regio = catalogus().regio(meting.regio_id)
    except KeyError:
        return []
    eigen = [s for s in regio.subregios if s.id == meting.subregio_id]
    andere = [s for s in regio.subregios if s.id != meting.subregio_id]
    return [gm for s in (*eigen, *andere) for gm in s.gemeenten]


def terugblik(db, meting, antwoorden) -> Terugblik | None:
    """The comparison with the previous meting, or None when there is none in this database."""
    if meting.vorige_meting_id is None:
        return None
    blik = opslag.geschiedenis(db, meting.id, meting_=meting, antwoorden_=antwoorden)
    vorige = blik.vorige
    per_gemeente = {
        gm.cbs: ontwikkeling.ontwikkeling(
            vorige, blik.vorige_antwoorden, meting, antwoorden, blik.vorige_ambities, gm.cbs
        )
        for gm in meting.gemeenten
    }
    return Terugblik(
        vorige=vorige,
        per_gemeente=per_gemeente,
        beweging=ontwikkeling.beweging(list(per_gemeente.values())),
        wijzigingen=ontwikkeling.deelname_wijzigingen(
            vorige.gemeenten, meting.gemeenten, _regio_gemeenten(meting)
        ),
        keten=blik.keten,
        antwoorden=dict(blik.antwoorden),
    )


def uitleg_bij_scores() -> dict:
    """What the results templates explain beside the scores: the bands (_legenda.html), the
    rules for the order of verbeterpunten, for change and for "zwak in de hele subregio", and
    what the totaal averages. Passed by the views that show results, not by a context processor
    for every page: the scoring modules load with the first of them."""
    return {
        "BANDEN": resultaten.BANDEN,
        "BAND_TEKEN": grafiekstijl.BAND_TEKEN,  # the mark beside the colour (WCAG 1.4.1)
        "VOLGORDE_REGEL": advies.VOLGORDE_REGEL,
        "VERANDERING_REGEL": advies.VERANDERING_REGEL,
        "BEWEGING_REGEL": ontwikkeling.BEWEGING_REGEL,
        "ZWAK_REGEL": resultaten.ZWAK_REGEL,
        "totaal_definitie": advies.totaal_definitie,
    }


def gemeente_context(meting, resultaat, blik: Terugblik | None, cbs: str) -> dict:
    """What templates/resultaten/_gemeente_inhoud.html needs beyond the meting's own results
    (shared by the facilitator's page and the gemeente's private link)."""
    return {
        **uitleg_bij_scores(),
        "terugblik": blik,
        "ontw": blik.per_gemeente.get(cbs) if blik else None,
        "trend": blik.trend(cbs) if blik else None,
        "opgegaan": blik.opgegaan_in(cbs) if blik else (),
    }
