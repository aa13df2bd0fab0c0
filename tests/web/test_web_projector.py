"""The projector follows the room (issue 20), without a browser: the current vraag is stored per
meting, set by answers, by the facilitator's focus and by a no-JavaScript post; the projector
page marks it and last year's unconfirmed answers; the session's progress line is a fragment
of its own."""

from __future__ import annotations

import pytest

from tests.conftest import csrf_token
from zelfscan import opslag
from zelfscan.errors import OngeldigeInvoer

THEMA = "visie-opdracht"


def vragen(meting, thema=THEMA):
    return [v.id for v in meting.vragenlijst.thema(thema).vragen]


def wijs(client, meting, vraag, token=None):
    token = token or csrf_token(client, f"/metingen/{meting.id}/thema/{THEMA}")
    return client.post(
        f"/metingen/{meting.id}/presentatie/vraag",
        json={"vraag": vraag},
        headers={"X-CSRFToken": token},
    )


def test_the_store_keeps_the_current_vraag_per_meting(db, ijmond):
    v1, v2, *_ = vragen(ijmond)
    assert opslag.huidige_vraag(db, ijmond.id) is None
    stand = opslag.stand(db, ijmond.id)
    opslag.zet_huidige_vraag(db, ijmond.id, v2)
    assert opslag.huidige_vraag(db, ijmond.id) == v2
    assert opslag.stand(db, ijmond.id) != stand  # the projector hears of it
    # Beside the revealed scores, not instead of them.
    opslag.onthul_scores(db, ijmond.id, THEMA)
    assert (opslag.huidige_vraag(db, ijmond.id), opslag.onthuld_thema(db, ijmond.id)) == (v2, THEMA)
    with pytest.raises(OngeldigeInvoer, match="hoort niet bij deze meting"):
        opslag.zet_huidige_vraag(db, ijmond.id, "bestaat-niet")
    # Presenting a closed meting may point at a vraag: it changes nothing that was said.
    opslag.rond_af(db, ijmond.id, wie="fien")
    opslag.zet_huidige_vraag(db, ijmond.id, v1)
    assert opslag.huidige_vraag(db, ijmond.id) == v1


def test_focus_answers_and_posts_set_the_current_vraag(facilitator, ijmond, db):
    v1, v2, v3, *_ = vragen(ijmond)
    token = csrf_token(facilitator, f"/metingen/{ijmond.id}/thema/{THEMA}")
    assert wijs(facilitator, ijmond, v2, token).json == {"ok": True}
    assert opslag.huidige_vraag(db, ijmond.id) == v2
    # Another meting's vraag, junk, or no token: refused, nothing changes.
    assert wijs(facilitator, ijmond, "bestaat-niet", token).status_code == 400
    assert wijs(facilitator, ijmond, ["lijst"], token).status_code == 400
    assert wijs(facilitator, ijmond, v3, "fout-token").status_code == 400
    assert opslag.huidige_vraag(db, ijmond.id) == v2
    # An answer makes its vraag the current one (the last answered).
    facilitator.post(
        f"/metingen/{ijmond.id}/autosave",
        json={"soort": "cel", "cbs": "GM0375", "vraag": v1, "veld": "waarde", "waarde": "2"},
        headers={"X-CSRFToken": token},
    )
    assert opslag.huidige_vraag(db, ijmond.id) == v1
    # So does the no-JavaScript post of "same answer for all".
    facilitator.post(
        f"/metingen/{ijmond.id}/thema/{THEMA}",
        data={"csrf_token": token, "actie": "opslaan", f"alle:{v3}": "1"},
    )
    assert opslag.huidige_vraag(db, ijmond.id) == v3


