"""The JavaScript the page runs, and the script in its head.

``layout.launch_kwargs`` puts ``_OUTBOX_JS`` and ``_RELABEL_HEAD`` on the page; the event
listeners (``events.py``) run the others as an event's ``js``. The names keep their leading
underscore (they are for ``console.ui`` alone) because the page's own text quotes them: the
comments in ``_OUTBOX_JS`` and in ``assets/console.css``, both served as written (/config).
"""

# Sets the page's language, direction and title from what the load event decided.
_PAGE_JS = """(page) => {
  try {
    const p = JSON.parse(page || "{}");
    if (p.lang) document.documentElement.lang = p.lang;
    document.documentElement.dir = p.dir || "ltr";
    if (p.title) document.title = p.title;
    window.__consoleNotes = { title: p.title || "", waiting: p.waiting || "", on: p.notify_on || "" };
    window.__consoleTitles = p.notice_titles || {};
    window.__consoleNames = p.names || {};
    window.__consolePrefixes = p.name_prefixes || {};
  } catch (e) {}
  // the "notify me" button only where the browser can notify and has not been allowed to
  // yet; a class on the page, not the button's style: the button's tab is drawn when opened
  if (!("Notification" in window) || Notification.permission === "granted") {
    document.documentElement.classList.add("console-notifying");
  }
  document.documentElement.classList.remove("console-relabel");
  // gradio's toast heads a notice with its type in English ("Error", "Warning", "Info"),
  // whatever title the server gave it (gradio 6.31): the page writes the viewer's word there
  // (prompts/_i18n/messages.yaml, titles), on every toast as it appears. Likewise the names a
  // screen reader says for controls whose text does not say what they do (p.names, by CSS
  // selector: the rating's "★★★★" buttons, the download link named by its size only; and
  // gradio's own controls, relabel.GRADIO_NAMES), as they appear ("{file}" is the link's file
  // name, "{text}" what follows gradio's English words in its name).
  if (!window.__consoleToasts) {
    const retitle = () => {
      const titles = window.__consoleTitles || {};
      for (const span of document.querySelectorAll(".toast-title")) {
        const kind = ["error", "warning", "info"].find((k) => span.classList.contains(k));
        const text = span.firstChild;
        if (kind && titles[kind] && text && text.nodeType === Node.TEXT_NODE
            && text.nodeValue.trim() !== titles[kind]) {
          text.nodeValue = titles[kind] + " ";
        }
      }
      const rename = (element, label) => {
        if (element.getAttribute("aria-label") !== label) element.setAttribute("aria-label", label);
        // a control gradio also titles shows its name as a tooltip: the same words
        if (element.hasAttribute("title") && element.getAttribute("title") !== label) {
          element.setAttribute("title", label);
        }
      };
      for (const [selector, name] of Object.entries(window.__consoleNames || {})) {
        for (const element of document.querySelectorAll(selector)) {
          rename(element, name.replace("{file}", () => element.getAttribute("download") || "").trim());
        }
      }
      // a message's name is its Markdown source: without the entities render.display_text
      // wrote (a screen reader said "backslash" and "ampersand l t")
      const plain = (text) => text.replace(/&#(\\d+);/g, (_, n) => String.fromCharCode(Number(n)))
        .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
      for (const [prefix, name] of Object.entries(window.__consolePrefixes || {})) {
        for (const element of document.querySelectorAll(`[aria-label^=${JSON.stringify(prefix)}]`)) {
          const rest = element.getAttribute("aria-label").slice(prefix.length);
          rename(element, name.replace("{text}", () => plain(rest)));  // "$&" typed stays
        }
      }
      // the canned-reply list carries the line's other replies unlisted (staff._canned_list):
      // a listed reply is "1 of 2" among those listed, not among every reply of the line
      for (const list of document.querySelectorAll("#canned [role=listbox]")) {
        const options = list.querySelectorAll("[role=option]");
        for (const option of options) {
          if (option.getAttribute("aria-setsize") !== String(options.length)) {
            option.setAttribute("aria-setsize", String(options.length));
          }
        }
      }
      // gradio's progress display inside the "who answers" line (below) is not its news: a
      // screen reader said "common.complete" and "0.8s" there (an outside tester)
      for (const element of document.querySelectorAll("#banner .wrap")) {
        if (element.getAttribute("aria-hidden") !== "true") element.setAttribute("aria-hidden", "true");
      }
    };
    // gradio sets a control's name again when its state changes ("Like" -> "Liked", a
    // streamed message's text): names are watched too; a name already set changes nothing,
    // so the observer's own writes end there
    window.__consoleToasts = new MutationObserver(retitle);
    window.__consoleToasts.observe(document.body, {
      childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label", "aria-setsize"],
    });
    retitle();
  }
  // The "who answers" line is a status message: a screen reader says each change (a person
  // answers, handed back, resolved) without the customer going to it (WCAG 4.1.3). The
  // chat itself is a log, which gradio marks already.
  const banner = document.getElementById("banner");
  if (banner) {
    banner.setAttribute("role", "status");
    banner.setAttribute("aria-live", "polite");
  }
  return [];
}"""

