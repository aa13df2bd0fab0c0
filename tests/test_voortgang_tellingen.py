"""The overview's progress, counted by SQLite (store.antwoord_tellingen and
voortgang.voortgang_uit_tellingen), agrees with bereken_voortgang over the loaded answers:
for empty, partly answered and complete metingen, with answers copied from last year that
were confirmed, changed, cleared or left alone."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.store_fixtures import NOORD, maak, mini
from zelfscan import store
from zelfscan.db import open_db
from zelfscan.voortgang import bereken_voortgang, voortgang_uit_tellingen

VRAGEN = [v.id for v in mini().vragenlijst("mini-scan").vragen]
CELLEN = [(cbs, vraag) for cbs in NOORD for vraag in VRAGEN]
# None: leave the cell alone; "wis": clear it; "bevestig": confirm a copied answer.
HANDELING = st.sampled_from([None, None, 1, 2, 3, "weet_niet", "nvt", "wis", "bevestig"])


def vergelijk_met_volledige_berekening(db) -> int:
    metingen = store.metingen(db)
    tellingen = store.antwoord_tellingen(db, metingen)
    for meting in metingen:
        gemeenten = [g.cbs for g in meting.gemeenten]
        volledig = bereken_voortgang(meting.vragenlijst, gemeenten, store.antwoorden(db, meting.id))
        t = tellingen[meting.id]
        kort = voortgang_uit_tellingen(
            meting.vragenlijst, len(gemeenten), t.beantwoord, t.onbevestigd, t.per_vraag
        )
        assert (kort.beantwoord, kort.totaal, kort.onbevestigd, kort.themas_klaar) == (
            volledig.beantwoord,
            volledig.totaal,
            volledig.onbevestigd,
            volledig.themas_klaar,
        ), meting.titel
        assert [
            (t.thema_id, t.beantwoord, t.totaal, t.onbevestigd, t.klaar) for t in kort.themas
        ] == [(t.thema_id, t.beantwoord, t.totaal, t.onbevestigd, t.klaar) for t in volledig.themas]
    return len(metingen)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    eerste=st.lists(HANDELING, min_size=len(CELLEN), max_size=len(CELLEN)),
    tweede=st.lists(HANDELING, min_size=len(CELLEN), max_size=len(CELLEN)),
    overnemen=st.booleans(),
)
# Complete but not confirmed: every answer copied from last year, none, or one confirmed.
@example(eerste=[2] * len(CELLEN), tweede=[None] * len(CELLEN), overnemen=True)
@example(eerste=[2] * len(CELLEN), tweede=["bevestig"] + [None] * (len(CELLEN) - 1), overnemen=True)
@example(eerste=[3] * len(CELLEN), tweede=["bevestig"] * len(CELLEN), overnemen=True)
def test_counted_progress_equals_the_full_calculation(eerste, tweede, overnemen):
    catalogus = mini()
    with tempfile.TemporaryDirectory() as map_:
        db = open_db(Path(map_) / "zelfscan.db")
        maak(db, catalogus, jaar=2020, titel="Leeg")  # never answered
        nul = maak(db, catalogus)
        for (cbs, vraag), handeling in zip(CELLEN, eerste, strict=True):
            if handeling not in (None, "wis", "bevestig"):
                store.sla_antwoord(db, nul.id, cbs, vraag, handeling, wie="fien")
        store.rond_af(db, nul.id, wie="fien")
        vervolg, _ = store.maak_vervolgmeting(
            db,
            nul.id,
            vragenlijst=catalogus.vragenlijst("mini-scan"),
            regio=catalogus.regio("testregio"),
            jaar=2022,
            datum=date(2022, 10, 11),
            overnemen=overnemen,
            wie="fien",
        )
        for (cbs, vraag), handeling in zip(CELLEN, tweede, strict=True):
            if handeling == "wis":
                store.sla_antwoord(db, vervolg.id, cbs, vraag, None, wie="fien")
            elif handeling == "bevestig":
                if store.antwoord(db, vervolg.id, cbs, vraag).overgenomen:
                    store.bevestig_antwoord(db, vervolg.id, cbs, vraag, wie="fien")
            elif handeling is not None:
                store.sla_antwoord(db, vervolg.id, cbs, vraag, handeling, wie="fien")
        assert vergelijk_met_volledige_berekening(db) == 3
        db.conn.close()


def test_a_complete_meting_counts_every_thema_klaar():
    catalogus = mini()
    with tempfile.TemporaryDirectory() as map_:
        db = open_db(Path(map_) / "zelfscan.db")
        meting = maak(db, catalogus)
        for vraag in VRAGEN:
            store.sla_antwoord_voor_alle(db, meting.id, vraag, 2, wie="fien")
        t = store.antwoord_tellingen(db, [meting])[meting.id]
        assert t.per_vraag is None  # nothing partial: the totals say it all
        kort = voortgang_uit_tellingen(
            meting.vragenlijst, len(meting.gemeenten), t.beantwoord, t.onbevestigd, t.per_vraag
        )
        assert kort.themas_klaar == len(meting.vragenlijst.themas)
        assert kort.aandeel == 1.0
        db.conn.close()
