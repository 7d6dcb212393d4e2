"""What of a message is looked at: its first :data:`MAX_SAMPLE_CHARS` characters, with code,
URLs, mentions and code-like chunks (order numbers, ``page.html``) removed."""

from __future__ import annotations

import re

#: work is capped on huge inputs: the first this many characters decide
MAX_SAMPLE_CHARS = 2000

_CODE_BLOCK = re.compile(r"```.*?(?:```|\Z)|`[^`\n]*`", re.S)
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b", re.I)
_MENTION = re.compile(r"[@#]\w+")
#: whitespace-separated chunks with a digit are order numbers, prices, model codes
# ASCII-only chunks, so that Chinese or Thai glued to a code ("订单A123已发货") is kept; code
# means a digit, a path or assignment character, or a dotted name ("page.html", "x=True")
_CODEISH = re.compile(r"[!-~]*(?:\d|[/\\=_<>{}|]|[A-Za-z]\.[A-Za-z])[!-~]*")


def clean(text: str) -> str:
    text = _CODE_BLOCK.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _MENTION.sub(" ", text)
    return _CODEISH.sub(" ", text)
