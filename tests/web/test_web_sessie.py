"""The session wizard through the real app: create, answer (with and without JavaScript), merge,
conflicts, presentation, afronden and heropenen."""

from __future__ import annotations

import json

from tests.conftest import csrf_token
from zelfscan import opslag
from zelfscan.opslag import regels

THEMA = "capaciteit"


def thema_url(meting, thema=THEMA) -> str:
    return f"/metingen/{meting.id}/thema/{thema}"


def vragen(meting, thema=THEMA):
    return [v.id for v in meting.vragenlijst.thema(thema).vragen]


def test_create_meting_through_the_form(facilitator, db):
    token = csrf_token(facilitator, "/metingen/nieuw")
    antwoord = facilitator.post(
        "/metingen/nieuw",
        data={
            "csrf_token": token,
            "subregio": "kennemerland/ijmond",
            "vragenlijst": "werken-aan-veiligheid@2021.1",
            "jaar": "2021",
            "soort": "0-meting",
            "datum": "2021-10-12",
            "titel": "",
        },
    )
    assert antwoord.status_code == 302, antwoord.get_data(as_text=True)
    [meting] = opslag.metingen(db)
    assert [g.naam for g in meting.gemeenten] == ["Beverwijk", "Heemskerk", "Velsen"]
    assert meting.titel == "0-meting 2021 IJmond"
    pagina = facilitator.get(antwoord.headers["Location"]).get_data(as_text=True)
    assert "Sessie starten" in pagina and "IJmond" in pagina


def test_create_meting_refuses_a_gemeente_from_another_subregio(facilitator, db):
    token = csrf_token(facilitator, "/metingen/nieuw")
    antwoord = facilitator.post(
        "/metingen/nieuw",
        data={
            "csrf_token": token,
            "subregio": "kennemerland/ijmond",
            "vragenlijst": "werken-aan-veiligheid@2021.1",
            "jaar": "2021",
            "soort": "0-meting",
            "datum": "2021-10-12",
            "gemeenten": ["GM0375", "GM0392"],
        },
    )
    assert antwoord.status_code == 400
    # The store's refusal, naming the gemeente by name (see tests/opslag/test_regels.py).
    assert "niet bij subregio IJmond: Haarlem (hoort bij" in antwoord.get_data(as_text=True)
    assert opslag.metingen(db) == []


def test_thema_screen_shows_a_grid_per_vraag(facilitator, ijmond):
    html = facilitator.get(thema_url(ijmond)).get_data(as_text=True)
    thema = ijmond.vragenlijst.thema(THEMA)
    assert thema.titel in html
    for vraag in thema.vragen:
        assert vraag.tekst in html
        for cbs in ("GM0375", "GM0396", "GM0453"):
            assert f'name="a:{cbs}:{vraag.id}"' in html
    for label in ("Nee", "In ontwikkeling", "Grotendeels", "Ja, geborgd", "Weet niet", "N.v.t."):
        assert label in html


def post_thema(client, meting, velden: dict, thema=THEMA, actie="opslaan"):
    token = csrf_token(client, thema_url(meting, thema))
    return client.post(
        thema_url(meting, thema), data={"csrf_token": token, "actie": actie, **velden}
    )


