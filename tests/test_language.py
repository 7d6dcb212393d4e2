"""Tests for console/language/: script rules, short inputs, history, safety, accuracy floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.data.language_samples import fresh_items, items, language_of
from console import i18n, language
from console.language import (
    LANGUAGE_NAMES,
    RTL_LANGUAGES,
    SERVED_LANGUAGES,
    Detection,
    cache,
    detect,
    detection,
    engines,
    frequencies,
    latin,
    reply_language_matches,
    tables,
)

ROOT = Path(__file__).resolve().parent.parent
FRENCH_HISTORY = ["Bonjour, je n'ai toujours pas reçu ma commande de la semaine dernière."]


def test_constants_cover_every_served_language() -> None:
    assert len(SERVED_LANGUAGES) == 17
    assert set(LANGUAGE_NAMES) == set(SERVED_LANGUAGES)
    assert LANGUAGE_NAMES["fr"] == "Français" and LANGUAGE_NAMES["zh"] == "中文"
    assert frozenset({"ar"}) == RTL_LANGUAGES


@pytest.mark.parametrize(
    ("text", "lang", "script"),
    [
        ("배송이 아직 안 왔어요", "ko", None),
        ("감사합니다", "ko", None),
        ("注文した商品がまだ届きません", "ja", None),  # kanji + kana
        ("ありがとう", "ja", None),
        ("返金済", "ja", None),  # kanji only, but 済 is a Japanese-only form
        ("ขอบคุณ ครับ", "th", None),  # two words
        ("شكرا جزيلا على المساعدة", "ar", None),
        ("Здравствуйте, где мой заказ?", "ru", None),
        ("我的订单还没有收到，请帮我查一下", "zh", "Hans"),
        ("我的訂單還沒有收到，請幫我查一下", "zh", "Hant"),
        ("谢谢", "zh", "Hans"),
        ("謝謝", "zh", "Hant"),
        ("我的iPhone 15屏幕坏了", "zh", "Hans"),  # dominant script wins over a product name
    ],
)
def test_script_rules(text: str, lang: str, script: str | None) -> None:
    result = detect(text)
    assert (result.language, result.script, result.reason) == (lang, script, "script")


def test_tag_names_chinese_script_and_plain_language_otherwise() -> None:
    assert detect("謝謝你的幫忙").tag == "zh-Hant"
    assert detect("谢谢你的帮忙").tag == "zh-Hans"
    assert detect("你好").tag == "zh-Hans"  # undecidable: Simplified
    assert detect("Merci beaucoup pour votre aide").tag == "fr"


def test_chinese_script_follows_history_when_the_message_cannot_tell() -> None:
    assert detect("你好", ["請問我的訂單什麼時候出貨？"]).tag == "zh-Hant"


def test_simplified_traditional_table_agrees_with_langdetect_profiles() -> None:
    """No pair contradicts langdetect's zh-cn/zh-tw character frequencies, most are confirmed."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    cn = json.loads((Path(PROFILES_DIRECTORY) / "zh-cn").read_text(encoding="utf-8"))["freq"]
    tw = json.loads((Path(PROFILES_DIRECTORY) / "zh-tw").read_text(encoding="utf-8"))["freq"]
    pairs = i18n.current().zh_pairs
    confirmed = 0
    for simplified, traditional in pairs:
        assert simplified != traditional
        assert cn.get(simplified, 0) >= tw.get(simplified, 0), simplified
        assert tw.get(traditional, 0) >= cn.get(traditional, 0), traditional
        confirmed += cn.get(simplified, 0) > 0 or tw.get(traditional, 0) > 0
    assert confirmed >= 150
    assert not tables.TABLES.zh_simplified & tables.TABLES.zh_traditional


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("merci", "fr"),
        ("gracias", "es"),
        ("danke", "de"),
        ("obrigado", "pt"),
        ("grazie", "it"),
        ("bedankt", "nl"),
        ("dziękuję", "pl"),
        ("dziekuje", "pl"),  # typed without the Polish keyboard
        ("teşekkürler", "tr"),
        ("terima kasih", "id"),
        ("cảm ơn", "vi"),
        ("thank you", "en"),
        ("muchas gracias", "es"),
    ],
)
def test_one_and_two_word_messages(text: str, lang: str) -> None:
    result = detect(text)
    assert result.language == lang
    assert result.reason == "detector"


