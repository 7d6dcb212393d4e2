"""The team's tags on a conversation: what a valid tag is, in one place.

A tag is a short label an operator types ("refund", "vip", "返品"), stored in plaintext so
the conversation list filters on it in SQL. That is only acceptable for labels, not for
customer data, so a tag must be one word of letters, digits, "-" or "_" (any script, which
already excludes e-mail addresses and spaced phone numbers) in which the personal-data
detector finds nothing, and long digit runs (card, account or phone numbers typed without
separators) are refused outright: an order number belongs in the internal note, which is
encrypted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from console.errors import InputError
from console.guard.pii import find_pii

MAX_TAG_CHARS = 32
MAX_TAGS = 12
_TAG = re.compile(r"[\w-]{1,32}")  # \w is Unicode-aware: letters and digits of every script
_DIGIT_RUN = re.compile(r"\d{6,}")


def normalize_tag(raw: str) -> str:
    """One tag, normalized (NFKC, case-folded, inner spaces to "-"), or InputError."""
    tag = "-".join(unicodedata.normalize("NFKC", raw).casefold().split())
    if not _TAG.fullmatch(tag):
        raise InputError(
            f"A tag is 1–{MAX_TAG_CHARS} letters, digits, '-' or '_' ({tag[:40]!r} is not).", field="tags"
        )
    if _DIGIT_RUN.search(tag) or find_pii(tag):
        raise InputError("A tag must not contain personal data or long numbers.", field="tags")
    return tag


def normalize_tags(value: str | Sequence[str]) -> tuple[str, ...]:
    """Comma-separated text (or a list) to unique normalized tags, in the order given."""
    parts = value.replace("，", ",").replace("、", ",").split(",") if isinstance(value, str) else list(value)
    tags: list[str] = []
    for part in parts:
        if not part.strip():
            continue
        tag = normalize_tag(part)
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise InputError(f"At most {MAX_TAGS} tags per conversation.", field="tags")
    return tuple(tags)
