"""Phones vote along (issue 19), without JavaScript: join by code, choose a gemeente or
regiobreed, vote on the open thema, change until settled. And what a participant can never
reach: a facilitator page, another meting, another gemeente's votes, a closed participation."""

from __future__ import annotations

import re

import pytest

from tests.conftest import csrf_token
from zelfscan import opslag
from zelfscan.opslag import deelnametabel, stemtabel
from zelfscan.web import deelname as deelnameweb


@pytest.fixture
def kamer(app, db, ijmond):
    """IJmond with participation open on its first thema."""
    thema = ijmond.vragenlijst.themas[0]
    opslag.zet_huidig_thema(db, ijmond.id, thema.id)
    open_ = deelnametabel.open_deelname(db, ijmond.id, wie="fien")
    return open_, thema


def meld_aan(app, code: str, gemeente: str, **velden):
    telefoon = app.test_client()
    token = csrf_token(telefoon, f"/d/{code}/")
    antwoord = telefoon.post(
        f"/d/{code}/aanmelden", data={"csrf_token": token, "gemeente": gemeente, **velden}
    )
    assert antwoord.status_code == 302, antwoord.get_data(as_text=True)
    return telefoon


def stem(telefoon, code: str, keuzes: dict, json: bool = False):
    token = csrf_token(telefoon, f"/d/{code}/")
    velden = {f"v:{vraag}": waarde for vraag, waarde in keuzes.items()}
    return telefoon.post(
        f"/d/{code}/stem",
        data={"csrf_token": token, **velden},
        headers={"Accept": "application/json"} if json else {},
        follow_redirects=not json,
    )


def test_a_phone_joins_by_typed_code_and_votes_without_javascript(app, db, ijmond, kamer):
    open_, thema = kamer
    telefoon = app.test_client()
    token = csrf_token(telefoon, "/d/")
    fout = telefoon.post("/d/", data={"csrf_token": token, "code": "AAAAAA"})
    assert fout.status_code == 400 and "Deze code werkt niet" in fout.get_data(as_text=True)
    los = f"{open_.code[:3].lower()} {open_.code[3:]}"
    verder = telefoon.post("/d/", data={"csrf_token": token, "code": los})
    assert verder.headers["Location"].endswith(f"/d/{open_.code}/")
    keuze = telefoon.get(f"/d/{open_.code}/").get_data(as_text=True)
    assert "Voor welke gemeente antwoordt u?" in keuze and "Regiobreed" in keuze
    assert all(gm.naam in keuze for gm in ijmond.gemeenten)

    token = csrf_token(telefoon, f"/d/{open_.code}/")
    antwoord = telefoon.post(
        f"/d/{open_.code}/aanmelden",
        data={"csrf_token": token, "gemeente": "GM0453", "organisatie": "Wijkteam", "rol": "coach"},
    )
    cookie = antwoord.headers["Set-Cookie"]
    assert f"Path=/d/{open_.code}/" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    pagina = telefoon.get(f"/d/{open_.code}/").get_data(as_text=True)
    assert thema.titel in pagina and "Velsen" in pagina
    assert all(v.tekst in pagina for v in thema.vragen)
    eerste, tweede = thema.vragen[0].id, thema.vragen[1].id
    klaar = stem(telefoon, open_.code, {eerste: "2", tweede: "weet_niet"})
    assert "Uw antwoord is doorgegeven." in klaar.get_data(as_text=True)
    assert re.search(rf'id="v-{eerste}-2"\s+checked', klaar.get_data(as_text=True))
    stem(telefoon, open_.code, {eerste: "3"})  # changed until settled
    stemmen = stemtabel.stemmen(db, ijmond.id)
    assert sorted((s.cbs, s.vraag_id, s.waarde) for s in stemmen) == sorted(
        [("GM0453", eerste, 3), ("GM0453", tweede, "weet_niet")]
    )
    [wie] = deelnametabel.stemmers(db, ijmond.id)
    assert (wie.organisatie, wie.rol) == ("Wijkteam", "coach")
    assert opslag.antwoorden(db, ijmond.id) == {}  # a vote is not an answer


