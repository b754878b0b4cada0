"""The thin Django wrapper around the pure ``disclosure`` core: the configured threshold."""

from django.conf import settings

from strom.stats.disclosure import DEFAULT_THRESHOLD, ProtectedTable, Table, protect


def threshold() -> int:
    """``STROM_DISCLOSURE_THRESHOLD`` (settings.DISCLOSURE_THRESHOLD), default 10."""
    return getattr(settings, "DISCLOSURE_THRESHOLD", DEFAULT_THRESHOLD)


def protect_configured(table: Table, *, exact: bool = False) -> ProtectedTable:
    """``protect`` with the configured threshold: what views, exports and the API call."""
    return protect(table, threshold=threshold(), exact=exact)
