"""console.text: one place for language tags and text folding, safe on any str."""

from __future__ import annotations

import pytest

from console.guard._text import PhraseMatcher, fold, language_key
from console.text import chinese_script, data_key, fold_case, folds_accents, primary, served, subtags

SERVED = ("zh", "en", "fr", "pt", "vi")


@pytest.mark.parametrize(
    ("tag", "parts", "key", "script"),
    [
        ("pt_BR", ["pt", "br"], "pt", None),
        ("ZH-Hant-HK", ["zh", "hant", "hk"], "zh-Hant", "Hant"),
        ("zh-TW", ["zh", "tw"], "zh-Hant", "Hant"),
        ("zh-hans", ["zh", "hans"], "zh", "Hans"),
        ("zh-SG", ["zh", "sg"], "zh", "Hans"),
        ("zh", ["zh"], "zh", None),
        ("  fr-CA ", ["fr", "ca"], "fr", None),
        ("", [], "", None),
        ("-", [], "", None),
    ],
)
def test_tags(tag: str, parts: list[str], key: str, script: str | None) -> None:
    assert subtags(tag) == parts
    assert primary(tag) == (parts[0] if parts else "")
    assert data_key(tag) == key
    assert chinese_script(tag) == script


def test_served_tags_give_chinese_a_script_and_refuse_the_rest() -> None:
    assert served("zh", SERVED) == ("zh", "Hans")
    assert served("zh-HK", SERVED) == ("zh", "Hant")
    assert served("PT-br", SERVED) == ("pt", None)
    assert served("auto", SERVED) is None
    assert served("de", SERVED) is None
    assert subtags("x" * 10_000) == ["x" * 35]  # a huge "tag" is cut, not split at length


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Réclamation", "reclamation"),
        ("DZIĘKUJĘ", "dziekuje"),
        ("Straße", "strasse"),
        ("şifre ılık", "sifre ilik"),
        ("Đơn hàng", "don hang"),
        ("ＡＢＣ", "abc"),  # full-width
        ("don’t", "don't"),
        ("مكتبة\u0640", "مكتبه"),  # tatweel dropped, teh marbuta -> heh
        ("がっこう", "がっこう"),  # dakuten on kana carry meaning
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    "text",
    [
        "\u0301abc",  # starts with a combining mark: used to raise TypeError in ord()
        "\u0301",
        "ﾟ",  # half-width semi-voiced mark alone: NFKC makes it a combining mark
        "ﾟДﾟ)",
        "(ﾟДﾟ)",
        "Z̴̡̧̛̖̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ͏͓͔͕͖͙͚͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ͘͜͟͢͝͞͠͡a",
        "\ud800",  # a lone surrogate (reaches Python from JSON "\\ud800")
        "a\udfffb",
        "",
    ],
)
def test_fold_never_raises(text: str) -> None:
    for accents in (True, False):
        assert isinstance(fold(text, accents=accents), str)
    assert isinstance(fold_case(text), str)
    matcher = PhraseMatcher([("x", "abc"), ("y", "返金")])
    list(matcher.finditer(fold(text)))


def test_zalgo_folds_to_its_letters() -> None:
    assert fold("\u0301abc") == "\u0301abc"  # nothing before the mark to fold it into
    assert fold("Z̴a̵l̶g̷o̸") == "zalgo"


def test_vietnamese_keeps_its_accents_and_the_guard_uses_the_same_keys() -> None:
    assert not folds_accents("vi-VN") and folds_accents("fr")
    assert fold("đụ", accents=False) == "đụ"
    assert language_key("zh-Hant") == primary("zh-Hant") == "zh"
    assert fold_case("É") == "é"
