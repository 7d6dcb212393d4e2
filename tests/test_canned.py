"""Canned replies: the shipped files are complete and consistent, broken copies are refused
with the file named, search folds case and accents in several scripts, placeholders are filled
only with what the customer really said, and reload swaps whole or keeps the old set."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from console import canned
from console.canned import PLACEHOLDERS, CannedLibrary, fill, unfilled
from console.errors import ConfigError, InputError

REPO_PROMPTS = Path(__file__).resolve().parents[1] / "prompts"
LINES = ("ecommerce", "finance", "general", "saas")
TAGS = (
    "en", "zh-Hans", "zh-Hant", "ja", "ko", "fr", "es", "de", "pt",
    "ru", "ar", "vi", "th", "id", "it", "tr", "nl", "pl",
)  # fmt: skip


@pytest.fixture(scope="module")
def library() -> CannedLibrary:
    return CannedLibrary(REPO_PROMPTS)


@pytest.fixture
def prompts(tmp_path: Path) -> Path:
    """A copy of the shipped prompts to break: the persona files, canned folders and patterns."""
    root = tmp_path / "prompts"
    for line in LINES:
        shutil.copytree(REPO_PROMPTS / line, root / line, ignore=shutil.ignore_patterns("knowledge"))
    (root / "_i18n").mkdir(parents=True)
    shutil.copy(REPO_PROMPTS / "_i18n" / "canned.yaml", root / "_i18n" / "canned.yaml")
    return root


def _edit(path: Path, change: Callable[[Any], object]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


# --------------------------------------------------------------------------- the shipped files


def test_every_line_and_language_loads_with_the_same_ids(library: CannedLibrary) -> None:
    assert library.business_lines() == sorted(LINES)
    for line in LINES:
        assert sorted(library.languages(line)) == sorted(TAGS), line
        reference = [reply.id for reply in library.replies(line, "en")]
        assert 5 <= len(reference) <= 6, line
        assert "take-over" in reference and "anything-else" in reference, line
        for tag in TAGS:
            replies = library.replies(line, tag)
            assert sorted(r.id for r in replies) == sorted(reference), (line, tag)
            assert all(r.language == tag and r.business_line == line for r in replies)
            if tag != "en":  # written in the language, not left in English
                english = {r.id: r.text for r in library.replies(line, "en")}
                assert all(r.text != english[r.id] for r in replies), (line, tag)


def test_placeholders_are_the_same_across_languages(library: CannedLibrary) -> None:
    """A reply that greets by name in English does so in every language (and no other)."""
    for line in LINES:
        english = {r.id: set(unfilled(r.text)) for r in library.replies(line, "en")}
        for tag in TAGS:
            for reply in library.replies(line, tag):
                assert set(unfilled(reply.text)) == english[reply.id], (line, tag, reply.id)
                assert not unfilled(reply.title), (line, tag, reply.id)
    ecommerce = {r.id: r.text for r in library.replies("ecommerce", "en")}
    assert "{customer_name}" in ecommerce["take-over"]
    assert "{order_number}" in ecommerce["return-steps"]
    assert not unfilled(ecommerce["ask-order-number"])


def test_business_facts_match_the_knowledge_files(library: CannedLibrary) -> None:
    english = {r.id: r.text for r in library.replies("ecommerce", "en")}
    assert "30 days" in english["return-steps"] and "€4.95" in english["return-steps"]
    text = {r.id: r.text for r in library.replies("ecommerce", "de")}
    assert "30 Tagen" in text["return-steps"] and "4,95 €" in text["return-steps"]
    assert "48 Stunden" in text["damaged-item"] and "5–10 Werktagen" in text["refund-timing"]
    finance = {r.id: r.text for r in library.replies("finance", "ja")}
    assert "13か月" in finance["dispute-payment"] and "+49 30 1234 5678" in finance["block-card"]
    saas = {r.id: r.text for r in library.replies("saas", "fr")}
    assert "60 minutes" in saas["password-reset"] and "10 codes" in saas["lost-2fa"]


def test_language_tags_resolve_like_personas(library: CannedLibrary) -> None:
    def first(tag: str) -> str:
        return library.replies("general", tag)[0].language

    assert first("zh") == first("zh-CN") == "zh-Hans"
    assert first("zh-TW") == first("zh-HK") == "zh-Hant"
    assert first("pt-BR") == "pt"
    assert first("sw") == "en"  # no file: English, which the agent can still use
    with pytest.raises(InputError, match="Unknown business line"):
        library.replies("travel", "en")


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("target", "change", "message"),
    [
        ("finance/canned/ja.yaml", lambda d: d.pop(), "ids differ from en.yaml"),
        ("finance/canned/ja.yaml", lambda d: d[0].update(id="hello"), "ids differ from en.yaml"),
        (
            "saas/canned/ko.yaml",
            lambda d: d[1].update(text="{customer} 님"),
            "unknown placeholder {customer}",
        ),
        ("saas/canned/ko.yaml", lambda d: d[1].update(text="{order_number"), "unbalanced brace"),
        ("general/canned/ar.yaml", lambda d: d[2].update(text="  "), "text must be non-empty"),
        ("general/canned/ar.yaml", lambda d: d[2].pop("title"), "title must be non-empty"),
        ("general/canned/de.yaml", lambda d: d[0].update(id="Take_Over"), "kebab-case"),
        ("general/canned/de.yaml", lambda d: d[0].update(tone="warm"), "unknown key tone"),
        ("ecommerce/canned/pl.yaml", lambda d: d.append(dict(d[0])), "used twice"),
        ("ecommerce/canned/pl.yaml", lambda d: d.clear(), "non-empty list"),
    ],
)
def test_a_broken_file_is_a_config_error_naming_it(
    prompts: Path, target: str, change: Callable[[Any], object], message: str
) -> None:
    _edit(prompts / target, change)
    with pytest.raises(ConfigError, match="canned") as raised:
        CannedLibrary(prompts)
    assert str(prompts / target) in str(raised.value)
    assert message in str(raised.value)


def test_missing_extra_and_unreadable_files_are_named(prompts: Path) -> None:
    (prompts / "finance" / "canned" / "th.yaml").unlink()
    with pytest.raises(ConfigError, match=r"th\.yaml: missing"):
        CannedLibrary(prompts)
    shutil.copy(prompts / "finance" / "canned" / "vi.yaml", prompts / "finance" / "canned" / "th.yaml")
    (prompts / "finance" / "canned" / "sw.yaml").write_text(
        "- id: x\n  title: x\n  text: x\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"sw\.yaml: no persona file sw\.md"):
        CannedLibrary(prompts)
    (prompts / "finance" / "canned" / "sw.yaml").unlink()
    (prompts / "finance" / "canned" / "fr.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"fr\.yaml: invalid YAML"):
        CannedLibrary(prompts)


def test_a_line_without_a_canned_folder_has_none(prompts: Path) -> None:
    shutil.rmtree(prompts / "general" / "canned")
    library = CannedLibrary(prompts)
    assert library.business_lines() == ["ecommerce", "finance", "saas"]
    assert library.search("general", "en", "") == []


def test_a_prompts_folder_without_any_canned_data_still_loads(prompts: Path) -> None:
    """Test and custom prompts folders (personas only) share the repository's patterns."""
    for line in LINES:
        shutil.rmtree(prompts / line / "canned")
    shutil.rmtree(prompts / "_i18n")
    library = CannedLibrary(prompts)
    assert library.business_lines() == []
    assert library.search("finance", "de", "karte") == []
    assert library.known_facts(["ich heiße Jonas, Bestellung 55512345"], "de") == {
        "customer_name": "Jonas",
        "order_number": "55512345",
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["names"].pop("ko"), r"names: needs every canned-reply language, missing \['ko'\]"),
        (lambda d: d["names"].update({"en_GB": ["x(?P<name>y)"]}), "is not a language tag"),
        (lambda d: d["names"].update(en=["my name is (unclosed"]), r"names\.en\[0\]: not a valid regular"),
        (lambda d: d["names"].update(en=["my name is"]), r"names\.en\[0\]: needs \{name\}"),
        (lambda d: d["order_number"]["shapes"].append("#\\d+"), "needs a \\(\\?P<number>"),
        (
            lambda d: d["order_number"]["keywords"].update(de=[]),
            "order_number.keywords.de: must be a non-empty",
        ),
        (lambda d: d.update(extra=1), "order_number, names and optional name_stop_words"),
        (lambda d: d["name_stop_words"].update(sw="Mimi"), "name_stop_words.sw: no names patterns"),
        (lambda d: d["name_stop_words"].update(en=[]), "name_stop_words.en: must be words"),
    ],
)
def test_a_broken_pattern_file_is_a_config_error(
    prompts: Path, change: Callable[[Any], object], message: str
) -> None:
    path = prompts / "_i18n" / "canned.yaml"
    _edit(path, change)
    with pytest.raises(ConfigError, match=message) as raised:
        CannedLibrary(prompts)
    assert str(path) in str(raised.value)