def test_neutral_message_keeps_history_language() -> None:
    result = detect("ok", FRENCH_HISTORY)
    assert (result.language, result.reason) == ("fr", "history")
    for neutral in ("123", "?", "👍👍", "ORD-2024-88121", "https://shop.example.com/o/123", "  "):
        assert detect(neutral, FRENCH_HISTORY).language == "fr", neutral


def test_ambiguous_short_message_keeps_history_but_a_telling_word_switches() -> None:
    assert detect("no", FRENCH_HISTORY).language == "fr"  # es/it/en word: not telling
    assert detect("hallo", FRENCH_HISTORY).language == "fr"  # de/nl
    switched = detect("Hello, I would like to speak English please", FRENCH_HISTORY)
    assert (switched.language, switched.reason) == ("en", "detector")
    assert detect("gracias", FRENCH_HISTORY).language == "es"


def test_latest_confident_history_message_wins() -> None:
    history = ["Hello, where is my parcel?", "ok", "Bonjour, je préfère parler français."]
    assert detect("ok", history).language == "fr"


def test_default_when_nothing_tells() -> None:
    assert detect("").reason == "default"
    assert detect("ok").language == "en"
    result = detect("👍", default="de")
    assert (result.language, result.reason, result.confidence) == ("de", "default", 0.0)
    assert detect("1234", default="zh-Hant").tag == "zh-Hant"
    assert detect("1234", default="klingon").language == "en"


def test_override_wins() -> None:
    assert detect("Hello there", override="fr") == Detection("fr", None, 1.0, "override")
    assert detect("Hello there", override="zh-Hant").tag == "zh-Hant"
    assert detect("Hello there", override="zh_hans").tag == "zh-Hans"
    assert detect("Hello there", override="auto").reason == "detector"
    assert detect("Hello there", override="xx").language == "en"


def test_mixed_script_goes_by_dominant_script() -> None:
    assert detect("I want to buy a new 手机 for my mother today").language == "en"
    assert detect("Привет, мой заказ iPhone 15 Pro Max ещё не пришёл").language == "ru"


NASTY = [
    "",
    " \t\n",
    "\x00\x01\x02\x03",
    "\ud800",  # lone surrogate
    "😀" * 500,
    "1234567890" * 100,
    "?!?!",
    "x" * 1_000_000,
    "Bonjour " * 200_000,
    "\u202e\u200b\ufeff",
    "```python\nprint('hi')\n```",
    "<script>alert(1)</script>",
    "ＦＵＬＬ　ＷＩＤＴＨ",
    "a\u0301" * 1000,
    bytes(range(256)).decode("latin-1"),
]


@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_never_raises(text: str) -> None:
    result = detect(text, history=[text, "", "ok"])
    assert result.language in SERVED_LANGUAGES
    assert 0.0 <= result.confidence <= 1.0
    assert result.reason in ("override", "script", "detector", "history", "default")
    assert reply_language_matches(result, text) in (True, False, None)


def test_deterministic_across_processes() -> None:
    code = (
        "from bench.data.language_samples import items\n"
        "from console.language import detect\n"
        "for kind in ('sentences', 'phrases', 'words'):\n"
        "    for _l, text, _a in items(kind, held_out=True):\n"
        "        d = detect(text)\n"
        "        print(d.language, d.script, d.confidence, d.reason)\n"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) > 400


