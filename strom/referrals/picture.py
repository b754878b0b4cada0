"""Referral edges on the network picture (strom.network.picture.EDGE_SOURCES): one "referral" edge per
pair of organisations that referred to each other, where either is based in the municipality. The
picture's Edge carries no weight, so the counts are given by `referral_counts` (for the table)."""

from __future__ import annotations

from collections import Counter

from django.db.models import Q

from strom.network.picture import Edge


def _pairs(municipality):
    from strom.referrals.models import Referral

    return Referral.objects.filter(
        Q(sender_organisation__municipality=municipality) | Q(receiver_organisation__municipality=municipality)
    ).values_list("sender_organisation_id", "receiver_organisation_id")


def referral_counts(municipality) -> Counter:
    """(sender id, receiver id) → how many referrals went that way."""
    return Counter((str(sender), str(receiver)) for sender, receiver in _pairs(municipality))


def referral_edges(municipality, *, today=None) -> list[Edge]:
    return [Edge(sender, receiver, "referral") for sender, receiver in sorted(referral_counts(municipality))]
