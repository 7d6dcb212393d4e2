"""Unicode scripts: how many letters of each a text has, and which one dominates."""

from __future__ import annotations

import re

SCRIPT_RES: dict[str, re.Pattern[str]] = {
    "hangul": re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]"),
    # U+30FB (katakana middle dot) is used in Chinese names too, so it is not evidence
    "kana": re.compile(r"[\u3041-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9d]"),
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"),
    "thai": re.compile(r"[\u0e01-\u0e7f]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"),
    "cyrillic": re.compile(r"[\u0400-\u052f]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]"),
}
_ANY_LETTER = re.compile(r"[^\W\d_]")
#: one CJK character carries about as much as a short word; weigh it so that
#: "我的iPhone 15屏幕坏了" is Chinese and "I want to buy 手机" is English
_SCRIPT_WEIGHT = {"han": 3.0, "kana": 2.0, "hangul": 2.0}
#: a letter of a capitalised Latin word (a name, a product, code) weighs this much
_NAMED_LATIN_WEIGHT = 0.35

_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")


def script_counts(text: str) -> dict[str, int]:
    counts = {name: len(regex.findall(text)) for name, regex in SCRIPT_RES.items()}
    counts["other"] = max(0, len(_ANY_LETTER.findall(text)) - sum(counts.values()))
    # letters of Latin words with a capital ("iPhone", "True", "PostgreSQL", "Django"): in a
    # message that also has another script they are names and code, not the language
    counts["latin_named"] = sum(len(w) for w in _LATIN_WORD.findall(text) if not w.islower())
    return counts


def dominant_script(counts: dict[str, int]) -> tuple[str | None, float]:
    """The script with the most weight (Han and kana together as "cjk"), and its share."""
    weights = {
        "cjk": counts["han"] * _SCRIPT_WEIGHT["han"] + counts["kana"] * _SCRIPT_WEIGHT["kana"],
        "hangul": counts["hangul"] * _SCRIPT_WEIGHT["hangul"],
        "thai": float(counts["thai"]),
        "arabic": float(counts["arabic"]),
        "cyrillic": float(counts["cyrillic"]),
        "latin": counts["latin"] - (1 - _NAMED_LATIN_WEIGHT) * counts["latin_named"],
        "other": float(counts["other"]),
    }
    total = sum(weights.values())
    if total <= 0:
        return None, 0.0
    best = max(weights, key=lambda name: weights[name])
    return best, weights[best] / total
