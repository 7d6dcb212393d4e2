"""Language detection that stays right on one- and two-word customer messages.

langdetect 1.0.9 is the engine for Latin-script text. On its own it is ~99% right on
sentences but far worse on short inputs, answers ``zh-cn``/``zh-tw``, raises on text
without letters and is random unless seeded. This module wraps it in layers that each
fix one of those weaknesses, cheapest first:

1. **Unicode script rules.** Hangul, kana, Thai, Arabic and Cyrillic each decide the
   language alone among the served ones; Han-only text is Chinese, and a table of common
   characters that differ between the two writing systems picks ``Hant`` or ``Hans``.
   Mixed text goes by the dominant script (CJK characters weigh more than letters, since
   one carries about a word's worth of meaning).
2. **Latin script**: one log-score per Latin-script language, the sum of
   langdetect's probability (seeded, only the served languages' profiles, loaded once),
   letters that only some languages use (ñ, ß, ł, ı, ơ ...), and a hand-written lexicon of
   very common short words and greetings. The engine's probability is tempered on short
   inputs, where it is confidently wrong.
3. **History.** Language-neutral inputs ("ok", "?", emoji, an order number, a URL) keep
   the language of the customer's latest confident earlier message, and so do short
   messages with no telling word or letter: a French customer's "no" stays French.
4. **Fallback** to the history language, then ``default``. :func:`detect` never raises
   on a ``str`` and looks at no more than :data:`MAX_SAMPLE_CHARS` characters.

Measured on ``bench/data/language_samples.py`` by ``python -m bench.language``.
"""

from __future__ import annotations

import functools
import math
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.lexicon_support import JA_KANJI_WORDS, support_lists

SERVED_LANGUAGES: tuple[str, ...] = (
    "zh", "en", "ja", "ko", "fr", "es", "de", "pt", "ru", "ar", "vi", "th", "id", "it", "tr", "nl", "pl",
)  # fmt: skip

LANGUAGE_NAMES: dict[str, str] = {
    "zh": "中文",
    "en": "English",
    "ja": "日本語",
    "ko": "한국어",
    "fr": "Français",
    "es": "Español",
    "de": "Deutsch",
    "pt": "Português",
    "ru": "Русский",
    "ar": "العربية",
    "vi": "Tiếng Việt",
    "th": "ไทย",
    "id": "Bahasa Indonesia",
    "it": "Italiano",
    "tr": "Türkçe",
    "nl": "Nederlands",
    "pl": "Polski",
}

RTL_LANGUAGES: frozenset[str] = frozenset({"ar"})

#: the served languages written in Latin script: the only ones langdetect is asked about
LATIN_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "de", "pt", "vi", "id", "it", "tr", "nl", "pl")

#: work is capped on huge inputs: the first this many characters decide
MAX_SAMPLE_CHARS = 2000
#: langdetect converges long before this; more text only costs time
_ENGINE_CHARS = 300
#: earlier messages looked at, newest first
_HISTORY_DEPTH = 8
_ENGINE_TRIALS = 3
_ENGINE_ITERATIONS = 150


@dataclass(frozen=True)
class Detection:
    """The language to answer in, and why it was chosen."""

    language: str
    script: str | None
    confidence: float
    reason: str

    @property
    def tag(self) -> str:
        """``zh-Hant``/``zh-Hans`` for Chinese, else the language code (persona file names)."""
        return f"{self.language}-{self.script}" if self.script else self.language


# --------------------------------------------------------------------------- scripts