def test_regiobreed_counts_in_every_gemeente_and_settled_answers_are_shown(app, db, ijmond, kamer):
    open_, thema = kamer
    vraag = thema.vragen[0].id
    vt = meld_aan(app, open_.code, "regiobreed", organisatie="Veilig Thuis")
    assert "alle gemeenten (regiobreed)" in vt.get(f"/d/{open_.code}/").get_data(as_text=True)
    assert stem(vt, open_.code, {vraag: "1"}, json=True).get_json()["ok"]
    assert {s.cbs for s in stemtabel.stemmen(db, ijmond.id)} == {g.cbs for g in ijmond.gemeenten}
    for gm in ijmond.gemeenten:
        stemtabel.stel_vast(
            db, ijmond.id, gm.cbs, vraag, 1, voorstel=1, aantal_stemmen=1, wie="fien"
        )
    pagina = vt.get(f"/d/{open_.code}/").get_data(as_text=True)
    assert "Vastgesteld: <strong>In ontwikkeling</strong>" in pagina
    geweigerd = stem(vt, open_.code, {vraag: "3"}, json=True)
    assert geweigerd.status_code == 409 and "al vastgesteld" in geweigerd.get_json()["fout"]


def test_choosing_another_gemeente_takes_back_the_open_votes(app, db, ijmond, kamer, facilitator):
    open_, thema = kamer
    eerste, tweede = thema.vragen[0].id, thema.vragen[1].id
    telefoon = meld_aan(app, open_.code, "GM0375")  # meant Velsen, tapped Beverwijk
    stem(telefoon, open_.code, {eerste: "0", tweede: "1"})
    buur = meld_aan(app, open_.code, "GM0375")
    stem(buur, open_.code, {eerste: "2"})
    stemtabel.stel_vast(
        db, ijmond.id, "GM0375", eerste, 1, voorstel=0, aantal_stemmen=2, wie="fien"
    )
    token = csrf_token(telefoon, f"/d/{open_.code}/")
    terug = telefoon.post(
        f"/d/{open_.code}/afmelden", data={"csrf_token": token}, follow_redirects=True
    )
    assert "Voor welke gemeente antwoordt u?" in terug.get_data(as_text=True)
    assert "ingetrokken" in terug.get_data(as_text=True)
    # The open vraag lost the mistaken vote; the settled one keeps what it was settled on.
    assert {(s.cbs, s.vraag_id, s.waarde) for s in stemtabel.stemmen(db, ijmond.id)} == {
        ("GM0375", eerste, 0),
        ("GM0375", eerste, 2),
    }
    meld = telefoon.post(
        f"/d/{open_.code}/aanmelden", data={"csrf_token": token, "gemeente": "GM0453"}
    )
    assert meld.status_code == 302
    stem(telefoon, open_.code, {tweede: "1"})
    assert ("GM0453", tweede) in {(s.cbs, s.vraag_id) for s in stemtabel.stemmen(db, ijmond.id)}
    # Two phones, two participants in "x van N" (not three).
    html = facilitator.get(f"/metingen/{ijmond.id}/thema/{thema.id}").get_data(as_text=True)
    assert "2 van 2 hebben gestemd" in html


def test_the_reply_to_a_vote_says_what_happened(app, db, ijmond, kamer):
    open_, thema = kamer
    vraag = thema.vragen[0].id
    telefoon = meld_aan(app, open_.code, "GM0375")
    assert stem(telefoon, open_.code, {vraag: "2"}, json=True).get_json()["bericht"] == (
        "Uw antwoord is doorgegeven."
    )
    zelfde = stem(telefoon, open_.code, {vraag: "2"}, json=True).get_json()
    assert zelfde["bericht"].startswith("Dit antwoord had u al doorgegeven")
    leeg = stem(telefoon, open_.code, {vraag: ""}, json=True)
    assert leeg.status_code == 409 and leeg.get_json()["fout"].startswith("Kies een van")
    niets = stem(telefoon, open_.code, {}, json=True)
    assert (niets.status_code, niets.get_json()["fout"]) == (400, "Kies eerst een antwoord.")
    onbekend = stem(telefoon, open_.code, {"bestaat-niet": "1"}, json=True).get_json()["fout"]
    assert onbekend == "Deze vraag kennen we niet. Vernieuw de pagina en kies opnieuw."
    # Without JavaScript the same, on the page.
    assert "U hebt nog niets gekozen" in stem(telefoon, open_.code, {}).get_data(as_text=True)
    assert "Er is niets veranderd" in stem(telefoon, open_.code, {vraag: "2"}).get_data(
        as_text=True
    )
    assert [s.waarde for s in stemtabel.stemmen(db, ijmond.id)] == [2]


