"""record(): what it stores, that it joins the caller's transaction, and what it refuses."""

from __future__ import annotations

import ipaddress
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import RequestFactory

from strom.accounts.models import User
from strom.audit import chain
from strom.audit.chain import verify_chain
from strom.audit.models import AppendOnlyError, AuditEvent, AuditHead
from strom.audit.services import AuditChainError, record
from strom.audit.tests.helpers import sql
from strom.network.models import Organisation


@pytest.fixture
def anna(db):
    return User.objects.create_user(username="anna", password="x" * 20)


@pytest.mark.django_db
def test_first_event_starts_the_chain_and_moves_the_head():
    event = record("auth.login")
    written = event.created
    event.refresh_from_db()
    head = AuditHead.objects.get()
    assert (event.seq, event.prev_hash) == (1, chain.GENESIS)
    assert (head.seq, head.hash) == (1, event.hash)
    assert head.mac == chain.head_mac(1, event.hash)
    assert event.created == written and written.utcoffset().total_seconds() == 0  # UTC, microseconds kept


@pytest.mark.django_db
def test_events_chain_onto_each_other():
    first, second = record("auth.login"), record("auth.logout")
    assert (second.seq, second.prev_hash) == (2, first.hash)
    assert verify_chain().ok


@pytest.mark.django_db
def test_target_instance_gives_type_and_id(anna):
    event = record("user.invited", actor=anna, target=anna)
    assert (event.target_type, event.target_id) == ("accounts.user", str(anna.pk))
    assert (event.actor_id, event.actor_label) == (anna.pk, "anna")


@pytest.mark.django_db
def test_organisation_instance_is_stored_as_its_id():
    organisation = Organisation.objects.create(name="Riga Safe House", type="shelter", country="LV")
    event = record("membership.added", organisation=organisation)
    event.refresh_from_db()
    assert event.organisation_id == organisation.pk
    assert verify_chain().ok


@pytest.mark.django_db
def test_request_gives_ip_and_signed_in_actor(anna):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    request.user = anna
    event = record("personal_data.viewed", request=request, fields=["name"])
    assert (event.ip, event.actor_id, event.fields) == ("192.0.2.7", anna.pk, ["name"])


@pytest.mark.django_db
def test_anonymous_request_gives_no_actor():
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="192.0.2.8")
    request.user = AnonymousUser()
    event = record("auth.login_failed", outcome="failed", request=request)
    assert (event.actor_id, event.actor_label, event.ip) == (None, "", "192.0.2.8")


@pytest.mark.django_db
@pytest.mark.parametrize("remote_addr,stored", [
    ("192.0.2.7", "192.0.2.7"),
    ("2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
    ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
    ("::192.0.2.1", "::192.0.2.1"),
    ("::2", "::2"),
    ("::1", "::1"),
    ("fe80::1%eth0", "fe80::1"),
    ("not an address", None),
    ("", None),
])
def test_ip_verifies_however_the_database_spells_it(remote_addr, stored):
    event = record("auth.login", request=RequestFactory().get("/", REMOTE_ADDR=remote_addr))
    event.refresh_from_db()
    if stored is None:
        assert event.ip is None
    else:
        assert ipaddress.ip_address(event.ip) == ipaddress.ip_address(stored)
    assert verify_chain().ok


@pytest.mark.django_db
def test_detail_with_uuid_and_unicode_reads_back_and_verifies():
    identifier = uuid.uuid4()
    record("token.created", detail={"token": identifier, "label": "Rīga — Vilnius", "n": 2**40, "x": None})
    assert AuditEvent.objects.get().detail["token"] == str(identifier)
    assert verify_chain().ok


@pytest.mark.django_db
def test_event_rolls_back_with_the_callers_transaction():
    with pytest.raises(RuntimeError), transaction.atomic():
        record("user.deactivated")
        raise RuntimeError("the change being recorded failed")
    assert not AuditEvent.objects.exists()
    assert not AuditHead.objects.exists()


@pytest.mark.django_db
def test_rolled_back_savepoint_leaves_no_gap():
    record("auth.login")
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            record("user.deactivated")
            raise RuntimeError
        later = record("auth.logout")
    assert later.seq == 2
    actions = AuditEvent.objects.order_by("seq").values_list("action", flat=True)
    assert list(actions) == ["auth.login", "auth.logout"]
    assert verify_chain().ok


@pytest.mark.django_db
@pytest.mark.parametrize("kwargs", [
    {"action": "login"},
    {"action": "Auth.Login"},
    {"action": "auth.login", "outcome": "maybe"},
    {"action": "auth.login", "fields": ["Anna Bērziņa"]},
    {"action": "auth.login", "fields": ["name", 3]},
    {"action": "auth.login", "detail": {"score": 0.5}},
    {"action": "auth.login", "detail": ["not", "a", "dict"]},
    {"action": "auth.login", "detail": {"big": "x" * 3000}},
    {"action": "auth.login", "target": "accounts.user"},
    {"action": "auth.login", "actor": object()},
])
def test_input_that_does_not_belong_in_the_trail_is_refused(kwargs):
    action = kwargs.pop("action")
    with pytest.raises(ValueError):
        record(action, **kwargs)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_single_field_name_is_not_split_into_letters():
    assert record("personal_data.viewed", fields="name").fields == ["name"]


@pytest.mark.django_db
def test_events_cannot_be_changed_or_deleted_through_the_orm(trail):
    event = trail[0]
    event.action = "auth.logout"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(seq=1).update(action="auth.logout")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(seq=99)])
    assert AuditEvent.objects.get(seq=1).action == "auth.login"


@pytest.mark.django_db
def test_deleting_a_user_leaves_her_events_as_they_were(anna):
    event = record("auth.login", actor=anna)
    User.objects.filter(pk=anna.pk).delete()
    event.refresh_from_db()
    assert (event.actor_id, event.actor_label) == (anna.pk, "anna")
    assert verify_chain().ok


@pytest.mark.django_db
def test_no_append_onto_a_forged_head(trail):
    sql("UPDATE audit_audithead SET seq = 2")
    with pytest.raises(AuditChainError):
        record("auth.login")


@pytest.mark.django_db
def test_no_append_when_the_head_was_deleted(trail):
    sql("DELETE FROM audit_audithead")
    with pytest.raises(AuditChainError):
        record("auth.login")
