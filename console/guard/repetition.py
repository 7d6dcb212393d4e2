"""A reply caught in a loop is stopped: the model writing the same sentence over and over.

Seen on the console's own defaults (the bundled SmolLM2-135M on a CPU, temperature 0.7):
"You're in the chat for a moment." written 40 times, until the token limit, to a customer who
asked where their order was. Small models do it at any temperature, large ones at low
temperatures and in long replies; engines' repetition penalties make it rarer but do not
stop it (and vLLM applies none by default). Nothing a customer should read is said three
times in a row, so the pipeline asks :func:`loop_cut` at each check of a streaming reply
and, on a loop, stops the model and keeps the reply up to its first copy, or up to what the
customer has already been shown, whichever is longer: shown text never vanishes. Meanwhile
:func:`showable` holds back text that repeats what came just before it, so the customer
sees the first copy only.

A loop is the end of the reply repeating a unit of :data:`MIN_UNIT` to :data:`MAX_UNIT`
characters at least :data:`COPIES` times back to back, the unit holding at least
:data:`MIN_LETTERS` letters or digits (so a rule of dashes, a table's separator row or "ha ha
ha" are not loops; any script counts, Thai and Japanese included, which have no spaces; digits
count because the same SmolLM2 listed "- £100000" to "- £500000" over and over, a unit with no
letter, to the token limit). Why no
library: what is needed is one periodicity test on a string's tail, a few slice
comparisons in C per check (under 0.1 ms on a 4,000-character reply).

A looser loop is caught too: one sentence of :data:`SENTENCE_LETTERS` letters or more
written :data:`SENTENCE_COPIES` times in one reply, between other text (the same SmolLM2,
asked to explain a set-up step by step, ended 11 of 23 numbered steps with "This is usually
found in the top-right corner of the screen." until the token limit). The first copies
show as they come (other text separates them); once a sentence has been written three
times, a sentence that starts like it waits, and the reply ends before the fourth copy. A
sentence said two or three times, and list items that differ, stay.

And a counting loop: the same text with only its numbers changing, "Step 5: Open the app.
Step 6: Open the app. ..." or "4.0, 5.0, 6.0, ...", run by the same SmolLM2 to the token
limit. No copy equals another, so neither test above sees it: :func:`count_cut` reads the
reply with every digit as 0 and ends it when its end repeats a unit holding a number
:data:`COUNT_COPIES` times back to back over :data:`COUNT_SPAN` characters or more. Every
copy differs from the one before, so all of them have shown: the reply keeps them and ends
after the last whole one. Three orders listed alike ("Order 1001 ships today. Order 1002
ships today.") are a list, not a loop; a table of numbers needs 20 rows alike to be one.
"""

from __future__ import annotations

import re

#: the shortest repeated unit that counts (shorter: "No. No. No." is emphasis, not a loop)
MIN_UNIT = 12
#: the longest unit looked for (a repeated paragraph)
MAX_UNIT = 600
#: copies back to back that make a loop (loop_cut's tests are written out for three)
COPIES = 3
#: letters or digits a repeated unit must hold (of any script); count_cut asks this many
#: letters of a unit that has any (fewer: a list of codes, "EU 36, EU 37")
MIN_LETTERS = 6
#: the shortest end held back while it repeats the text one unit back (" Un", "\n\nYou")
MIN_HOLD = 3
#: copies of one sentence, anywhere in a reply, that make a loop
SENTENCE_COPIES = 4
#: letters a sentence needs to count (a Han, kana or Hangul character counts two: a
#: 12-character Chinese sentence says as much as a 24-letter English one)
SENTENCE_LETTERS = 24
#: copies back to back of a unit whose numbers change that make a counting loop, and the
#: characters they must span at least (a short unit needs more: "0.0, " 64 copies)
COUNT_COPIES = 12
COUNT_SPAN = 320
#: the shortest and longest unit of a counting loop ("7, "; a numbered paragraph)
COUNT_MIN_UNIT = 2
COUNT_MAX_UNIT = 200
#: every decimal digit as 0, one character for one, so positions stay those of the reply
#: (ASCII, Arabic-Indic, Extended Arabic-Indic, Devanagari, Thai and fullwidth digits)
_AS_ZERO = str.maketrans(
    {chr(base + d): "0" for base in (0x30, 0x660, 0x6F0, 0x966, 0xE50, 0xFF10) for d in range(10)}
)

# after sentence punctuation and a space, after CJK sentence punctuation, or a line break
# the punctuation is matched, not looked behind for: a pattern that starts with a character
# class lets the engine skip ahead
_SENTENCE_END = re.compile(r"[.!?;:]\s+|[。！？；]\s*|\n\s*")
# where a counting loop's copy may end, the first kind a copy has: after a sentence or a
# line, after a list item ("4.0, 5.0"), at a space
_COUNT_BREAKS = (
    re.compile(r"(?<=[.!?])\s|\n|(?<=[。！？])"),
    re.compile(r"(?<=[,;，、；])\s?"),
    re.compile(r"\s"),
)
# list markers, numbers and quotes before a sentence: "12. ", "- ", "> "
_LEAD = re.compile(r"^[\W\d_]+")


