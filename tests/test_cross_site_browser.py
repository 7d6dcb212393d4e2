"""Another site's page, opened in a signed-in operator's browser, attacks the console.

Seen on the landed console (2026-12-04): Gradio's CORS policy allows every localhost origin
to make credentialed requests to a console reached as localhost, and every origin to one
reached by any other name. A page served from another port of the same host (same-site, so
the browser sends the operator's cookie) read the page config, listed the transcripts and
downloaded their export, the customer's words included. Over HTTPS, where Gradio's cookie is
``SameSite=None``, any site could. The console now refuses requests other sites' pages make
(console/http_limits.py); a link to it still opens it.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from console.service import create_app
from tests.clients import Client
from tests.conftest import free_port
from tests.fakes import ScriptedBackend
from tests.test_app import ask
from tests.test_browser import wait_for
from tests.test_day_one import CUSTOMER, OPERATOR, browser, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

SECRET = "Meine Kundennummer ist 4711-Sonnenblume, bitte vertraulich"

# The attack, as the other page runs it: Gradio's own protocol, with the visitor's cookie.
# It lists the conversations in a session of its own, exports what it listed and fetches
# the file. Each step reports how far it got.
ATTACK = """async (base) => {
  const step = async (name, promise) => {
    try { return await promise; } catch (error) { throw new Error(name + ": " + error); }
  };
  const report = {};
  try {
    const configResponse = await step("config", fetch(base + "/config", {credentials: "include"}));
    report.config = configResponse.status;
    if (configResponse.status !== 200) return report;
    const config = await configResponse.json();
    const components = Object.fromEntries(config.components.map((c) => [c.id, c]));
    const value = (c) => c.type === "dropdown" ? ((c.props.choices || [])[0] || [null, null])[1]
      : c.type === "textbox" ? "" : c.type === "checkbox" ? false
      : c.type === "slider" ? c.props.value : null;
    const session = Math.random().toString(36).slice(2, 12);
    const call = async (name, override) => {
      const dependency = config.dependencies.find((d) => d.api_name === name);
      const data = dependency.inputs.map((id) => override(components[id]) ?? value(components[id]));
      const joined = await fetch(base + "/gradio_api/queue/join", {
        method: "POST", credentials: "include", headers: {"content-type": "application/json"},
        body: JSON.stringify({fn_index: dependency.id, data, session_hash: session}),
      });
      if (joined.status !== 200) return {status: joined.status};
      const stream = await fetch(
        base + "/gradio_api/queue/data?session_hash=" + session, {credentials: "include"});
      const lines = (await stream.text()).split("\\n").filter((l) => l.startsWith("data:"));
      const done = lines.map((l) => JSON.parse(l.slice(5))).find((m) => m.msg === "process_completed");
      return {status: 200, output: done && done.output};
    };
    const listed = await step("list", call("transcripts", () => null));
    report.listed = JSON.stringify(listed).slice(0, 400);
    const exported = await step(
      "export", call("export_listed", (c) => c.type === "dropdown" ? "json" : null));
    const file = exported.output && exported.output.data && exported.output.data[0];
    if (!file || !file.url) { report.exported = JSON.stringify(exported).slice(0, 400); return report; }
    const text = await step("file", fetch(file.url, {credentials: "include"}).then((r) => r.text()));
    report.file = text;
  } catch (error) {
    report.error = String(error);
  }
  return report;
}"""

FRAME = """(url) => {
  const frame = document.createElement("iframe");
  frame.src = url;
  frame.style.opacity = "0.01";
  document.body.appendChild(frame);
}"""

# A link that sends no Referer, as a page may ask (rel="noreferrer", or a referrer policy):
# over plain HTTP nothing then says where the sign-out came from.
NO_REFERRER_LINK = """(url) => {
  const a = document.createElement("a");
  a.href = url;
  a.rel = "noreferrer";
  document.body.appendChild(a);
  a.click();
}"""

# The question's own answer, posted from the other page: a form sends Origin with a POST.
CROSS_SITE_FORM = """(url) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = url;
  document.body.appendChild(form);
  form.submit();
}"""


@pytest.fixture
def attacker_site() -> Iterator[str]:
    """A page on another port of the same host: same-site, another origin."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<!doctype html><title>Win a prize</title><p>Congratulations!</p>"
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_another_sites_page_cannot_act_as_the_signed_in_operator(
    make_config: Any,
    launched: Any,
    browser: Any,  # noqa: F811
    attacker_site: str,
) -> None:
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Noted.")))
    base = app.local_url.rstrip("/")
    customer = Client(base, auth=CUSTOMER, verbose=False)
    ask(customer, SECRET).result()
    customer.close()

    operator = open_page(browser, base, login=OPERATOR)  # signed in: the cookie is in the browser
    evil = operator.context.new_page()
    evil.goto(attacker_site)
    report = evil.evaluate(ATTACK, base)
    assert SECRET not in str(report), report
    assert report.get("config") == 403, report  # refused at the first request

    # the console's own page is unaffected, and a link from elsewhere still opens it
    operator.reload()
    operator.get_by_role("tab", name="Transcripts").wait_for()
    evil.evaluate("(url) => { window.location.href = url; }", base)
    evil.locator("#message textarea").wait_for()
    operator.context.close()


