"""The audit trail: an append-only, hash-chained list of who did what to which record.

Each event stores the HMAC of the previous event's hash and its own canonical form (see
``strom.audit.chain``), so editing, deleting, inserting or reordering rows directly in the database
breaks the chain; ``AuditHead`` remembers the newest event so that cutting off the tail shows too.
Rows are written only by ``strom.audit.services.record``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Someone tried to change or remove an audit event through the ORM."""


class Outcome(models.TextChoices):
    OK = "ok", _("Done")
    DENIED = "denied", _("Refused")
    FAILED = "failed", _("Failed")


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk paths would bypass both the chain and ``save()``; close them."""

    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def bulk_create(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are written one at a time by strom.audit.services.record().")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")


class AuditEvent(models.Model):
    seq = models.BigIntegerField(_("number"), unique=True, editable=False)
    created = models.DateTimeField(_("time"), editable=False)
    # DO_NOTHING without a database constraint: deleting or anonymising a user must never rewrite
    # an event (SET_NULL would, and would break the chain); the label keeps the name of the time.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        db_index=False,  # the (actor, seq) index below serves it
    )
    actor_label = models.CharField(_("user name at the time"), max_length=150, blank=True, editable=False)
    # Only the id: the organisation may be renamed or merged later, the event must not change.
    organisation_id = models.UUIDField(_("organisation"), null=True, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=64, editable=False)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices, default=Outcome.OK,
                               editable=False)
    target_type = models.CharField(_("record type"), max_length=100, blank=True, editable=False)
    target_id = models.CharField(_("record id"), max_length=64, blank=True, editable=False)
    fields = models.JSONField(_("fields"), default=list, blank=True, editable=False)  # names, never values
    detail = models.JSONField(_("detail"), default=dict, blank=True, editable=False)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-seq"]
        base_manager_name = "objects"  # no plain manager through which rows could be changed
        # The trail page pages by seq descending within each filter, so filters lead and seq follows.
        indexes = [
            models.Index(fields=["created"], name="audit_created"),
            models.Index(fields=["actor", "seq"], name="audit_actor_seq"),
            models.Index(fields=["actor_label", "seq"], name="audit_actor_label_seq"),
            models.Index(fields=["action", "seq"], name="audit_action_seq"),
            models.Index(fields=["target_type", "target_id", "seq"], name="audit_target_seq"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        kwargs["force_insert"] = True  # never let Django fall back to an UPDATE
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditHead(models.Model):
    """The newest event's number and hash, with their own HMAC, in one row (id=1).

    Updated in the transaction that appends the event; deleting the newest events therefore leaves
    a head that points past the end of the trail, and the head cannot be rewritten without the key.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)
    mac = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit trail head")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_single_row")]

    def __str__(self) -> str:
        return f"head #{self.seq}"
