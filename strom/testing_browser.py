"""Browser-test helpers shared across apps: Chromium fixtures and the axe-core check.

They live with the first browser tests (strom/web/tests/conftest.py and test_browser.py); other apps
import them from here, so that there is one Chromium set-up and one definition of "accessible":

    from strom.testing_browser import browser, page  # noqa: F401 — pytest fixtures
    from strom.testing_browser import check_accessibility, go, with_session_of
"""

from strom.web.tests.conftest import browser, page
from strom.web.tests.test_browser import WCAG_21_AA, Console, check_accessibility, go, heading, with_session_of

__all__ = ["WCAG_21_AA", "Console", "browser", "check_accessibility", "go", "heading", "page", "with_session_of"]