def test_no_javascript_post_saves_everything(facilitator, ijmond, db):
    v1, v2 = vragen(ijmond)[:2]
    antwoord = post_thema(
        facilitator,
        ijmond,
        {
            f"a:GM0375:{v1}": "2",
            f"ao:GM0375:{v1}": "",
            f"a:GM0396:{v1}": "weet_niet",
            f"ao:GM0396:{v1}": "",
            f"a:GM0453:{v1}": "nvt",
            f"ao:GM0453:{v1}": "",
            f"tg:{v2}": "Geldt voor alle drie",
            f"tgo:{v2}": "",
            f"b:{v2}": "1",
            f"bo:{v2}": "0",
            "notitie": "Lange discussie over wachtlijsten.",
            "notitie_origineel": "",
        },
    )
    assert antwoord.status_code == 302
    alle = opslag.antwoorden(db, ijmond.id)
    assert alle[("GM0375", v1)].waarde == 2
    assert alle[("GM0396", v1)].waarde == "weet_niet"
    assert alle[("GM0453", v1)].waarde == "nvt"
    for cbs in ("GM0375", "GM0396", "GM0453"):
        assert alle[(cbs, v2)].toelichting == "Geldt voor alle drie"
        assert alle[(cbs, v2)].bespreekpunt
        assert alle[(cbs, v2)].waarde is None  # a toelichting is not an answer
    assert (
        opslag.notities(db, ijmond.id)[(THEMA, None)].tekst == "Lange discussie over wachtlijsten."
    )
    # Reloading shows what was saved.
    html = facilitator.get(thema_url(ijmond)).get_data(as_text=True)
    assert f'id="a-GM0375-{v1}-2" checked' in html
    assert "Geldt voor alle drie" in html


def test_same_answer_for_all_then_one_deviates(facilitator, ijmond, db):
    v1 = vragen(ijmond)[0]
    antwoord = post_thema(facilitator, ijmond, {f"alle:{v1}": "3"})
    assert antwoord.headers["Location"].endswith(f"#vraag-{v1}")
    assert {a.waarde for (c, v), a in opslag.antwoorden(db, ijmond.id).items() if v == v1} == {3}
    post_thema(facilitator, ijmond, {f"a:GM0396:{v1}": "1", f"ao:GM0396:{v1}": "3"})
    alle = opslag.antwoorden(db, ijmond.id)
    assert [alle[(c, v1)].waarde for c in ("GM0375", "GM0396", "GM0453")] == [3, 1, 3]


def test_clearing_is_not_weet_niet(facilitator, ijmond, db):
    v1 = vragen(ijmond)[0]
    post_thema(facilitator, ijmond, {f"a:GM0375:{v1}": "weet_niet", f"ao:GM0375:{v1}": ""})
    post_thema(facilitator, ijmond, {f"a:GM0375:{v1}": "", f"ao:GM0375:{v1}": "weet_niet"})
    assert opslag.antwoorden(db, ijmond.id)[("GM0375", v1)].waarde is None


def test_two_tabs_merge_and_a_stale_change_is_reported(facilitator, ijmond, db):
    v1, v2 = vragen(ijmond)[:2]
    # Tab A and tab B both loaded the empty screen. A answers vraag 1 for Beverwijk.
    post_thema(facilitator, ijmond, {f"a:GM0375:{v1}": "2", f"ao:GM0375:{v1}": ""})
    # B answers vraag 2 (merges) and also, from its stale view, vraag 1 for Beverwijk (conflict).
    antwoord = post_thema(
        facilitator,
        ijmond,
        {
            f"a:GM0375:{v2}": "1",
            f"ao:GM0375:{v2}": "",
            f"a:GM0375:{v1}": "0",
            f"ao:GM0375:{v1}": "",
        },
    )
    assert antwoord.status_code == 409
    html = antwoord.get_data(as_text=True)
    assert "Niet alles is opgeslagen" in html
    assert "Beverwijk, vraag 1, antwoord: u koos “Nee”, opgeslagen is “Grotendeels”." in html
    alle = opslag.antwoorden(db, ijmond.id)
    assert alle[("GM0375", v1)].waarde == 2  # A's answer stands
    assert alle[("GM0375", v2)].waarde == 1  # B's other change merged


def test_unchanged_fields_from_a_stale_tab_do_not_overwrite(facilitator, ijmond, db):
    v1 = vragen(ijmond)[0]
    post_thema(facilitator, ijmond, {f"a:GM0375:{v1}": "2", f"ao:GM0375:{v1}": ""})
    # A stale tab posts its whole screen: the untouched cell still says "open".
    antwoord = post_thema(facilitator, ijmond, {f"a:GM0375:{v1}": "", f"ao:GM0375:{v1}": ""})
    assert antwoord.status_code == 302
    assert opslag.antwoorden(db, ijmond.id)[("GM0375", v1)].waarde == 2


