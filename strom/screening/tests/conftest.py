import pytest


@pytest.fixture
def frameworks(db):
    """The indicator frameworks from the data files, as `manage.py load_frameworks` loads them."""
    from strom.screening.loader import load_frameworks
    from strom.screening.models import Framework

    load_frameworks()
    return {framework.code: framework for framework in Framework.objects.filter(superseded_at__isnull=True)}
