"""Fixtures for the browser tests: Debian's Chromium driven by Playwright's sync API.

One browser per test module (starting Chromium is the slow part; a module, not the session, because
Playwright's event loop must not outlive the browser tests and confuse the tests that come after);
every test gets a fresh context, so cookies and storage never leak from one test to the next.
Playwright is imported lazily, so that the rest of the suite runs without the dev dependencies.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("STROM_CHROMIUM", "/usr/bin/chromium")

# CI runs as root on a machine without internet: no sandbox, no GPU, and none of the background
# connections (updates, sync, QUIC probes) that would flood the closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}: apt-get install chromium, or set STROM_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page in its own context, English, with a desktop-sized viewport."""
    context = browser.new_context(locale="en", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