def test_junk_values_are_refused_without_a_server_error(facilitator, ijmond, db):
    v1 = vragen(ijmond)[0]
    v2 = vragen(ijmond)[1]
    antwoord = post_thema(
        facilitator,
        ijmond,
        {
            f"a:GM0375:{v1}": "2",
            f"ao:GM0375:{v1}": "",  # valid, but the post as a whole is refused
            f"a:GM0396:{v2}": "7",
            f"ao:GM0396:{v2}": "",
        },
    )
    assert antwoord.status_code == 400
    assert opslag.antwoorden(db, ijmond.id) == {}
    antwoord = post_thema(facilitator, ijmond, {f"a:GM9999:{v1}": "2", f"ao:GM9999:{v1}": ""})
    assert antwoord.status_code == 302  # unknown gemeente fields are ignored, nothing stored
    assert opslag.antwoorden(db, ijmond.id) == {} or all(
        c != "GM9999" for c, _ in opslag.antwoorden(db, ijmond.id)
    )


def autosave(client, meting, **gegevens):
    token = csrf_token(client, thema_url(meting))
    return client.post(
        f"/metingen/{meting.id}/autosave", json=gegevens, headers={"X-CSRFToken": token}
    )


def test_autosave_cell_all_and_note(facilitator, ijmond, db):
    v1, v2 = vragen(ijmond)[:2]
    r = autosave(
        facilitator,
        ijmond,
        soort="cel",
        cbs="GM0453",
        vraag=v1,
        veld="waarde",
        waarde="3",
        origineel="",
    )
    assert r.status_code == 200 and r.json["ok"]
    r = autosave(facilitator, ijmond, soort="alle", vraag=v2, waarde="1")
    assert r.status_code == 200
    r = autosave(facilitator, ijmond, soort="notitie", thema=THEMA, waarde="Notitie", origineel="")
    assert r.status_code == 200
    alle = opslag.antwoorden(db, ijmond.id)
    assert alle[("GM0453", v1)].waarde == 3
    assert {alle[(c, v2)].waarde for c in ("GM0375", "GM0396", "GM0453")} == {1}
    assert opslag.notities(db, ijmond.id)[(THEMA, None)].tekst == "Notitie"


def test_autosave_reports_a_stale_change(facilitator, ijmond):
    v1 = vragen(ijmond)[0]
    autosave(
        facilitator,
        ijmond,
        soort="cel",
        cbs="GM0453",
        vraag=v1,
        veld="waarde",
        waarde="3",
        origineel="",
    )
    r = autosave(
        facilitator,
        ijmond,
        soort="cel",
        cbs="GM0453",
        vraag=v1,
        veld="waarde",
        waarde="0",
        origineel="",
    )
    assert r.status_code == 409
    assert r.json["huidig"] == "3"
    assert "Ja, geborgd" in r.json["fout"]


def test_autosave_needs_csrf_and_refuses_junk(facilitator, ijmond):
    zonder = facilitator.post(
        f"/metingen/{ijmond.id}/autosave", json={"soort": "alle", "vraag": "x", "waarde": "1"}
    )
    assert zonder.status_code == 400
    for junk in (
        {"soort": "cel", "veld": "geheim"},
        {"soort": 3},
        {"soort": "alle", "vraag": vragen(ijmond)[0], "waarde": "9"},
    ):
        assert autosave(facilitator, ijmond, **junk).status_code == 400


def test_resume_opens_where_the_session_stopped(facilitator, ijmond):
    facilitator.get(thema_url(ijmond, "outreachend-werken"))
    html = facilitator.get(f"/metingen/{ijmond.id}").get_data(as_text=True)
    assert f'href="/metingen/{ijmond.id}/thema/outreachend-werken"' in html


