"""Metingen and everything recorded in them: answers, notes, deelnemers, ambities, the logboek.

Every function takes the database first and keeps no state of its own. Every write is one
transaction (:func:`zelfscan.opslag.verbinding.write_transaction`): an answer is stored completely the moment
it is given, or not at all.

Two promises shape this module:

- **A meting pins its vragenlijst.** It stores an exact snapshot (``Vragenlijst.json`` and its
  sha256) and the gemeenten taking part, and reads its questions only from there. Later changes
  to the data files never change an existing meting or its report.
- **Nothing is silently overwritten.** A save says which row version it was based on
  (``verwachte_versie``); if someone else changed *the same field* since, the save is refused
  with :class:`VerouderdAntwoord`. Saves of other cells or other fields merge.

The store is a package of small modules (one job each); this facade gathers their public
functions, so callers write ``opslag.sla_antwoord(db, …)`` and need not know which module
holds what.
"""

from __future__ import annotations

# First: sqlite-utils without numpy (see sqlitebasis), before any module below imports it.
from . import sqlitebasis  # noqa: F401
from .ambitietabel import ambities, sla_ambitie
from .antwoordtabel import (
    antwoord,
    antwoorden,
    bevestig_antwoord,
    bevestig_thema,
    nieuwe_rij,
    onbeantwoord,
    sla_antwoord,
    sla_antwoord_voor_alle,
    waarde_uit_opslag,
)
from .logboektabel import logboek
from .metingtabel import (
    bewaar_snapshot,
    heropen,
    huidige_vraag,
    maak_meting,
    meting,
    meting_koppen,
    meting_met_uuid,
    metingen,
    onthul_scores,
    onthuld_thema,
    rond_af,
    schrijfbaar,
    stand,
    vergeet_snapshots,
    verwijder_demo_metingen,
    zet_huidig_thema,
    zet_huidige_vraag,
)
from .notitietabel import deelnemers, notities, sla_notitie, verwijder_deelnemer, voeg_deelnemer_toe
from .records import (
    AFGEROND,
    CONCEPT,
    SOORTEN,
    UNCHANGED,
    Ambitie,
    Antwoord,
    Deelnemer,
    LogRegel,
    Meting,
    MetingKop,
    Notitie,
    Tellingen,
)
from .regels import MAX_TEKST
from .tellingen import (
    aantal_cellen,
    antwoord_tellingen,
    bewaar_tellingen,
    onbeantwoorde_cellen,
    tel_antwoorden,
)
from .vervolg import (
    Geschiedenis,
    geschiedenis,
    keten,
    maak_vervolgmeting,
    neem_antwoorden_over,
    vervolgmetingen,
)

__all__ = [
    "AFGEROND",
    "CONCEPT",
    "MAX_TEKST",
    "SOORTEN",
    "UNCHANGED",
    "Ambitie",
    "Antwoord",
    "Deelnemer",
    "Geschiedenis",
    "LogRegel",
    "Meting",
    "MetingKop",
    "Notitie",
    "Tellingen",
    "aantal_cellen",
    "ambities",
    "antwoord",
    "antwoord_tellingen",
    "antwoorden",
    "bevestig_antwoord",
    "bevestig_thema",
    "bewaar_snapshot",
    "bewaar_tellingen",
    "deelnemers",
    "geschiedenis",
    "heropen",
    "huidige_vraag",
    "keten",
    "logboek",
    "maak_meting",
    "maak_vervolgmeting",
    "meting",
    "meting_koppen",
    "meting_met_uuid",
    "metingen",
    "neem_antwoorden_over",
    "nieuwe_rij",
    "notities",
    "onbeantwoord",
    "onbeantwoorde_cellen",
    "onthul_scores",
    "onthuld_thema",
    "rond_af",
    "schrijfbaar",
    "sla_ambitie",
    "sla_antwoord",
    "sla_antwoord_voor_alle",
    "sla_notitie",
    "stand",
    "tel_antwoorden",
    "vergeet_snapshots",
    "vervolgmetingen",
    "verwijder_deelnemer",
    "verwijder_demo_metingen",
    "voeg_deelnemer_toe",
    "waarde_uit_opslag",
    "zet_huidig_thema",
    "zet_huidige_vraag",
]
