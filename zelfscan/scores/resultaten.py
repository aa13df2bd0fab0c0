"""A meting's results: scores per gemeente, verbeterpunten and the subregio overview.

Each gemeente's verbeterpunten are :func:`advies.rangschik`'s ranked, capped list with advice
that follows its answers; the meting's regional agenda is :func:`advies.regionale_agenda` over
all its gemeenten.

Pure glue between what the store returns and the scoring functions (no Flask, no database),
so the web pages, the PDF reports and the CLI all show the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..inlezen.model import Vragenlijst
from . import advies, scoring


@dataclass(frozen=True)
class GemeenteResultaat:
    cbs: str
    naam: str
    scores: scoring.GemeenteScores
    verbeterlijst: advies.Verbeterlijst
    bespreekpunten: tuple[str, ...]  # vraag ids flagged in the session
    onbevestigd: int  # answers copied from last year and not yet confirmed (left out of scores)

    @property
    def verbeterpunten(self) -> tuple[advies.AdviesPunt, ...]:
        """The verbeterpunten shown, in rank order (at most ``regels.verbeterpunten_max``)."""
        return self.verbeterlijst.punten


@dataclass(frozen=True)
class MetingResultaat:
    vragenlijst: Vragenlijst
    gemeenten: tuple[GemeenteResultaat, ...]
    per_thema: Mapping[str, scoring.Spreiding]
    per_onderdeel: Mapping[str, scoring.Spreiding]
    # The wie: regio thema's that are a verbeterpunt for at least one gemeente (uncapped)
    agenda: tuple[advies.AgendaPunt, ...] = ()

    def gemeente(self, cbs: str) -> GemeenteResultaat:
        for gemeente in self.gemeenten:
            if gemeente.cbs == cbs:
                return gemeente
        raise KeyError(cbs)

    def zwak_in_hele_subregio(self) -> tuple[str, ...]:
        """Thema's in the legend's band "zwak" (:data:`ZWAK_REGEL`) for every gemeente with a
        score on it, in vragenlijst order: never a thema the legend calls "midden"."""
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
    telt_per_gemeente = []
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
                verbeterlijst=advies.rangschik(vragenlijst, scores, telt, bespreek),
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
        telt_per_gemeente.append((gemeente.cbs, gemeente.naam, scores, telt))
    alle = {g.cbs: g.scores for g in gemeenten}
    return MetingResultaat(
        vragenlijst=vragenlijst,
        gemeenten=tuple(gemeenten),
        per_thema=scoring.subregio_overzicht(vragenlijst, alle),
        per_onderdeel=scoring.onderdelen_overzicht(vragenlijst, alle),
        agenda=advies.regionale_agenda(vragenlijst, telt_per_gemeente),
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
