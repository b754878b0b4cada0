# ruff: noqa: F811 — fixtures come from crisis_helpers (no conftest of our own: the contact log owns it).
"""The job-offer check: the data file and its rules (pure), the summary in the caller's language, and the
page, its download and who may use them."""

from __future__ import annotations

import tomllib

import pytest

from strom.audit.models import AuditEvent
from strom.hotline import joboffer
from strom.hotline.joboffer_messages import MESSAGES
from strom.hotline.models import JobOfferCheck
from strom.hotline.tests.crisis_helpers import contact, make_contact  # noqa: F401
from strom.testing import sign_in


def data() -> dict:
    with joboffer.DATA.open("rb") as file:
        return tomllib.load(file)


def test_the_data_file_loads_and_says_what_is_unverified():
    checklist = joboffer.load()
    assert [item.code for item in checklist.items][:3] == ["employer_verifiable", "agency_verifiable",
                                                          "agency_licensed"]
    assert checklist.needs_verification and "181" in checklist.source
    for country in checklist.countries.values():
        assert country.values["inspectorate"]  # every country names its labour-rights body
        # a URL or a licence register that is given is either verified or flagged
        assert all(name in country.needs_verification for name, value in country.flagged())


def test_every_question_and_advice_is_marked_for_translation():
    texts = {text for item in joboffer.load().items for text in (item.question, item.advice)}
    assert texts == set(MESSAGES)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["items"].append(dict(d["items"][0])), "repeated"),
    (lambda d: d["items"][0].pop("advice"), "lacks"),
    (lambda d: d.update(status="draft"), "status"),
    (lambda d: d.update(version=""), "version"),
    (lambda d: d["countries"]["LV"].update(needs_verification=["phone"]), "unknown"),
    (lambda d: d["countries"]["LV"].update(hours="24/7"), "unknown"),
    (lambda d: d["countries"].update(XX={"inspectorate": "?"}), "ISO"),
])
def test_a_bad_data_file_is_refused(change, message):
    raw = data()
    change(raw)
    with pytest.raises(joboffer.ChecklistError, match=message):
        joboffer.parse(raw)


def test_answers_are_checked():
    checklist = joboffer.load()
    assert joboffer.checked_answers(checklist, {"no_fee": "no", "keeps_passport": ""}) == {"no_fee": "no"}
    with pytest.raises(ValueError, match="not a question"):
        joboffer.checked_answers(checklist, {"salary": "yes"})
    with pytest.raises(ValueError, match="not an answer"):
        joboffer.checked_answers(checklist, {"no_fee": "maybe"})


def test_summary_lists_warnings_with_advice_and_only_verified_contacts():
    checklist = joboffer.load()
    answers = {"no_fee": "no", "keeps_passport": "unsure", "written_contract": "yes"}
    text = joboffer.summary_text(checklist, answers, country="NO", language="en", reference="K7M-4PX",
                                 hotline_phone="+370 800 00000")
    warnings, rest = text.split("Checked and fine:")
    assert "Is the job free of any fee" in warnings and "ILO Convention No. 181" in warnings
    assert "Will you keep your own passport" in warnings
    assert "Will you have a written contract" in rest.split("Not yet checked:")[0]
    assert "Arbeidstilsynet (Norwegian Labour Inspection Authority)" in text
    assert "https://www.arbeidstilsynet.no" in text and "approves temporary-work agencies" in text  # verified
    assert "112" in text and "K7M-4PX" in text and "+370 800 00000" in text
    germany = joboffer.summary_text(checklist, answers, country="DE", language="en")
    assert "Faire Mobilität" in germany
    assert "faire-mobilitaet.de" not in germany and "Bundesagentur" not in germany  # flagged: left out


def test_summary_is_written_in_the_callers_language():
    checklist = joboffer.load()
    latvian = joboffer.summary_text(checklist, {}, country="NO", language="lv")
    german = joboffer.summary_text(checklist, {}, country="NO", language="de")
    assert "Norvēģija" in latvian and "Norwegen" in german


# --- The page ------------------------------------------------------------------------------------------------


def test_operator_answers_and_gets_the_summary(client, network):
    working_abroad = make_contact(network, topic="working_abroad", destination_country="PL", language="pl",
                                  reference="P4X9QQ")
    sign_in(client, network.hotline_operator)
    url = f"/hotline/contacts/{working_abroad.pk}/job-offer/"
    page = client.get(url).content.decode()
    assert 'value="PL" selected' in page and 'value="pl" selected' in page  # pre-filled from the contact
    response = client.post(url, {"destination_country": "PL", "language": "pl", "q_no_fee": "no",
                                 "q_keeps_passport": "yes"})
    assert response.status_code == 302
    check = JobOfferCheck.objects.get(contact=working_abroad)
    assert check.answers == {"no_fee": "no", "keeps_passport": "yes"}
    assert check.checklist_version == joboffer.load().version
    assert AuditEvent.objects.filter(action="hotline.job_offer_checked", target_id=str(working_abroad.pk)).exists()
    page = client.get(url).content.decode()
    assert "Państwowa Inspekcja Pracy" in page and "needs verification" in page
    download = client.get(f"{url}summary.txt")
    assert download["Content-Type"].startswith("text/plain")
    assert "attachment" in download["Content-Disposition"]
    assert "Polska" in download.content.decode() and "P4X-9QQ" in download.content.decode()


def test_a_wrong_answer_changes_nothing(client, network, contact):
    sign_in(client, network.hotline_operator)
    response = client.post(f"/hotline/contacts/{contact.pk}/job-offer/", {"language": "en", "q_no_fee": "maybe"})
    assert response.status_code == 200 and "ds-error-summary" in response.content.decode()
    assert not JobOfferCheck.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("outsider_case_manager", 404), ("case_manager", 404),
                                                 ("no_role", 404), ("hotline_coordinator", 200)])
def test_who_sees_the_check(client, network, contact, persona, status):
    sign_in(client, getattr(network, persona))
    assert client.get(f"/hotline/contacts/{contact.pk}/job-offer/").status_code == status


def test_hotline_member_without_the_right_gets_403(client, contact, hotline_admin):
    sign_in(client, hotline_admin)
    assert client.get(f"/hotline/contacts/{contact.pk}/job-offer/").status_code == 403
    assert client.get(f"/hotline/contacts/{contact.pk}/job-offer/summary.txt").status_code == 403
