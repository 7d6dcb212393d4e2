"""Rate and size limits: token buckets per session and per client, turns per conversation.

:class:`Limits.check` raises :class:`RateLimitError` or :class:`TurnLimitError` (both
:class:`console.errors.LimitError`, so the edges map them like any limit: HTTP 429 with
``Retry-After``, a notice in the chat). Their message is English for operators and API
clients; :func:`limit_message` says the same to the customer in their language.

The length of a single message is limited by ``console.pipeline.validate_text`` (an
InputError naming the limit), not here, so there is one place that decides it.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from console import i18n
from console.errors import ConfigError, LimitError
from console.i18n import Messages, plural_category
from console.text import data_key, primary

Clock = Callable[[], float]


class RateLimitError(LimitError):
    """Messages arrive faster than the bucket refills; ``retry_after`` is always set."""


class TurnLimitError(LimitError):
    """The conversation has as many turns as allowed; a new conversation is needed."""


class TokenBucket:
    """Token buckets keyed by a string, safe to share between threads.

    Each key holds up to ``capacity`` tokens and regains ``per_second`` of them per second.
    Memory stays bounded: a key idle long enough to be full again is indistinguishable
    from a new key, so it is dropped; beyond ``max_keys`` the least recently used key is
    dropped even if it was still throttled (a flood of fresh keys must not exhaust memory;
    per-client limits upstream cover that case).
    """

    def __init__(
        self, capacity: float, per_second: float, *, max_keys: int = 10_000, clock: Clock = time.monotonic
    ) -> None:
        if capacity < 1 or per_second <= 0 or max_keys < 1:
            raise ConfigError(
                "rate limit", f"needs capacity >= 1 and a positive refill rate, got {capacity}/{per_second}"
            )
        self.capacity = float(capacity)
        self.per_second = float(per_second)
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, updated at)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._buckets)

    def _level(self, key: str, now: float) -> float:
        tokens, updated = self._buckets.get(key, (self.capacity, now))
        return min(self.capacity, tokens + max(0.0, now - updated) * self.per_second)

    def take(self, key: str, cost: float = 1) -> float | None:
        """Take ``cost`` tokens: None when allowed, else the seconds until it would be."""
        if cost > self.capacity:
            raise ConfigError("rate limit", f"a cost of {cost} can never fit a capacity of {self.capacity}")
        with self._lock:
            now = self._clock()
            tokens = self._level(key, now)
            allowed = tokens >= cost
            if allowed:
                tokens -= cost
            self._buckets[key] = (tokens, now)
            self._buckets.move_to_end(key)
            self._evict(now)
            return None if allowed else (cost - tokens) / self.per_second

    def refund(self, key: str, cost: float = 1) -> None:
        """Give back tokens taken for a request that was refused by a later check."""
        with self._lock:
            if key in self._buckets:
                now = self._clock()
                self._buckets[key] = (min(self.capacity, self._level(key, now) + cost), now)

    def _evict(self, now: float) -> None:
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        while self._buckets:
            oldest = next(iter(self._buckets))
            if self._level(oldest, now) < self.capacity:
                break
            del self._buckets[oldest]


@dataclass(frozen=True)
class _Rate:
    capacity: float
    per_second: float


class Limits:
    """The limits one customer message must pass before it reaches the model.

    ``per_session`` and ``per_client`` are ``(capacity, tokens per second)``: the default
    session bucket allows a burst of 5 messages, then one every 2 seconds; a client (an IP
    address or API key, which may hold many sessions) a burst of 30, then one a second.

    ``handoffs_per_client``: conversations one client may put in the staff queue, a burst of
    5, then one a minute. Each browser session has a bucket of its own, and sessions are
    free: pressing "Talk to a human" from 40 fresh sessions put 35 empty conversations in
    the operators' queue in 2.6 s, within the per-client message limit (found attacking a
    console on a network bind).
    """

    def __init__(
        self,
        *,
        per_session: tuple[float, float] = (5, 0.5),
        per_client: tuple[float, float] = (30, 1.0),
        handoffs_per_client: tuple[float, float] = (5, 1 / 60),
        max_turns: int = 100,
        max_keys: int = 10_000,
        clock: Clock = time.monotonic,
    ) -> None:
        if max_turns < 1:
            raise ConfigError("max_turns", f"must be at least 1, got {max_turns}")
        self.max_turns = max_turns
        self.sessions = TokenBucket(*per_session, max_keys=max_keys, clock=clock)
        self.clients = TokenBucket(*per_client, max_keys=max_keys, clock=clock)
        self.handoffs = TokenBucket(*handoffs_per_client, max_keys=max_keys, clock=clock)

    def check(self, session: str, client: str, turns_so_far: int) -> None:
        """Allow one more customer message or raise. ``turns_so_far``: customer messages
        already in the conversation."""
        if turns_so_far >= self.max_turns:
            raise TurnLimitError(
                f"This conversation has reached its limit of {self.max_turns} messages; "
                "please start a new one."
            )
        self.check_rate(session, client)

    def check_rate(self, session: str, client: str) -> None:
        """Allow one more request that costs what a message does, whatever the turn count
        (asking for a person: a customer at the message limit may still do that)."""
        wait = self.sessions.take(session)
        if wait is None:
            wait = self.clients.take(client)
            if wait is not None:
                self.sessions.refund(session)
        if wait is not None:
            seconds = _whole_seconds(wait)
            unit = "second" if seconds == 1 else "seconds"
            raise RateLimitError(
                f"You're sending messages too quickly. Please wait {seconds} {unit}.",
                retry_after=wait,
            )

    def check_handoff(self, client: str) -> None:
        """Allow one more conversation from ``client`` into the staff queue, or raise."""
        wait = self.handoffs.take(client)
        if wait is not None:
            seconds = _whole_seconds(wait)
            raise RateLimitError(
                f"Too many requests for a person from here. Please wait {seconds} seconds.", retry_after=wait
            )


def _whole_seconds(retry_after: float | None) -> int:
    return max(1, math.ceil(retry_after or 1))


# ------------------------------------------------------------------------- messages


# The messages are data (prompts/_i18n/messages.yaml, checked by console.i18n at load: every
# language has every message and every plural form its rule needs).


def _messages(language: str) -> Messages:
    """The messages for ``language`` (a tag: "zh-Hant" gets Traditional); English if not served."""
    table = i18n.current().messages
    return table.get(data_key(language)) or table.get(primary(language)) or table["en"]


#: tags with their own messages (the served languages and zh-Hant; fixed until a restart)
MESSAGE_LANGUAGES: tuple[str, ...] = i18n.current().tags


def length_message(language: str, length: int, limit: int) -> str:
    """ "Your message is too long" in ``language`` (a tag: "zh-Hant" gets Traditional)."""
    return _messages(language).too_long.format(n=length, limit=limit)


def limit_message(error: LimitError, language: str) -> str:
    """What to tell the customer about ``error``, in ``language`` (English if not served).

    A limit with a ``retry_after`` reads as "too quickly, wait N seconds"; one without (a
    :class:`TurnLimitError`, or any other limit) as "start a new conversation".
    """
    # By primary language: the pipeline passes the detected language ("zh", not a tag), and
    # tests/test_guard.py pins zh-Hant to the zh lines; length_message is per tag.
    messages = _messages(primary(language))
    if isinstance(error, TurnLimitError) or error.retry_after is None:
        return messages.turn_limit
    seconds = _whole_seconds(error.retry_after)
    forms = messages.rate_limit
    template = forms.get(plural_category(primary(language), seconds)) or forms["other"]
    return template.format(n=seconds)


__all__ = ["Limits", "RateLimitError", "TokenBucket", "TurnLimitError", "length_message", "limit_message"]
