from __future__ import annotations

import math

import pytest

from console.errors import OptionsError
from console.options import GenerationOptions


def test_defaults_valid() -> None:
    options = GenerationOptions()
    assert 0 <= options.temperature <= 2 and 0 <= options.top_p <= 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"temperature": -0.1}, "temperature"),
        ({"temperature": 2.5}, "temperature"),
        ({"temperature": math.nan}, "temperature"),
        ({"temperature": "hot"}, "temperature"),
        ({"top_p": 1.5}, "top_p"),
        ({"max_new_tokens": 0}, "max_new_tokens"),
        ({"max_new_tokens": 100000}, "max_new_tokens"),
        ({"max_new_tokens": 12.5}, "max_new_tokens"),
        ({"max_new_tokens": True}, "max_new_tokens"),
        ({"top_k": 5}, "top_k"),
        ({"top-p": 0.5}, "top-p"),
    ],
)
def test_rejects_out_of_range_and_unknown(values: dict[str, object], field: str) -> None:
    with pytest.raises(OptionsError) as info:
        GenerationOptions.from_mapping(values)
    assert info.value.field == field
    assert field in str(info.value)


def test_coerces_slider_and_json_numbers() -> None:
    options = GenerationOptions.from_mapping({"temperature": 1, "top_p": "0.5", "max_new_tokens": 64.0})
    assert options == GenerationOptions(temperature=1.0, top_p=0.5, max_new_tokens=64)
    assert GenerationOptions(temperature=0).greedy


def test_from_mapping_keeps_base_for_missing_keys() -> None:
    base = GenerationOptions(temperature=0.2, top_p=0.3, max_new_tokens=7)
    assert GenerationOptions.from_mapping({"top_p": 0.9}, base=base) == base.with_(top_p=0.9)
