"""Strom in a real browser: signing in with a second factor, WCAG 2.1 AA, the keyboard and the CSP.

Debian's Chromium, driven by Playwright (fixtures in conftest.py), against ``live_server``. The data
must be committed for the server thread to see it, hence ``transaction=True``.

Set ``STROM_SCREENSHOT_DIR`` to keep a full-page screenshot of every page checked by axe.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from strom.testing import PASSWORD, give_totp, sign_in, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

LOGIN = "/accounts/login/"
SECOND_FACTOR = "/accounts/2fa/authenticate/"
ACTIVATE_TOTP = "/accounts/2fa/totp/activate/"

# Reports a blocked resource or inline code even when Chromium says nothing on the console.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Refused by Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`);
});
"""


# --- Helpers ------------------------------------------------------------------------------------


@dataclass
class Console:
    """Errors and warnings the page printed, and uncaught exceptions, while it was watched."""

    messages: list[str] = field(default_factory=list)

    def watch(self, page) -> Console:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.messages.append(f"uncaught exception: {error}"))
        page.context.add_init_script(REPORT_CSP_VIOLATIONS)
        return self

    def _on_console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.messages.append(f"{message.type}: {message.text} ({message.location.get('url', '')})")

    def csp_problems(self) -> list[str]:
        words = ("content security policy", "refused to", "uncaught exception")
        return [m for m in self.messages if any(word in m.lower() for word in words)]

    def missing_resources(self) -> list[str]:
        return [m for m in self.messages if "failed to load resource" in m.lower()]


def check_accessibility(page, name: str) -> None:
    """axe-core with the WCAG 2.0/2.1 A and AA rules; a failure names each rule and element."""
    from axe_playwright_python.sync_playwright import Axe

    assert_styled(page)
    keep_screenshot(page, name)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    violations = results.response["violations"]
    report = [f"{name} ({page.url}): {len(violations)} accessibility violation(s)"]
    for violation in violations:
        report.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            report.append(
                f"    at {', '.join(map(str, node['target']))}: {node.get('failureSummary', '')}".replace("\n", " ")
            )
    assert not violations, "\n".join(report)


def assert_styled(page) -> None:
    """Colour contrast and focus can only be judged with the design system's styles applied."""
    sheets = page.evaluate("""() => [...document.styleSheets].filter(s => s.href).map(s => {
        try { return [s.href, s.cssRules.length]; } catch (error) { return [s.href, 0]; }
    })""")
    assert len(sheets) >= 3 and all(rules for _, rules in sheets), f"stylesheets did not load: {sheets}"


def keep_screenshot(page, name: str) -> None:
    directory = os.environ.get("STROM_SCREENSHOT_DIR")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"strom-{name}.png"), full_page=True)


def go(page, live_server, path: str) -> None:
    response = page.goto(live_server.url + path)
    assert response is not None and response.ok, f"{path}: HTTP {response.status if response else '—'}"


def enter_password(page, live_server, user) -> None:
    go(page, live_server, LOGIN)
    page.locator('input[name="login"]').fill(user.username)
    page.locator('input[name="password"]').fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In", exact=True).click()


def open_enrolment(page, live_server) -> None:
    """Enrolling a second factor asks for the password once more; type it, land on the form."""
    go(page, live_server, ACTIVATE_TOTP)
    assert "/accounts/reauthenticate/" in page.url, page.url
    page.locator('input[name="password"]').fill(PASSWORD)
    with page.expect_navigation():
        page.locator('form button[type="submit"]').last.click()
    assert page.url.endswith(ACTIVATE_TOTP), page.url


def fresh_code(secret: str) -> str:
    """A code with a few seconds left to live: allauth accepts only the current 30-second step."""
    left = 30 - time.time() % 30
    if left < 3:
        time.sleep(left + 0.1)
    return totp_code(secret)


