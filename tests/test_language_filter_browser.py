"""The team finds Chinese conversations by script, in a real browser.

Two customers write Chinese, one in Simplified characters from a mainland browser, one in
Traditional from a Taiwanese one; the operator filters the Transcripts tab by language. The
conversations are stored under their persona's tag ("zh-Hans", "zh-Hant"): the filter used to
offer a plain "中文 (zh)" that matched neither, and named Traditional Chinese in two ways.
"""

from __future__ import annotations

from typing import Any

import pytest

from console.service import create_app
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, send, wait_for
from tests.test_day_one import CUSTOMER, OPERATOR, browser, idle, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

SIMPLIFIED = "我想申请退款，订单号 A-12345 还没有到。"
TRADITIONAL = "我想申請退款，訂單號碼 B-67890 還沒有到。"


@pytest.fixture
def chinese_app(make_config: Any, launched: Any) -> Any:
    backend = ScriptedBackend(reply=lambda messages: "好的。")
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],), business_line="ecommerce")
    return launched(create_app(config, backend=backend))


def test_the_transcripts_filter_finds_each_chinese_script(browser: Any, chinese_app: Any) -> None:  # noqa: F811
    app = chinese_app
    for text, locale in ((SIMPLIFIED, "zh-CN"), (TRADITIONAL, "zh-TW")):
        customer = open_page(browser, app.local_url, CUSTOMER, locale=locale)
        send(customer, text)

        def answered(page: Any = customer) -> bool:
            return "好的" in chat_text(page)

        wait_for(answered, what=f"the reply on the {locale} page")
    idle(app)
    assert sorted(c.language for c in app.store.list_conversations()) == ["zh-Hans", "zh-Hant"]

    operator = open_page(browser, app.local_url, OPERATOR)
    operator.get_by_role("tab", name="Transcripts").click()
    table = operator.locator("#transcripts-table")
    wait_for(lambda: "A-12345" in table.inner_text() and "B-67890" in table.inner_text(), what="both listed")

    menu = operator.locator("#f-language")
    menu.locator("input").click()
    names = [option.inner_text().strip() for option in operator.get_by_role("option").all()]
    assert "简体中文 (zh-Hans)" in names and "繁體中文 (zh-Hant)" in names, names
    assert not any(name.endswith("(zh)") for name in names), names  # a choice that matches nothing

    for choice, shown, hidden in (
        ("简体中文 (zh-Hans)", "A-12345", "B-67890"),
        ("繁體中文 (zh-Hant)", "B-67890", "A-12345"),
    ):
        if choice != "简体中文 (zh-Hans)":
            menu.locator("input").click()
        operator.get_by_role("option", name=choice, exact=True).click()

        def only(shown: str = shown, hidden: str = hidden) -> bool:
            listed = table.inner_text()
            return shown in listed and hidden not in listed

        wait_for(only, what=f"only {shown} listed under {choice}")
