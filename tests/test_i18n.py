"""Language data as data: prompts/_i18n/*.yaml is complete for every language, and a file with a
missing or bad entry is refused at load, naming the file, instead of an English fallback later."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from console import i18n
from console.errors import ConfigError
from console.guard import length_message, limit_message
from console.guard.limits import RateLimitError
from console.ui_labels import UI_LABELS, labels_for

DATA = i18n.current()


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "_i18n"
    shutil.copytree(i18n.DEFAULT_DIR, root)
    return root


def _edit(root: Path, name: str, change: object) -> None:
    path = root / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_every_served_language_has_every_key() -> None:
    assert len(DATA.codes) == 17
    assert set(DATA.ui_labels) == set(DATA.messages) == {*DATA.codes, "zh-Hant"}
    english = set(DATA.ui_labels["en"])
    for tag, labels in DATA.ui_labels.items():
        assert set(labels) == english, tag
    for concept, per_language in DATA.support_vocabulary.items():
        assert set(per_language) == set(DATA.latin), concept
    for tag in DATA.tags:
        for seconds in range(1, 120):
            message = limit_message(RateLimitError("x", retry_after=seconds - 0.5), tag)
            assert message and "{" not in message, (tag, seconds)


def test_plural_rules_are_cldrs_as_babel_ships_them() -> None:
    """plurals.yaml is a copy of CLDR's rules (Babel's locale data costs ~20 MiB a process):
    a Babel upgrade that changes a rule fails here, not in a customer's rate-limit message."""
    from babel import Locale

    for code in DATA.codes:
        assert DATA.plural_rules[code].rules == Locale.parse(code).plural_form.rules, code
    # the forms messages.yaml is checked against: Polish few/many, Arabic's six, French 0 as 1
    polish = [i18n.plural_category("pl", n) for n in (1, 2, 5, 22, 112)]
    assert polish == ["one", "few", "many", "few", "many"]
    assert [i18n.plural_category("ar", n) for n in (0, 1, 2, 3, 11, 100)] == [
        "zero", "one", "two", "few", "many", "other"
    ]  # fmt: skip
    assert i18n.plural_category("fr", 0) == "one" and i18n.plural_category("en", 0) == "other"
    assert i18n.plural_category("sw", 1) == "one"  # not served: English's rule


def test_limit_messages_load_no_locale_data() -> None:
    """Validating and formatting the limit messages reads no Babel locale file (the memory
    the language detector's budget counts, bench/language.py)."""
    import subprocess
    import sys

    code = (
        "import sys; from console import i18n; from console.guard import limit_message; "
        "from console.guard.limits import RateLimitError; i18n.current(); "
        "limit_message(RateLimitError('x', retry_after=3), 'ru'); "
        "import babel.localedata as d; print(len(d._cache))"
    )
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "0"


def test_traditional_chinese_gets_its_own_messages() -> None:
    assert DATA.messages["zh-Hant"].turn_limit != DATA.messages["zh"].turn_limit
    assert "訊息" in length_message("zh-HK", 5000, 4000)
    assert "消息" in length_message("zh-CN", 5000, 4000)


@pytest.mark.parametrize(
    ("name", "change", "named"),
    [
        ("ui_labels.yaml", lambda d: d["fr"].pop("send"), "fr"),
        ("ui_labels.yaml", lambda d: d.pop("zh-Hant"), "zh-Hant"),
        # a screen reader would hear "{text}" instead of the message
        ("ui_labels.yaml", lambda d: d["it"].__setitem__("name_your_message", "Il tuo messaggio"), "it.name"),
        ("ui_labels.yaml", lambda d: d["ar"].__setitem__("rating_star_name", "التقييم {m}"), "ar.rating"),
        ("messages.yaml", lambda d: d["ru"]["rate_limit"].pop("few"), "ru.rate_limit"),
        ("messages.yaml", lambda d: d["de"].pop("turn_limit"), "turn_limit"),
        ("messages.yaml", lambda d: d["it"].__setitem__("too_long", "Troppo lungo {count}"), "it.too_long"),
        ("lexicon.yaml", lambda d: d["support"]["refund"].pop("nl"), "support.refund"),
        ("lexicon.yaml", lambda d: d["everyday"].pop("pl"), "everyday"),
        ("letters.yaml", lambda d: d["telling_letters"][0].__setitem__("languages", "xx"), "letters[0]"),
        ("han.yaml", lambda d: d.__setitem__("simplified_traditional_pairs", "这這 abc"), "simplified"),
        ("languages.yaml", lambda d: d["languages"]["th"].__setitem__("script", "klingon"), "languages.th"),
        ("retrieval.yaml", lambda d: d["articles"].__setitem__("xx", "al"), "articles"),
        ("languages.yaml", lambda d: d["chinese_scripts"].pop("zh-Hant"), "chinese_scripts"),
        ("demo.yaml", lambda d: d.pop("vi"), "vi"),
        ("demo.yaml", lambda d: d["ko"].__setitem__("questions", []), "ko.questions"),
        ("demo.yaml", lambda d: d["zh-Hant"].pop("follow_up"), "zh-Hant"),
        ("plurals.yaml", lambda d: d.pop("pl"), "pl"),
        ("plurals.yaml", lambda d: d["ar"].__setitem__("few", "n modulo 100 in 3..10"), "ar"),
        ("plurals.yaml", lambda d: d["fr"].__setitem__("other", "n in 2"), "fr"),
        ("plurals.yaml", lambda d: d.__setitem__("ko", "other"), "ko"),
    ],
)
def test_a_missing_or_bad_key_is_a_config_error_naming_the_file(
    tmp_path: Path, name: str, change: object, named: str
) -> None:
    root = _copy(tmp_path)
    _edit(root, name, change)
    with pytest.raises(ConfigError) as caught:
        i18n.load(root)
    assert name in caught.value.setting
    assert named in str(caught.value)


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "han.yaml").unlink()
    with pytest.raises(ConfigError, match=r"han\.yaml"):
        i18n.load(root)


