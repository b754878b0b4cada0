import pytest
from strom.web.tests.test_browser import go, with_session_of  # noqa

@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_debug(page, live_server, network):
    msgs=[]
    page.on("console", lambda m: msgs.append((m.type, m.text)))
    page.on("requestfailed", lambda r: msgs.append(("failed", r.url, r.failure)))
    page.on("response", lambda r: msgs.append(("resp", r.url, r.status)))
    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, "/")
    print(page.evaluate("typeof htmx"), page.evaluate("typeof window.htmx"))
    print(page.evaluate("[...document.scripts].map(s=>s.src)"))
    for m in msgs: print(m)