@pytest.mark.parametrize(
    "velden",
    [
        {"v:": "1"},
        {"v:" + "x" * 5000: "1"},
        {"v:VRAAG": "x" * 100_000},
        {"v:VRAAG": "\x00é"},
        {"v:VRAAG": "-1"},
        {"v:VRAAG": "1.5"},
        {"v:VRAAG": "True"},
        {"v:VRAAG": " nvt "},
        {"gemeente": "regiobreed", "v:__class__": "1"},
    ],
)
def test_bad_input_on_a_phone_gets_a_dutch_message_never_a_server_error(app, kamer, velden):
    open_, thema = kamer
    velden = {k.replace("VRAAG", thema.vragen[0].id): v for k, v in velden.items()}
    telefoon = meld_aan(app, open_.code, "GM0375")
    token = csrf_token(telefoon, f"/d/{open_.code}/")
    for pad in ("stem", "aanmelden", "afmelden"):
        for kop in ({}, {"Accept": "application/json"}):
            antwoord = telefoon.post(
                f"/d/{open_.code}/{pad}",
                data={"csrf_token": token, **velden},
                headers=kop,
                follow_redirects=True,
            )
            tekst = antwoord.get_data(as_text=True)
            assert antwoord.status_code < 500, (pad, tekst[:300])
            assert "Traceback" not in tekst and "vragenlijst " not in tekst, (pad, tekst[:300])
            if antwoord.is_json and antwoord.status_code >= 400:
                assert antwoord.get_json()["fout"], pad
            # Without a cookie again after afmelden: join once more for the next round.
            if pad == "afmelden":
                telefoon = meld_aan(app, open_.code, "GM0375")
                token = csrf_token(telefoon, f"/d/{open_.code}/")


def test_the_page_follows_the_facilitator(app, db, ijmond, kamer):
    open_, thema = kamer
    telefoon = meld_aan(app, open_.code, "GM0375")
    voor = telefoon.get(f"/d/{open_.code}/stand").get_json()["stand"]
    volgende = ijmond.vragenlijst.themas[1]
    opslag.zet_huidig_thema(db, ijmond.id, volgende.id)
    assert telefoon.get(f"/d/{open_.code}/stand").get_json()["stand"] != voor
    assert volgende.titel in telefoon.get(f"/d/{open_.code}/").get_data(as_text=True)
    # A vote on the thema the room left is refused with a message, not stored.
    oud = stem(telefoon, open_.code, {thema.vragen[0].id: "2"})
    assert "ander thema" in oud.get_data(as_text=True)
    assert stemtabel.stemmen(db, ijmond.id) == []


def test_closing_ends_the_code_and_every_phone_with_it(app, db, ijmond, kamer):
    open_, _thema = kamer
    telefoon = meld_aan(app, open_.code, "GM0375")
    deelnametabel.sluit_deelname(db, ijmond.id, wie="fien")
    assert telefoon.get(f"/d/{open_.code}/").status_code == 404
    assert "De code werkt niet meer" in telefoon.get(f"/d/{open_.code}/").get_data(as_text=True)
    # Opened again: a new code; the old cookie, even sent to the new path, is no participant.
    nieuw = deelnametabel.open_deelname(db, ijmond.id, wie="fien")
    oud_cookie = telefoon.get_cookie(deelnameweb.COOKIE, path=f"/d/{open_.code}/")
    assert oud_cookie is not None
    ander = app.test_client()
    ander.set_cookie(deelnameweb.COOKIE, oud_cookie.value, path=f"/d/{nieuw.code}/")
    assert "Voor welke gemeente" in ander.get(f"/d/{nieuw.code}/").get_data(as_text=True)


def test_a_participant_reaches_nothing_else(app, db, ijmond, kamer):
    open_, thema = kamer
    telefoon = meld_aan(app, open_.code, "GM0375")
    stem(telefoon, open_.code, {thema.vragen[0].id: "2"})
    andere = meld_aan(app, open_.code, "GM0396")
    stem(andere, open_.code, {thema.vragen[0].id: "0"})
    for pad in (
        "/metingen/",
        f"/metingen/{ijmond.id}",
        f"/metingen/{ijmond.id}/thema/{thema.id}",
        f"/metingen/{ijmond.id}/presentatie",
        f"/metingen/{ijmond.id}/deelname/qr.svg",
        f"/metingen/{ijmond.id}/deelname/thema/{thema.id}/spreiding",
    ):
        assert "/inloggen" in telefoon.get(pad).headers.get("Location", ""), pad
    pagina = telefoon.get(f"/d/{open_.code}/").get_data(as_text=True)
    # No other gemeente's vote, no facilitator link, no spread.
    assert "Heemskerk" not in pagina and "/metingen/" not in pagina
    assert "stemspreiding" not in pagina
    # A forged cookie (another participant's pseudonym, unsigned) makes no participant.
    [_eerste, tweede] = deelnametabel.stemmers(db, ijmond.id)
    vals = app.test_client()
    vals.set_cookie(deelnameweb.COOKIE, f'{{"d":{open_.id},"s":"{tweede.id}"}}', path="/")
    assert "Voor welke gemeente" in vals.get(f"/d/{open_.code}/").get_data(as_text=True)