# The page is built with English labels and relabeled by the load event (the server knows
# the viewer's language from Accept-Language only then): a French or Chinese customer saw the
# English console for up to a second first. Before anything renders, a browser whose first
# language is not English hides the console (assets/console.css) until _PAGE_JS, which runs
# after the load event, shows it; after 4 s it shows whatever is there (a load that failed
# or a busy server must not leave a blank page). English browsers never wait.
_RELABEL_HEAD = r"""<script>
(() => {
  const first = ((navigator.languages && navigator.languages[0]) || navigator.language || "en");
  if (/^en\b/i.test(first)) return;
  const root = document.documentElement;
  root.classList.add("console-relabel");
  setTimeout(() => root.classList.remove("console-relabel"), 4000);
})();
</script>"""

# What is in the box when Send/Enter is pressed is what is sent, in the order pressed.
# gradio runs an event's ``js`` only after gathering its inputs (awaits), so on a busy
# machine a late _TAKE_JS read text typed after the press: one message went out as the next
# one's text, the next as "" (refused), and a message was lost (CI, test_day_one). So the
# page itself takes the text at the instant of the press (_OUTBOX_JS, run on page load by
# ``launch(js=...)``) and each take event pops the oldest. The listener mirrors gradio's own
# submit rule for this box (lines=1: Enter without Shift, on keypress) and the Send click.
_OUTBOX_JS = """() => {
  if (window.__consoleOutbox) return;
  const outbox = (window.__consoleOutbox = []);
  const box = () => document.querySelector("#message textarea");
  let presses = 0;
  // a Clear or New conversation takes a number in the same count (_RESET_JS)
  window.__consoleNextPress = () => String(++presses);
  // A message leaves the box at the press, but reaches the server only with gradio's request:
  // a reload in between lost it, and so did a connection that dropped at the press (gradio
  // reloads the page once the server answers again). Until the server
  // says it took it (scripts._TAKEN_JS), it is kept in this tab's sessionStorage under this
  // page's id; the next page's load hands what an earlier page kept to the server, which
  // gives back what the conversation does not hold, and _UNSENT_BACK_JS puts that back
  // into the box (not sent again: the customer sees it and decides).
  const page = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const KEY = "support-console-unsent";
  const kept = () => {
    try {
      const list = JSON.parse(sessionStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter((m) => m && typeof m.text === "string") : [];
    } catch (e) {
      return [];
    }
  };
  const keep = (list) => {
    try {
      if (list.length) sessionStorage.setItem(KEY, JSON.stringify(list.slice(-20)));
      else sessionStorage.removeItem(KEY);
    } catch (e) {}  // storage full or refused: the message still goes, only unkept
  };
  const putBack = (texts) => {
    const b = box();
    if (!b || !texts.length) return;
    const text = texts.join("\\n");
    b.value = b.value.trim() ? `${text}\\n${b.value}` : text;
    b.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const mine = (m, numbers) => m.page === page && (!numbers || numbers.includes(m.press));
  window.__consoleUnsent = {
    before: () => JSON.stringify(kept().filter((m) => m.page !== page).map((m) => m.text)),
    taken: (presses) => keep(kept().filter((m) => !mine(m, String(presses).split(",")))),
    earlierGone: () => keep(kept().filter((m) => mine(m))),
    putBack,
  };
  const press = () => {
    const b = box();
    if (!b) return;
    const number = String(++presses);
    outbox.push({ text: b.value, press: number });
    if (b.value.trim()) keep([...kept(), { page, press: number, text: b.value }]);
    if (b.value) {
      b.value = "";
      b.dispatchEvent(new Event("input", { bubbles: true }));
    }
  };
  document.addEventListener("keypress", (e) => {
    if (e.key === "Enter" && !e.shiftKey && e.target === box()) press();
  }, true);
  document.addEventListener("click", (e) => {
    if (e.target instanceof Element && e.target.closest("#send")) press();
  }, true);
}"""