def test_presentation_follows_the_facilitator(facilitator, ijmond):
    facilitator.get(thema_url(ijmond, "verbinding-ggz"))
    html = facilitator.get(f"/metingen/{ijmond.id}/presentatie").get_data(as_text=True)
    assert ijmond.vragenlijst.thema("verbinding-ggz").titel in html
    assert "csrf_token" not in html and "<form" not in html  # no admin controls
    stand = facilitator.get(f"/metingen/{ijmond.id}/presentatie/stand").json["stand"]
    autosave(
        facilitator, ijmond, soort="alle", vraag=vragen(ijmond, "verbinding-ggz")[0], waarde="2"
    )
    assert facilitator.get(f"/metingen/{ijmond.id}/presentatie/stand").json["stand"] != stand


def test_end_of_thema_overview(facilitator, ijmond):
    v1 = vragen(ijmond)[0]
    post_thema(facilitator, ijmond, {f"alle:{v1}": "2"})
    antwoord = post_thema(facilitator, ijmond, {}, actie="volgende")
    assert antwoord.headers["Location"].endswith(f"/thema/{THEMA}/klaar")
    html = facilitator.get(antwoord.headers["Location"]).get_data(as_text=True)
    assert "de antwoorden op een rij" in html
    assert "Grotendeels" in html
    assert "Volgende thema:" in html


def test_afronden_then_read_only_then_heropenen(facilitator, ijmond, db):
    token = csrf_token(facilitator, f"/metingen/{ijmond.id}/afronden")
    html = facilitator.get(f"/metingen/{ijmond.id}/afronden").get_data(as_text=True)
    assert "Wat nog open staat" in html
    niet = facilitator.post(f"/metingen/{ijmond.id}/afronden", data={"csrf_token": token})
    assert niet.status_code == 400 and opslag.meting(db, ijmond.id).status == "concept"
    facilitator.post(
        f"/metingen/{ijmond.id}/afronden", data={"csrf_token": token, "bevestig": "ja"}
    )
    assert opslag.meting(db, ijmond.id).status == "afgerond"

    v1 = vragen(ijmond)[0]
    geweigerd = post_thema(facilitator, ijmond, {f"a:GM0375:{v1}": "2", f"ao:GM0375:{v1}": ""})
    assert geweigerd.status_code == 409
    assert "afgerond" in geweigerd.get_data(as_text=True)
    r = autosave(
        facilitator,
        ijmond,
        soort="cel",
        cbs="GM0375",
        vraag=v1,
        veld="waarde",
        waarde="2",
        origineel="",
    )
    assert r.status_code == 409
    # Read-only looks read-only: the answers as text, no control to change them (issue 20).
    alleen_lezen = facilitator.get(thema_url(ijmond)).get_data(as_text=True)
    assert "Deze meting is afgerond" in alleen_lezen and 'type="radio"' not in alleen_lezen

    zonder_reden = facilitator.post(
        f"/metingen/{ijmond.id}/heropenen", data={"csrf_token": token, "reden": " "}
    )
    assert zonder_reden.status_code == 400 and opslag.meting(db, ijmond.id).status == "afgerond"
    facilitator.post(
        f"/metingen/{ijmond.id}/heropenen",
        data={"csrf_token": token, "reden": "Typefout bij Velsen"},
    )
    assert opslag.meting(db, ijmond.id).status == "concept"
    assert any("Typefout bij Velsen" in (r.details or "") for r in opslag.logboek(db, ijmond.id))


def test_participants(facilitator, ijmond, db):
    token = csrf_token(facilitator, f"/metingen/{ijmond.id}")
    facilitator.post(
        f"/metingen/{ijmond.id}/deelnemers",
        data={
            "csrf_token": token,
            "organisatie": "Gemeente Velsen",
            "rol": "Beleidsadviseur HG/KM",
        },
    )
    [deelnemer] = opslag.deelnemers(db, ijmond.id)
    assert deelnemer.organisatie == "Gemeente Velsen" and deelnemer.naam is None
    html = facilitator.get(f"/metingen/{ijmond.id}").get_data(as_text=True)
    assert "Beleidsadviseur HG/KM" in html