def test_forms_need_csrf_and_a_participant_is_rate_limited(app, db, ijmond, kamer):
    open_, _thema = kamer
    telefoon = meld_aan(app, open_.code, "GM0375")
    assert telefoon.post(f"/d/{open_.code}/stem", data={"v:x": "1"}).status_code == 400
    assert app.test_client().post(f"/d/{open_.code}/aanmelden", data={}).status_code == 400
    app.config["DEELNAME_PER_DEELNEMER"] = (5, 60)
    statussen = [telefoon.get(f"/d/{open_.code}/stand").status_code for _ in range(8)]
    assert statussen.count(429) >= 3
    # Another phone is not held up by this one.
    assert meld_aan(app, open_.code, "GM0396").get(f"/d/{open_.code}/stand").status_code == 200


def test_an_expired_page_tells_the_participant_what_to_do(app, db, ijmond, kamer):
    # The CSRF check failed (the page stood open too long): the phone hears it in B1 Dutch
    # with a way back to its own page; never the facilitator's page about logging out.
    open_, thema = kamer
    telefoon = meld_aan(app, open_.code, "GM0375")
    verlopen = telefoon.post(
        f"/d/{open_.code}/stem", data={"csrf_token": "oud", f"v:{thema.vragen[0].id}": "2"}
    )
    html = verlopen.get_data(as_text=True)
    assert verlopen.status_code == 400
    assert (
        "De pagina was verlopen" in html and "Uw keuze is niet doorgegeven. Kies opnieuw." in html
    )
    assert html.count("De pagina was verlopen") == 2  # the title and the heading, not the text
    assert f'href="/d/{open_.code}/"' in html
    assert "/metingen/" not in html and "uitgelogd" not in html
    # The phone's script gets the message for its status line.
    json = telefoon.post(
        f"/d/{open_.code}/stem",
        data={f"v:{thema.vragen[0].id}": "2"},
        headers={"Accept": "application/json"},
    )
    assert json.status_code == 400
    assert json.get_json()["fout"].startswith("De pagina was verlopen. Uw keuze is niet")
    # The code form and the other forms say the same; without a code, back to typing one.
    for pad, terug in (("/d/", "/d/"), (f"/d/{open_.code}/afmelden", f"/d/{open_.code}/")):
        antwoord = app.test_client().post(pad, data={"code": open_.code})
        assert antwoord.status_code == 400
        assert "De pagina was verlopen" in antwoord.get_data(as_text=True)
        assert f'href="{terug}"' in antwoord.get_data(as_text=True)
    assert stemtabel.stemmen(db, ijmond.id) == []


def test_other_errors_on_a_phone_stay_in_the_phones_own_pages(app, kamer):
    open_, _ = kamer
    telefoon = meld_aan(app, open_.code, "GM0375")
    for pad, status in ((f"/d/{open_.code}/stem", 405), (f"/d/{open_.code}/x/y", 404)):
        antwoord = telefoon.get(pad)
        html = antwoord.get_data(as_text=True)
        assert antwoord.status_code == status, pad
        assert 'class="deelnemer"' in html and "/metingen/" not in html, pad


def test_guessing_codes_is_rate_limited_per_address(app, kamer):
    app.config["DEELNAME_FOUTE_CODES"] = (3, 600)
    telefoon = app.test_client()
    token = csrf_token(telefoon, "/d/")
    statussen = [
        telefoon.post("/d/", data={"csrf_token": token, "code": "AAAAAA"}).status_code
        for _ in range(5)
    ]
    assert statussen == [400, 400, 400, 429, 429]
    # Even the right code waits now: a guesser learns nothing from the answer.
    goed = telefoon.post("/d/", data={"csrf_token": token, "code": kamer[0].code})
    assert goed.status_code == 429