#: "(2) Support console": the customers waiting for a person, in the window title (staff)
_TITLE_JS = r"""(waiting) => {
  const base = document.title.replace(/^\(\d+\) /, "");
  document.title = waiting > 0 ? `(${waiting}) ${base}` : base;
  // A desktop notification when one more customer waits than at the last count, and the
  // operator is not looking at this page (another tab, another program). Never for the
  // customers already waiting when the page opened: the operator sees those.
  const before = window.__consoleWaiting;
  window.__consoleWaiting = waiting;
  const away = document.visibilityState !== "visible" || !document.hasFocus();
  if (before !== undefined && waiting > before && away && "Notification" in window
      && Notification.permission === "granted") {
    const notes = window.__consoleNotes || {};
    try {
      new Notification(base, { body: `${notes.waiting || ""} (${waiting})`, tag: "support-console-queue",
                               renotify: true });
    } catch (e) {}  // Android's Chrome notifies from a service worker only: the title still says it
  }
}"""

# The "notify me" button: the browser asks the operator (a permission is asked for on a
# click only); once allowed, one notification says it works and the button goes.
_NOTIFY_JS = r"""() => {
  if (!("Notification" in window)) return [];
  Notification.requestPermission().then((permission) => {
    if (permission !== "granted") return;
    const notes = window.__consoleNotes || {};
    try {
      new Notification(notes.title || document.title, { body: notes.on || "" });
    } catch (e) {}
    document.documentElement.classList.add("console-notifying");
  });
  return [];
}"""

# Clear (the trash icon) and New conversation are numbered with the presses of Send: a
# message sent just after a Clear belongs to the new conversation. Without the number, the
# server could run the reset after taking that message, and it vanished (seen in CI: the
# reset's request was handled after the next message's).
_RESET_JS = """(state) => [state, window.__consoleNextPress ? window.__consoleNextPress() : null]"""

# The page load's arguments, with the browser's time zone put in the next to last one (the
# hidden "zone" box): the server keeps UTC and shows each viewer their own clock
# (console/zones.py); and in the last one (the hidden "unsent" box) the messages an earlier
# page of this tab kept as not yet taken (_OUTBOX_JS), a JSON list of strings.
_ZONE_JS = """(...args) => {
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {}
  args[args.length - 2] = zone;
  args[args.length - 1] = window.__consoleUnsent ? window.__consoleUnsent.before() : "";
  return args;
}"""