# --------------------------------------------------------------------------- search


def test_empty_query_lists_all_in_file_order(library: CannedLibrary) -> None:
    everything = library.replies("ecommerce", "fr")
    assert library.search("ecommerce", "fr", "") == list(everything)
    assert library.search("ecommerce", "fr", "   ", limit=2) == list(everything[:2])
    assert library.search("ecommerce", "fr", "", limit=0) == []


@pytest.mark.parametrize(
    ("line", "language", "query", "expected"),
    [
        ("ecommerce", "en", "return", "return-steps"),  # title first
        ("ecommerce", "fr", "REMBOURSEMENT", "refund-timing"),  # case folded; the shorter title wins
        ("ecommerce", "fr", "delai", "refund-timing"),  # "Délai" without the accent
        ("ecommerce", "es", "devolucion", "return-steps"),  # text: "La devolución es gratuita"
        ("ecommerce", "es", "cómo devolver", "return-steps"),
        ("finance", "de", "karte gesperrt", "pin-blocked"),
        ("finance", "de", "geldautomaten", "pin-blocked"),  # found in the text
        ("finance", "pl", "zamrozic", "block-card"),  # "Zamroź" / "zamrozić" without accents
        ("finance", "tr", "ITIRAZ", "dispute-payment"),  # Turkish dotted capital folds to "itiraz"
        ("saas", "ru", "пароль", "password-reset"),
        ("saas", "ja", "パスワード", "password-reset"),
        ("saas", "zh-Hans", "发票", "billing-charges"),
        ("saas", "ar", "كلمة المرور", "password-reset"),
        ("general", "zh-Hant", "申訴", "apology-complaint"),
        ("general", "ko", "운영 시간", "opening-hours"),
        ("general", "th", "เวลาทำการ", "opening-hours"),
        ("ecommerce", "zh-Hans", "退货流程", "return-steps"),
        ("ecommerce", "ja", "返品", "return-steps"),
    ],
)
def test_search_finds_by_title_and_text(
    library: CannedLibrary, line: str, language: str, query: str, expected: str
) -> None:
    found = library.search(line, language, query)
    assert found and found[0].id == expected, [r.id for r in found]