def test_guessing_codes_in_the_address_is_rate_limited_too(app, kamer):
    app.config["DEELNAME_FOUTE_CODES"] = (3, 600)
    gokker = app.test_client()
    statussen = [gokker.get(f"/d/{gok}/").status_code for gok in ("AAAAAA", "BBBBBB", "CCCCCC")]
    assert statussen == [404, 404, 404]
    assert gokker.get(f"/d/{kamer[0].code}/").status_code == 429
    assert gokker.get("/d/DDDDDD/stand").status_code == 429


def test_closing_does_not_lock_the_room_out_by_its_address(app, db, ijmond, kamer):
    # One venue Wi-Fi, one address: after closing, every phone polls and reloads once or twice
    # on the closed code. That is no guessing: no 429, for anyone behind that address.
    app.config["DEELNAME_FOUTE_CODES"] = (3, 600)
    open_, _ = kamer
    telefoons = [meld_aan(app, open_.code, "GM0375") for _ in range(6)]
    deelnametabel.sluit_deelname(db, ijmond.id, wie="fien")
    json = {"Accept": "application/json"}
    for telefoon in telefoons:
        poll = telefoon.get(f"/d/{open_.code}/stand", headers=json)
        assert (poll.status_code, poll.get_json()) == (404, {"fout": "Deze code werkt niet meer."})
        pagina = telefoon.get(f"/d/{open_.code}/")
        assert pagina.status_code == 404
        assert "De code werkt niet meer" in pagina.get_data(as_text=True)
    token = csrf_token(telefoons[0], "/d/")
    getypt = telefoons[0].post("/d/", data={"csrf_token": token, "code": open_.code})
    assert "Deze code werkt niet meer" in getypt.get_data(as_text=True)
    # The new code works for every phone, and joins are not held up.
    nieuw = deelnametabel.open_deelname(db, ijmond.id, wie="fien")
    for telefoon in telefoons:
        token = csrf_token(telefoon, f"/d/{nieuw.code}/")
        antwoord = telefoon.post(
            f"/d/{nieuw.code}/aanmelden", data={"csrf_token": token, "gemeente": "GM0375"}
        )
        assert antwoord.status_code == 302


def test_a_joined_phone_votes_on_when_its_address_hit_the_limit(app, kamer):
    # Someone behind the same address typed wrong codes until the limit: the phones that
    # already joined go on (they have their own limit); a phone without a valid cookie gets the
    # same 429 for the right code as for a wrong one, so a guesser learns nothing.
    app.config["DEELNAME_FOUTE_CODES"] = (2, 600)
    open_, thema = kamer
    telefoon = meld_aan(app, open_.code, "GM0375")
    gokker = app.test_client()
    for gok in ("AAAAAA", "CCCCCC"):
        assert gokker.get(f"/d/{gok}/").status_code == 404
    assert telefoon.get(f"/d/{open_.code}/").status_code == 200
    assert telefoon.get(f"/d/{open_.code}/stand").status_code == 200
    assert stem(telefoon, open_.code, {thema.vragen[0].id: "2"}, json=True).status_code == 200
    goed, fout = gokker.get(f"/d/{open_.code}/"), gokker.get("/d/DDDDDD/")
    assert goed.status_code == fout.status_code == 429
    assert goed.get_data() == fout.get_data()
    # The page says the real wait: the window is ten minutes.
    assert "Wacht 10 minuten en probeer het dan opnieuw." in goed.get_data(as_text=True)
    assert 590 <= int(goed.headers["Retry-After"]) <= 600
    # A cookie of this participation sent by the guesser's client makes no difference when
    # it is not valid.
    gokker.set_cookie(deelnameweb.COOKIE, "vals", path=f"/d/{open_.code}/")
    assert gokker.get(f"/d/{open_.code}/").status_code == 429


def test_a_code_typed_in_lower_case_in_the_address_is_sent_on(app, kamer):
    app.config["DEELNAME_FOUTE_CODES"] = (1, 600)
    open_, _ = kamer
    telefoon = app.test_client()
    for los in (open_.code.lower(), f"{open_.code[:3].lower()}%20{open_.code[3:]}"):
        antwoord = telefoon.get(f"/d/{los}/")
        assert antwoord.status_code == 302
        assert antwoord.headers["Location"] == f"/d/{open_.code}/"
    verder = telefoon.get(f"/d/{open_.code.lower()}/stand?x=1")
    assert verder.headers["Location"] == f"/d/{open_.code}/stand?x=1"
    # None of these counted as a guess (the limit is 1).
    assert telefoon.get(f"/d/{open_.code}/").status_code == 200