# The server took messages, safe from a reload (its answer names their presses, "3" or
# "1,2"): no longer kept (_OUTBOX_JS).
_TAKEN_JS = """(presses) => {
  if (presses && window.__consoleUnsent) window.__consoleUnsent.taken(presses);
  return [];
}"""

# After the page load: the messages an earlier page of this tab kept and the conversation
# does not hold (the server compared, ChatHandlers.unsent_back) go back into the box, before
# anything typed since; the earlier pages' kept messages are then forgotten.
_UNSENT_BACK_JS = """(back) => {
  let texts = [];
  try {
    texts = JSON.parse(back || "[]");
  } catch (e) {}
  const unsent = window.__consoleUnsent;
  if (!unsent) return [];
  if (Array.isArray(texts)) unsent.putBack(texts.filter((t) => typeof t === "string"));
  unsent.earlierGone();
  return [];
}"""

# Without the outbox (a press before the page script ran), the box's own value: the
# component's value can lag the DOM by one input event on a busy machine.
_TAKE_JS = """(text, state, lang, press) => {
  const outbox = window.__consoleOutbox;
  if (outbox && outbox.length) {
    const sent = outbox.shift();
    return [sent.text, state, lang, sent.press];
  }
  const box = document.querySelector("#message textarea");
  const typed = box && box.value.trim() ? box.value : (text || "");
  if (box && typed.trim()) {
    box.value = "";
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  return [typed, state, lang, ""];
}"""

# After a person's reply went: what it sent comes out of the reply boxes, and nothing else.
# The server emptied them, and whatever the operator typed between pressing Send and the
# server's answer (a slow store, a loaded machine) was wiped. The boxes are changed here, in
# one task with reading them (a key pressed meanwhile would be lost between a read and
# gradio's later update of the box), and gradio learns the new text from the input event.
# Text the operator typed after what was sent stays; a box rewritten since is left alone.
_SENT_JS = """(sent) => {
  const change = (selector, value) => {
    const box = document.querySelector(selector);
    const rest = box ? value(box.value) : null;
    if (rest === null || rest === box.value) return;
    box.value = rest;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  };
  if (!sent) return [];
  change("#agent-text textarea", (text) =>
    sent.text && text.startsWith(sent.text) ? text.slice(sent.text.length).replace(/^\\s+/, "") : null);
  change("#agent-translated textarea", (text) => (sent.translated && text === sent.translated ? "" : null));
  return [];
}"""

# Opening a conversation from a list: the reply boxes are emptied here, at the click, and
# what they held goes to the server as the draft of the conversation open before (read off
# the boxes: the component's value can lag them by one input event). The server then puts
# back only the new conversation's own draft. It emptied the boxes in its answer before, and
# the first keys typed for the new conversation while it opened were lost (an outside
# tester: 2 of 29 quick switches). Both boxes are read before either is emptied: emptying
# the reply drops the translation (the box's input event).
_OPEN_JS = """(...args) => {
  const boxes = ["#agent-text textarea", "#agent-translated textarea"].map((s) => document.querySelector(s));
  const held = boxes.map((box) => (box ? box.value : null));
  boxes.forEach((box) => {
    if (box && box.value) {
      box.value = "";
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
  held.forEach((value, i) => {
    if (value !== null) args[args.length - 2 + i] = value;
  });
  return args;
}"""

# The "Sign out" button posts the sign-out: a POST carries Origin, which the server checks
# (console/sign_out.py), so it is the one sign-out another site's page cannot start; a GET of
# /logout with no sign of where it came from is asked about first. The form goes to the path
# of gradio's root (behind a proxy's prefix), on the page's own origin.
_SIGN_OUT_JS = """() => {
  let path = "/";
  try {
    path = new URL(window.gradio_config.root, window.location.href).pathname;
  } catch (e) {}
  const form = document.createElement("form");
  form.method = "post";
  form.action = path.replace(/\\/?$/, "/") + "logout";
  document.body.appendChild(form);
  form.submit();
  return [];
}"""