def test_html_in_input_is_stored_verbatim_and_rendered_escaped(facilitator, ijmond, db):
    v1 = vragen(ijmond)[0]
    gevaarlijk = "<script>alert('x')</script> & ' OR 1=1; --"
    post_thema(facilitator, ijmond, {f"t:GM0375:{v1}": gevaarlijk, f"to:GM0375:{v1}": ""})
    assert opslag.antwoorden(db, ijmond.id)[("GM0375", v1)].toelichting == gevaarlijk
    html = facilitator.get(thema_url(ijmond)).get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_scores_stay_hidden_on_the_projector_until_revealed(facilitator, ijmond, db):
    for vraag in vragen(ijmond):
        opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag, 2, wie="test")
    facilitator.get(thema_url(ijmond))  # the facilitator is on this thema
    presentatie = f"/metingen/{ijmond.id}/presentatie"
    assert "Scores voor dit thema" not in facilitator.get(presentatie).get_data(as_text=True)
    stand = facilitator.get(f"{presentatie}/stand").json["stand"]

    token = csrf_token(facilitator, thema_url(ijmond))
    antwoord = facilitator.post(
        f"/metingen/{ijmond.id}/onthul",
        data={"csrf_token": token, "thema": THEMA, "actie": "tonen", "terug": thema_url(ijmond)},
    )
    assert antwoord.headers["Location"].endswith(thema_url(ijmond))
    assert facilitator.get(f"{presentatie}/stand").json["stand"] != stand  # the projector reloads
    html = facilitator.get(presentatie).get_data(as_text=True)
    assert "Scores voor dit thema" in html and "67" in html

    facilitator.get(thema_url(ijmond, "deskundigheid"))  # moving on hides them again
    assert "Scores voor dit thema" not in facilitator.get(presentatie).get_data(as_text=True)

    facilitator.post(
        f"/metingen/{ijmond.id}/onthul",
        data={
            "csrf_token": token,
            "thema": THEMA,
            "actie": "tonen",
            "terug": "https://elders.example/",
        },
    )
    facilitator.get(thema_url(ijmond))
    assert "Scores voor dit thema" in facilitator.get(presentatie).get_data(as_text=True)
    facilitator.post(
        f"/metingen/{ijmond.id}/onthul",
        data={"csrf_token": token, "thema": THEMA, "actie": "verbergen"},
    )
    assert "Scores voor dit thema" not in facilitator.get(presentatie).get_data(as_text=True)


# --- issue 18: the beacon on leaving, and "voor alle" never overwrites blindly ------------------


def test_autosave_takes_a_beacon_with_the_token_in_the_form(facilitator, ijmond, db):
    """navigator.sendBeacon cannot set headers: the token travels in the form data, and the
    CSRF protection still holds (no token, no save)."""
    v1 = vragen(ijmond)[0]
    gegevens = json.dumps(
        {"soort": "cel", "cbs": "GM0375", "vraag": v1, "veld": "toelichting", "waarde": "Baken"}
        | {"origineel": ""}
    )
    url = f"/metingen/{ijmond.id}/autosave"
    assert facilitator.post(url, data={"gegevens": gegevens}).status_code == 400
    assert opslag.antwoord(db, ijmond.id, "GM0375", v1).toelichting == ""
    token = csrf_token(facilitator, thema_url(ijmond))
    r = facilitator.post(url, data={"gegevens": gegevens, "csrf_token": token})
    assert r.status_code == 200, r.get_json()
    assert opslag.antwoord(db, ijmond.id, "GM0375", v1).toelichting == "Baken"
    r = facilitator.post(url, data={"gegevens": "{niet json", "csrf_token": token})
    assert r.status_code == 400


