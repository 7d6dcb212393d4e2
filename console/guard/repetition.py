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
:data:`MIN_LETTERS` letters (so a rule of dashes, a table's separator row or "ha ha ha" are
not loops; any script counts, Thai and Japanese included, which have no spaces). Why no
library: what is needed is one periodicity test on a string's tail, a few slice
comparisons in C per check (under 0.1 ms on a 4,000-character reply).
"""

from __future__ import annotations

#: the shortest repeated unit that counts (shorter: "No. No. No." is emphasis, not a loop)
MIN_UNIT = 12
#: the longest unit looked for (a repeated paragraph)
MAX_UNIT = 600
#: copies back to back that make a loop (loop_cut's tests are written out for three)
COPIES = 3
#: letters the unit must hold (of any script)
MIN_LETTERS = 6
#: the shortest end held back while it repeats the text one unit back (" Un", "\n\nYou")
MIN_HOLD = 3


def loop_cut(reply: str, shown: int) -> int | None:
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
        if sum(ch.isalpha() for ch in tail) < MIN_LETTERS:
            continue
        # the loop began where the text stops matching itself one unit back
        start = n - COPIES * unit
        while start > 0 and reply[start - 1] == reply[start - 1 + unit]:
            start -= 1
        end = start + unit
        while end > start and reply[end - 1].isspace():
            end -= 1  # not the whitespace between copies
        return max(end, shown)
    return None


def showable(reply: str) -> int:
    """How much of a streaming ``reply`` may be shown: all of it, unless its end repeats
    the text one unit (:data:`MIN_UNIT` to :data:`MAX_UNIT` characters) back, over at least
    :data:`MIN_HOLD` characters. That end waits until it stops matching (shown at the next
    check, a few characters 25 ms late) or becomes a loop (:func:`loop_cut` then ends the
    reply before it). So a customer whose reply loops sees its first copy only: a copy's
    first word already matches. Only a copy that starts with a one-letter word can show
    that letter before the loop is seen."""
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


__all__ = ["COPIES", "MAX_UNIT", "MIN_HOLD", "MIN_LETTERS", "MIN_UNIT", "loop_cut", "showable"]