def test_a_closed_participation_tells_the_phones_script(app, db, ijmond, kamer):
    # The script polls for JSON; a 404 in JSON makes it reload, and the page says it is over.
    open_, _ = kamer
    telefoon = meld_aan(app, open_.code, "GM0375")
    deelnametabel.sluit_deelname(db, ijmond.id, wie="fien")
    antwoord = telefoon.get(f"/d/{open_.code}/stand", headers={"Accept": "application/json"})
    assert antwoord.status_code == 404
    assert antwoord.get_json() == {"fout": "Deze code werkt niet meer."}


def test_afronden_ends_participation_and_the_phone_says_so(app, db, ijmond, kamer):
    open_, _ = kamer
    telefoon = meld_aan(app, open_.code, "GM0375")
    opslag.rond_af(db, ijmond.id, wie="fien")
    # The code expired with the meting: the phone hears it no longer works, in plain words.
    antwoord = telefoon.get(f"/d/{open_.code}/")
    assert antwoord.status_code == 404
    assert "De code werkt niet meer" in antwoord.get_data(as_text=True)


def test_a_wrong_choice_is_said_once_on_the_phone(app, kamer):
    open_, _ = kamer
    telefoon = app.test_client()
    token = csrf_token(telefoon, f"/d/{open_.code}/")
    antwoord = telefoon.post(
        f"/d/{open_.code}/aanmelden",
        data={"csrf_token": token, "gemeente": "GM0363", "organisatie": "Sociaal wijkteam"},
        follow_redirects=True,
    )
    pagina = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 400
    assert pagina.count("Kies de gemeente waarvoor u antwoordt") == 1
    assert 'class="melding melding-fout"' in pagina
    # What was typed is still there.
    assert 'value="Sociaal wijkteam"' in pagina


def test_a_refused_field_keeps_what_was_typed(app, kamer):
    open_, _ = kamer
    telefoon = app.test_client()
    token = csrf_token(telefoon, f"/d/{open_.code}/")
    te_lang = "x" * 5000
    antwoord = telefoon.post(
        f"/d/{open_.code}/aanmelden",
        data={"csrf_token": token, "gemeente": "GM0375", "organisatie": "GGD", "rol": te_lang},
    )
    pagina = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 400
    assert 'value="GGD"' in pagina and 'id="gemeente-GM0375" required checked' in pagina
    assert "Rol" in pagina and "tekens" in pagina  # the store's limit, in Dutch


def test_the_code_in_the_address_leaves_no_traces(app, kamer):
    # The code is the key to the room, as a gemeente's token is to its link: never cached,
    # never indexed, never sent on to another site.
    open_, _ = kamer
    telefoon = meld_aan(app, open_.code, "GM0375")
    for antwoord in (
        telefoon.get(f"/d/{open_.code}/"),
        telefoon.get(f"/d/{open_.code}/stand"),
        app.test_client().get("/d/ZZZZZZ/"),
    ):
        assert antwoord.headers["Cache-Control"] == "no-store"
        assert antwoord.headers["Referrer-Policy"] == "no-referrer"
        assert antwoord.headers["X-Robots-Tag"] == "noindex, nofollow"


def test_every_participant_route_counts_a_wrong_code(app, kamer):
    # Enumerated from the url map, so a new route under /d/<code>/ cannot escape the limit.
    app.config["DEELNAME_FOUTE_CODES"] = (2, 600)
    regels = [r for r in app.url_map.iter_rules() if "code" in r.arguments]
    assert len(regels) >= 4
    for nummer, regel in enumerate(regels, start=1):
        gokker = app.test_client()
        adres = {"REMOTE_ADDR": f"192.0.2.{nummer}"}  # the limit is per address
        for gok in ("AAAAAA", "BBBBBB"):
            assert gokker.get(f"/d/{gok}/", environ_base=adres).status_code == 404
        methode = "POST" if "POST" in regel.methods else "GET"
        url = regel.rule.replace("<code>", "CCCCCC")
        antwoord = gokker.open(url, method=methode, data={}, environ_base=adres)
        assert antwoord.status_code == 429, (regel.rule, antwoord.status_code)