def loop_cut(reply: str, shown: int, count: SentenceCount | None = None) -> int | None:
    """Where to end ``reply`` when it ends in a loop (None: it does not): after the loop's
    first copy, but never before ``shown`` characters, which the customer has seen."""
    n = len(reply)
    if n < COPIES * MIN_UNIT:
        return None
    last = reply[-1]
    for unit in range(MIN_UNIT, min(MAX_UNIT, n // COPIES) + 1):
        # the cheap test first (two character reads; COPIES is 3): most units fail on it
        if reply[n - 1 - unit] != last or reply[n - 1 - 2 * unit] != last:
            continue
        tail = reply[n - unit :]
        if reply[n - 2 * unit : n - unit] != tail or reply[n - 3 * unit : n - 2 * unit] != tail:
            continue
        if sum(ch.isalnum() for ch in tail) < MIN_LETTERS:
            continue
        # the loop began where the text stops matching itself one unit back
        start = n - COPIES * unit
        while start > 0 and reply[start - 1] == reply[start - 1 + unit]:
            start -= 1
        end = start + unit
        while end > start and reply[end - 1].isspace():
            end -= 1  # not the whitespace between copies
        return end if end >= shown else word_end(reply, shown)
    return sentence_cut(reply, shown, count) or count_cut(reply, shown)


#: the most a cut at what has shown is moved on to finish the word it falls in
WORD_REACH = 40


def _in_spaced_word(ch: str) -> bool:
    # Thai, Chinese and Japanese write no spaces: there a "word" would run to the next
    # punctuation, so a cut there stays where the text stopped showing
    return ch.isalnum() and not (
        "\u0e00" <= ch <= "\u0eff" or "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
    )


def word_end(reply: str, at: int) -> int:
    """``at``, or the end of the word it falls inside: a loop stopped where the customer had
    seen "...nunca vai tirar as i" ended the reply there, mid-word (an outside tester); the
    word's rest is in the reply, and shown text never vanishes either way."""
    if not 0 < at < len(reply) or not (_in_spaced_word(reply[at - 1]) and _in_spaced_word(reply[at])):
        return at
    end = at
    while end < len(reply) and end - at < WORD_REACH and _in_spaced_word(reply[end]):
        end += 1
    return end if end - at < WORD_REACH else at


def count_cut(reply: str, shown: int) -> int | None:
    """Where to end ``reply`` when it ends in a counting loop (None: it does not): after the
    last break (sentence or list punctuation, a line break, else a space) of its last copy,
    never before ``shown``. Read with every digit as 0, the end repeats a unit of
    :data:`COUNT_MIN_UNIT` to :data:`COUNT_MAX_UNIT` characters that holds a digit
    :data:`COUNT_COPIES` times or more back to back, over :data:`COUNT_SPAN` characters or
    more (a unit without a digit is :func:`loop_cut`'s to judge). The unit holds no letter
    (numbers alone) or :data:`MIN_LETTERS` or more: one with a few is a list of codes or
    labels ("EU 36, EU 37, ...", "SKU-1001, SKU-1002, ..."), which a customer may be sent.
    A number that grows a digit (9 to 10) starts the count again."""
    if len(reply) < COUNT_SPAN:
        return None
    flat = reply[-COUNT_COPIES * COUNT_MAX_UNIT :].translate(_AS_ZERO)  # a loop's reach at most
    if "0" not in flat[-COUNT_SPAN:]:
        return None  # the common case: no number near the end
    m, last = len(flat), flat[-1]
    for unit in range(COUNT_MIN_UNIT, min(COUNT_MAX_UNIT, m // COUNT_COPIES) + 1):
        copies = max(COUNT_COPIES, -(-COUNT_SPAN // unit))
        if copies * unit > m or flat[m - 1 - unit] != last:
            continue  # the cheap test first: most units fail on it
        tail = flat[m - unit :]
        if "0" not in tail or any(flat[m - (k + 1) * unit : m - k * unit] != tail for k in range(1, copies)):
            continue
        # the shortest unit decides (its multiples repeat too, with more letters)
        if 0 < sum(ch.isalpha() for ch in tail) < MIN_LETTERS:
            return None  # a list of codes or labels ("EU 36, EU 37, ...", "A1 A2 A3"), not a loop
        return _count_end(reply, unit, shown)
    return None


def _count_end(reply: str, unit: int, shown: int) -> int | None:
    """Where a counting loop of ``unit`` characters ends the reply: at the last break of its
    last copy. The copies are in step with the reply's end, not with its items, and every
    copy has shown as it came: when the customer has seen part of an item ("Step 23 of")
    and the model has not written its end yet, not yet (None: the next check, 25 ms on,
    ends the reply after that item)."""
    start, end = len(reply) - unit, len(reply)
    for kind in _COUNT_BREAKS:
        found = list(kind.finditer(reply, start))
        if found:
            end = found[-1].start()
            break
    if end < shown:
        return None  # no break since what has shown: that item is not written out yet
    while end > shown and reply[end - 1] in ",;，、；":
        end -= 1  # "198.0," ends at "198.0"
    return end


def sentence_cut(reply: str, shown: int, count: SentenceCount | None = None) -> int | None:
    """Where to end ``reply`` when one sentence of :data:`SENTENCE_LETTERS` letters has
    been written :data:`SENTENCE_COPIES` times (not only back to back): before that copy
    (which :func:`showable` held back), never before ``shown``. Only finished sentences
    count (followed by a space or a line break); case, spacing and a leading list marker do
    not tell copies apart. ``count``: the stream's :class:`SentenceCount`, so each check
    reads only the new text."""
    cut, _ = (count or SentenceCount()).scan(reply)
    return None if cut is None else cut if cut >= shown else word_end(reply, shown)


class SentenceCount:
    """The copies of each finished sentence of one growing reply, counted as it grows: a
    check reads only what came since the last one (a whole 4,000-character reply costs
    ~0.15 ms to read; the new text of a 25 ms check, a few microseconds). A reply that does
    not continue the last one read is read from its start."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._read = ""  # the reply up to the start of its unfinished last sentence
        self._seen: dict[str, int] = {}
        self._near: list[str] = []  # sentences one copy short of a loop
        self._cut: int | None = None

    def scan(self, reply: str) -> tuple[int | None, int]:
        """Where the copy that makes a sentence loop starts (None: none does), and how much
        of ``reply`` may show: all of it, unless a sentence is one copy short of a loop and
        the unfinished last sentence (its list marker included) may be that copy; it waits
        until it differs (25 ms, the next check) or is finished and ends the reply."""
        if not reply.startswith(self._read):
            self._reset()  # another reply: start over
        if self._cut is not None:
            return self._cut, self._cut
        start = len(self._read)
        for boundary in _SENTENCE_END.finditer(reply, start):
            key = _key(reply[start : boundary.start()])
            if not key:
                continue  # "4." alone is the next sentence's list marker: it starts there
            if len(key) >= SENTENCE_LETTERS // 2:  # cheap bound first: a CJK letter counts two
                self._seen[key] = copies = self._seen.get(key, 0) + 1
                if copies >= SENTENCE_COPIES - 1 and _letters(key) >= SENTENCE_LETTERS:
                    if copies >= SENTENCE_COPIES:
                        self._cut = start  # finished between two checks: still not shown
                        return start, start
                    self._near.append(key)
            start = boundary.end()
        self._read = reply[:start]
        if self._near:
            fragment = _key(reply[start:])
            if any(key.startswith(fragment) for key in self._near):
                return None, start
        return None, len(reply)


def _key(sentence: str) -> str:
    if sentence[:1].isalpha():
        return " ".join(sentence.split()).casefold()
    return " ".join(_LEAD.sub("", sentence).split()).casefold()


def _letters(text: str) -> int:
    return sum(2 if "\u2e80" <= ch <= "\ud7af" else 1 for ch in text if ch.isalpha())


def showable(reply: str, count: SentenceCount | None = None) -> int:
    """How much of a streaming ``reply`` may be shown: all of it, unless its end repeats
    the text one unit (:data:`MIN_UNIT` to :data:`MAX_UNIT` characters) back, over at least
    :data:`MIN_HOLD` characters. That end waits until it stops matching (shown at the next
    check, a few characters 25 ms late) or becomes a loop (:func:`loop_cut` then ends the
    reply before it). So a customer whose reply loops sees its first copy only: a copy's
    first word already matches. Only a copy that starts with a one-letter word can show
    that letter before the loop is seen. Likewise, a sentence that may become the copy
    that makes a looser loop (:func:`sentence_cut`) waits, list marker included."""
    return min(_unit_hold(reply), (count or SentenceCount()).scan(reply)[1])


def _unit_hold(reply: str) -> int:
    """:func:`showable` for copies back to back."""
    n = len(reply)
    if n < MIN_UNIT + MIN_HOLD:
        return n
    last, longest = reply[-1], 0
    for unit in range(MIN_UNIT, min(MAX_UNIT, n - MIN_HOLD) + 1):
        if reply[n - 1 - unit] != last:
            continue
        if reply[n - MIN_HOLD :] != reply[n - MIN_HOLD - unit : n - unit]:
            continue
        # the longest end that matches the text one unit back: matching is monotone in
        # the length, so a binary search of slice comparisons finds it
        low, high = MIN_HOLD, n - unit
        while low < high:
            middle = (low + high + 1) // 2
            if reply[n - middle :] == reply[n - middle - unit : n - unit]:
                low = middle
            else:
                high = middle - 1
        longest = max(longest, low)
    return n - longest


__all__ = [
    "COPIES",
    "COUNT_COPIES",
    "COUNT_MAX_UNIT",
    "COUNT_MIN_UNIT",
    "COUNT_SPAN",
    "MAX_UNIT",
    "MIN_HOLD",
    "MIN_LETTERS",
    "MIN_UNIT",
    "SENTENCE_COPIES",
    "SENTENCE_LETTERS",
    "SentenceCount",
    "count_cut",
    "loop_cut",
    "sentence_cut",
    "showable",
]