def test_the_detector_stays_within_its_memory_budget() -> None:
    """The issue's budget: loading the detector (its engines, tables and the language data
    they are read from) and answering one message adds at most 100 MiB to a process that has
    numpy, measured as bench.language does. Resident memory of one fresh process is steady
    to within a MiB, unlike time: 90 MiB measured; Babel's locale files once added 20 unseen."""
    code = (
        "import gc, numpy\n"
        "from bench.language import _rss_mib\n"
        "gc.collect(); before = _rss_mib()\n"
        "from console import language\n"
        "language.warm_up(); language.detect('Bonjour, je voudrais savoir où en est ma commande.')\n"
        "language.detect('dolar bahamski'); language.detect('ok', ['Hola, ¿dónde está mi pedido?'])\n"
        "gc.collect(); print(_rss_mib() - before)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert float(run.stdout.strip()) <= 100.0, run.stdout


def _accuracy(kind: str, *, held_out: bool | None, shared: bool) -> float:
    samples = (
        items(kind, held_out=False) + items(kind, held_out=True)
        if held_out is None
        else items(kind, held_out=held_out)
    )
    right = 0
    for label, text, also in samples:
        got = detect(text).language
        right += got == language_of(label) or (shared and got in also)
    return right / len(samples)


def test_accuracy_floors_on_the_test_set() -> None:
    # targets from the issue; see bench/language.py for the full table. Floors are what is
    # reached (rounded down), not the targets where the targets are not met.
    assert _accuracy("sentences", held_out=None, shared=False) >= 0.995
    assert _accuracy("phrases", held_out=None, shared=True) >= 0.97
    assert _accuracy("words", held_out=False, shared=False) >= 0.92
    assert _accuracy("words", held_out=None, shared=True) >= 0.96


def _fresh_accuracy(kind: str, *, shared: bool) -> float:
    samples = fresh_items(kind)
    right = sum(
        detect(text).language == language_of(label) or (shared and detect(text).language in also)
        for label, text, also in samples
    )
    return right / len(samples)


def test_accuracy_floors_on_the_fresh_held_out_set() -> None:
    # written before the support lexicon and never used to tune it (see the data docstring)
    assert len(fresh_items("words")) == len(fresh_items("phrases")) == 180
    assert _fresh_accuracy("phrases", shared=True) >= 0.97
    assert _fresh_accuracy("words", shared=False) >= 0.86


def test_support_vocabulary_covers_every_latin_language_per_concept() -> None:
    vocabulary = i18n.current().support_vocabulary
    assert len(vocabulary) >= 80
    for name, per_language in vocabulary.items():
        assert list(per_language) == list(language.LATIN_LANGUAGES), name
        assert all(per_language.values()), name


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("refund", "en"),
        ("rückerstattung", "de"),
        ("remboursement", "fr"),
        ("gwarancja", "pl"),
        ("sifre", "tr"),  # şifre typed without Turkish letters
        ("keranjang", "id"),
        ("winkelwagen", "nl"),
        ("carrello", "it"),
    ],
)
def test_support_words(text: str, lang: str) -> None:
    assert detect(text).language == lang


def test_shared_support_word_is_split_between_its_languages() -> None:
    weights = tables.TABLES.lexicon["garantie"]
    assert set(weights) == {"fr", "de", "nl"}
    assert detect("garantie").language in weights


@pytest.mark.parametrize("text", ["返金", "注文", "注文番号", "領収書", "会員登録", "送料無料", "在庫"])
def test_japanese_kanji_only_support_words(text: str) -> None:
    assert (detect(text).language, detect(text).reason) == ("ja", "script")


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("订单", "zh-Hans"),
        ("退款", "zh-Hans"),
        ("发货", "zh-Hans"),
        ("取消", "zh-Hans"),
        ("配送", "zh-Hans"),  # Chinese uses it too: not Japanese evidence
        ("关注文章", "zh-Hans"),  # contains 注文 across a word boundary
        ("訂單", "zh-Hant"),
        ("退貨", "zh-Hant"),
        ("我想要退款，订单号在这里", "zh-Hans"),
    ],
)
def test_chinese_stays_chinese(text: str, tag: str) -> None:
    assert detect(text).tag == tag


CHINESE = detect("我的订单还没到，请帮我查一下")


def test_reply_drift_english_reply_to_chinese_customer() -> None:
    reply = "Hello, thank you for contacting us. Your order has shipped and will arrive tomorrow."
    assert reply_language_matches(CHINESE, reply) is False


def test_reply_chinese_with_product_name_and_other_script_variant() -> None:
    assert (
        reply_language_matches(CHINESE, "您好，您的 iPhone 15 订单已经发货了，预计明天送达，请注意查收。")
        is True
    )
    # Traditional reply to a Simplified customer is the same language: not a drift
    assert reply_language_matches(CHINESE, "您好，您的訂單已經出貨了，預計明天送達，請注意查收。") is True


def test_reply_too_short_to_judge() -> None:
    assert reply_language_matches(CHINESE, "您好") is None
    assert reply_language_matches(CHINESE, "OK, ") is None
    assert reply_language_matches(CHINESE, "```\nprint('hello world from the code block')\n```") is None


