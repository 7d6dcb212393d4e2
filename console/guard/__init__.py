"""The guard: what the pipeline checks around the model, none of it needing the model.

* :mod:`console.guard.pii` — mask personal data before the model sees it, unmask after;
* :mod:`console.guard.escalation` — phrases that hand a customer to a person, and
  replies in which the model gave up;
* :mod:`console.guard.checks` — stop a streamed reply with a blocked term or one that
  reproduces the system prompt;
* :mod:`console.guard.limits` — token buckets, the turn limit, and their customer messages.

Phrase and term lists are data, written natively per language, in ``prompts/_guard/``
(the persona loader skips folders whose name starts with "_"). Pure Python: regex,
``phonenumbers`` and ``python-stdnum``; nothing here imports gradio or torch.
"""

from __future__ import annotations

from console.guard.checks import BlockedTerms, CheckResult, OutputChecker
from console.guard.escalation import EscalationRules, Trigger
from console.guard.limits import (
    Limits,
    RateLimitError,
    TokenBucket,
    TurnLimitError,
    length_message,
    limit_message,
)
from console.guard.pii import PiiMatch, PiiVault, find_pii

__all__ = [
    "BlockedTerms",
    "CheckResult",
    "EscalationRules",
    "Limits",
    "OutputChecker",
    "PiiMatch",
    "PiiVault",
    "RateLimitError",
    "TokenBucket",
    "Trigger",
    "TurnLimitError",
    "find_pii",
    "length_message",
    "limit_message",
]