def test_the_projector_marks_the_current_vraag_and_refreshes_to_it(facilitator, ijmond, db):
    v2 = vragen(ijmond)[1]
    facilitator.get(f"/metingen/{ijmond.id}/thema/{THEMA}")
    presentatie = f"/metingen/{ijmond.id}/presentatie"
    html = facilitator.get(presentatie).get_data(as_text=True)
    assert "huidig" not in html and 'aria-current="step"' not in html
    assert f"{presentatie}/volg" in html  # where the no-JavaScript refresh goes
    opslag.zet_huidige_vraag(db, ijmond.id, v2)
    html = facilitator.get(presentatie).get_data(as_text=True)
    assert f'<section class="vraag huidig" id="p-{v2}"' in html
    assert '<span class="nu">Nu</span>' in html
    volg = facilitator.get(f"{presentatie}/volg")
    assert volg.status_code == 302 and volg.headers["Location"].endswith(f"/presentatie#p-{v2}")
    # The meting page opens the projector there too, so even its first load shows the vraag.
    meting = facilitator.get(f"/metingen/{ijmond.id}").get_data(as_text=True)
    assert f'href="{presentatie}/volg" target="zelfscan-presentatie"' in meting
    # On another thema's screen the vraag is not highlighted: the facilitator moved on.
    facilitator.get(f"/metingen/{ijmond.id}/thema/capaciteit")
    assert "vraag huidig" not in facilitator.get(presentatie).get_data(as_text=True)


def test_a_vervolgmeting_on_the_projector_counts_last_years_answers_apart(
    facilitator, ijmond_vervolg, db
):
    v1 = vragen(ijmond_vervolg)[0]
    facilitator.get(f"/metingen/{ijmond_vervolg.id}/thema/{THEMA}")
    html = facilitator.get(f"/metingen/{ijmond_vervolg.id}/presentatie").get_data(as_text=True)
    assert "Dit thema: 0 van 18 antwoorden gegeven" in html
    assert "18 van vorig jaar, nog te bevestigen" in html
    assert html.count('<span class="chipmerk">vorig jaar, nog te bevestigen</span>') == 18
    opslag.bevestig_antwoord(db, ijmond_vervolg.id, "GM0375", v1, wie="fien")
    html = facilitator.get(f"/metingen/{ijmond_vervolg.id}/presentatie").get_data(as_text=True)
    assert "Dit thema: 1 van 18 antwoorden gegeven" in html
    assert "17 van vorig jaar, nog te bevestigen" in html


def test_the_progress_line_counts_only_what_the_room_settled(facilitator, ijmond_vervolg, db):
    regel = facilitator.get(f"/metingen/{ijmond_vervolg.id}/voortgangregel").get_data(as_text=True)
    totaal = len(ijmond_vervolg.vragenlijst.vragen) * 3
    assert f"{totaal} van vorig jaar nog te bevestigen" in regel
    assert "Beverwijk 0%" in regel and "100%" not in regel  # not "Haarlem 100%" before a word
    assert 'id="voortgangregel"' in regel and "<html" not in regel  # a fragment, for sessie.js
    for v in vragen(ijmond_vervolg):
        opslag.bevestig_antwoord(db, ijmond_vervolg.id, "GM0375", v, wie="fien")
    regel = facilitator.get(f"/metingen/{ijmond_vervolg.id}/voortgangregel").get_data(as_text=True)
    assert f"{totaal - 6} van vorig jaar nog te bevestigen" in regel
    assert "Beverwijk 5%" in regel  # 6 of 119 vragen


def test_a_closed_meting_shows_its_answers_as_text_and_the_end_of_thema_explains_its_marks(
    facilitator, ijmond, db
):
    v1, v2, *_ = vragen(ijmond)
    opslag.sla_antwoord_voor_alle(db, ijmond.id, v1, 2, wie="fien")
    opslag.sla_antwoord(
        db, ijmond.id, "GM0375", v1, toelichting="Wachtlijst besproken.", wie="fien"
    )
    opslag.sla_antwoord(db, ijmond.id, "GM0396", v2, 1, bespreekpunt=True, wie="fien")
    klaar = facilitator.get(f"/metingen/{ijmond.id}/thema/{THEMA}/klaar").get_data(as_text=True)
    assert "= bespreekpunt: hier wil de groep op terugkomen" in klaar
    assert "<strong>Beverwijk:</strong> Wachtlijst besproken." in klaar

    opslag.rond_af(db, ijmond.id, wie="fien")
    pagina = facilitator.get(f"/metingen/{ijmond.id}/thema/{THEMA}").get_data(as_text=True)
    inhoud = pagina[pagina.index('<main id="inhoud"') :]
    for knop in ('type="radio"', "<textarea", "knop-alle", "knop-bevestig", "themaformulier"):
        assert knop not in inhoud, knop
    assert '<span class="chipnaam">Beverwijk</span> Grotendeels' in inhoud
    assert "Bespreekpunt: hier wilde de groep op terugkomen." in inhoud
    assert "<strong>Beverwijk:</strong> Wachtlijst besproken." in inhoud
