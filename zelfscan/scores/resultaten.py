"""A meting's results: scores per gemeente, verbeterpunten and the subregio overview.

Pure glue between what the store returns and the scoring functions (no Flask, no database),
so the web pages, the PDF reports and the CLI all show the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..inlezen.model import Vragenlijst
from . import scoring


@dataclass(frozen=True)
class GemeenteResultaat:
    cbs: str
    naam: str
    scores: scoring.GemeenteScores
    verbeterpunten: tuple[scoring.Verbeterpunt, ...]
    bespreekpunten: tuple[str, ...]  # vraag ids flagged in the session
    onbevestigd: int  # answers copied from last year and not yet confirmed (left out of scores)


@dataclass(frozen=True)
class MetingResultaat:
    vragenlijst: Vragenlijst
    gemeenten: tuple[GemeenteResultaat, ...]
    per_thema: Mapping[str, scoring.Spreiding]
    per_onderdeel: Mapping[str, scoring.Spreiding]

    def gemeente(self, cbs: str) -> GemeenteResultaat:
        for gemeente in self.gemeenten:
            if gemeente.cbs == cbs:
                return gemeente
        raise KeyError(cbs)

    def zwak_in_subregio(self) -> tuple[str, ...]:
        """Thema's that are a verbeterpunt for at least half of the gemeenten, most often first."""
        tellingen: dict[str, int] = {}
        for gemeente in self.gemeenten:
            for punt in gemeente.verbeterpunten:
                tellingen[punt.thema_id] = tellingen.get(punt.thema_id, 0) + 1
        drempel = max(1, (len(self.gemeenten) + 1) // 2)
        volgorde = {t.id: i for i, t in enumerate(self.vragenlijst.themas)}
        return tuple(
            sorted(
                (t for t, n in tellingen.items() if n >= drempel),
                key=lambda t: (-tellingen[t], volgorde[t]),
            )
        )

    def zwak_in_hele_subregio(self) -> tuple[str, ...]:
        """Thema's in the legend's band "zwak" (:data:`ZWAK_REGEL`) for every gemeente with a
        score on it, in vragenlijst order. Unlike :meth:`zwak_in_subregio` (kept for existing
        reports), this never lists a thema the legend calls "midden"."""
        uit = []
        for thema in self.vragenlijst.themas:
            banden = [band(g.scores.thema(thema.id).score) for g in self.gemeenten]
            banden = [b for b in banden if b is not None]
            if banden and all(b == "zwak" for b in banden):
                uit.append(thema.id)
        return tuple(uit)


def antwoorden_van(antwoorden: Mapping, cbs: str) -> dict[str, object]:
    """The answers of one gemeente that count: answers copied from last year count only once
    the room confirmed them (an unconfirmed copy is last year's judgement, not this one's)."""
    return {
        vraag_id: antwoord.waarde
        for (c, vraag_id), antwoord in antwoorden.items()
        if c == cbs and antwoord.waarde is not None and not getattr(antwoord, "overgenomen", False)
    }


def bereken(meting, antwoorden: Mapping) -> MetingResultaat:
    """``meting`` as the store returns it; ``antwoorden`` maps (cbs, vraag_id) to an Antwoord."""
    vragenlijst = meting.vragenlijst
    gemeenten = []
    for gemeente in meting.gemeenten:
        telt = antwoorden_van(antwoorden, gemeente.cbs)
        scores = scoring.bereken_scores(vragenlijst, telt)
        bespreek = tuple(
            vraag_id
            for (c, vraag_id), a in antwoorden.items()
            if c == gemeente.cbs and a.bespreekpunt
        )
        gemeenten.append(
            GemeenteResultaat(
                cbs=gemeente.cbs,
                naam=gemeente.naam,
                scores=scores,
                verbeterpunten=scoring.verbeterpunten(vragenlijst, scores, telt, bespreek),
                bespreekpunten=bespreek,
                onbevestigd=sum(
                    1
                    for (c, _), a in antwoorden.items()
                    if c == gemeente.cbs
                    and getattr(a, "overgenomen", False)
                    and a.waarde is not None
                ),
            )
        )
    alle = {g.cbs: g.scores for g in gemeenten}
    return MetingResultaat(
        vragenlijst=vragenlijst,
        gemeenten=tuple(gemeenten),
        per_thema=scoring.subregio_overzicht(vragenlijst, alle),
        per_onderdeel=scoring.onderdelen_overzicht(vragenlijst, alle),
    )


# Colour bands for display only (the region's own convention, not the framework's): they help
# the eye in tables, and every band is also written out, so colour is never the only cue.
BANDEN = ((70.0, "sterk", "70 of hoger"), (40.0, "midden", "40 tot 70"), (0.0, "zwak", "onder 40"))


ZWAK_REGEL = (
    "Zwak in de hele subregio: bij elke gemeente met een score valt het thema in de band "
    f"'zwak' ({BANDEN[-1][2]})."
)


def band(score: float | None) -> str | None:
    if score is None:
        return None
    return next(naam for grens, naam, _ in BANDEN if score >= grens)


def score_tekst(thema_score) -> str:
    """How a thema's score reads in a table or report."""
    if thema_score.score is not None:
        return str(scoring.afgerond(thema_score.score))
    if getattr(thema_score, "alles_nvt", False):
        return "n.v.t."
    return "onvoldoende beantwoord"