def enter_code(page, secret: str) -> None:
    assert page.url.endswith(SECOND_FACTOR), page.url
    page.locator('input[name="code"]').fill(fresh_code(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In", exact=True).click()


def with_session_of(page, live_server, user) -> None:
    """Signed in with both factors without typing them (the typing has its own test)."""
    client = Client()
    sign_in(client, user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def heading(page) -> str:
    return page.locator("h1").inner_text().strip()


# --- Signing in ---------------------------------------------------------------------------------


def test_sign_in_with_password_and_authenticator_code(page, live_server, network):
    secret = give_totp(network.case_manager)

    go(page, live_server, LOGIN)
    assert page.locator('a[href="/accounts/signup/"]').count() == 0  # people join by invitation only
    page.get_by_label("Username or email").fill("case_manager")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In", exact=True).click()

    assert page.url == live_server.url + SECOND_FACTOR
    assert heading(page) == "Two-Factor Authentication"
    page.get_by_label("Code").fill(fresh_code(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In", exact=True).click()

    assert page.url == live_server.url + "/"
    assert heading(page) == "My work"
    assert page.get_by_role("navigation", name="Main").is_visible()
    assert page.get_by_text("Riga Safe House").first.is_visible()


def test_wrong_code_keeps_you_out(page, live_server, network):
    secret = give_totp(network.case_manager)
    enter_password(page, live_server, network.case_manager)

    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"
    page.locator('input[name="code"]').fill(wrong)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In", exact=True).click()

    assert page.url == live_server.url + SECOND_FACTOR
    assert page.locator('input[name="code"][aria-invalid="true"]').count() == 1
    check_accessibility(page, "second-factor-wrong-code")
    # Still half-way: home sends her back through sign-in, to the pending second step.
    go(page, live_server, "/")
    assert page.url == live_server.url + SECOND_FACTOR
    assert heading(page) != "My work"


def test_wrong_password_is_explained(page, live_server, network):
    go(page, live_server, LOGIN)
    page.get_by_label("Username or email").fill("case_manager")
    page.get_by_label("Password").fill("not the password")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In", exact=True).click()

    assert page.url == live_server.url + LOGIN
    assert "not correct" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Password").input_value() == ""  # a typed password is never sent back
    check_accessibility(page, "sign-in-wrong-password")


# --- Accessibility: WCAG 2.1 AA on every main page ----------------------------------------------


def test_sign_in_pages_are_accessible(page, live_server, network):
    secret = give_totp(network.case_manager)
    go(page, live_server, LOGIN)
    check_accessibility(page, "sign-in")

    enter_password(page, live_server, network.case_manager)
    check_accessibility(page, "second-factor")

    enter_code(page, secret)
    check_accessibility(page, "home")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/me/profile/",
        "/me/security/",
        "/me/security/tokens/new/",
        "/accounts/2fa/",
        "/accounts/password/change/",
    ],
)
def test_own_pages_are_accessible(page, live_server, network, path):
    give_totp(network.case_manager)
    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, path)
    check_accessibility(page, path.strip("/").replace("/", "-") or "home")


def test_organisation_users_page_is_accessible(page, live_server, network):
    with_session_of(page, live_server, network.org_admin)
    go(page, live_server, "/organisation/users/")
    check_accessibility(page, "organisation-users")


def test_audit_trail_is_accessible(page, live_server, network):
    with_session_of(page, live_server, network.auditor)
    response = page.goto(live_server.url + "/audit/")
    if response.status == 404:
        pytest.skip("the audit trail page does not exist yet")
    assert response.ok
    check_accessibility(page, "audit-trail")


def test_enrolment_pages_are_accessible(page, live_server, network):
    # A user who sees personal data but has no authenticator yet: straight to enrolment.
    enter_password(page, live_server, network.social_worker)
    assert page.url.endswith("/me/second-factor-required/"), page.url
    check_accessibility(page, "second-factor-required")

    go(page, live_server, ACTIVATE_TOTP)
    check_accessibility(page, "reauthenticate")
    open_enrolment(page, live_server)
    check_accessibility(page, "totp-activate")


def test_error_pages_are_accessible(page, live_server, network):
    with_session_of(page, live_server, network.case_manager)
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    check_accessibility(page, "not-found")


# --- Keyboard -----------------------------------------------------------------------------------


def focused(page) -> dict:
    return page.evaluate("""() => {
        const element = document.activeElement;
        const style = getComputedStyle(element);
        return {tag: element.tagName.toLowerCase(), name: element.getAttribute("name"),
                text: element.textContent.trim(), id: element.id,
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
                shadow: style.boxShadow !== "none"};
    }""")


def tab_to(page, name: str, within: int) -> dict:
    for _ in range(within):
        page.keyboard.press("Tab")
        current = focused(page)
        if current["name"] == name:
            return current
    raise AssertionError(f"{within} presses of Tab did not reach the {name} field; focus is on {current}")


def test_sign_in_with_the_keyboard_alone(page, live_server, network):
    give_totp(network.case_manager)
    go(page, live_server, LOGIN)

    skip_link = page.locator(".ds-skip-link")
    assert skip_link.bounding_box()["width"] <= 1  # hidden until focused
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to main content"
    assert skip_link.bounding_box()["width"] > 100, "the focused skip link must appear"

    # The skip link moves focus to <main>, past the header; the next Tab lands in the form.
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    login = tab_to(page, "login", within=1)
    assert login["outline"] or login["shadow"], "the focused field must show where focus is"
    page.keyboard.type(network.case_manager.username)
    tab_to(page, "password", within=2)  # past the "Forgot your password?" link
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + SECOND_FACTOR


# --- Content-Security-Policy --------------------------------------------------------------------


def test_content_security_policy_blocks_nothing_strom_needs(page, live_server, network):
    console = Console().watch(page)
    secret = give_totp(network.org_admin)

    enter_password(page, live_server, network.org_admin)
    enter_code(page, secret)
    for path in ["/", "/me/profile/", "/me/security/", "/organisation/users/"]:
        go(page, live_server, path)
        assert page.evaluate("typeof htmx") == "object", f"htmx did not load on {path}"

    assert page.url == live_server.url + "/organisation/users/"
    assert not console.csp_problems(), "\n".join(console.messages)
    assert not console.missing_resources(), "\n".join(console.messages)


def test_content_security_policy_on_enrolment_and_audit(page, live_server, network):
    console = Console().watch(page)
    enter_password(page, live_server, network.social_worker)
    open_enrolment(page, live_server)
    assert page.locator("img[src^='data:']").count() == 1  # the QR code, allowed by img-src data:
    assert page.locator("img[src^='data:']").evaluate("img => img.complete && img.naturalWidth > 0")

    page.context.clear_cookies()
    with_session_of(page, live_server, network.auditor)
    go(page, live_server, "/audit/")

    assert not console.csp_problems(), "\n".join(console.messages)
    assert not console.missing_resources(), "\n".join(console.messages)