def test_reply_japanese_with_kanji_and_markdown_and_urls() -> None:
    japanese = detect("注文した商品がまだ届きません")
    assert (
        reply_language_matches(japanese, "ご注文の商品は明日配達予定です。追跡番号をご確認ください。") is True
    )
    french = detect("Bonjour, où est ma commande ?")
    reply_fr = (
        "Bonjour ! Votre commande **#12345** a été expédiée, voici le suivi : https://track.example.com/a"
    )
    assert reply_language_matches(french, reply_fr) is True
    reply_en = "Hello! Your order has been shipped and here is the tracking link for you."
    assert reply_language_matches(french, reply_en) is False


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        # bench.drift's false alarm before quotations were set aside: Django's Korean, as the
        # pipeline tests it after 40 characters
        ("태그를 추가하세요", '태그나 "Referrer-Policy: no-referrer" 헤더를 포'),
        # a support reply citing the product's English labels, each called a drift before
        ("Wo finde ich das?", "Klicken Sie auf „Sign in with your Google account“."),
        ("我的订单在哪里", '请点击"Track my order from the account page"按钮'),
        ("Dov'è il pulsante?", 'Premi "Download your invoice" in alto'),
        ("Где кнопка?", 'Нажмите "Download your invoice as PDF" вверху'),
    ],
)
def test_a_short_quotation_in_another_language_is_not_a_drift(customer: str, reply: str) -> None:
    assert reply_language_matches(detect(customer), reply) is not False  # True, or too little to say
    # and once the reply goes on in the customer's language, it is theirs
    more = {
        "ko": " 설정을 저장하세요.",
        "de": " Danach sehen Sie Ihre Bestellungen.",
        "zh": "，然后查看订单状态。",
    }
    more |= {"it": " a destra della pagina.", "ru": " справа на странице заказа."}
    language = detect(customer).language
    assert reply_language_matches(detect(customer), reply + more[language] * 2) is True


@pytest.mark.parametrize(
    ("customer", "streamed"),
    [
        ("Wo finde ich das?", "Klicken Sie oben auf „Sign in with your Google account"),
        ("Où est le bouton ?", "Cliquez sur « Forgot your password and then"),
        ("Dov'è il pulsante?", 'Premi il pulsante "Download your invoice as a PDF file'),
    ],
)
def test_a_quotation_still_being_streamed_is_not_a_drift(customer: str, streamed: str) -> None:
    """Tested as it streams, a reply is often cut inside a quotation: its opening mark is
    there, its closing one not yet (the day-one test's "Answer to «Bonjour, où est mon
    colis" was handed to a person once replies were tested at every word)."""
    assert reply_language_matches(detect(customer), streamed) is not False


def test_a_reply_that_goes_on_in_another_language_after_a_quotation_is_a_drift() -> None:
    korean = detect("태그를 추가하세요")
    reply = (
        '태그나 "Referrer-Policy" 헤더를 포함하세요. Then open the settings page and save your changes there.'
    )
    assert reply_language_matches(korean, reply) is False
    # a whole paragraph in quotes is the reply's text, not a citation
    quoted = '"Your order has shipped and will arrive tomorrow, thank you for waiting so patiently."'
    assert reply_language_matches(detect("Wo ist meine Bestellung?"), quoted) is False


# --------------------------------------------------------------------------- engines beside langdetect


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("either", "en"),  # langdetect alone: de; word frequencies know it is English
        ("weeks", "en"),
        ("schouder", "nl"),
        ("kilomètres", "fr"),
        ("hectáreas", "es"),
    ],
)
def test_single_words_by_word_frequency_and_naive_bayes(text: str, lang: str) -> None:
    assert detect(text).language == lang


def test_names_and_code_in_another_script_do_not_outvote_it() -> None:
    assert detect("必須是 None, True 或 False").language == "zh"
    assert detect("PostgreSQL拡張").language == "ja"
    assert detect("I want to buy a new 手机 for my mother today").language == "en"  # lower-case words count


def test_a_lone_kanji_word_follows_the_conversation() -> None:
    japanese = ["ネストした配列は同じ長さにしなければなりません"]
    assert detect("合計", japanese).language == "ja"
    assert detect("配送").language == "zh"  # both write it about as often: Chinese without history
    assert detect("自体").language == "ja"  # twice as frequent in Japanese (wordfreq)


@pytest.mark.parametrize("text", ["配送料金", "利用規約", "航空会社", "個人情報", "商品説明"])
def test_a_kanji_compound_that_japanese_writes_and_chinese_does_not_is_japanese(text: str) -> None:
    # none of these is one listed word: each is two Japanese words run together, which the
    # frequency lists split ("配送" + "料金") and price in each language
    assert detect(text).language == "ja"


