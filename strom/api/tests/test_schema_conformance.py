"""Property-based checks of the API against its own OpenAPI schema (schemathesis): responses conform
to the schema, no generated request causes a server error, and the unauthenticated get 401.

Operations are driven through Hypothesis directly: schemathesis' pytest plugin does not yet run
under the pytest we use.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from strom.api.tokens import create_token


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Requests here go through the real WSGI application, which closes the database connection when
    a request finishes; inside a test's transaction that would close the test's own connection
    (PostgreSQL notices). Django's test client avoids this the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
# Without a token every request is refused before its input is read: a few examples per operation show it.
UNAUTHENTICATED = settings(SETTINGS, max_examples=3)


def operations(raw_token: str):
    from strom.wsgi import application

    # The schema itself is for signed-in callers only.
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application,
                                            headers={"Authorization": f"Bearer {raw_token}"})
    found = [result.ok() for result in schema.get_all_operations()]
    assert found, "the schema lists no operation"
    return found


@pytest.mark.django_db
def test_api_conforms_to_its_schema(network):
    _token, raw = create_token(network.case_manager, name="schemathesis", days=1)
    for operation in operations(raw):
        @given(case=operation.as_strategy())
        @SETTINGS
        def check(case):
            # An opaque cursor is any string to the schema, yet only ours are valid: a made-up one is
            # rightly refused with 400, which the positive-acceptance check would count against us.
            case.call_and_validate(headers={"Authorization": f"Bearer {raw}"},
                                   excluded_checks=[positive_data_acceptance])

        check()


@pytest.mark.django_db
def test_api_refuses_the_unauthenticated(network):
    _token, raw = create_token(network.case_manager, name="schemathesis", days=1)
    for operation in operations(raw):
        @given(case=operation.as_strategy())
        @UNAUTHENTICATED
        def check(case):
            assert case.call().status_code == 401

        check()
