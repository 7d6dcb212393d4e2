"""Personal data: find it in a customer's message and swap it for typed placeholders.

The model never needs a customer's real phone number or card number to help them, and a
model that never saw a value cannot leak it into another conversation or a log. So the
pipeline masks each customer message before the model sees it (``[PHONE_1]``) and
unmasks the reply before the customer sees it, through one :class:`PiiVault` per
conversation, stored (encrypted by the caller) with the conversation.

What is found, and the rules that keep order numbers, dates and prices out:

===========  ==============================================================================
kind         rule
===========  ==============================================================================
EMAIL        ASCII local part @ domain with a 2-24 letter TLD; the local part starts at a
             non-address character, so "邮箱是a@b.cn" yields only the address.
IBAN         country code, 2 check digits, 11-30 letters/digits, spaces allowed between
             groups; validated by ``stdnum.iban`` (mod 97 and the country's length and
             BBAN format). Trailing words are dropped group by group until it validates.
ID_CARD      Chinese resident identity number (GB 11643): 17 digits + digit/X, optionally
             spaced 6-8-4; ``stdnum.cn.ric`` checks the checksum, the region code and
             the birth date, and we also refuse birth dates before 1900 or in the future.
BANK_CARD    13-19 digits, single spaces or dashes allowed between digits, Luhn-valid
             and starting with a card network prefix (2221-2720, 30/34-39, 4, 5, 6).
             Not preceded by "#", "-", "+" or letters ("SO-778812...", "#A-10023").
PHONE        (1) "+" (or "00" with separators) international numbers, found by
             ``phonenumbers.PhoneNumberMatcher`` and kept if possible for the country
             code; (2) national formats written *with separators or brackets*: a trunk
             "0" then groups ("06 12 34 56 78", "030 1234 5678", "090-1234-5678"),
             "(555) 123-4567", "555-123-4567"; (3) Chinese mobiles 1[3-9]x, 11 digits,
             bare or spaced 3-4-4.
===========  ==============================================================================

Bare digit runs are never phones except a Chinese mobile: an order number such as
"2024112600123" stays, and "订单13812345678" is masked (an 11-digit 1[3-9] run is a mobile
number far more often than an order number, and masking an order number only costs the
model one detail). Dates (4-2-2, 2-2-4, with "/" or "."), times and prices do not fit
any phone shape above, and their digit counts are too short for cards and IDs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from console.errors import StoreError

KINDS = ("EMAIL", "IBAN", "ID_CARD", "BANK_CARD", "PHONE")  # also the priority on overlaps

_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)
_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])")
_ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{6} ?\d{8} ?\d{3}[0-9Xx](?![0-9A-Za-z])")
_CARD_RE = re.compile(r"(?<![0-9A-Za-z#+\-.,/])\d(?:[ \-]?\d){12,18}(?![0-9A-Za-z]|[.,/]\d)")
_CARD_PREFIX_RE = re.compile(r"^(?:4|5|6|3[04-9]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))")
# National phone shapes (see the table above). Separators: one space, dash or dot. A shape
# must not touch letters, digits or the punctuation of dates, prices and versions.
_SEP = r"[ .\-]"
_BEFORE = r"(?<![0-9A-Za-z+.,/:\-])"
_AFTER = r"(?![0-9A-Za-z]|[.,/:\-]\d)"
_NATIONAL_PHONE_RES = tuple(
    re.compile(_BEFORE + shape + _AFTER)
    for shape in (
        # trunk "0" national numbers: 0X..., then 2-4 groups of 2-4 digits ("06 12 34 56 78")
        rf"0\d{{1,4}}(?:{_SEP}\d{{2,4}}){{2,4}}",
        # 0X... then one separator and a long subscriber part: "030 12345678", "020-79460958"
        r"0\d{1,4}[ \-]\d{6,8}",
        # bracketed area code, optionally after a trunk/country digit: "(555) 123-4567", "8 (912) 345-67-89"
        rf"(?:[18] ?)?\(\d{{2,5}}\) ?\d{{2,4}}(?:{_SEP}\d{{2,4}}){{1,3}}",
        # North American 3-3-4 with dashes or dots: "555-123-4567"
        r"\d{3}([.\-])\d{3}\1\d{4}",
        # Chinese mobile, bare or 3-4-4 with spaces/dashes
        r"1[3-9]\d(?:[ \-]?\d{4}){2}",
    )
)
_INTL_00_RE = re.compile(r"(?<![0-9A-Za-z+])00(?=[1-9]\d{0,2}[ .\-(])")
_MIN_PHONE_DIGITS, _MAX_PHONE_DIGITS = 7, 15
_PLACEHOLDER_RE = re.compile(
    r"[\[【]\s*(" + "|".join(KINDS) + r")[_ ](\d{1,4})\s*[\]】]"
    r"|(?<![A-Za-z0-9_])(" + "|".join(KINDS) + r")_(\d{1,4})(?![A-Za-z0-9_])",
    re.IGNORECASE,
)


#: a placeholder as :meth:`PiiVault.mask` writes it
_ISSUED_RE = re.compile(r"\[(?:" + "|".join(KINDS) + r")_\d+\]")
#: Put after the kind word of a placeholder look-alike the customer typed ("[EMAIL\u2060_1]"),
#: so it can never resolve to a stored value: only placeholders that masking issued are
#: restored. A word joiner is invisible and leaves the model's reading of the text alone.
#: A joiner the customer typed is doubled, so :func:`unescape` gives back exactly what was sent.
ESCAPE = "\u2060"
_ESCAPES_RE = re.compile(ESCAPE + "{1,2}")


def has_placeholder(text: str) -> bool:
    """Whether ``text`` holds a placeholder as masking writes it (``[PHONE_1]``)."""
    return _ISSUED_RE.search(text) is not None


def escape_lookalikes(text: str) -> str:
    """``text`` with every placeholder look-alike disarmed (see :data:`ESCAPE`)."""

    def disarm(m: re.Match[str]) -> str:
        cut = (m.end(1) if m.group(1) is not None else m.end(3)) - m.start()
        return m.group()[:cut] + ESCAPE + m.group()[cut:]

    return _PLACEHOLDER_RE.sub(disarm, text.replace(ESCAPE, ESCAPE * 2))


def unescape(text: str) -> str:
    """Undo :func:`escape_lookalikes`: ``unescape(escape_lookalikes(t)) == t`` for any ``t``."""
    return _ESCAPES_RE.sub(lambda m: ESCAPE if len(m.group()) == 2 else "", text)


@dataclass(frozen=True)
class PiiMatch:
    kind: str
    start: int
    end: int
    value: str = field(repr=False)  # personal data: kept out of logs and tracebacks


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


# ---------------------------------------------------------------------------- finders


def _find_emails(text: str) -> Iterator[PiiMatch]:
    for m in _EMAIL_RE.finditer(text):
        yield PiiMatch("EMAIL", m.start(), m.end(), m.group())


def _find_ibans(text: str) -> Iterator[PiiMatch]:
    for m in _IBAN_RE.finditer(text):
        candidate = m.group()
        # Greedy over-capture ("DE89 3704 ... 00 BIC") is undone one group at a time.
        cuts = [len(candidate)] + [i for i in range(len(candidate) - 1, 4, -1) if candidate[i] == " "]
        for cut in cuts:
            if std_iban.is_valid(candidate[:cut]):
                yield PiiMatch("IBAN", m.start(), m.start() + cut, candidate[:cut])
                break


def _valid_resident_id(number: str) -> bool:
    if not ric.is_valid(number):
        return False
    try:
        born = ric.get_birth_date(number)
    except ValidationError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date.today()


def _find_id_cards(text: str) -> Iterator[PiiMatch]:
    for m in _ID_RE.finditer(text):
        if _valid_resident_id(m.group().replace(" ", "").upper()):
            yield PiiMatch("ID_CARD", m.start(), m.end(), m.group())


def _find_bank_cards(text: str) -> Iterator[PiiMatch]:
    for m in _CARD_RE.finditer(text):
        digits = _digits(m.group())
        if _CARD_PREFIX_RE.match(digits) and luhn.is_valid(digits):
            yield PiiMatch("BANK_CARD", m.start(), m.end(), m.group())


def _find_phones(text: str) -> Iterator[PiiMatch]:
    # "0033 6 12 ..." is "+33 6 12 ...": rewrite to the "+" form (same length) for the matcher.
    scan = _INTL_00_RE.sub(lambda m: " +", text)
    for found in phonenumbers.PhoneNumberMatcher(scan, "ZZ", leniency=phonenumbers.Leniency.POSSIBLE):
        start = found.start - 1 if text[found.start] == "0" else found.start  # back to the "00"
        yield PiiMatch("PHONE", start, found.end, text[start : found.end])
    for regex in _NATIONAL_PHONE_RES:
        for m in regex.finditer(text):
            if _MIN_PHONE_DIGITS <= len(_digits(m.group())) <= _MAX_PHONE_DIGITS:
                yield PiiMatch("PHONE", m.start(), m.end(), m.group())


_FINDERS: tuple[Callable[[str], Iterator[PiiMatch]], ...] = (
    _find_emails,
    _find_ibans,
    _find_id_cards,
    _find_bank_cards,
    _find_phones,
)


def find_pii(text: str) -> list[PiiMatch]:
    """Personal data in ``text``, in text order, without overlaps.

    Where two kinds claim overlapping text the earlier finder in :data:`KINDS` wins (an
    e-mail's digits are not a phone), and within a kind the longer match wins.
    """
    taken: list[PiiMatch] = []
    for finder in _FINDERS:
        found = sorted(finder(text), key=lambda m: (m.start, -(m.end - m.start)))
        for match in found:
            if all(match.end <= t.start or match.start >= t.end for t in taken):
                taken.append(match)
    return sorted(taken, key=lambda m: m.start)


# ------------------------------------------------------------------------------ vault


def _identity(kind: str, value: str) -> str:
    """What makes two spellings the same value: "+86 138-1234-5678" = "+8613812345678"."""
    if kind == "EMAIL":
        return value.casefold()
    if kind == "IBAN":
        return value.replace(" ", "").upper()
    if kind == "ID_CARD":
        return value.replace(" ", "").upper()
    if kind == "PHONE" and value.startswith(("+", "00")):
        return "+" + _digits(value).removeprefix("00")
    return _digits(value)


@dataclass
class PiiVault:
    """One conversation's placeholders: ``[PHONE_1]`` <-> the original text, both ways.

    Numbering is per kind and stable for the whole conversation: the same number written
    twice, even with different spacing, gets the same placeholder, so the model can tell
    "the same card as before" from "another card". Store :meth:`to_dict` with the
    conversation (it holds the personal data, so the caller encrypts it) and rebuild the
    vault with :meth:`from_dict` on the next turn.
    """

    _originals: dict[str, str] = field(default_factory=dict)  # placeholder -> first spelling seen
    _by_identity: dict[str, str] = field(default_factory=dict)  # "KIND:identity" -> placeholder
    _counters: dict[str, int] = field(default_factory=dict)

    def __repr__(self) -> str:  # never print the values
        return f"PiiVault({len(self._originals)} values)"

    def __len__(self) -> int:
        return len(self._originals)

    def placeholder_for(self, kind: str, value: str) -> str:
        key = f"{kind}:{_identity(kind, value)}"
        placeholder = self._by_identity.get(key)
        if placeholder is None:
            number = self._counters.get(kind, 0) + 1
            self._counters[kind] = number
            placeholder = f"[{kind}_{number}]"
            self._by_identity[key] = placeholder
            self._originals[placeholder] = value
        return placeholder

    def mask(self, text: str) -> str:
        """``text`` with every value :func:`find_pii` finds replaced by its placeholder, and
        every placeholder look-alike the customer typed escaped (:func:`escape_lookalikes`):
        "[EMAIL_1]" typed by a customer comes back as "[EMAIL_1]", never as an address."""
        parts: list[str] = []
        cursor = 0
        for match in find_pii(text):
            parts.append(escape_lookalikes(text[cursor : match.start]))
            parts.append(self.placeholder_for(match.kind, match.value))
            cursor = match.end
        parts.append(escape_lookalikes(text[cursor:]))
        return "".join(parts)

    def unmask(self, text: str) -> str:
        """Put the originals back where the model wrote a placeholder.

        Models copy placeholders imperfectly, so these all restore ``[PHONE_1]``:
        ``[PHONE_1]``, ``[phone_1]``, ``【PHONE_1】``, ``[PHONE 1]`` and a bare upper-case
        ``PHONE_1`` (bare lower-case is left alone: "phone_1" may be an ordinary word in a
        code sample). Placeholders this vault never issued are left as written, and the
        look-alikes :meth:`mask` escaped come back exactly as the customer typed them.

        Streaming callers should unmask the whole reply so far on each update, not each
        chunk: a placeholder split across two chunks is then still restored.
        """

        def restore(m: re.Match[str]) -> str:
            if m.group(1) is not None:
                kind, number = m.group(1), m.group(2)
            else:
                if m.group(3) != m.group(3).upper():
                    return m.group()
                kind, number = m.group(3), m.group(4)
            return self._originals.get(f"[{kind.upper()}_{int(number)}]", m.group())

        if not self._originals:
            return unescape(text)
        return unescape(_PLACEHOLDER_RE.sub(restore, text))

    def only(self, *texts: str) -> PiiVault:
        """A vault that restores only the placeholders masking wrote into ``texts``.

        The pipeline passes the customer messages the model reads this turn, so a reply
        can bring back only values the customer sent in that input: a model talked into
        writing "[EMAIL_1]" on its own restores nothing that was not in front of it.
        """
        seen = {m.group() for text in texts for m in _ISSUED_RE.finditer(text)}
        vault = PiiVault()
        for placeholder, value in self._originals.items():
            if placeholder in seen:
                vault._originals[placeholder] = value
        return vault

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able snapshot (contains personal data: encrypt it)."""
        return {
            "version": 1,
            "values": [
                {"placeholder": placeholder, "value": value} for placeholder, value in self._originals.items()
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PiiVault:
        """Rebuild a vault saved by :meth:`to_dict`; a malformed snapshot is a StoreError."""
        if (
            not isinstance(data, Mapping)
            or data.get("version") != 1
            or not isinstance(data.get("values"), list)
        ):
            raise StoreError("The conversation's personal-data vault is malformed or of an unknown version.")
        vault = cls()
        for entry in data["values"]:
            placeholder = entry.get("placeholder") if isinstance(entry, Mapping) else None
            value = entry.get("value") if isinstance(entry, Mapping) else None
            m = re.fullmatch(r"\[(" + "|".join(KINDS) + r")_(\d+)\]", str(placeholder))
            if m is None or not isinstance(value, str) or m.group() in vault._originals:
                raise StoreError("The conversation's personal-data vault holds an invalid entry.")
            kind, number = m.group(1), int(m.group(2))
            vault._originals[m.group()] = value
            vault._by_identity[f"{kind}:{_identity(kind, value)}"] = m.group()
            vault._counters[kind] = max(vault._counters.get(kind, 0), number)
        return vault


__all__ = ["ESCAPE", "KINDS", "PiiMatch", "PiiVault", "escape_lookalikes", "find_pii", "unescape"]