def test_every_reply_is_found_first_by_its_own_title(library: CannedLibrary) -> None:
    for line in LINES:
        for tag in TAGS:
            for reply in library.replies(line, tag):
                found = library.search(line, tag, reply.title, limit=1)
                assert [r.id for r in found] == [reply.id], (line, tag, reply.title)


def test_search_ranks_and_limits(library: CannedLibrary) -> None:
    refund = library.search("ecommerce", "en", "refund")
    assert refund[0].id == "refund-timing"  # in the title beats in the text
    assert {"damaged-item", "return-steps"} <= {r.id for r in refund}
    assert len(library.search("ecommerce", "en", "refund", limit=1)) == 1
    # every word must match when some reply has them all
    assert [r.id for r in library.search("ecommerce", "en", "refund warehouse")] == ["refund-timing"]
    # otherwise the replies with the most words come first
    assert library.search("ecommerce", "en", "refund zebra")[0].id == "refund-timing"
    assert library.search("ecommerce", "en", "zebra") == []


def test_search_ignores_placeholders_and_keeps_vietnamese_accents(library: CannedLibrary) -> None:
    assert library.search("ecommerce", "en", "customer_name") == []
    assert library.search("ecommerce", "vi", "hoàn tiền")
    # Vietnamese diacritics tell words apart, so they are not folded away
    assert [r.id for r in library.search("ecommerce", "vi", "hoàn tiền")] != [
        r.id for r in library.search("ecommerce", "vi", "hoan tien")
    ]


def test_module_functions_use_the_default_library() -> None:
    assert canned.search("finance", "en", "dispute")[0].id == "dispute-payment"
    assert canned.known_facts(["My name is Ana, order SO-778812"], "en") == {
        "customer_name": "Ana",
        "order_number": "SO-778812",
    }