def test_a_page_rebound_to_this_machine_cannot_act_as_local_staff(
    make_config: Any,
    launched: Any,
    browser: Any,  # noqa: F811
) -> None:
    """DNS rebinding against the default console (loopback, no logins: reaching it makes
    one staff). The attacker's name is re-pointed at 127.0.0.1 (here by the browser's
    resolver rules), so the attacker's page and the console are the same origin and no
    CORS rule applies; only the ``Host`` the console checks stops it."""
    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "Noted.")))
    base = app.local_url.rstrip("/")
    customer = Client(base, verbose=False)
    ask(customer, SECRET).result()
    customer.close()
    rebound = base.replace("127.0.0.1", "rebind.attacker.example")
    # a browser of its own (the same Playwright), whose resolver re-points the name
    resolver = "--host-resolver-rules=MAP rebind.attacker.example 127.0.0.1"
    victim = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, resolver], headless=True
    )
    try:
        page = victim.new_page()
        opened = page.goto(rebound + "/")
        assert opened is not None and opened.status == 403
        report = page.evaluate(ATTACK, rebound)
        assert SECRET not in str(report), report
        assert report.get("config") == 403, report
        page.goto(base + "/")  # the console at its own address is unaffected
        page.locator("#message textarea").wait_for()
    finally:
        victim.close()


def test_over_plain_http_by_name_another_port_cannot_act_or_sign_the_operator_out(
    make_config: Any,
    launched: Any,
    browser: Any,  # noqa: F811
    attacker_site: str,
) -> None:
    """The console reached over plain HTTP by a name that is not localhost, as a team on a
    LAN reaches ``--host 0.0.0.0 --auth ...``: Chromium sends no Fetch Metadata to such an
    origin, and a page on another port of the same host listed, exported and annotated the
    transcripts with the operator's cookie (found attacking a console on 192.0.2.2). Here
    the browser's resolver maps a name to 127.0.0.1, so neither the console nor the page is
    a trustworthy origin; ``Origin`` must decide. A link from that page to ``/logout``
    ended all of the operator's sessions; it now leaves her signed in."""
    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Noted.")))
    named = app.local_url.rstrip("/").replace("127.0.0.1", "support.lan.example")
    evil_url = attacker_site.replace("127.0.0.1", "support.lan.example")
    customer = Client(app.local_url, auth=CUSTOMER, verbose=False)
    ask(customer, SECRET).result()
    customer.close()

    resolver = "--host-resolver-rules=MAP support.lan.example 127.0.0.1"
    own = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, resolver], headless=True
    )
    try:
        operator = open_page(own, named, login=OPERATOR)
        operator.get_by_role("tab", name="Transcripts").wait_for()
        seen: list[dict[str, str]] = []
        operator.context.on("request", lambda r: seen.append(r.headers) if r.url.startswith(named) else None)
        evil = operator.context.new_page()
        evil.goto(evil_url)
        report = evil.evaluate(ATTACK, named)
        assert SECRET not in str(report), report
        assert report.get("config") == 403, report
        # the premise: the browser said nothing of the page that made the request
        assert seen and not any("sec-fetch-site" in headers for headers in seen), seen

        # the console in a frame of that page, to be clicked through a decoy (one click each
        # signed the operator out, took and erased a conversation): the browser draws nothing
        evil.evaluate(FRAME, named + "/")
        wait_for(lambda: len(evil.frames) == 2, what="the frame")
        time.sleep(3.0)  # a frame the browser draws has the console's address at once
        framed = evil.frames[1]
        assert not framed.url.startswith(named) and framed.locator("#message").count() == 0, framed.url

        # a link from that page to the sign-out leaves her signed in, on the console
        evil.evaluate("(url) => { window.location.href = url + '/logout'; }", named)
        evil.locator("#message textarea").wait_for()
        operator.reload()
        operator.get_by_role("tab", name="Transcripts").wait_for()
        assert operator.locator("input[type=password]").count() == 0

        # A page can send no Referer: the link then reaches a question, which signs nobody
        # out by being shown; a form that posts the sign-out from that page is refused
        evil.goto(evil_url)
        evil.evaluate(NO_REFERRER_LINK, named + "/logout")
        evil.get_by_role("heading", name="Sign out of the support console?").wait_for()
        assert evil.evaluate("document.referrer") == ""
        evil.goto(evil_url)
        posted = evil.evaluate(
            "(url) => fetch(url, {method: 'POST', credentials: 'include', mode: 'no-cors'})"
            ".then(() => 'sent', (e) => String(e))",
            named + "/logout",
        )
        assert posted == "sent"
        evil.goto(evil_url)
        evil.evaluate(CROSS_SITE_FORM, named + "/logout")
        evil.get_by_text("Requests from other sites").wait_for()
        operator.reload()
        operator.get_by_role("tab", name="Transcripts").wait_for()
        assert operator.locator("input[type=password]").count() == 0

        # her own page works: a typed address asks, and its button signs her out...
        operator.goto(named + "/logout")
        operator.get_by_role("link", name="Stay signed in").click()
        operator.get_by_role("tab", name="Transcripts").wait_for()
        operator.goto(named + "/logout")
        operator.get_by_role("button", name="Sign out").click()
        operator.locator("input[type=password]").first.wait_for()
        operator.locator("input[type=text], input:not([type])").first.fill(OPERATOR[0])
        operator.locator("input[type=password]").first.fill(OPERATOR[1])
        operator.locator("input[type=password]").first.press("Enter")
        # ...and so does the console's own Sign out button
        operator.get_by_role("tab", name="Transcripts").wait_for()
        operator.locator("#sign-out").click()
        operator.locator("input[type=password]").first.wait_for()
    finally:
        own.close()