_SCRIPT_RES: dict[str, re.Pattern[str]] = {
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
_SCRIPT_LANGUAGE = {"hangul": "ko", "thai": "th", "arabic": "ar", "cyrillic": "ru"}

# Common characters written differently in Simplified and Traditional Chinese, as
# "simplified traditional" pairs (written by hand from the official simplification list;
# characters that also exist unchanged in Traditional text, such as 后 里 台 只 准 干 着 于,
# are left out because they are not evidence). tests/test_language.py checks every pair
# against langdetect's zh-cn/zh-tw profiles.
_ZH_PAIRS = """
这這 们們 个個 来來 时時 说說 国國 会會 对對 没沒 过過 还還 发發 问問 题題 么麼 吗嗎 开開 关關 见見
买買 卖賣 单單 货貨 钱錢 请請 谢謝 应應 该該 认認 识識 订訂 号號 码碼 务務 产產 东東 车車 机機 电電
话話 网網 络絡 页頁 账賬 帐帳 动動 运運 递遞 邮郵 换換 质質 价價 优優 领領 给給 经經 为為 与與 从從
让讓 样樣 学學 习習 书書 长長 门門 间間 阅閱 业業 员員 图圖 实實 现現 当當 进進 边邊 总總 计計 设設
项項 额額 显顯 错錯 误誤 帮幫 处處 杂雜 难難 简簡 体體 级級 线線 绑綁 验驗 证證 输輸 录錄 册冊 陆陸
钥鑰 银銀 转轉 据據 费費 装裝 损損 坏壞 颜顏 双雙 条條 块塊 张張 两兩 万萬 亿億 随隨 马馬 区區 县縣
华華 丽麗 乐樂 欢歡 气氣 热熱 写寫 读讀 听聽 讲講 试試 顾顧 满滿 态態 钟鐘 点點 联聯 约約 备備 选選
择擇 标標 规規 则則 权權 隐隱 协協 议議 势勢 库庫 仓倉 达達 报報 赔賠 偿償 补補 稳穩 厅廳 饭飯 汇匯
寻尋 数數 觉覺 户戶 办辦 记記 忆憶 视視 频頻 声聲 响響 载載 软軟 统統 币幣 税稅 罚罰 顺順 续續 购購
结結 积積 兑兌 虽雖 尽盡 复復 谁誰 决決 护護 确確 严嚴 担擔 亲親 爱愛 无無 导導 飞飛 场場 广廣 变變
类類 键鍵 盘盤 脑腦 击擊 链鏈 扫掃 传傳 压壓 缩縮 档檔 储儲 删刪 询詢 咨諮 预預 赠贈 礼禮 减減 适適
袜襪 裤褲 衬襯 惯慣 错錯 页頁 纸紙 龙龍 鸡雞 鱼魚 鸟鳥 门門 闭閉 闲閒 阶階 际際 险險 杀殺 岁歲 旧舊
"""
_ZH_SIMPLIFIED = frozenset(pair[0] for pair in _ZH_PAIRS.split())
# 复 stands for both 復 and 複; 妳 is a Traditional-only feminine "you"
_ZH_TRADITIONAL = frozenset(pair[1] for pair in _ZH_PAIRS.split()) | frozenset("複妳")
# Japanese shinjitai forms, used neither in Simplified nor in Traditional Chinese: a
# kanji-only message ("返金済") with them is Japanese even without kana.
_JA_ONLY_KANJI = frozenset(
    "込払駅円様続気発読売変対図楽広転関験帰拡済県実営働枠戻訳価単労伝両覚薬鉄経検桜悪歳険頼総権満択沢辺遅"
)
#: a kanji-only message of at most this many of :data:`JA_KANJI_WORDS` is Japanese
_JA_MAX_WORDS = 3
_JA_WORD_LENGTHS = sorted({len(word) for word in JA_KANJI_WORDS}, reverse=True)


def _script_counts(text: str) -> dict[str, int]:
    counts = {name: len(regex.findall(text)) for name, regex in _SCRIPT_RES.items()}
    counts["other"] = max(0, len(_ANY_LETTER.findall(text)) - sum(counts.values()))
    return counts


def _dominant_script(counts: dict[str, int]) -> tuple[str | None, float]:
    """The script with the most weight (Han and kana together as "cjk"), and its share."""
    weights = {
        "cjk": counts["han"] * _SCRIPT_WEIGHT["han"] + counts["kana"] * _SCRIPT_WEIGHT["kana"],
        "hangul": counts["hangul"] * _SCRIPT_WEIGHT["hangul"],
        "thai": float(counts["thai"]),
        "arabic": float(counts["arabic"]),
        "cyrillic": float(counts["cyrillic"]),
        "latin": float(counts["latin"]),
        "other": float(counts["other"]),
    }
    total = sum(weights.values())
    if total <= 0:
        return None, 0.0
    best = max(weights, key=lambda name: weights[name])
    return best, weights[best] / total


def _japanese_kanji_words(text: str) -> bool:
    """Is the Han text exactly 1-3 words of :data:`JA_KANJI_WORDS` ("返金", "注文番号")?

    The whole text must be covered, so a Chinese message that merely contains such a
    pair of characters across a word boundary ("关注文章" holds 注文) stays Chinese.
    """
    han = "".join(ch for ch in text if _SCRIPT_RES["han"].match(ch))
    if not han or len(han) > _JA_MAX_WORDS * max(_JA_WORD_LENGTHS):
        return False
    # fewest words covering han[:i]; a tiny dynamic programme over at most ~12 characters
    best: list[int | None] = [0] + [None] * len(han)
    for end in range(1, len(han) + 1):
        for size in _JA_WORD_LENGTHS:
            start = end - size
            before = best[start] if start >= 0 else None
            if before is None or han[start:end] not in JA_KANJI_WORDS:
                continue
            count = before + 1
            current = best[end]
            if current is None or count < current:
                best[end] = count
    words = best[len(han)]
    return words is not None and words <= _JA_MAX_WORDS


def _han_script(text: str) -> str | None:
    simplified = sum(1 for ch in text if ch in _ZH_SIMPLIFIED)
    traditional = sum(1 for ch in text if ch in _ZH_TRADITIONAL)
    if traditional > simplified:
        return "Hant"
    if simplified > traditional:
        return "Hans"
    return None


# --------------------------------------------------------------------------- letters

# Letters that only some served Latin-script languages use, and which. A message with
# "ñ" is Spanish unless much else says otherwise; "ç" narrows to French/Portuguese/Turkish.
_LETTER_LANGS: dict[str, tuple[str, ...]] = {}


def _letters(chars: str, *langs: str) -> None:
    for ch in chars:
        _LETTER_LANGS[ch] = tuple(dict.fromkeys((*_LETTER_LANGS.get(ch, ()), *langs)))


_letters("ăđơư", "vi")
# Latin Extended Additional with dot below, hook above, etc.: Vietnamese tone marks
_letters("".join(chr(c) for c in range(0x1EA0, 0x1EFA)), "vi")
_letters("ĩũ", "vi")
_letters("ąęłśźżćń", "pl")
_letters("ığşİ", "tr")
_letters("ß", "de")
_letters("äöü", "de")
_letters("öüç", "tr")
_letters("ñ¿¡", "es")
_letters("ãõ", "pt", "vi")
_letters("ç", "fr", "pt")
_letters("œæÿ", "fr")
_letters("èêàùëïîû", "fr")
_letters("àèìòù", "it")
_letters("âêô", "pt", "vi")
_letters("áíóú", "es", "pt", "vi")
_letters("é", "fr", "es", "pt", "it", "vi")
_letters("ó", "pl")
_letters("ë", "nl")


# --------------------------------------------------------------------------- lexicon

# Very common short words, greetings and customer-support words per Latin-script language.
# Written by hand for this module from general knowledge of each language's most frequent
# function words, courtesy formulas and the vocabulary of order/payment/account questions;
# not taken from the bench's test set (bench/data/language_samples.py keeps a held-out part
# that was written after this list and never used to change it). Words shared by several
# languages (de, la, no, in ...) are listed under each; their evidence is split. Forms with
# diacritics are also matched without them (customers often type "dziekuje", "tesekkurler").
_LEXICON_TEXT: dict[str, str] = {
    "en": """
        hello thanks thank you please yes no yeah yep nope sorry help good morning evening afternoon
        night bye goodbye the a an and or but is are was were be been have has had do does did not my
        your our their this that these those what when where why how who which can could would should
        will i me we it they he she with without for from to of in on at by about order orders refund
        refunds delivery shipping shipped package parcel account password login email payment paid
        charged invoice receipt cancel cancelled canceled return returns exchange broken damaged
        missing wrong size price discount code still yet already just today tomorrow yesterday week
        received arrived need want get got know think issue problem question support customer service
        item items product number tracking status update address phone card back again thx pls plz ty
        cheers great awesome fine sure right done works working doesn't don't can't won't didn't isn't
        i'm it's i've there here any some much many more very really also only never always nothing
        something anyone someone still waiting late delayed help me hi there dear regards kind best
        agent human person speak talk call contact email buy bought purchase subscription plan
        upgrade downgrade charge money back store shop website app error page screen signup sign log
        reset forgot forgotten change changed changes deliver delivered ship when's where's
        what's thanks! appreciate appreciated unfortunately hope soon asap urgent please!
        """,
    "fr": """
        bonjour bonsoir salut merci beaucoup oui non si peut-être pardon désolé désolée svp stp
        plaît aide aidez besoin le la les un une des du de et ou mais est sont était être avoir
        ai as avons avez ont je tu il elle nous vous ils elles mon ma mes ton ta votre vos notre nos
        leur ce cette ces ça cela qui que quoi quand où pourquoi comment combien avec sans pour par
        dans sur sous chez pas plus rien jamais toujours encore déjà aujourd'hui demain hier
        semaine jour commande commandes remboursement livraison colis compte mot passe paiement payé
        facture reçu annuler annulé annulation retour échange cassé endommagé manquant mauvaise
        taille prix réduction code toujours reçu arrivé veux voudrais pourriez pouvez savoir problème
        question service client article produit numéro suivi adresse téléphone carte bancaire
        aucun aucune très vraiment aussi seulement quelque chose quelqu'un attends attente retard
        c'est j'ai n'est n'ai qu'il qu'elle d'un d'une l'article j'aimerais m'aider s'il
        madame monsieur cordialement bonne journée soirée merci! d'accord parfait génial au revoir
        acheté achat abonnement erreur site connexion connecter oublié changer modifier livré
        envoyé expédié rembourser rembourse urgent vite bientôt malheureusement dois doit faut
        """,
    "es": """
        hola buenos buenas días tardes noches gracias muchas sí no vale claro perdón lo siento
        favor ayuda ayudar necesito el la los las un una unos unas y o pero es son era ser estar
        está están estoy tengo tiene tienen hay yo tú él ella nosotros ustedes usted mi mis tu tus
        su sus nuestro este esta estos eso esto qué que cuándo dónde por porque cómo cuánto quién
        con sin para en sobre del al no nada nunca siempre todavía ya hoy mañana ayer semana día
        pedido pedidos reembolso envío entrega paquete cuenta contraseña pago pagado factura recibo
        cancelar cancelado devolución cambio roto dañado falta talla precio descuento código
        recibido llegado llegó quiero quisiera puedo puede pueden saber problema pregunta servicio
        cliente artículo producto número seguimiento dirección teléfono tarjeta otra vez muy
        también solo algo alguien espero esperando tarde retraso saludos atentamente señor señora
        adiós hasta luego perfecto genial vale compra compré suscripción error página sesión
        olvidé cambiar enviado devolver urgente pronto lamentablemente debo tienda
        """,
    "de": """
        hallo guten morgen tag abend nacht danke dankeschön vielen dank bitte ja nein doch
        vielleicht entschuldigung sorry hilfe helfen brauche der die das den dem des ein eine einen
        einem und oder aber ist sind war sein haben habe hat hatte ich du er sie es wir ihr mein
        meine meinen dein ihre ihr unser dieser diese dieses was wann wo warum wie wer welche mit
        ohne für von zu zum zur in im auf an am bei über nicht kein keine nichts nie immer noch
        schon heute morgen gestern woche bestellung bestellungen rückerstattung erstattung lieferung
        versand paket konto passwort kennwort zahlung bezahlt rechnung quittung stornieren storniert
        rücksendung umtausch kaputt beschädigt fehlt falsch falsche größe preis rabatt gutschein
        erhalten angekommen möchte will kann können könnten wissen problem frage kundenservice
        kunde artikel produkt nummer sendungsverfolgung adresse telefon karte sehr wirklich auch
        nur etwas jemand warte warten verspätet grüße gruß freundlichen herr frau tschüss wiedersehen
        perfekt super gekauft kauf abo fehler seite anmelden vergessen ändern geliefert geschickt
        zurück dringend bald leider muss geht funktioniert
        """,
    "pt": """
        olá oi bom dia boa tarde noite obrigado obrigada muito sim não pois claro desculpe
        desculpa favor ajuda ajudar preciso o a os as um uma uns umas e ou mas é são era ser estar
        está estão estou tenho tem têm há eu você vocês ele ela nós meu minha meus minhas seu sua
        nosso nossa este esta isso isto que quê quando onde por porque como quanto quem com sem para
        em no na nos nas do da dos das ao nada nunca sempre ainda já hoje amanhã ontem semana
        pedido pedidos reembolso entrega envio encomenda pacote conta senha pagamento pago fatura
        recibo cancelar cancelado devolução troca quebrado danificado faltando tamanho preço
        desconto código recebi recebido chegou quero gostaria posso pode podem saber problema
        pergunta atendimento cliente artigo produto número rastreamento endereço telefone cartão
        outra vez também só algo alguém espero esperando atrasado atraso abraço atenciosamente
        senhor senhora tchau até logo perfeito ótimo comprei compra assinatura erro página
        entrar esqueci mudar alterar enviado devolver urgente logo infelizmente devo loja
        vocês obrigadão valeu beleza
        """,
    "vi": """
        xin chào chao cảm ơn cám bạn vâng dạ không có được rồi xin lỗi giúp tôi mình em anh chị
        là và hoặc nhưng của cho với trong trên này đó gì khi nào đâu sao tại thế bao nhiêu ai
        đơn hàng hoàn tiền giao gói tài khoản mật khẩu thanh toán hóa đơn hủy trả đổi hỏng bị thiếu
        sai kích cỡ giá giảm mã đã chưa nhận muốn cần biết vấn đề câu hỏi dịch vụ khách sản phẩm
        số theo dõi địa chỉ điện thoại thẻ lại rất cũng chỉ ai đang đợi chờ trễ chậm ạ nhé nha
        vậy thì đi làm ơn hôm nay mai qua tuần ngày mua lỗi trang đăng nhập quên thay
        oi khong duoc roi giup toi minh xin cam
        """,
    "id": """
        halo hai selamat pagi siang sore malam terima kasih banyak ya tidak nggak gak enggak
        bukan maaf tolong bantu bantuan butuh perlu yang dan atau tapi tetapi adalah ini itu saya
        aku kamu anda dia kami kita mereka punya sudah belum akan bisa dapat mau ingin apa kapan
        di mana kenapa mengapa bagaimana berapa siapa dengan tanpa untuk dari ke pada dalam
        tentang tidak apa-apa pesanan pengembalian dana pengiriman kiriman paket akun kata sandi
        pembayaran bayar dibayar faktur tagihan batal dibatalkan kembalikan tukar rusak hilang
        salah ukuran harga diskon kode masih sudah hari besok kemarin minggu terima diterima
        sampai tahu masalah pertanyaan layanan pelanggan barang produk nomor lacak alamat telepon
        kartu lagi sangat juga hanya sesuatu seseorang tunggu menunggu terlambat lama salam
        hormat bapak ibu kak gan sis dadah sampai jumpa oke mantap beli membeli langganan
        kesalahan halaman masuk lupa ganti ubah dikirim kembali segera cepat sayangnya harus toko
        """,
    "it": """
        ciao buongiorno buonasera salve grazie mille sì no forse scusa scusi mi dispiace per
        favore aiuto aiutare bisogno il lo la i gli le un uno una e o ma è sono era essere
        avere ho hai ha abbiamo hanno io tu lui lei noi voi loro mio mia miei mie tuo tua suo sua
        nostro questo questa quello che cosa quando dove perché come quanto chi con senza da di
        del della dei delle in nel nella su sul non niente mai sempre ancora già oggi domani
        ieri settimana giorno ordine ordini rimborso consegna spedizione pacco account conto
        pagamento pagato fattura ricevuta annullare annullato reso cambio rotto danneggiato manca
        sbagliato taglia prezzo sconto codice ricevuto arrivato voglio vorrei posso può possono
        sapere problema domanda servizio clienti articolo prodotto numero tracciamento indirizzo
        telefono carta di credito molto davvero anche solo qualcosa qualcuno aspetto attesa
        ritardo saluti cordiali signore signora arrivederci perfetto ottimo comprato acquisto
        abbonamento errore pagina accedere dimenticato cambiare modificare spedito restituire
        urgente presto purtroppo devo negozio c'è l'ordine dell'ordine un'altra buona giornata
        """,
    "tr": """
        merhaba selam günaydın iyi akşamlar geceler teşekkürler teşekkür ederim sağol sağ ol
        evet hayır tamam belki özür dilerim pardon lütfen yardım yardımcı lazım gerek bir ve veya
        ama fakat bu şu o ben sen biz siz onlar benim senin bizim sizin ne zaman nerede neden niçin
        nasıl kaç kim ile için gibi kadar değil yok var hiç hep hala henüz zaten bugün yarın dün
        hafta gün sipariş siparişim siparişimi iade para kargo teslimat paket hesap hesabım şifre
        ödeme ödedim fatura makbuz iptal değişim kırık hasarlı eksik yanlış beden fiyat indirim
        kod aldım gelmedi geldi istiyorum isterim alabilir miyim mi mı mu mü musunuz misiniz
        bilmek sorun soru müşteri hizmetleri ürün numara takip adres telefon kart tekrar çok
        gerçekten de da sadece bir şey biri bekliyorum bekle gecikme saygılarımla bey hanım
        hoşça kal görüşürüz mükemmel harika aldım satın abonelik hata sayfa giriş unuttum
        değiştirmek gönderildi acil hemen maalesef lazım mağaza nedir neden nasılsınız
        """,
    "nl": """
        hallo hoi goedemorgen goedemiddag goedenavond dank dankjewel dankuwel bedankt alstublieft
        alsjeblieft ja nee misschien sorry excuses hulp helpen nodig de het een en of maar is zijn
        was ben heb heeft hebben ik jij je hij zij ze wij we jullie u mijn jouw uw ons onze deze dit
        die dat wat wanneer waar waarom hoe wie welke met zonder voor van naar in op aan bij over
        niet geen niets nooit altijd nog al vandaag morgen gisteren week dag bestelling bestellingen
        terugbetaling levering verzending pakket pakje account wachtwoord betaling betaald factuur
        bon annuleren geannuleerd retour ruilen kapot beschadigd ontbreekt verkeerd maat prijs
        korting kortingscode ontvangen aangekomen wil wilt zou kan kunnen weten probleem vraag
        klantenservice klant artikel product nummer track trace adres telefoon kaart weer heel
        echt ook alleen iets iemand wacht wachten vertraging groeten groet vriendelijke meneer
        mevrouw doei tot ziens perfect prima top gekocht aankoop abonnement fout pagina inloggen
        vergeten wijzigen veranderen geleverd verstuurd terugsturen dringend snel helaas moet
        winkel graag even nou hè
        """,
    "pl": """
        dzień dobry cześć witam dziękuję dzięki bardzo tak nie może przepraszam proszę pomoc
        pomóc pomocy potrzebuję i a lub albo ale jest są był była być mam ma mamy mają ja ty on ona
        my wy oni mój moja moje twój pana pani nasz ten ta to co kiedy gdzie dlaczego jak ile kto
        który z ze bez dla od do w we na o po przy nic nigdy zawsze jeszcze już dzisiaj dziś jutro
        wczoraj tydzień dni zamówienie zamówienia zwrot pieniędzy dostawa wysyłka paczka konto
        hasło płatność zapłaciłem zapłaciłam faktura paragon anulować anulowane wymiana zepsuty
        uszkodzony brakuje zły rozmiar cena rabat kod otrzymałem otrzymałam doszła przyszła chcę
        chciałbym chciałabym mogę można wiedzieć problem pytanie obsługa klienta produkt numer
        śledzenie adres telefon karta znowu naprawdę też tylko coś ktoś czekam czekanie
        opóźnienie pozdrawiam pozdrowienia panie do widzenia super świetnie kupiłem kupiłam zakup
        subskrypcja błąd strona zalogować zapomniałem zmienić wysłane zwrócić pilne szybko
        niestety muszę sklep dzieki dziekuje prosze czesc
        """,
}

#: inputs that say nothing about the language: they keep the conversation's language
_NEUTRAL_TEXT = """ok okay okey oki okk k kk hi hey hmm hm lol haha hahaha hehe xd wow ah oh eh uh oops
    ops cool super top yo mmm ahh"""
_NEUTRAL_WORDS = frozenset(_NEUTRAL_TEXT.split())
_LEX_WEIGHT = 4.0  # a word seen only in one language's list
_FOLDED_WEIGHT = 0.75  # the same word typed without its diacritics is slightly weaker
_LETTER_WEIGHT = 2.5
_ENGINE_FLOOR = 1e-4


def _fold(word: str) -> str:
    """``dziękuję`` -> ``dziekuje``: how customers type without the keyboard layout."""
    word = word.replace("ł", "l").replace("ı", "i").replace("đ", "d").replace("ß", "ss")
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def _build_lexicon(*sources: dict[str, str]) -> dict[str, dict[str, float]]:
    """word -> {language: weight}; a spelling listed under several languages is split."""
    exact: dict[str, set[str]] = {}
    folded: dict[str, set[str]] = {}
    for lang, text in (item for lists in sources for item in lists.items()):
        for raw in text.split():
            word = unicodedata.normalize("NFC", raw.lower().replace("’", "'")).strip("!?.,")
            if not word:
                continue
            exact.setdefault(word, set()).add(lang)
            plain = _fold(word)
            if plain != word:
                folded.setdefault(plain, set()).add(lang)
    lexicon: dict[str, dict[str, float]] = {}
    for word, langs in folded.items():
        if word not in exact:
            lexicon[word] = {lang: _FOLDED_WEIGHT / len(langs) for lang in sorted(langs)}
    for word, langs in exact.items():
        lexicon[word] = {lang: 1.0 / len(langs) for lang in sorted(langs)}
    return lexicon


# the short everyday words above plus the concept-by-concept support vocabulary
_LEXICON = _build_lexicon(_LEXICON_TEXT, support_lists())


# --------------------------------------------------------------------------- text cleanup

_CODE_BLOCK = re.compile(r"```.*?(?:```|\Z)|`[^`\n]*`", re.S)
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b", re.I)
_MENTION = re.compile(r"[@#]\w+")
#: whitespace-separated chunks with a digit are order numbers, prices, model codes
_CODEISH = re.compile(r"\S*\d\S*")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _clean(text: str) -> str:
    text = _CODE_BLOCK.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _MENTION.sub(" ", text)
    return _CODEISH.sub(" ", text)


# --------------------------------------------------------------------------- engine


class _Engine:
    """langdetect restricted to the Latin-script served languages, seeded, loaded once."""

    def __init__(self) -> None:
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        factory = DetectorFactory()
        # Seeded per detector: the same text gives the same answer in every process.
        factory.set_seed(0)
        profiles = [(Path(PROFILES_DIRECTORY) / lang).read_text(encoding="utf-8") for lang in LATIN_LANGUAGES]
        factory.load_json_profile(profiles)
        self._factory = factory

    def probabilities(self, text: str) -> dict[str, float]:
        """Per-language probability; empty when langdetect finds no feature in the text."""
        from langdetect.lang_detect_exception import LangDetectException

        detector: Any = self._factory.create()
        detector.set_max_text_length(_ENGINE_CHARS)
        # Fewer, shorter random walks than langdetect's 7 x 1000: one- and two-word inputs
        # never reach its convergence threshold, so the limit is what every call paid
        # (p95 ~2 ms), and more draws from a dozen n-grams change nothing measurable.
        detector.n_trial = _ENGINE_TRIALS
        detector.ITERATION_LIMIT = _ENGINE_ITERATIONS
        try:
            detector.append(text)
            found = detector.get_probabilities()
        except LangDetectException:
            return {}
        return {item.lang: float(item.prob) for item in found}


_ENGINE: _Engine | None = None
_ENGINE_LOCK = threading.Lock()


def _engine() -> _Engine:
    global _ENGINE
    if _ENGINE is None:
        with _ENGINE_LOCK:
            if _ENGINE is None:
                _ENGINE = _Engine()
    return _ENGINE


def warm_up() -> None:
    """Load langdetect's profiles now (about 20 ms), not on the first customer message."""
    _engine()


# --------------------------------------------------------------------------- analysis


@dataclass(frozen=True)
class _Analysis:
    """What one text says on its own, before history and defaults."""

    language: str | None  # None: nothing in the text tells a language
    script: str | None
    probs: tuple[tuple[str, float], ...]  # Latin path: posterior per language, best first
    reason: str  # "script" or "detector" when language is set
    # False for a few words with no telling letter or single-language lexicon word
    # ("no", "hallo", an unknown word): the conversation's language wins over them
    decisive: bool


_NEUTRAL = _Analysis(None, None, (), "default", False)


def _tokens(cleaned: str) -> list[str]:
    words = [unicodedata.normalize("NFC", w.lower().replace("’", "'")) for w in _WORD.findall(cleaned)]
    return [w for w in words if _SCRIPT_RES["latin"].match(w)]


def _lexicon_hits(token: str) -> dict[str, float]:
    hits = _LEXICON.get(token)
    if hits is not None:
        return hits
    if "'" in token:  # c'est -> c' + est, don't -> don + 't, l'ordine -> l' + ordine
        parts = token.split("'")
        merged: dict[str, float] = {}
        for piece in (parts[0] + "'", "'" + parts[-1], *parts):
            for lang, weight in _LEXICON.get(piece, {}).items():
                merged[lang] = max(merged.get(lang, 0.0), weight)
        return merged
    return {}


def _latin_scores(tokens: list[str], sample: str) -> dict[str, float]:
    """Log-scores per Latin-script language from the engine, the letters and the lexicon."""
    scores = dict.fromkeys(LATIN_LANGUAGES, 0.0)
    engine = _engine().probabilities(" ".join(tokens))
    if engine:
        # langdetect is confidently wrong on one or two words ("merci" -> es 0.99999):
        # temper it there so a lexicon word or a telling letter can outvote it.
        temper = 0.35 if len(tokens) <= 2 else 0.6 if len(tokens) <= 4 else 1.0
        for lang in LATIN_LANGUAGES:
            scores[lang] += temper * math.log(max(engine.get(lang, 0.0), _ENGINE_FLOOR))
    seen = {ch for ch in sample.lower() if ch in _LETTER_LANGS}
    for ch in seen:
        for lang in _LETTER_LANGS[ch]:
            scores[lang] += _LETTER_WEIGHT
    known = 0
    hit_langs: set[str] = set()
    for token in tokens:
        hits = _lexicon_hits(token)
        known += bool(hits)
        hit_langs.update(hits)
        for lang, weight in hits.items():
            scores[lang] += _LEX_WEIGHT * weight
    if known == len(tokens) <= 2:
        # Every word of a short message is a known word of some languages ("reembolso" is
        # es/pt): on one or two words the engine's n-grams are noise, so a language that
        # knows none of the words should not win on them.
        for lang in LATIN_LANGUAGES:
            if lang not in hit_langs:
                scores[lang] -= _LEX_WEIGHT
    return scores


def _softmax(scores: dict[str, float]) -> tuple[tuple[str, float], ...]:
    top = max(scores.values())
    exps = {lang: math.exp(score - top) for lang, score in scores.items()}
    total = sum(exps.values())
    return tuple(sorted(((lang, e / total) for lang, e in exps.items()), key=lambda kv: -kv[1]))


def _analyse(text: str) -> _Analysis:
    # cache on the sample, never on a huge text (the cache would keep it alive)
    return _analyse_sample(text[:MAX_SAMPLE_CHARS])


@functools.lru_cache(maxsize=2048)
def _analyse_sample(sample: str) -> _Analysis:
    cleaned = _clean(sample)
    counts = _script_counts(cleaned)
    script, share = _dominant_script(counts)
    if script is None:
        return _NEUTRAL
    if script == "cjk":
        han, kana = counts["han"], counts["kana"]
        if kana and kana >= 0.1 * (han + kana):
            return _Analysis("ja", None, (("ja", share),), "script", True)
        # Kanji-only Japanese: a Japanese-only character form (Chinese writes 収 as 收/收,
        # so "領収書" is Japanese although 領 and 書 are also Traditional Chinese), or a short
        # message made of Japanese support words that Chinese does not use ("返金").
        ja_only = sum(1 for ch in cleaned if ch in _JA_ONLY_KANJI)
        simplified = sum(1 for ch in cleaned if ch in _ZH_SIMPLIFIED)
        if (ja_only and ja_only >= simplified) or _japanese_kanji_words(cleaned):
            return _Analysis("ja", None, (("ja", share * 0.8),), "script", True)
        zh_script = _han_script(cleaned)
        return _Analysis("zh", zh_script, (("zh", share),), "script", True)
    if script in _SCRIPT_LANGUAGE:
        lang = _SCRIPT_LANGUAGE[script]
        return _Analysis(lang, None, ((lang, share),), "script", True)
    if script == "other":  # Greek, Hebrew, Devanagari ...: no served language is written so
        return _NEUTRAL
    tokens = _tokens(cleaned)
    meaningful = [t for t in tokens if t not in _NEUTRAL_WORDS]
    if not meaningful:
        return _NEUTRAL
    sample_text = " ".join(meaningful)
    probs = _softmax(_latin_scores(meaningful, sample_text))
    best = probs[0][0]
    decisive = (
        len(meaningful) > 3
        or any(_LETTER_LANGS[ch] == (best,) for ch in set(sample_text.lower()) if ch in _LETTER_LANGS)
        or any(list(_lexicon_hits(token)) == [best] for token in meaningful)
    )
    return _Analysis(best, None, probs, "detector", decisive)


def _history_language(history: Sequence[str] | None) -> tuple[str, str | None] | None:
    """The language (and Chinese script) of the customer's latest confident message."""
    if not history:
        return None
    zh_script: str | None = None
    found: str | None = None
    for message in list(history)[-_HISTORY_DEPTH:][::-1]:
        if not isinstance(message, str):
            continue
        analysis = _analyse(message)
        if analysis.language is None:
            continue
        if found is None and analysis.decisive:
            found = analysis.language
        if found == "zh" and analysis.language == "zh" and analysis.script:
            zh_script = analysis.script
            break
        if found is not None and found != "zh":
            break
    if found is None:
        return None
    return found, zh_script


def _normalise_code(code: str) -> tuple[str, str | None] | None:
    value = code.strip().replace("_", "-")
    lowered = value.lower()
    if lowered in ("", "auto"):
        return None
    if lowered in ("zh-hant", "zh-tw", "zh-hk", "zh-mo"):
        return "zh", "Hant"
    if lowered in ("zh-hans", "zh-cn", "zh-sg"):
        return "zh", "Hans"
    base = lowered.split("-")[0]
    if base in SERVED_LANGUAGES:
        return base, ("Hans" if base == "zh" else None)
    return None


def detect(
    text: str,
    history: Sequence[str] | None = None,
    *,
    override: str | None = None,
    default: str = "en",
) -> Detection:
    """The language to answer ``text`` in. Never raises on a ``str``.

    ``history`` is the customer's earlier messages, oldest first. ``override`` is a
    language the user chose ("auto" or None: detect); ``"zh-Hant"``/``"zh-Hans"`` choose
    the Chinese script too. An unknown override or default is ignored in favour of
    detection and ``"en"``.
    """
    if override is not None:
        chosen = _normalise_code(override)
        if chosen is not None:
            return Detection(chosen[0], chosen[1], 1.0, "override")
    fallback = _normalise_code(default) or ("en", None)
    analysis = _analyse(text if isinstance(text, str) else "")
    remembered = _history_language(history)

    if analysis.language is None:
        if remembered is not None:
            lang, script = remembered
            return Detection(lang, _zh_script(lang, script), 0.6, "history")
        return Detection(fallback[0], _zh_script(*fallback), 0.0, "default")

    if analysis.reason == "script":
        lang = analysis.language
        script = analysis.script
        if lang == "zh" and script is None and remembered is not None and remembered[0] == "zh":
            script = remembered[1]
        return Detection(lang, _zh_script(lang, script), round(analysis.probs[0][1], 4), "script")

    best, confidence = analysis.probs[0]
    if remembered is not None and remembered[0] != best and not analysis.decisive:
        # A French customer's "no" or "hallo" is still French: only a telling word or
        # letter, or a real sentence, switches the conversation's language.
        lang, script = remembered
        return Detection(lang, _zh_script(lang, script), 0.6, "history")
    return Detection(best, None, round(confidence, 4), "detector")


def _zh_script(lang: str, script: str | None) -> str | None:
    """Chinese always gets a script (persona files are per script); Simplified if unknown."""
    if lang != "zh":
        return None
    return script or "Hans"


# --------------------------------------------------------------------------- drift guard

_MARKDOWN = re.compile(r"[*_~#>|\[\]()!-]+")
_MIN_REPLY_WEIGHT = 20.0


def reply_language_matches(expected: Detection, reply_text: str) -> bool | None:
    """Is a (possibly partial, streamed) reply in the expected language?

    ``None`` while there is too little text to judge (about 20 letters; a CJK character
    counts as two). Code, URLs, numbers and Markdown are ignored, product names weigh too
    little to flip the answer, kanji in Japanese is expected, and Traditional vs
    Simplified Chinese is not a drift (the language is the same).
    """
    if not isinstance(reply_text, str):
        return None
    cleaned = _MARKDOWN.sub(" ", _clean(reply_text[:MAX_SAMPLE_CHARS]))
    counts = _script_counts(cleaned)
    weight = sum(counts.values()) + counts["han"] + counts["kana"] + counts["hangul"]
    if weight < _MIN_REPLY_WEIGHT:
        return None
    analysis = _analyse(cleaned)
    if analysis.language is None:
        return None
    if analysis.language == expected.language:
        return True
    if expected.language == "ja" and counts["kana"] > 0:
        return True
    if analysis.reason == "detector" and expected.language in LATIN_LANGUAGES:
        # close calls between neighbours (pt/es, id vs. a foreign name) are not drift
        return dict(analysis.probs).get(expected.language, 0.0) >= 0.15
    return False