# --------------------------------------------------------------------------- fill / unfilled


def test_fill_replaces_known_values_and_leaves_the_rest_visible() -> None:
    text = "Hello {customer_name}, order {order_number} is on its way. {customer_name}!"
    assert fill(text, {"customer_name": "Marie"}) == "Hello Marie, order {order_number} is on its way. Marie!"
    filled = fill(text, {"customer_name": "Marie", "order_number": "#A-10023"})
    assert filled == "Hello Marie, order #A-10023 is on its way. Marie!"
    assert unfilled(filled) == []
    assert fill(text, {"customer_name": "  ", "order_number": None}) == text
    assert unfilled(text) == ["{customer_name}", "{order_number}"]
    assert unfilled("{order_number} {customer_name} {order_number} {other}") == [
        "{order_number}",
        "{customer_name}",
    ]


def test_fill_values_cannot_smuggle_placeholders() -> None:
    assert fill("Hi {customer_name}", {"customer_name": "{order_number}"}) == "Hi order_number"
    assert fill("{order_number}", {"order_number": "A{customer_name}"}) == "Acustomer_name"
    assert set(PLACEHOLDERS) == {"customer_name", "order_number"}


# --------------------------------------------------------------------------- known facts


@pytest.mark.parametrize(
    ("messages", "language", "expected"),
    [
        (["Hi, my name is Sarah Miller.", "My order 2024112600123 has not arrived."], "en",
         {"customer_name": "Sarah Miller", "order_number": "2024112600123"}),
        (["Bonjour, je m'appelle Léa Martin. Commande #A-10023 et SO-778812, s'il vous plaît."], "fr",
         {"customer_name": "Léa Martin", "order_number": "#A-10023"}),
        (["Hallo, ich heiße Jürgen und meine Bestellnummer ist SO-778812"], "de",
         {"customer_name": "Jürgen", "order_number": "SO-778812"}),
        (["Hola, me llamo José, mi pedido es el número 48213377"], "es",
         {"customer_name": "José", "order_number": "48213377"}),
        (["注文番号：Ａ－５５０１２、ご確認ください"], "ja", {"order_number": "A-55012"}),  # full width
        (["Hola, me llamo José. Número de pedido: 48213377"], "es",
         {"customer_name": "José", "order_number": "48213377"}),
        (["你好，我叫张伟，订单号：2024112600123，还没收到货"], "zh-Hans",
         {"customer_name": "张伟", "order_number": "2024112600123"}),
        (["您好，我的名字是陳美玲。訂單編號 2024112600123"], "zh-Hant",
         {"customer_name": "陳美玲", "order_number": "2024112600123"}),
        (["山田と申します。注文番号は A-55012 です。"], "ja",
         {"customer_name": "山田", "order_number": "A-55012"}),
        (["안녕하세요, 제 이름은 김민수입니다. 주문번호는 2024112600123 입니다"], "ko",
         {"customer_name": "김민수", "order_number": "2024112600123"}),
        (["Здравствуйте, меня зовут Ольга. Номер заказа 778812"], "ru",
         {"customer_name": "Ольга", "order_number": "778812"}),
        (["Dzień dobry, nazywam się Paweł Nowak, zamówienie nr 20241126"], "pl",
         {"customer_name": "Paweł Nowak", "order_number": "20241126"}),
        (["Merhaba, adım Ayşe. Sipariş numaram 99812345"], "tr",
         {"customer_name": "Ayşe", "order_number": "99812345"}),
        (["ผมชื่อสมชายครับ คำสั่งซื้อเลขที่ 2024112600123"], "th",
         {"customer_name": "สมชาย", "order_number": "2024112600123"}),
        (["مرحبا، اسمي أحمد ورقم الطلب 2024112600123"], "ar", {"customer_name": "أحمد",
         "order_number": "2024112600123"}),
        (["Chào shop, tôi tên là Lan, mã đơn hàng là DH-123456"], "vi",
         {"customer_name": "Lan", "order_number": "DH-123456"}),
    ],
)  # fmt: skip
def test_known_facts_in_many_languages(
    library: CannedLibrary, messages: list[str], language: str, expected: dict[str, str]
) -> None:
    assert library.known_facts(messages, language) == expected


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("I am angry, this is the third time I write!", "en"),
        ("I'm Very Disappointed With This Shop", "en"),
        ("Je suis fâché, c'est inadmissible.", "fr"),
        ("Je suis Marie et je suis fâchée", "fr"),  # "je suis" is never an introduction
        ("Ich bin sauer, das ist unglaublich", "de"),
        ("Estoy muy enfadado con ustedes", "es"),
        ("my name is not important, just fix it", "en"),  # lower case: not a name
        ("私は学生です。返品したいです。", "ja"),
        ("저는 학생입니다. 반품하고 싶어요", "ko"),
        ("我叫了快递来取件", "zh-Hans"),
        ("Я очень зол", "ru"),
        ("اسمي الكامل مكتوب في الطلب", "ar"),
    ],
)
def test_no_false_name(library: CannedLibrary, message: str, language: str) -> None:
    assert "customer_name" not in library.known_facts([message], language)


