"""Signing out: the page that asks before a sign-out nobody can show the console's page asked for.

Gradio signs a user out on ``GET /logout``, ending every session of that user. A link on
another site's page is such a GET, and a browser that sends neither Fetch Metadata (it
sends none over plain HTTP to a name that is not localhost) nor a ``Referer`` (a page can
ask for none) gives no sign of where it came from. So such a GET is answered with this
page, and only a ``POST`` signs out: a browser sends ``Origin`` with every POST, which
:class:`console.http_limits.SameOriginOnly` checks, so another site's page cannot sign the
operator out. The console's own "Sign out" button posts directly (``scripts._SIGN_OUT_JS``).

The page is plain HTML in the reader's language (``Accept-Language``), and may not be framed,
so a page elsewhere cannot lay it under a decoy button; nothing on it has the focus, so a
key pressed on a page that opened it does not press its button either.
"""

from __future__ import annotations

from html import escape

from starlette.responses import HTMLResponse

from console.text import accepted_language
from console.ui_labels import UI_LABELS, labels_for, right_to_left

#: headers on the page: never cached (a sign-in's page), never framed (clickjacking)
_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    # no form-action: the sign-out's redirect goes to Gradio's idea of the root URL, which
    # behind a proxy may differ from the page's origin in scheme
    "Content-Security-Policy": "frame-ancestors 'none'; default-src 'none'; style-src 'unsafe-inline'",
}


def confirmation_page(accept_language: str | None, root: str) -> HTMLResponse:
    """The question "sign out?" with a button that posts the sign-out and a link back.

    ``root``: the console's path below the host ("" or a proxy's prefix such as "/support"),
    without its trailing slash.
    """
    language = accepted_language(accept_language, UI_LABELS) or "en"
    t = labels_for(language)
    direction = "rtl" if right_to_left(language) else "ltr"
    home = escape(f"{root}/")
    body = f"""<!doctype html>
<html lang="{escape(language)}" dir="{direction}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(t["sign_out"])} · {escape(t["title"])}</title>
<style>
body {{ font-family: system-ui, sans-serif; display: grid; place-items: center;
  min-height: 90vh; margin: 0 1rem; }}
main {{ max-width: 28rem; text-align: center; }}
button {{ font: inherit; padding: .6rem 1.4rem; border-radius: .5rem; border: 0;
  background: #ea580c; color: #fff; cursor: pointer; }}
a {{ display: inline-block; margin: 1rem; }}
</style></head>
<body><main>
<h1>{escape(t["sign_out_question"])}</h1>
<form method="post" action="{escape(f"{root}/logout")}">
<button type="submit">{escape(t["sign_out"])}</button></form>
<a href="{home}">{escape(t["sign_out_stay"])}</a>
</main></body></html>
"""
    return HTMLResponse(body, headers=_HEADERS)
