"""Generation options: the only knobs a request may turn, validated once.

Options are a frozen dataclass rather than a dict so a typo (``top-p``) or an unknown knob
fails loudly at the edge instead of being ignored by one backend and honoured by another.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from console.errors import OptionsError

TEMPERATURE_RANGE = (0.0, 2.0)
TOP_P_RANGE = (0.0, 1.0)
#: upper bound on one reply; long enough for any support answer, short enough that one
#: request cannot hold a worker for minutes.
MAX_NEW_TOKENS_RANGE = (1, 4096)
#: a 64-bit signed integer, as OpenAI documents it; larger seeds overflow torch and engines
SEED_RANGE = (-(2**63), 2**63 - 1)


@dataclass(frozen=True)
class GenerationOptions:
    """Sampling options shared by every backend.

    ``temperature == 0`` means greedy decoding (backends switch sampling off rather than
    divide by zero). ``seed`` makes sampled output repeatable where the backend supports it.
    """

    temperature: float = 0.7
    top_p: float = 0.8
    max_new_tokens: int = 512
    seed: int | None = None

    def __post_init__(self) -> None:
        _check_float("temperature", self.temperature, *TEMPERATURE_RANGE)
        _check_float("top_p", self.top_p, *TOP_P_RANGE)
        if isinstance(self.max_new_tokens, bool) or not isinstance(self.max_new_tokens, int):
            raise OptionsError("max_new_tokens must be an integer", field="max_new_tokens")
        lo, hi = MAX_NEW_TOKENS_RANGE
        if not lo <= self.max_new_tokens <= hi:
            raise OptionsError(
                f"max_new_tokens must be between {lo} and {hi}, got {self.max_new_tokens}",
                field="max_new_tokens",
            )
        if self.seed is not None and (isinstance(self.seed, bool) or not isinstance(self.seed, int)):
            raise OptionsError("seed must be an integer", field="seed")
        if self.seed is not None and not SEED_RANGE[0] <= self.seed <= SEED_RANGE[1]:
            raise OptionsError("seed must be a 64-bit signed integer", field="seed")

    @property
    def greedy(self) -> bool:
        return self.temperature == 0.0

    @classmethod
    def from_mapping(
        cls, values: Mapping[str, Any], base: GenerationOptions | None = None
    ) -> GenerationOptions:
        """Build options from user input, rejecting unknown keys and coercing numbers.

        Sliders and JSON send ``1`` for ``1.0`` and ``512.0`` for ``512``; both are accepted,
        but ``512.5`` tokens or ``"hot"`` are not.
        """
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise OptionsError(f"unknown generation option(s): {', '.join(unknown)}", field=unknown[0])
        merged: dict[str, Any] = asdict(base) if base is not None else {}
        for key, value in values.items():
            if value is None and key != "seed":
                continue
            merged[key] = _coerce(key, value)
        return cls(**merged)

    def with_(self, **changes: Any) -> GenerationOptions:
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _check_float(name: str, value: object, lo: float, hi: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise OptionsError(f"{name} must be a number", field=name)
    if math.isnan(value) or not lo <= value <= hi:
        raise OptionsError(f"{name} must be between {lo:g} and {hi:g}, got {value!r}", field=name)


def _coerce(key: str, value: Any) -> Any:
    if key in ("temperature", "top_p"):
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                raise OptionsError(f"{key} must be a number", field=key) from None
        if isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        return value
    if key in ("max_new_tokens", "seed"):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
    return value