def test_a_traditional_spelling_weighs_only_the_traditional_minority_of_chinese() -> None:
    assert detect("部隊").language == "ja"  # Chinese writes 部队 far more; 部隊 only in Taiwan, HK
    assert detect("部隊", ["我的訂單還沒到，請幫我查一下"]).tag == "zh-Hant"  # a guess: history wins
    assert detect("部队").tag == "zh-Hans"
    assert detect("經濟").language == "zh"  # Japanese writes 経済


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("語音訊息", "zh-Hant"),  # 語 and 訊 are in no hand-written pair: wordfreq's table knows them
        ("台灣", "zh-Hant"),
        ("使用須知", "zh-Hant"),
        ("语音信息", "zh-Hans"),
        ("台湾", "zh-Hans"),
    ],
)
def test_every_traditional_only_character_picks_the_traditional_persona(text: str, tag: str) -> None:
    assert detect(text).tag == tag


def test_chinese_with_no_telling_character_keeps_the_conversations_script() -> None:
    assert detect("四月", ["我的訂單還沒到，請幫我查一下"]).tag == "zh-Hant"
    assert detect("四月", ["我的订单还没到，请帮我查一下"]).tag == "zh-Hans"


@pytest.mark.parametrize(
    ("reader", "tag"),
    [("zh-TW", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh-CN", "zh-Hans"), ("zh", "zh-Hans"), (None, "zh-Hans")],
)
def test_the_readers_browser_picks_the_script_of_a_first_message_both_scripts_write_alike(
    reader: str | None, tag: str
) -> None:
    # "四月" and "上次登入" have no character the scripts write apart; a Taiwanese customer's
    # browser says zh-TW: the Traditional persona, not the Simplified default
    assert detect("四月", reader=reader).tag == tag
    assert detect("上次登入", reader=reader).tag == tag


def test_the_reader_decides_only_what_the_text_and_the_conversation_cannot() -> None:
    # the conversation's script, a telling character, a sentence: each beats the browser
    assert detect("四月", ["我的订单还没到，请帮我查一下"], reader="zh-TW").tag == "zh-Hans"
    assert detect("台灣", reader="zh-CN").tag == "zh-Hant"
    assert detect("语音信息", reader="zh-TW").tag == "zh-Hans"
    assert detect("Where is my parcel?", reader="de").language == "en"
    assert detect("Wo ist mein Paket?", reader="en").language == "de"
    # kanji Chinese and Japanese both write: the reader's language, unless the conversation says
    assert detect("部隊").language == "ja"
    assert detect("部隊", reader="zh-TW").tag == "zh-Hant"
    assert detect("部隊", reader="ja").language == "ja"
    assert detect("部隊", ["私の注文はまだ届きません"], reader="zh-TW").language == "ja"
    # words common in several languages: the reader's, as a conversation's language would be
    assert detect("reembolso", reader="pt-BR").language == "pt"
    assert detect("reembolso", reader="es-MX").language == "es"
    assert detect("reembolso", ["Olá, o meu pedido ainda não chegou"], reader="es").language == "pt"
    assert detect("ok", reader="de").language == "de"
    assert detect("Danke", reader="en").language == "de"  # a telling word
    # a first message that names no language: the reader's, before the console's default
    assert (d := detect("12345", reader="de")).language == "de" and d.reason == "reader"
    assert detect("12345", reader="zh-TW").tag == "zh-Hant"
    assert detect("12345", default="fr").language == "fr"
    assert detect("12345", reader="de", default="fr").language == "de"
    assert detect("ok", ["objetos relacionados"], reader="de").language in ("es", "pt")  # history first
    # an unknown or malformed reader is ignored
    assert detect("12345", reader="klingon", default="fr").language == "fr"
    assert detect("12345", reader="", default="fr").language == "fr"
    assert detect("12345", reader="x" * 10_000, default="fr").language == "fr"


def test_japanese_spellings_sharing_a_simplified_form_each_get_the_chinese_frequency() -> None:
    # 台北 and 臺北 both simplify to 台北; when one took the other's place in the table, 台北
    # looked unknown to Chinese and so Japanese
    assert detect("台北").language == "zh"
    assert detect("臺北").language == "zh"


def test_a_neutral_message_takes_even_an_unsure_history_over_the_default() -> None:
    assert detect("ok", ["objetos relacionados"]).language in ("es", "pt")
    assert detect("ok").language == "en"


def test_accuracy_floors_on_the_independent_held_out_split() -> None:
    """Regression floors a little under what bench.language measured (BENCHMARKS.md)."""
    for package in ("django", "babel", "faker"):
        pytest.importorskip(package)
    from bench.data import independent

    # every 4th sample: measured 99.88 / 93.88 / 90.67 / 99.22 (5 December 2026)
    floors = {"sentences": 0.995, "pairs": 0.925, "words": 0.90, "conversation": 0.99}
    for kind, floor in floors.items():
        per = independent.accuracy_by_language(
            independent.samples(kind, "held-out")[::4], lambda s: detect(s.text, list(s.history)).language
        )
        accuracy = sum(per.values()) / len(per)
        assert len(per) == 17 and accuracy >= floor, (kind, accuracy)


def test_pairs_whose_words_another_language_writes_are_told_apart() -> None:
    """bench.language reports pairs made of words another served language's text also writes
    apart from the rest: the evaluation's sources decide, not a list written here."""
    for package in ("django", "babel", "faker"):
        pytest.importorskip(package)
    from bench.data import independent

    assert "es" in independent.shared_by("id", "Peso Bolivia")
    assert set(independent.shared_by("es", "la base")) >= {"fr", "it"}
    assert independent.shared_by("pl", "dolar bahamski") == ()
    assert "id" not in independent.shared_by("id", "Peso Bolivia")
    pairs = independent.samples("pairs", "held-out")
    shared = sum(bool(independent.shared_by(s.language, s.text)) for s in pairs)
    assert 0 < shared < len(pairs) // 10  # 147 of 3,400 (5 December 2026)


def test_a_browser_in_another_language_costs_little_on_the_held_out_split() -> None:
    """The reader's browser language decides only between languages in which every word is
    common: a reader whose browser is in another language than the one typed loses little.
    (A first version let it take every word no evidence placed: 45 % of single words.)"""
    for package in ("django", "babel", "faker"):
        pytest.importorskip(package)
    from bench.data import independent
    from console.language import SERVED_LANGUAGES

    served = sorted(SERVED_LANGUAGES)

    def read_elsewhere(sample: independent.Sample) -> str:
        another = served[(served.index(sample.language) + 1) % len(served)]
        return detect(sample.text, reader=another).language

    for kind, floor in {"pairs": 0.90, "words": 0.86}.items():
        per = independent.accuracy_by_language(independent.samples(kind, "held-out")[::4], read_elsewhere)
        accuracy = sum(per.values()) / len(per)
        assert accuracy >= floor, (kind, accuracy)


def test_the_chinese_script_check_leaves_the_evaluation_alone_and_holds_its_floor() -> None:
    """Babel's cached locale data depends on load order: the script check must not change
    the evaluation's samples by loading Traditional Chinese first."""
    for package in ("django", "babel", "faker"):
        pytest.importorskip(package)
    from bench.data import independent

    def fingerprint(first: str) -> str:
        code = f"from bench.data import independent as i; {first}; print(i.fingerprint())"
        run = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        )
        return run.stdout.strip()

    assert fingerprint("i.chinese_by_script()") == fingerprint("pass")
    # the console evaluates CLDR plural rules with Babel (console.i18n): loaded first, it changes nothing
    loaded = "from console import i18n; i18n.current(); i18n.plural_category('zh-Hant', 1)"
    assert fingerprint(loaded) == fingerprint("pass")
    scripts = independent.chinese_by_script()
    for script, floor in (("Hant", 0.80), ("Hans", 0.999)):  # measured 82.96 / 99.97 %
        rows = scripts[script]
        right = sum(detect(text).tag == f"zh-{script}" for text, _ in rows)
        assert right / len(rows) >= floor, (script, right / len(rows))


# ------------------------------------------------------------------ cheap first, langdetect when open


def test_a_rebuilt_word_table_replaces_the_stale_ones_of_its_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import numpy as np

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "support-console"
    folder.mkdir()
    for stale in ("wordfreq-3.0-old-layout.npz", "wordfreq-3.1-older.npz"):
        np.savez(folder / stale, table=np.zeros(1))
    np.savez(folder / "shapes-3.1-keep.npz", table=np.zeros(1))  # another kind
    (folder / "test-models").mkdir()
    built = cache.cached_arrays("wordfreq-3.1-new.npz", lambda: {"table": np.arange(3)})
    assert built["table"].tolist() == [0, 1, 2]
    assert sorted(p.name for p in folder.iterdir()) == [
        "shapes-3.1-keep.npz",
        "test-models",
        "wordfreq-3.1-new.npz",
    ]
    # and a second start loads it instead of building
    loaded = cache.cached_arrays("wordfreq-3.1-new.npz", lambda: pytest.fail("built twice"))
    assert loaded["table"].tolist() == [0, 1, 2]


def test_word_tables_hash_the_same_way_when_built_and_when_looked_up() -> None:
    words = ["either", "rückerstattung", "şifre", "l'ordine", "cảm", "x" * 80]
    word_frequencies = frequencies.WordFrequencies
    assert [int(h) for h in word_frequencies._hash_many(words)] == [word_frequencies._hash(w) for w in words]
    shapes = engines.loaded_engines().shapes
    built = sorted(int(i) for i in shapes._indices_many(words))
    looked_up = sorted(i for word in words for i in shapes._indices(word))
    assert built == looked_up


def test_word_shapes_tell_names_by_their_spelling() -> None:
    shapes = engines.loaded_engines().shapes
    scores = dict(zip(language.LATIN_LANGUAGES, shapes.log_likelihoods(["krimtatarisch"]), strict=True))
    assert max(scores, key=lambda lang: scores[lang]) == "de"
    assert shapes.log_likelihoods([]) == [0.0] * len(language.LATIN_LANGUAGES)


@pytest.mark.parametrize(
    ("text", "lang"),
    # tuning-split names whose foreign word ("ringgit", "litas") every language's list holds
    # rarely or not at all: its neighbour's spelling decides (all were Indonesian before)
    [
        ("Malaysischer Ringgit", "de"),
        ("ringgit malais", "fr"),
        ("dollar barbadien", "fr"),
        ("Litouwse litas", "nl"),
    ],
)
def test_a_rare_words_spelling_tells_beside_another_word(text: str, lang: str) -> None:
    assert detect(text).language == lang


def test_langdetect_is_asked_only_when_the_cheap_sources_leave_a_sentence_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    engine = engines.loaded_engines().langdetect
    original = engine.log_probabilities

    def counting(text: str) -> dict[str, float]:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(engine, "log_probabilities", counting)
    detection._analyse_sample.cache_clear()
    assert detect("Bonjour, je voudrais savoir où en est ma commande s'il vous plaît").language == "fr"
    assert detect("merci").language == "fr"
    assert calls == []  # clear sentence, short message: never asked
    open_sentence = latin.Weights(langdetect_below=1.01)  # every sentence is "open"
    monkeypatch.setattr(latin, "WEIGHTS", open_sentence)
    detection._analyse_sample.cache_clear()
    assert detect("Bonjour, je voudrais savoir où en est ma commande s'il vous plaît").language == "fr"
    assert len(calls) == 1
    detection._analyse_sample.cache_clear()


def test_a_common_word_of_the_conversation_keeps_its_language() -> None:
    italian = ["Non ho ancora ricevuto il mio ordine, potete controllare per favore?"]
    assert detect("preciso", italian).language == "it"  # also Portuguese support vocabulary
    assert detect("preciso").language == "pt"
    assert detect("gracias", FRENCH_HISTORY).language == "es"  # rare in French: switches


def test_a_capital_turkish_dotted_i_is_read_as_turkish() -> None:
    # "İ".lower() is "i" + U+0307: the word must still be found, and İ still tells Turkish
    assert detect("İade").language == "tr"
    assert detect("İspanya").language == "tr"
    assert latin.tokens("İade") == ["iade"]


def test_the_drift_bench_prints_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    """bench.drift, the measure behind handing a twice-drifted reply to a person, runs and
    reads its numbers off the pipeline's own test (seeded: the same replies every run)."""
    from bench import drift

    drift.main(["--replies", "4"])
    out = capsys.readouterr().out
    rows = [line.split("|")[1:-1] for line in out.splitlines() if line.startswith("| ")]
    body = {cells[0].strip(): cells for cells in rows[1:]}
    assert set(body) == {*SERVED_LANGUAGES, "all"}
    tested, alarms, caught_any, caught_neighbour = (int(body["all"][i]) for i in (1, 3, 4, 6))
    assert tested >= 60 and caught_any == caught_neighbour == tested and alarms <= 1