def test_toelichting_for_all_refuses_to_replace_an_own_one_unasked(facilitator, ijmond, db):
    v1 = vragen(ijmond)[0]
    opslag.sla_antwoord(db, ijmond.id, "GM0396", v1, toelichting="Eigen", wie="test")
    gezien = {"GM0375": "", "GM0396": "Eigen", "GM0453": ""}
    r = autosave(
        facilitator, ijmond, soort="toelichting_alle", vraag=v1, waarde="Voor alle",
        origineel="", gezien=gezien,
    )  # fmt: skip
    assert r.status_code == 409
    assert r.get_json()["vervangen"] == [{"cbs": "GM0396", "naam": "Heemskerk", "tekst": "Eigen"}]
    assert {a.toelichting for a in opslag.antwoorden(db, ijmond.id).values()} == {"Eigen"}
    # Agreeing to replace a text other than the stored one does not count.
    r = autosave(
        facilitator, ijmond, soort="toelichting_alle", vraag=v1, waarde="Voor alle",
        origineel="", gezien=gezien, vervang={"GM0396": "Iets anders"},
    )  # fmt: skip
    assert r.status_code == 409
    r = autosave(
        facilitator, ijmond, soort="toelichting_alle", vraag=v1, waarde="Voor alle",
        origineel="", gezien=gezien, vervang={"GM0396": "Eigen"},
    )  # fmt: skip
    assert r.status_code == 200, r.get_json()
    for cbs in ("GM0375", "GM0396", "GM0453"):
        assert opslag.antwoord(db, ijmond.id, cbs, v1).toelichting == "Voor alle"
    # The common text replaces itself without a question; a text changed elsewhere meanwhile
    # is a conflict, not a question.
    gezien = dict.fromkeys(gezien, "Voor alle")
    r = autosave(
        facilitator, ijmond, soort="toelichting_alle", vraag=v1, waarde="Nieuw",
        origineel="Voor alle", gezien=gezien,
    )  # fmt: skip
    assert r.status_code == 200
    r = autosave(
        facilitator, ijmond, soort="toelichting_alle", vraag=v1, waarde="Weer nieuw",
        origineel="Voor alle", gezien=gezien,
    )  # fmt: skip
    assert r.status_code == 409 and r.get_json()["vervangen"] == []
    r = autosave(facilitator, ijmond, soort="toelichting_alle", vraag=v1, waarde="x", gezien=[1])
    assert r.status_code == 400


def test_posted_toelichting_for_all_does_not_replace_an_own_one_unasked(facilitator, ijmond, db):
    v1 = vragen(ijmond)[0]
    opslag.sla_antwoord(db, ijmond.id, "GM0396", v1, toelichting="Eigen", wie="test")
    velden = {f"tg:{v1}": "Voor alle", f"tgo:{v1}": ""} | {
        f"to:{cbs}:{v1}": ("Eigen" if cbs == "GM0396" else "")
        for cbs in ("GM0375", "GM0396", "GM0453")
    }
    r = post_thema(facilitator, ijmond, velden)
    assert r.status_code == 409
    html = r.get_data(as_text=True)
    assert "Deze toelichting vervangt de eigen toelichting van" in html and "Eigen" in html
    assert opslag.antwoord(db, ijmond.id, "GM0375", v1).toelichting == ""
    r = post_thema(facilitator, ijmond, velden | {f"tv:GM0396:{v1}": "Eigen", f"vervang:{v1}": "1"})
    assert r.status_code == 302
    for cbs in ("GM0375", "GM0396", "GM0453"):
        assert opslag.antwoord(db, ijmond.id, cbs, v1).toelichting == "Voor alle"


def test_a_thema_post_that_fails_half_way_stores_none_of_it(facilitator, ijmond, db):
    """The answers come first and the note last: a note over its limit refuses the post, and
    the answers of the same post are not stored either (issue 18: all or nothing)."""
    v1 = vragen(ijmond)[0]
    antwoord = post_thema(
        facilitator,
        ijmond,
        {
            f"a:GM0375:{v1}": "2",
            f"ao:GM0375:{v1}": "",
            "notitie": "x" * (regels.MAX_TEKST + 1),
            "notitie_origineel": "",
        },
    )
    assert antwoord.status_code in (400, 422)
    assert "te lang" in antwoord.get_data(as_text=True)
    assert ("GM0375", v1) not in opslag.antwoorden(db, ijmond.id)