@pytest.mark.parametrize(
    "message",
    [
        "Delivered on 2026-11-26, order 3 x 250 g, 12 pcs.",
        "订单13812345678",  # a Chinese mobile number, not an order number
        "Card 4111 1111 1111 1111 for order 4111111111111111",  # a card number
        "It costs ¥1,299.00 or $12.50",
        "My order has not arrived",
    ],
)
def test_no_false_order_number(library: CannedLibrary, message: str) -> None:
    assert "order_number" not in library.known_facts([message], "en")


@pytest.mark.parametrize(
    ("message", "language", "name"),
    [
        ("my name is John I ordered a jacket", "en", "John"),
        ("My name is Mary Ann Smith and I need help", "en", "Mary Ann Smith"),
        ("Mein Name ist Anna Bestellung 55512345 fehlt", "de", "Anna"),
        ("Me llamo Ana Gracias por la ayuda", "es", "Ana"),
        ("Hi, my name's Ben", "en", "Ben"),  # "Ben" ends a name only in Turkish
        ("Witam, nazywam się Łukasz Zamówienie nie dotarło", "pl", "Łukasz"),
    ],
)
def test_names_stop_before_words_that_are_not_names(
    library: CannedLibrary, message: str, language: str, name: str
) -> None:
    assert library.known_facts([message], language).get("customer_name") == name


def test_the_latest_mention_wins_and_other_languages_still_count(library: CannedLibrary) -> None:
    messages = [
        "My name is Tom, order #A-10023",
        "Sorry, wrong one: order #A-20077",
        "my name is Tomás actually",
    ]
    assert library.known_facts(messages, "en") == {"customer_name": "Tomás", "order_number": "#A-20077"}
    assert library.known_facts(messages[:2], "en") == {"customer_name": "Tom", "order_number": "#A-20077"}
    # a customer who writes French in an English-labelled conversation is still understood
    assert library.known_facts(["je m'appelle Chloé"], "en") == {"customer_name": "Chloé"}
    assert library.known_facts([], "en") == {}
    assert library.known_facts(["", "   "], "fr") == {}


# --------------------------------------------------------------------------- reload


def test_reload_swaps_in_whole_or_keeps_the_old(prompts: Path) -> None:
    library = CannedLibrary(prompts)
    path = prompts / "finance" / "canned" / "en.yaml"
    _edit(path, lambda d: d[0].update(title="Hand-over from the bot"))
    library.reload()
    assert library.search("finance", "en", "hand-over")[0].title == "Hand-over from the bot"

    _edit(path, lambda d: d[0].update(text="Hi {name}"))  # broken: unknown placeholder
    _edit(prompts / "saas" / "canned" / "en.yaml", lambda d: d[0].update(title="Changed too"))
    with pytest.raises(ConfigError, match="unknown placeholder"):
        library.reload()
    assert library.search("finance", "en", "hand-over")[0].title == "Hand-over from the bot"
    assert library.replies("saas", "en")[0].title != "Changed too"  # nothing half-applied

    _edit(path, lambda d: d[0].update(text="Hi {customer_name}"))
    library.reload()
    assert library.replies("saas", "en")[0].title == "Changed too"


def test_reload_of_patterns(prompts: Path) -> None:
    library = CannedLibrary(prompts)
    assert library.known_facts(["call me Ishmael"], "en") == {}
    path = prompts / "_i18n" / "canned.yaml"
    _edit(path, lambda d: d["names"]["en"].append(r"(?i:\bcall me)[ \t]+{name}"))
    library.reload()
    assert library.known_facts(["call me Ishmael"], "en") == {"customer_name": "Ishmael"}
