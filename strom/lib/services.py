"""The shape of a write service: policy first, then the change and its audit event in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.db import transaction


def service(policy: Callable[..., None]):
    """Wrap a write so that `policy(actor, *args, **kwargs)` runs before the transaction opens.

    A refusal is recorded in the audit trail (by `deny`) and then raised; were the check inside the
    transaction, the rollback caused by that very exception would erase the record of the refusal.
    """

    def decorate(function):
        in_transaction = transaction.atomic(function)

        @wraps(function)
        def run(actor, *args, **kwargs):
            policy(actor, *args, **kwargs)
            return in_transaction(actor, *args, **kwargs)

        return run

    return decorate
