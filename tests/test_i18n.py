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


def test_traditional_chinese_gets_its_own_messages() -> None:
    assert DATA.messages["zh-Hant"].turn_limit != DATA.messages["zh"].turn_limit
    assert "訊息" in length_message("zh-HK", 5000, 4000)
    assert "消息" in length_message("zh-CN", 5000, 4000)


@pytest.mark.parametrize(
    ("name", "change", "named"),
    [
        ("ui_labels.yaml", lambda d: d["fr"].pop("send"), "fr"),
        ("ui_labels.yaml", lambda d: d.pop("zh-Hant"), "zh-Hant"),
        ("messages.yaml", lambda d: d["ru"]["rate_limit"].pop("few"), "ru.rate_limit"),
        ("messages.yaml", lambda d: d["de"].pop("turn_limit"), "turn_limit"),
        ("messages.yaml", lambda d: d["it"].__setitem__("too_long", "Troppo lungo {count}"), "it.too_long"),
        ("lexicon.yaml", lambda d: d["support"]["refund"].pop("nl"), "support.refund"),
        ("lexicon.yaml", lambda d: d["everyday"].pop("pl"), "everyday"),
        ("letters.yaml", lambda d: d["telling_letters"][0].__setitem__("languages", "xx"), "letters[0]"),
        ("han.yaml", lambda d: d.__setitem__("simplified_traditional_pairs", "这這 abc"), "simplified"),
        ("languages.yaml", lambda d: d["languages"]["th"].__setitem__("script", "klingon"), "languages.th"),
        ("retrieval.yaml", lambda d: d["articles"].__setitem__("xx", "al"), "articles"),
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
    from console import language

    def turkish(word: str) -> float:
        return dict(language._analyse(word).probs).get("tr", 0.0)

    root = _copy(tmp_path)
    made_up = "zorgbreeuwer"
    before = turkish(made_up)
    _edit(root, "lexicon.yaml", lambda d: d["everyday"].__setitem__("tr", f"{d['everyday']['tr']} {made_up}"))
    try:
        i18n.reload(root)
        assert language._TABLES.lexicon[made_up] == {"tr": 1.0}
        assert turkish(made_up) > max(0.01, 100 * before)  # the lexicon word counts at once
    finally:
        i18n.reload()
    assert made_up not in language._TABLES.lexicon


def test_no_language_data_left_in_python_modules() -> None:
    """The tables moved to prompts/_i18n; their telltale strings must not come back into code."""
    root = Path(__file__).resolve().parents[1] / "console"
    telltales = ["这這", "Envoyer", "Vous envoyez des messages", "dziękuję", "返金 注文", "ครับ"]
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for telltale in telltales:
            assert telltale not in text, (path.name, telltale)