def test_reload_swaps_in_whole_or_keeps_serving(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, "ui_labels.yaml", lambda d: d["fr"].__setitem__("send", "Expédier"))
    try:
        i18n.reload(root)
        assert UI_LABELS["fr"]["send"] == "Expédier" == labels_for("fr-CA")["send"]
        _edit(root, "ui_labels.yaml", lambda d: d["fr"].pop("stop"))
        with pytest.raises(ConfigError):
            i18n.reload(root)
        assert UI_LABELS["fr"]["send"] == "Expédier"  # the last good data keeps serving
    finally:
        i18n.reload()
    assert UI_LABELS["fr"]["send"] == "Envoyer"


def test_reload_updates_the_detector_lexicon(tmp_path: Path) -> None:
    from console.language import detection, tables

    def turkish(word: str) -> float:
        return dict(detection._analyse(word).probs).get("tr", 0.0)

    root = _copy(tmp_path)
    made_up = "zorgbreeuwer"
    before = turkish(made_up)
    _edit(root, "lexicon.yaml", lambda d: d["everyday"].__setitem__("tr", f"{d['everyday']['tr']} {made_up}"))
    try:
        i18n.reload(root)
        assert tables.TABLES.lexicon[made_up] == {"tr": 1.0}
        assert turkish(made_up) > max(0.01, 100 * before)  # the lexicon word counts at once
    finally:
        i18n.reload()
    assert made_up not in tables.TABLES.lexicon


def _served_word(word: str) -> bool:
    """A word of a served language's own script: Cyrillic, Arabic, Thai, kana, Han, Hangul, or a
    Latin word of three letters or more with a letter beyond ASCII ("Français", "Dziękuję")."""
    non_latin = (
        (0x0400, 0x04FF),
        (0x0600, 0x06FF),
        (0x0E00, 0x0E7F),
        (0x3040, 0x30FF),
        (0x3400, 0x9FFF),
        (0xAC00, 0xD7AF),
    )
    if any(low <= ord(ch) <= high for ch in word for low, high in non_latin):
        return True
    return len(word) >= 3 and any(0xC0 <= ord(ch) <= 0x24F for ch in word)


def test_no_language_data_left_in_python_modules() -> None:
    """Words of the served languages live in prompts/_i18n, never in a string of the code: every
    string constant of console/ (docstrings aside, which explain with examples) is checked.
    Single characters and regex ranges ("\u3040-ゟ", the Arabic letters text folding maps) are
    code, not language data."""
    import ast
    import re

    ranges = re.compile(r".-.", re.DOTALL)
    words = re.compile(r"[^\W\d_]{2,}")
    root = Path(__file__).resolve().parents[1] / "console"
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                hits = [w for w in words.findall(ranges.sub(" ", node.value)) if _served_word(w)]
                if hits:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {hits[:3]}")
    assert not found, found


def test_the_check_above_would_see_language_data() -> None:
    """The scan is not blind: strings like the ones that moved out are words to it."""
    for word in (
        "简体中文",
        "繁體",
        "Dziękuję",
        "Français",
        "Спасибо",
        "ありがとう",
        "감사합니다",
        "ขอบคุณ",
        "شكرا",
    ):
        assert _served_word(word), word
    for code in ("UTC", "ok", "ÿ", "No", "Send"):
        assert not _served_word(code), code


def test_demo_customers_write_in_each_persona_language() -> None:
    from console import demo_data
    from console.language import detect

    for tag in (*DATA.codes, "zh-Hans", "zh-Hant"):
        texts = [*demo_data._questions(tag), demo_data._follow_up(tag)]
        for text in texts:
            found = detect(text)
            assert found.language == tag.split("-")[0], (tag, text, found)
            if tag.startswith("zh-"):
                assert found.tag == tag, (tag, text)


def test_language_menus_name_each_language_in_itself() -> None:
    from console.ui.labels import filter_language_choices, language_choices, language_names

    names = dict(language_choices(("auto", "auto")))
    assert [value for _, value in language_choices(("Detect", "auto"))] == ["auto", *DATA.codes, "zh-Hant"]
    assert {label for label, value in language_choices(("x", "auto")) if value == "zh-Hant"} == {
        "繁體中文 (zh-Hant)"
    }
    assert "Deutsch (de)" in names and "Polski (pl)" in names
    filters = filter_language_choices("All")
    values = [value for _, value in filters]
    # stored conversations carry the persona's tag: Chinese is zh-Hans or zh-Hant, never "zh"
    assert values[0] == "all" and "zh" not in values and values[-2:] == ["zh-Hans", "zh-Hant"]
    assert ("简体中文 (zh-Hans)", "zh-Hans") in filters and ("繁體中文 (zh-Hant)", "zh-Hant") in filters
    assert language_names()["zh-Hant"] == "繁體中文" and language_names()["ja"] == "日本語"
