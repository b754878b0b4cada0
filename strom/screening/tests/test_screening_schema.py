"""The screening endpoints against the OpenAPI schema (schemathesis), with the frameworks loaded and a
screening to read, so that the generated requests reach the evaluation and not only the 404s."""

import pytest
from hypothesis import given
from schemathesis.checks import positive_data_acceptance

from strom.accounts.policies import actor_for_user
from strom.api.tests.test_schema_conformance import SETTINGS, keep_the_test_connection, operations  # noqa: F401
from strom.api.tokens import create_token
from strom.screening import services


@pytest.mark.django_db
def test_screening_endpoints_conform_to_the_schema(network, frameworks):
    services.start_screening(actor_for_user(network.case_manager), age_group="child")
    _token, raw = create_token(network.case_manager, name="schemathesis", days=1)
    chosen = [op for op in operations(raw) if op.path.startswith("/api/v1/screening/")]
    assert len(chosen) == 9
    for operation in chosen:
        @given(case=operation.as_strategy())
        @SETTINGS
        def check(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {raw}"},
                                   excluded_checks=[positive_data_acceptance])

        check()
