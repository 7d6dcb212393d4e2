"""A second set of customer-support chat messages for the knowledge-retrieval benchmark.

Written on 2026-12-06 by a second helper that had not seen the knowledge base, its keywords or the first
set (support_questions.py), given only a one-line scope per topic. 2 messages per topic and language
(Chinese: 1 Simplified, 1 Traditional; Vietnamese: one without accents). All of it belongs to the tuning
side of bench/knowledge.py (keywords may be edited from its misses); the held-out split stays that of
support_questions.py.
"""

from __future__ import annotations

#: (business line, topic id) -> language -> messages
QUESTIONS: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    # ------------------------------------------------------------------ ecommerce
    ("ecommerce", "shipping"): {
        "en": (
            "ordered a jacket 9 days ago and still nothing at my door, tracking hasn't moved since friday",
            "How much is express shipping to Ireland?",
        ),
        "zh": (
            "我上周三下的单，到现在还没收到，物流信息也一直不更新",
            "請問寄到香港要幾天？運費多少？",
        ),
        "ja": (
            "注文して1週間たつのにまだ届きません。ずっと「発送準備中」のまま",
            "海外発送してますか？カナダまでの送料が知りたいです",
        ),
        "ko": (
            "택배 언제 와요? 5일째 배송중이라고만 떠요",
            "제주도도 보내주시나요? 추가 비용 있는지 궁금합니다",
        ),
        "fr": (
            "Bonjour, mon colis devait arriver hier et toujours rien, le suivi n'a pas bougé depuis 3 jours",
            "livraison express en Belgique c combien ?",
        ),
        "es": (
            "¿Cuánto tarda en llegar un pedido a Canarias?",
            "hola, pedí unas zapatillas hace 10 días y todavía no me han llegado, qué pasa??",
        ),
        "de": (
            "Wie lange dauert der Versand nach Österreich und was kostet das?",
            "Paket liegt seit Montag im Verteilzentrum, bewegt sich nix. Wann kommt das endlich?",
        ),
        "pt": (
            "vocês entregam em caixa postal? moro no interior",
            "Olá, meu pedido está parado em 'em trânsito' há uma semana, quando chega?",
        ),
        "ru": (
            "Здравствуйте, заказ должен был прийти в пятницу, а его всё нет",
            "сколько стоит доставка в Казахстан?",
        ),
        "ar": (
            "طلبي متأخر أسبوع كامل ولا يوجد أي تحديث في التتبع",
            "كم تكلفة الشحن السريع إلى الرياض؟",
        ),
        "vi": (
            "don hang cua minh dat tu thu 2 ma gio van chua thay dau, ma van don khong cap nhat",
            "Giao hàng ra Đà Nẵng mất mấy ngày vậy shop?",
        ),
        "th": (
            "สั่งของไปตั้งแต่วันที่ 3 ยังไม่ได้รับเลยค่ะ",
            "ส่งไปต่างประเทศได้ไหมครับ ค่าส่งไปญี่ปุ่นเท่าไหร่",
        ),
        "id": (
            "kak paket saya kok belum sampai ya, udah 6 hari",
            "Apakah bisa kirim ekspres ke Makassar? Berapa ongkirnya?",
        ),
        "it": (
            "Quanto costa la spedizione in Svizzera?",
            "ciao, il mio ordine risulta fermo a Bologna da 4 giorni, quando arriva?",
        ),
        "tr": (
            "kargom nerde? 1 haftadır yolda görünüyor",
            "Almanya'ya gönderim yapıyor musunuz, ücreti ne kadar?",
        ),
        "nl": (
            "Hoi, mijn bestelling zou gisteren komen maar niks. Track & trace staat nog op 'aangemeld'",
            "Bezorgen jullie ook in België? Wat zijn de verzendkosten?",
        ),
        "pl": (
            "Ile kosztuje wysyłka kurierem ekspresowym?",
            "paczka miała być w czwartek, dzisiaj poniedziałek i nic",
        ),
    },
    ("ecommerce", "damaged-item"): {
        "en": (
            "the mug came smashed in the box",
            "Hi, order came today but the headphones are blue not black, and the charging cable is missing.",
        ),
        "zh": (
            "收到的台灯开不了机，插上电没反应",
            "包裹打開發現杯子碎了，怎麼處理？",
        ),
        "ja": (
            "届いた炊飯器の蓋が割れていました。交換できますか？",
            "頼んだのと違う商品が入ってた",
        ),
        "ko": (
            "받은 블루투스 이어폰 한쪽이 아예 안 들려요",
            "주문한 건 청바지 M사이즈인데 셔츠가 왔어요;;",
        ),
        "fr": (
            "Le carton est arrivé écrasé et l'écran de la tablette est fissuré",
            "il manque une pièce dans le meuble, la vis du pied n'y est pas",
        ),
        "es": (
            "me llegó la licuadora y no enciende",
            "Buenas, abrí la caja y el jarrón venía roto en dos. ¿Qué tengo que hacer?",
        ),
        "de": (
            "Die Lampe ist kaputt angekommen, Glas gesplittert",
            "Statt dem grauen Rucksack war ein Kinder-T-Shirt im Paket?!",
        ),
        "pt": (
            "chegou a cafeteira com a alça quebrada",
            "Recebi o kit de panelas mas veio faltando uma tampa, como resolvo?",
        ),
        "ru": (
            "Пришёл чайник с вмятиной, и он протекает",
            "мне прислали не тот товар, заказывал чехол для iPhone 14, а пришёл для Samsung",
        ),
        "ar": (
            "وصلني الطلب والشاشة مكسورة",
            "استلمت الخلاط لكنه لا يعمل نهائياً، ماذا أفعل؟",
        ),
        "vi": (
            "Shop oi ao nhan duoc bi rach mot duong o tay",
            "Mình nhận được hộp mà thiếu mất cái sạc, trong mô tả có ghi là kèm sạc",
        ),
        "th": (
            "ของที่ได้รับแตกมาค่ะ แก้วร้าวทั้งใบ",
            "สั่งรองเท้าสีขาวแต่ได้สีดำมาครับ",
        ),
        "id": (
            "barang nya dateng rusak, layarnya retak",
            "Halo, paket sudah sampai tapi isinya bukan pesanan saya. Saya pesan sepatu 40, yang datang tas.",
        ),
        "it": (
            "Il frullatore è arrivato ma non si accende",
            "mancano due viti nella confezione della libreria, non riesco a montarla",
        ),
        "tr": (
            "Gelen ürün kırık çıktı, ne yapmam lazım?",
            "siparişim geldi ama içinden yanlış renk tişört çıktı",
        ),
        "nl": (
            "Pakket kwam aan met een gebroken koffiekan",
            "De stofzuiger doet het niet, hij gaat aan en meteen weer uit. Net vandaag bezorgd.",
        ),
        "pl": (
            "przyszedł czajnik z pękniętą obudową",
            "W paczce brakuje ładowarki do hulajnogi, a w opisie była w zestawie.",
        ),
    },
    ("ecommerce", "returns-refunds"): {
        "en": (
            "Can I send back a dress I bought 3 weeks ago? Didn't fit",
            "how long until I get my money back after returning the boots?",
        ),
        "zh": (
            "买的衣服不喜欢，可以退吗？",
            "退貨寄回去已經5天了，錢什麼時候退回來？",
        ),
        "ja": (
            "サイズが合わなかったので返品したいです",
            "送り返してから10日たつけど、まだお金が戻ってきてないです",
        ),
        "ko": (
            "반품 기간이 며칠이에요?",
            "마음에 안 들어서 보내드렸는데 돈 언제 들어와요? 지난주 목요일에 보냈어요",
        ),
        "fr": (
            "Comment obtenir l'étiquette de retour ?",
            "j'ai renvoyé le pull il y a 12 jours et toujours pas remboursé",
        ),
        "es": (
            "¿Puedo devolver unos auriculares si ya los abrí?",
            "no me gustó el color del abrigo y lo quiero mandar de vuelta. tengo que pagar yo el envío?",
        ),
        "de": (
            "Wie lange habe ich Zeit, etwas zurückzuschicken?",
            "Hab die Schuhe vor 2 Wochen zurückgesendet, wann kommt das Geld?",
        ),
        "pt": (
            "quero devolver uma calça que não serviu",
            "Qual o prazo para o dinheiro cair no cartão depois que vocês recebem o produto de volta?",
        ),
        "ru": (
            "Можно вернуть купальник, если снял бирку?",
            "как оформить возврат? куртка не подошла по размеру",
        ),
        "ar": (
            "أريد إرجاع الحذاء لأنه لم يعجبني",
            "متى يصلني المبلغ بعد ما رجعت المنتج؟ أرسلته قبل أسبوع",
        ),
        "vi": (
            "lam sao de tra hang vay? ao khong vua",
            "Mình gửi lại món hàng 1 tuần rồi mà chưa thấy tiền về tài khoản",
        ),
        "th": (
            "ขอคืนสินค้าได้ภายในกี่วันคะ",
            "ส่งของกลับไปแล้วแต่ยังไม่ได้เงินเลยครับ ผ่านมา 2 อาทิตย์แล้ว",
        ),
        "id": (
            "mau retur barang, ukurannya kekecilan",
            "Dana saya kapan masuk ya? Barangnya sudah saya kirim balik tanggal 3.",
        ),
        "it": (
            "Posso restituire un costume da bagno?",
            "ho rispedito le scarpe da 10 giorni, quando arriva il rimborso?",
        ),
        "tr": (
            "iade süresi kaç gün?",
            "Beğenmediğim ceketi geri göndermek istiyorum, kargo etiketini nasıl alırım?",
        ),
        "nl": (
            "Hoe kan ik iets terugsturen?",
            "Ik heb de jas 2 weken geleden teruggestuurd maar nog geen geld op mijn rekening gezien",
        ),
        "pl": (
            "Chcę oddać buty, nie pasują. Jak to zrobić?",
            "kiedy dostanę kasę za odesłaną bluzę?",
        ),
    },
    ("ecommerce", "order-changes"): {
        "en": (
            "I want to cancel the order I placed an hour ago",
            "Can I swap the size on this morning's order from M to L before it goes out?",
        ),
        "zh": (
            "刚下的单能改收货地址吗？还没发货",
            "我想取消訂單，不小心買了兩件",
        ),
        "ja": (
            "注文したスニーカーのサイズを26から27に変えたい",
            "まだ発送前なら注文キャンセルできますか",
        ),
        "ko": (
            "주문 취소하고 싶어요",
            "아직 발송 전이면 색상 블랙에서 네이비로 바꿀 수 있나요?",
        ),
        "fr": (
            "je veux annuler ma commande svp",
            "Est-ce que je peux retirer un article avant l'expédition ? J'ai pris deux fois le même t-shirt",
        ),
        "es": (
            "me equivoqué de dirección al hacer el pedido, se puede cambiar?",
            "¿Cómo anulo una preventa? Reservé la consola para noviembre",
        ),
        "de": (
            "Kann ich die Bestellung noch stornieren?",
            "Hab aus Versehen die falsche Farbe gewählt, lässt sich das noch ändern? Ist noch nicht raus",
        ),
        "pt": (
            "consigo cancelar o pedido de ontem?",
            "Quero trocar o endereço de entrega, me mudei essa semana e a compra ainda não saiu",
        ),
        "ru": (
            "Хочу отменить заказ",
            "можно поменять размер пока не отправили? нужен 42 вместо 40",
        ),
        "ar": (
            "كيف ألغي الطلب؟",
            "أبغى أغير لون الجوال اللي طلبته قبل ما ينشحن",
        ),
        "vi": (
            "cho minh huy don voi",
            "Mình muốn bỏ bớt một món trong đơn vừa đặt được không?",
        ),
        "th": (
            "ยกเลิกออเดอร์ยังไงคะ",
            "เปลี่ยนที่อยู่จัดส่งได้ไหมครับ ของยังไม่ได้ส่งออก",
        ),
        "id": (
            "bisa batalin pesanan ga?",
            "Saya mau ganti ukuran dari L ke XL, barangnya belum dikirim kok",
        ),
        "it": (
            "voglio annullare l'ordine",
            "Posso cambiare l'indirizzo? Il pacco non è ancora partito",
        ),
        "tr": (
            "siparişimi iptal etmek istiyorum",
            "Ön siparişle aldığım kulaklıktan vazgeçtim, ne yapmalıyım?",
        ),
        "nl": (
            "Kan ik mijn bestelling nog annuleren?",
            "ik heb per ongeluk de verkeerde maat gekozen, kan dat nog aangepast worden voor verzending?",
        ),
        "pl": (
            "jak anulować zamówienie?",
            "Czy mogę jeszcze zmienić kolor kurtki? Zamawiałam godzinę temu",
        ),
    },
    ("ecommerce", "payment-methods"): {
        "en": (
            "do you take paypal?",
            "I was charged before the item even shipped? there's a pending £42 on my card",
        ),
        "zh": (
            "可以用支付宝付款吗？",
            "能貨到付款嗎？",
        ),
        "ja": (
            "支払い方法は何がありますか？コンビニ払いはできますか",
            "カードの明細に保留中の請求が出てるけど、いつ確定しますか",
        ),
        "ko": (
            "카카오페이 되나요?",
            "무이자 할부 가능한가요? 3개월로 하고 싶어요",
        ),
        "fr": (
            "Vous acceptez le paiement en 3 fois ?",
            "on m'a bloqué 89 € sur ma carte mais la commande a échoué, c'est normal ?",
        ),
        "es": (
            "¿Se puede pagar contra reembolso?",
            "aceptan Bizum o solo tarjeta?",
        ),
        "de": (
            "Kann ich auf Rechnung zahlen?",
            "Geht Apple Pay bei euch?",
        ),
        "pt": (
            "dá pra pagar no pix?",
            "Posso parcelar em 6x sem juros no cartão?",
        ),
        "ru": (
            "можно оплатить наличными курьеру?",
            "На карте заморозили 3500 рублей, а заказ так и не оформился. Когда спишут или вернут?",
        ),
        "ar": (
            "هل يوجد دفع عند الاستلام؟",
            "تقبلون أبل باي أو تابي؟",
        ),
        "vi": (
            "co thanh toan khi nhan hang khong shop",
            "Mình có thể trả góp qua thẻ tín dụng được không?",
        ),
        "th": (
            "จ่ายผ่านพร้อมเพย์ได้ไหมคะ",
            "บัตรถูกตัดเงินตอนไหนครับ ตอนสั่งหรือตอนส่งของ",
        ),
        "id": (
            "bisa bayar COD?",
            "Apakah bisa transfer bank atau cicilan 0%?",
        ),
        "it": (
            "accettate PayPal?",
            "Ho un addebito in sospeso di 65 euro ma l'ordine non è stato confermato, quando sparisce?",
        ),
        "tr": (
            "kapıda ödeme var mı?",
            "Kredi kartına taksit yapıyor musunuz?",
        ),
        "nl": (
            "Kan ik betalen met iDEAL?",
            "Wanneer wordt het bedrag van mijn creditcard afgeschreven?",
        ),
        "pl": (
            "Czy można zapłacić BLIKiem?",
            "Jest opcja za pobraniem albo kup teraz, zapłać później?",
        ),
    },
    ("ecommerce", "promo-singles-day"): {
        "en": (
            "when does the 11.11 sale start?",
            "Is there a limit on how many I can buy during the Singles' Day event? want 4 of the air fryers",
        ),
        "zh": (
            "双十一活动几号开始？满减可以和优惠券叠加吗？",
            "雙11前買的東西，活動當天降價會退差價嗎？",
        ),
        "ja": (
            "11月11日のセールって何％オフですか？",
            "独身の日のキャンペーン、クーポン併用できますか",
        ),
        "ko": (
            "11.11 빅세일 언제까지예요?",
            "광군제 할인 때 1인당 구매 수량 제한 있나요?",
        ),
        "fr": (
            "C'est quand les promos du 11.11 ?",
            "Acheté un aspirateur le 8 novembre : s'il baisse le jour des célibataires, vous remboursez ?",
        ),
        "es": (
            "¿El descuento del 11.11 es acumulable con cupones?",
            "qué día empieza la promo del Día del Soltero?",
        ),
        "de": (
            "Wie viel Rabatt gibt es am Singles Day?",
            "Gibt's beim 11.11-Sale ein Limit pro Kunde? Wollte 3 Airfryer kaufen",
        ),
        "pt": (
            "a promoção do 11.11 vai até que dia?",
            "Se eu comprar agora e o preço baixar no dia dos solteiros, recebo a diferença?",
        ),
        "ru": (
            "скидки на 11.11 будут?",
            "Можно ли совместить промокод с распродажей 11 ноября?",
        ),
        "ar": (
            "متى تبدأ تخفيضات 11.11؟",
            "هل أقدر أستخدم كوبون الخصم مع عروض يوم العزاب؟",
        ),
        "vi": (
            "sale 11.11 giam bao nhieu phan tram vay shop",
            "Ngày hội độc thân có giới hạn số lượng mua mỗi người không?",
        ),
        "th": (
            "โปร 11.11 ลดกี่เปอร์เซ็นต์คะ",
            "ใช้คูปองร่วมกับส่วนลดวันคนโสดได้ไหมครับ",
        ),
        "id": (
            "promo 11.11 mulai jam berapa kak?",
            "Kalau beli sekarang terus harganya turun pas Hari Jomblo, bisa dapat selisihnya?",
        ),
        "it": (
            "quando iniziano gli sconti dell'11 novembre?",
            "I coupon si possono cumulare con le offerte del Singles' Day?",
        ),
        "tr": (
            "11.11 indirimi ne zaman başlıyor?",
            "Bekarlar günü kampanyasında kişi başı alım sınırı var mı?",
        ),
        "nl": (
            "Hoeveel korting is er met 11.11?",
            "Mag ik mijn kortingscode combineren met de Singles Day actie?",
        ),
        "pl": (
            "Kiedy startuje promocja 11.11?",
            "czy kupony łączą się z rabatem na Dzień Singla?",
        ),
    },
    # ------------------------------------------------------------------ finance
    ("finance", "account-opening"): {
        "en": (
            "what do I need to open an account with you?",
            "Moving here next month on a work visa. Can I become a customer before I have a local address?",
        ),
        "zh": (
            "开户需要带什么证件？",
            "我是留學生，可以在網上開戶嗎？要多久？",
        ),
        "ja": (
            "口座開設に必要な書類を教えてください",
            "ビデオ通話で本人確認するやつ、何分くらいかかりますか",
        ),
        "ko": (
            "외국인도 계좌 만들 수 있나요?",
            "비대면으로 가입하려는데 신분증 말고 또 필요한 서류 있어요?",
        ),
        "fr": (
            "Quels justificatifs pour ouvrir un compte ?",
            "j'ai fait la vérification vidéo hier, il faut combien de temps pour que tout soit actif ?",
        ),
        "es": (
            "¿Puedo abrir una cuenta siendo menor de edad?",
            "hola, quiero hacerme cliente, qué papeles piden? tengo NIE pero no DNI",
        ),
        "de": (
            "Kontoeröffnung online möglich?",
            "Video-Ident abgebrochen, weil mein Ausweis nicht erkannt wurde. Wie geht es jetzt weiter?",
        ),
        "pt": (
            "quais documentos preciso pra abrir conta?",
            "Moro em Portugal há 2 meses, serve a fatura da luz como comprovativo de morada?",
        ),
        "ru": (
            "Как открыть счёт онлайн?",
            "Я нерезидент, могу ли я стать вашим клиентом и какие документы нужны?",
        ),
        "ar": (
            "ما هي المستندات المطلوبة لفتح حساب؟",
            "كم يوم يستغرق التفعيل بعد التحقق بالفيديو؟",
        ),
        "vi": (
            "mo tai khoan can giay to gi vay",
            "Mình mới chuyển đến đây, muốn trở thành khách hàng thì có phải xác minh qua video không?",
        ),
        "th": (
            "เปิดบัญชีต้องใช้เอกสารอะไรบ้างคะ",
            "ชาวต่างชาติสมัครเป็นลูกค้าธนาคารได้ไหมครับ ใช้พาสปอร์ตได้หรือเปล่า",
        ),
        "id": (
            "syarat buka rekening apa aja?",
            "Berapa lama proses verifikasi video sampai bisa dipakai?",
        ),
        "it": (
            "Cosa serve per aprire un conto?",
            "sono studente erasmus, posso diventare cliente con il passaporto e il contratto d'affitto?",
        ),
        "tr": (
            "Hesap açmak için hangi belgeler gerekiyor?",
            "yabancıyım, ikamet iznim var, sizde müşteri olabilir miyim?",
        ),
        "nl": (
            "Kan ik online een rekening openen?",
            "Wat accepteren jullie als bewijs van adres? Ik woon op kamers",
        ),
        "pl": (
            "jak założyć konto?",
            "Czy weryfikacja przez wideo działa z paszportem? Nie mam jeszcze polskiego dowodu.",
        ),
    },
    ("finance", "card-lost-blocked"): {
        "en": (
            "I lost my debit card, please block it",
            "typed the wrong PIN three times at the ATM and now it won't work anywhere",
        ),
        "zh": (
            "银行卡丢了怎么挂失？",
            "我的卡被偷了，能先凍結嗎？",
        ),
        "ja": (
            "キャッシュカードをなくしました",
            "暗証番号を3回間違えたら使えなくなりました",
        ),
        "ko": (
            "카드 분실 신고하려고요",
            "지갑을 잃어버렸는데 재발급은 며칠 걸려요?",
        ),
        "fr": (
            "On m'a volé ma carte bancaire dans le métro, comment faire opposition ?",
            "carte bloquée après 3 codes faux",
        ),
        "es": (
            "perdí la tarjeta, cómo la bloqueo?",
            "Me robaron la cartera esta mañana en el bus. ¿Cuánto tarda en llegar una nueva?",
        ),
        "de": (
            "Karte verloren, bitte sperren!",
            "Habe die PIN dreimal falsch eingegeben, jetzt geht nichts mehr. Was tun?",
        ),
        "pt": (
            "perdi meu cartão",
            "Roubaram minha bolsa com o cartão de débito, consigo bloquear pelo app?",
        ),
        "ru": (
            "Потерял карту, как заблокировать?",
            "ввела неверный пин 3 раза, теперь ничего не проходит",
        ),
        "ar": (
            "فقدت بطاقتي البنكية",
            "سُرقت محفظتي، كيف أوقف البطاقة وأطلب بديلة؟",
        ),
        "vi": (
            "the ngan hang bi mat roi, khoa giup minh",
            "Mình nhập sai mã PIN 3 lần, thẻ bị khóa thì làm sao mở lại?",
        ),
        "th": (
            "บัตรหายค่ะ ต้องอายัดยังไง",
            "กดรหัสผิด 3 ครั้ง ใช้ไม่ได้แล้วครับ",
        ),
        "id": (
            "kartu ATM saya hilang",
            "Dompet saya dicopet tadi pagi, kartunya bisa diblokir sementara dulu?",
        ),
        "it": (
            "ho perso la carta di debito, come la blocco?",
            "Mi hanno rubato il portafoglio, quanto ci vuole per averne una nuova?",
        ),
        "tr": (
            "kartımı kaybettim",
            "Şifreyi 3 kez yanlış girdim, kartım bloke oldu",
        ),
        "nl": (
            "Ik ben mijn pinpas kwijt",
            "Mijn portemonnee is gestolen, hoe blokkeer ik mijn kaart en krijg ik een nieuwe?",
        ),
        "pl": (
            "zgubiłem kartę",
            "Trzy razy zły PIN i nic nie działa, jak to odblokować?",
        ),
    },
    ("finance", "fees"): {
        "en": (
            "how much does it cost to take cash out abroad?",
            "What's the monthly fee for the Premium plan?",
        ),
        "zh": (
            "账户管理费每月多少钱？",
            "在國外刷卡要另外收錢嗎？",
        ),
        "ja": (
            "他行ATMで引き出すといくらかかりますか",
            "海外送金のSWIFT手数料を教えてください",
        ),
        "ko": (
            "계좌 유지 수수료 있나요?",
            "해외에서 카드 쓰면 환전 수수료 몇 퍼센트예요?",
        ),
        "fr": (
            "Combien coûte un virement SWIFT ?",
            "pourquoi j'ai 2,50 € prélevés chaque mois ??",
        ),
        "es": (
            "¿Cuánto cobran por sacar dinero en un cajero de otro banco?",
            "me han cobrado 4€ de mantenimiento este mes, no era gratis la cuenta?",
        ),
        "de": (
            "Was kostet die Kontoführung?",
            "Fallen Gebühren an, wenn ich in Thailand am Automaten Geld abhebe?",
        ),
        "pt": (
            "tem tarifa pra sacar no exterior?",
            "Quanto custa o plano Premium por mês?",
        ),
        "ru": (
            "сколько стоит обслуживание счёта?",
            "Какая комиссия за снятие наличных в банкомате другого банка?",
        ),
        "ar": (
            "كم رسوم السحب من صراف بنك آخر؟",
            "هل يُخصم مني شيء شهرياً على الحساب؟",
        ),
        "vi": (
            "rut tien o cay ATM khac ngan hang mat phi bao nhieu",
            "Chuyển tiền quốc tế qua SWIFT thì mất bao nhiêu ạ?",
        ),
        "th": (
            "ค่าธรรมเนียมรายปีเท่าไหร่คะ",
            "ถอนเงินที่ตู้ต่างประเทศโดนหักกี่บาทครับ",
        ),
        "id": (
            "biaya admin bulanan berapa?",
            "Kena potongan berapa kalau tarik tunai di ATM luar negeri?",
        ),
        "it": (
            "Quanto costa il canone mensile del conto?",
            "Ci sono commissioni sui pagamenti in dollari?",
        ),
        "tr": (
            "Hesap işletim ücreti var mı?",
            "yurt dışında ATM'den para çekince ne kadar kesinti oluyor?",
        ),
        "nl": (
            "Wat kost het Plus-pakket per maand?",
            "Betaal ik extra als ik in het buitenland pin?",
        ),
        "pl": (
            "ile kosztuje prowadzenie konta?",
            "Jaka jest prowizja za wypłatę z bankomatu za granicą?",
        ),
    },
    ("finance", "fraud-reporting"): {
        "en": (
            "there's a £230 payment to some store in Lithuania I never made",
            "Got a call from someone saying they're from your bank asking for my PIN. Was that you?",
        ),
        "zh": (
            "我收到一条短信让我点链接验证账户，是诈骗吗？",
            "帳單上有一筆我沒刷過的消費",
        ),
        "ja": (
            "身に覚えのない引き落としがあります",
            "銀行を名乗る人から電話があり、暗証番号を聞かれました",
        ),
        "ko": (
            "제가 결제하지 않은 내역이 있어요",
            "은행이라고 문자 왔는데 링크 누르라고 해서요. 피싱 맞죠?",
        ),
        "fr": (
            "Je vois un paiement de 179 € chez un marchand que je ne connais pas",
            "j'ai reçu un mail soi-disant de la banque qui me demande mes identifiants, c'est une arnaque ?",
        ),
        "es": (
            "Me llamaron diciendo que eran del banco y me pidieron el código que me llegó por SMS",
            "hay un cargo de 60€ de una web que no conozco, cómo lo reclamo?",
        ),
        "de": (
            "Auf meinem Konto ist eine Abbuchung, die ich nicht kenne",
            "SMS bekommen, mein Konto sei gesperrt und ich soll auf einen Link klicken. Echt oder Fake?",
        ),
        "pt": (
            "apareceu uma compra de R$ 890 que eu não fiz",
            "Alguém ligou se passando pelo banco e pediu minha senha, acabei passando. E agora?",
        ),
        "ru": (
            "Мне звонили якобы из службы безопасности банка и просили код из СМС",
            "списание 4 990 ₽, которое я не совершал",
        ),
        "ar": (
            "في عملية شراء في كشف الحساب ما سويتها",
            "وصلتني رسالة تطلب رقمي السري على أنها من البنك",
        ),
        "vi": (
            "co giao dich la 2 trieu tren tai khoan ma minh khong he lam",
            "Có người gọi xưng là nhân viên ngân hàng hỏi mã OTP của tôi, tôi phải làm gì?",
        ),
        "th": (
            "มีรายการโอนเงินที่ไม่ได้ทำค่ะ",
            "ได้ SMS ให้กดลิงก์ยืนยันบัญชี เป็นมิจฉาชีพหรือเปล่าครับ",
        ),
        "id": (
            "ada transaksi aneh di mutasi rekening saya",
            "Saya ditelepon orang ngaku dari bank minta kode OTP, itu penipuan kan?",
        ),
        "it": (
            "Ho un addebito di 120 euro che non ho fatto io",
            "mi è arrivata una mail dalla banca che chiede di aggiornare i dati con un link, è phishing?",
        ),
        "tr": (
            "hesabımdan benim yapmadığım bir harcama çıkmış",
            "Bankadan arıyoruz deyip şifremi istediler, galiba verdim, ne yapmalıyım?",
        ),
        "nl": (
            "Er staat een afschrijving van €75 die ik niet herken",
            "Ik kreeg een sms dat mijn pas verloopt met een link erin, is dat van jullie?",
        ),
        "pl": (
            "mam na wyciągu płatność, której nie robiłem",
            "Dzwonił ktoś podający się za pracownika banku i chciał mój PIN",
        ),
    },
    ("finance", "transfer-limits"): {
        "en": (
            "What's the max I can transfer in one day?",
            "I need to send €15,000 for a house deposit tomorrow but the app won't let me go over 5k",
        ),
        "zh": (
            "每天转账限额是多少？",
            "匯款到國外要幾天才會到？",
        ),
        "ja": (
            "1日の振込上限を上げたいです",
            "即時送金っていくらまで送れますか",
        ),
        "ko": (
            "이체 한도 늘리고 싶어요",
            "해외송금하면 며칠 걸리나요? 최대 얼마까지 보낼 수 있어요?",
        ),
        "fr": (
            "Quel est le plafond de virement par jour ?",
            "je dois envoyer 8 000 € à mon notaire, l'appli refuse, je fais comment ?",
        ),
        "es": (
            "¿Cuánto puedo transferir al día?",
            "una transferencia que hice el viernes a otro banco todavía no ha llegado, cuánto suele tardar?",
        ),
        "de": (
            "Wie hoch ist das Limit für Echtzeitüberweisungen?",
            "Ich will 12.000 € für ein Auto überweisen, aber es geht nur bis 2.000. Kann man das hochsetzen?",
        ),
        "pt": (
            "qual o limite do pix à noite?",
            "Quanto tempo demora pra cair uma transferência internacional pro Brasil?",
        ),
        "ru": (
            "какой лимит на переводы в день?",
            "Хочу отправить родителям 500 тысяч, приложение не даёт. Как поднять ограничение?",
        ),
        "ar": (
            "ما الحد الأقصى للتحويل اليومي؟",
            "كم يوم يأخذ التحويل الدولي للأردن؟",
        ),
        "vi": (
            "han muc chuyen khoan 1 ngay la bao nhieu",
            "Mình cần gửi 300 triệu để mua xe, làm sao để được gửi nhiều hơn trong ngày?",
        ),
        "th": (
            "โอนเงินได้สูงสุดวันละเท่าไหร่คะ",
            "โอนไปต่างประเทศใช้เวลากี่วันครับ",
        ),
        "id": (
            "limit transfer harian berapa ya?",
            "Saya mau kirim 150 juta buat DP rumah, tapi ditolak terus. Bisa dinaikkan?",
        ),
        "it": (
            "Qual è il limite per i bonifici istantanei?",
            "quanto ci mette un bonifico verso la Germania?",
        ),
        "tr": (
            "günlük havale limiti ne kadar?",
            "EFT limitimi 200 bin TL'ye çıkarabilir miyim, araba alacağım",
        ),
        "nl": (
            "Wat is mijn daglimiet voor overboekingen?",
            "Ik wil 9000 euro overmaken voor een verbouwing maar het lukt niet boven de 2500",
        ),
        "pl": (
            "jaki jest dzienny limit przelewów?",
            "Ile idzie przelew zagraniczny do Wielkiej Brytanii?",
        ),
    },
    # ------------------------------------------------------------------ general
    ("general", "complaints"): {
        "en": (
            "Your staff were rude to me on the phone twice this week and I want that formally on record.",
            "how long does it take for a complaint to be answered?",
        ),
        "zh": (
            "我要投诉你们的服务态度",
            "上個月提出的申訴到現在都沒人處理，要怎麼往上反映？",
        ),
        "ja": (
            "正式に苦情を申し立てたいです",
            "先週伝えた不満、まだ返事がないので上の人に回してもらえますか",
        ),
        "ko": (
            "상담원 태도가 너무 불쾌해서 정식으로 민원 넣고 싶어요",
            "접수한 불만 처리 기간이 보통 얼마나 걸려요?",
        ),
        "fr": (
            "Je souhaite déposer une réclamation officielle",
            "ça fait 3 semaines que j'attends une réponse de votre part, je veux que ça remonte plus haut",
        ),
        "es": (
            "quiero poner una queja formal",
            "Presenté una reclamación hace un mes y nadie me responde. ¿A quién puedo escalarlo?",
        ),
        "de": (
            "Ich möchte mich offiziell beschweren",
            "Wie lange dauert die Bearbeitung? Ich habe vor 10 Tagen wegen des miesen Service geschrieben",
        ),
        "pt": (
            "quero fazer uma reclamação formal do atendimento",
            "Meu caso aberto há 15 dias não foi resolvido, como faço pra escalar isso?",
        ),
        "ru": (
            "Хочу подать жалобу на сотрудника",
            "сколько рассматривается претензия? отправил 2 недели назад",
        ),
        "ar": (
            "أريد تقديم شكوى رسمية على سوء الخدمة",
            "قدمت بلاغ من شهر وما أحد رد علي، كيف أصعّده؟",
        ),
        "vi": (
            "toi muon khieu nai ve thai do nhan vien",
            "Phản ánh của tôi gửi 2 tuần rồi chưa được xử lý, bao lâu mới có kết quả?",
        ),
        "th": (
            "ขอร้องเรียนเรื่องการบริการค่ะ แย่มาก",
            "เรื่องที่แจ้งไปเมื่อเดือนก่อนยังไม่มีใครตอบเลยครับ ต้องส่งเรื่องต่อให้หัวหน้ายังไง",
        ),
        "id": (
            "saya mau komplain resmi soal pelayanan",
            "Keluhan saya sudah 3 minggu tidak ditanggapi, bisa dinaikkan ke atasan?",
        ),
        "it": (
            "Vorrei presentare un reclamo formale",
            "la mia segnalazione di settembre è ancora senza risposta, quanto ci vuole?",
        ),
        "tr": (
            "şikayette bulunmak istiyorum",
            "Başvurum 10 gündür cevapsız, üst birime nasıl iletebilirim?",
        ),
        "nl": (
            "Ik wil een officiële klacht indienen",
            "hoe lang duurt het voordat er op mijn ontevredenheid gereageerd wordt?",
        ),
        "pl": (
            "Chcę złożyć skargę na obsługę",
            "Od miesiąca czekam na odpowiedź w sprawie fatalnej obsługi, gdzie mogę to eskalować?",
        ),
    },
    ("general", "contact-channels"): {
        "en": (
            "what's your phone number?",
            "Is there an email or postal address I can send documents to?",
        ),
        "zh": (
            "客服电话是多少？",
            "有沒有 email 可以聯絡你們？",
        ),
        "ja": (
            "電話番号を教えてください",
            "耳が聞こえないのですが、電話以外で問い合わせる方法はありますか",
        ),
        "ko": (
            "고객센터 전화번호 알려주세요",
            "이메일 주소나 인스타 계정 있나요?",
        ),
        "fr": (
            "Quel est votre numéro de téléphone ?",
            "vous avez une adresse mail ou postale pour envoyer un courrier ?",
        ),
        "es": (
            "¿Tienen número de WhatsApp?",
            "soy sordo, hay algún servicio de relay o videollamada con intérprete?",
        ),
        "de": (
            "Wie erreiche ich euch telefonisch?",
            "Gibt es eine Postanschrift für Briefe?",
        ),
        "pt": (
            "qual o telefone de vocês?",
            "Vocês têm Instagram ou outro canal além desse chat?",
        ),
        "ru": (
            "Дайте номер горячей линии",
            "куда можно написать письмо? есть e-mail?",
        ),
        "ar": (
            "ما رقم خدمة العملاء؟",
            "هل لديكم بريد إلكتروني أو عنوان بريدي؟",
        ),
        "vi": (
            "so dien thoai tong dai la gi",
            "Cho mình xin email hoặc fanpage Facebook để liên hệ với",
        ),
        "th": (
            "ขอเบอร์โทรคอลเซ็นเตอร์ค่ะ",
            "มีอีเมลหรือไลน์ให้ติดต่อไหมครับ",
        ),
        "id": (
            "nomor CS berapa kak?",
            "Ada alamat email atau kantor yang bisa saya kirimi surat?",
        ),
        "it": (
            "Qual è il numero del servizio clienti?",
            "avete un indirizzo email o una pagina Facebook?",
        ),
        "tr": (
            "müşteri hizmetleri numarası nedir?",
            "Size e-posta ile ulaşabilir miyim, adresiniz nedir?",
        ),
        "nl": (
            "Wat is jullie telefoonnummer?",
            "Ik ben slechthorend, kan ik via een tolkdienst of teksttelefoon contact opnemen?",
        ),
        "pl": (
            "Jaki macie numer telefonu?",
            "Na jaki adres mogę wysłać list polecony?",
        ),
    },
    ("general", "human-agent"): {
        "en": (
            "can I talk to a real person please",
            "This bot keeps giving me the same 3 links. Put me through to someone who can actually help.",
        ),
        "zh": (
            "转人工",
            "我不要跟機器人講話，請幫我轉真人客服",
        ),
        "ja": (
            "オペレーターにつないでください",
            "ボットじゃなくて人と話したい",
        ),
        "ko": (
            "상담원 연결해주세요",
            "챗봇 말고 사람이랑 얘기하고 싶어요",
        ),
        "fr": (
            "je veux parler à un conseiller humain",
            "Vous êtes un robot ? Passez-moi quelqu'un de vrai svp",
        ),
        "es": (
            "quiero hablar con una persona",
            "Déjame hablar con un agente, el asistente virtual no entiende lo que le pido",
        ),
        "de": (
            "Mitarbeiter bitte",
            "Kann ich mit einem echten Menschen chatten statt mit dem Bot?",
        ),
        "pt": (
            "quero falar com um atendente humano",
            "para de me mandar link, me passa pra alguém de verdade",
        ),
        "ru": (
            "позовите оператора",
            "Можно живого человека, а не бота?",
        ),
        "ar": (
            "أبي أكلم موظف",
            "هل يمكنني التحدث مع شخص حقيقي بدلاً من الروبوت؟",
        ),
        "vi": (
            "cho minh noi chuyen voi nhan vien that",
            "Tôi muốn gặp tư vấn viên, không phải bot",
        ),
        "th": (
            "ขอคุยกับเจ้าหน้าที่ค่ะ",
            "ไม่อยากคุยกับบอทครับ ขอคนจริงๆ",
        ),
        "id": (
            "mau ngobrol sama CS manusia",
            "Tolong sambungkan ke agen, bot nya muter-muter terus",
        ),
        "it": (
            "voglio parlare con un operatore",
            "Sei un bot? Passami una persona vera per favore",
        ),
        "tr": (
            "canlı temsilciye bağlar mısınız",
            "Robotla değil bir insanla konuşmak istiyorum",
        ),
        "nl": (
            "Kan ik een medewerker spreken?",
            "ik wil geen chatbot, gewoon een echt persoon aub",
        ),
        "pl": (
            "Chcę rozmawiać z konsultantem",
            "połącz mnie z człowiekiem, nie z botem",
        ),
    },
    ("general", "opening-hours"): {
        "en": (
            "are you open on saturdays?",
            "What time does customer service close today? Need to call after work",
        ),
        "zh": (
            "客服几点上班？",
            "聖誕節期間客服有開嗎？",
        ),
        "ja": (
            "土日も対応していますか",
            "年末年始の営業時間を教えてください",
        ),
        "ko": (
            "상담 시간이 어떻게 되나요?",
            "공휴일에도 고객센터 운영해요?",
        ),
        "fr": (
            "Vous êtes ouverts le samedi ?",
            "le service client est joignable jusqu'à quelle heure en semaine ?",
        ),
        "es": (
            "¿Qué horario tiene atención al cliente?",
            "abren el 24 de diciembre?",
        ),
        "de": (
            "Wann seid ihr erreichbar?",
            "Habt ihr an Feiertagen wie Ostermontag geöffnet?",
        ),
        "pt": (
            "qual o horário de atendimento?",
            "Vocês atendem no sábado de manhã?",
        ),
        "ru": (
            "Во сколько вы работаете?",
            "поддержка работает в праздники? 1 января например",
        ),
        "ar": (
            "ما هي ساعات العمل؟",
            "هل خدمة العملاء متاحة يوم الجمعة؟",
        ),
        "vi": (
            "may gio tong dai mo cua",
            "Chủ nhật có hỗ trợ khách hàng không ạ?",
        ),
        "th": (
            "เปิดกี่โมงถึงกี่โมงคะ",
            "ช่วงสงกรานต์ฝ่ายบริการลูกค้าเปิดทำการไหมครับ",
        ),
        "id": (
            "jam operasional CS jam berapa?",
            "Apakah layanan pelanggan tetap buka saat Lebaran?",
        ),
        "it": (
            "Che orari ha il servizio clienti?",
            "siete aperti a Natale o il 26?",
        ),
        "tr": (
            "Çalışma saatleriniz nedir?",
            "Cumartesi günleri müşteri hizmetleri açık mı?",
        ),
        "nl": (
            "Wat zijn jullie openingstijden?",
            "Zijn jullie op tweede kerstdag bereikbaar?",
        ),
        "pl": (
            "W jakich godzinach działa infolinia?",
            "czy w Wigilię jesteście czynni?",
        ),
    },
    ("general", "privacy-data-deletion"): {
        "en": (
            "Please delete all my personal data, I don't want to be a customer anymore",
            "how do I get a copy of everything you store about me?",
        ),
        "zh": (
            "我想要你们删除我的个人信息",
            "請問資料保護長的聯絡方式是什麼？",
        ),
        "ja": (
            "個人情報を削除してほしいです",
            "登録されている住所が古いままなので、私の情報を訂正してほしい",
        ),
        "ko": (
            "제 개인정보 삭제 요청합니다",
            "저에 대해 보관 중인 정보 사본을 받을 수 있나요?",
        ),
        "fr": (
            "Je veux exercer mon droit à l'effacement (RGPD)",
            "comment contacter votre DPO ?",
        ),
        "es": (
            "Quiero que borren mis datos",
            "¿Cómo solicito una copia de lo que tienen guardado sobre mí?",
        ),
        "de": (
            "Bitte löschen Sie alle meine Daten gemäß DSGVO",
            "Wer ist euer Datenschutzbeauftragter?",
        ),
        "pt": (
            "quero que apaguem meus dados",
            "Como peço uma cópia de todas as informações que vocês têm sobre mim?",
        ),
        "ru": (
            "Удалите, пожалуйста, все мои персональные данные",
            "хочу узнать, какую информацию обо мне вы храните, можно получить копию?",
        ),
        "ar": (
            "أرغب في حذف بياناتي الشخصية",
            "كيف أطلب نسخة من المعلومات التي تحتفظون بها عني؟",
        ),
        "vi": (
            "xoa het thong tin ca nhan cua toi di",
            "Tôi muốn sửa lại ngày sinh bị sai trong hồ sơ và biết công ty đang lưu những gì về tôi",
        ),
        "th": (
            "ขอให้ลบข้อมูลส่วนตัวของฉันค่ะ",
            "ขอสำเนาสิ่งที่บริษัทเก็บเกี่ยวกับผมได้ไหมครับ",
        ),
        "id": (
            "tolong hapus data pribadi saya",
            "Siapa petugas pelindungan data di perusahaan ini? Saya mau minta salinan informasi saya.",
        ),
        "it": (
            "Vorrei la cancellazione dei miei dati personali",
            "chi è il vostro DPO? vorrei sapere cosa avete su di me",
        ),
        "tr": (
            "KVKK kapsamında verilerimin silinmesini istiyorum",
            "Hakkımda tuttuğunuz bilgilerin bir kopyasını alabilir miyim?",
        ),
        "nl": (
            "Verwijder al mijn gegevens aub (AVG)",
            "Mijn naam staat verkeerd gespeld in jullie systeem, kan dat gecorrigeerd worden?",
        ),
        "pl": (
            "Proszę o usunięcie moich danych osobowych (RODO)",
            "Jak uzyskać kopię informacji, które o mnie przechowujecie?",
        ),
    },
    # ------------------------------------------------------------------ saas
    ("saas", "api-rate-limits"): {
        "en": (
            "getting 429 Too Many Requests from the API",
            "One-off migration this weekend, we'll need about 5x the usual calls per minute. Possible?",
        ),
        "zh": (
            "接口一直返回429，限流是多少？",
            "我們週末要做資料遷移，可以暫時提高 API 請求上限嗎？",
        ),
        "ja": (
            "APIのレート制限は1分あたり何リクエストですか",
            "急に429エラーが返ってくるようになりました",
        ),
        "ko": (
            "API 호출 제한이 분당 몇 회인가요?",
            "배치 작업 돌리는데 429 에러가 계속 떠요. 일시적으로 올려줄 수 있나요?",
        ),
        "fr": (
            "C'est quoi la limite de requêtes par minute sur l'API ?",
            "on prend des 429 depuis ce matin sur /v2/orders, vous pouvez augmenter temporairement ?",
        ),
        "es": (
            "me devuelve error 429 la api",
            "¿Cuántas peticiones por minuto permite el plan Business?",
        ),
        "de": (
            "API gibt ständig 429 zurück",
            "Wir importieren nächste Woche 2 Mio. Datensätze – kann das Request-Limit kurz hoch?",
        ),
        "pt": (
            "qual o limite de requisições por minuto da API?",
            "Tô tomando HTTP 429 toda hora no endpoint de contatos, tem como aumentar?",
        ),
        "ru": (
            "API возвращает 429, какие лимиты?",
            "Можно временно поднять лимит запросов? У нас миграция на выходных",
        ),
        "ar": (
            "ما هو حد الطلبات في الدقيقة للـ API؟",
            "يظهر لي خطأ 429 عند المزامنة، هل يمكن رفع الحد مؤقتاً؟",
        ),
        "vi": (
            "api bi loi 429 lien tuc",
            "Giới hạn số request mỗi phút của API là bao nhiêu vậy?",
        ),
        "th": (
            "API ตอบกลับ 429 ตลอดเลยครับ",
            "จำกัดจำนวนคำขอ API ต่อนาทีเท่าไหร่คะ ขอเพิ่มชั่วคราวได้ไหม",
        ),
        "id": (
            "API kena 429 terus",
            "Berapa batas request per menit? Kami butuh naik sementara untuk migrasi data minggu depan",
        ),
        "it": (
            "Qual è il rate limit delle API?",
            "continuo a ricevere 429 Too Many Requests dallo script di sincronizzazione",
        ),
        "tr": (
            "API 429 hatası veriyor",
            "Dakikada kaç istek atabiliyoruz? Geçici olarak artırılabilir mi?",
        ),
        "nl": (
            "Wat is de rate limit van jullie API?",
            "We krijgen sinds vanochtend 429-fouten bij het synchroniseren, kan dat tijdelijk omhoog?",
        ),
        "pl": (
            "Jaki jest limit zapytań do API na minutę?",
            "dostajemy 429 przy imporcie, da się to podnieść na kilka dni?",
        ),
    },
    ("saas", "billing-invoices"): {
        "en": (
            "where can I download last month's invoice?",
            "We got charged twice for the annual subscription on 3 March, $588 each time.",
        ),
        "zh": (
            "发票抬头要改成公司名称，怎么改？",
            "這個月訂閱被扣了兩次款",
        ),
        "ja": (
            "請求書をダウンロードしたい",
            "カードの支払いが失敗したとメールが来ました。どうすれば？",
        ),
        "ko": (
            "세금계산서에 사업자번호 추가할 수 있나요?",
            "구독료가 두 번 결제됐어요",
        ),
        "fr": (
            "Comment modifier le numéro de TVA sur mes factures ?",
            "mon paiement a échoué ce mois-ci, je fais comment pour régler ?",
        ),
        "es": (
            "¿Dónde descargo las facturas?",
            "nos cobraron dos veces la suscripción de marzo, 49€ cada una",
        ),
        "de": (
            "Kann ich die Rechnung auf unseren neuen Firmennamen ausstellen lassen?",
            "Abbuchung fehlgeschlagen, Karte abgelaufen – wie aktualisiere ich das?",
        ),
        "pt": (
            "como baixo a nota fiscal?",
            "Fui cobrado duas vezes na assinatura deste mês",
        ),
        "ru": (
            "Где скачать счёт за октябрь?",
            "Нужно поменять название компании и ИНН в счетах",
        ),
        "ar": (
            "كيف أحمل الفاتورة؟",
            "تم خصم الاشتراك مرتين من بطاقتي هذا الشهر",
        ),
        "vi": (
            "lam sao tai hoa don thang truoc",
            "Thanh toán gói tháng này bị lỗi, mình phải làm gì để không bị khóa tài khoản?",
        ),
        "th": (
            "ขอใบกำกับภาษีเดือนที่แล้วค่ะ",
            "โดนตัดเงินค่าสมาชิกซ้ำสองครั้งครับ",
        ),
        "id": (
            "gimana cara download invoice?",
            "Pembayaran langganan gagal padahal saldo kartu cukup",
        ),
        "it": (
            "Come scarico le fatture?",
            "devo cambiare la partita IVA nei documenti, l'azienda ha cambiato ragione sociale",
        ),
        "tr": (
            "faturayı nereden indirebilirim?",
            "Aboneliğim için iki kere ücret çekildi",
        ),
        "nl": (
            "Waar vind ik mijn facturen?",
            "Het btw-nummer op de factuur klopt niet, kan dat aangepast worden?",
        ),
        "pl": (
            "Gdzie pobrać fakturę?",
            "Płatność za subskrypcję się nie udała, co teraz?",
        ),
    },
    ("saas", "data-export"): {
        "en": (
            "how do I export all our workspace data?",
            "We're leaving at the end of the month. How long do you keep our stuff after we cancel?",
        ),
        "zh": (
            "怎么导出工作区的全部数据？",
            "匯出的下載連結過期了，可以重新寄一次嗎？",
        ),
        "ja": (
            "ワークスペースのデータを全部エクスポートしたい",
            "解約後、データはいつまで保存されますか",
        ),
        "ko": (
            "워크스페이스 데이터 전체 내보내기 어떻게 해요?",
            "다운로드 링크가 만료됐다고 나와요. 백업 파일 다시 받을 수 있나요?",
        ),
        "fr": (
            "Comment exporter toutes les données de notre espace ?",
            "on résilie à la fin du mois, vous gardez nos données combien de temps après ?",
        ),
        "es": (
            "quiero sacar todos los datos del workspace antes de darnos de baja",
            "¿Cuánto tiempo guardan la información después de cancelar?",
        ),
        "de": (
            "Wie exportiere ich alle Daten aus unserem Workspace?",
            "Der Download-Link für unser Datenarchiv ist abgelaufen",
        ),
        "pt": (
            "como exportar tudo do workspace?",
            "Depois que cancelar a conta, por quanto tempo vocês guardam os dados?",
        ),
        "ru": (
            "Как выгрузить все данные рабочего пространства?",
            "ссылка на скачивание архива с данными не открывается",
        ),
        "ar": (
            "كيف أصدّر كل بيانات مساحة العمل؟",
            "انتهت صلاحية رابط تنزيل ملف البيانات",
        ),
        "vi": (
            "xuat toan bo du lieu workspace the nao",
            "Sau khi hủy gói, dữ liệu của team được lưu lại bao lâu?",
        ),
        "th": (
            "จะ export ข้อมูลทั้งหมดของ workspace ยังไงคะ",
            "ลิงก์ดาวน์โหลดไฟล์ข้อมูลหมดอายุแล้วครับ",
        ),
        "id": (
            "cara export semua data workspace?",
            "Setelah berhenti langganan, data kami disimpan berapa lama?",
        ),
        "it": (
            "Come esporto tutti i dati del workspace?",
            "il link per scaricare l'archivio dei dati è scaduto",
        ),
        "tr": (
            "çalışma alanındaki tüm verileri nasıl dışa aktarırım?",
            "Aboneliği iptal edersek verilerimiz ne kadar süre saklanır?",
        ),
        "nl": (
            "Hoe exporteer ik alle gegevens van onze workspace?",
            "de downloadlink van het data-archief werkt niet meer",
        ),
        "pl": (
            "jak wyeksportować wszystkie dane z workspace'u?",
            "Ile czasu przechowujecie nasze dane po rezygnacji?",
        ),
    },
    ("saas", "password-2fa"): {
        "en": (
            "forgot my password and the reset email never arrives",
            "Lost my phone with the authenticator app on it, how do I get back in?",
        ),
        "zh": (
            "忘记密码了，重置邮件收不到",
            "換了手機，兩步驗證的驗證碼收不到，登不進去",
        ),
        "ja": (
            "パスワードを忘れました",
            "ログインを何回か失敗したらアカウントがロックされました",
        ),
        "ko": (
            "비밀번호 재설정 메일이 안 와요",
            "2단계 인증 앱 있던 폰을 잃어버렸어요",
        ),
        "fr": (
            "mot de passe oublié",
            "J'ai changé de téléphone et je n'ai plus mon appli d'authentification, comment me reconnecter ?",
        ),
        "es": (
            "no me llega el enlace para restablecer la contraseña",
            "Me bloqueé la cuenta por intentar entrar muchas veces",
        ),
        "de": (
            "Passwort vergessen, was nun?",
            "Wie aktiviere ich die Zwei-Faktor-Authentifizierung für mein Konto?",
        ),
        "pt": (
            "esqueci a senha",
            "Perdi o celular onde tinha o código de 2 fatores, como entro na conta?",
        ),
        "ru": (
            "не приходит письмо для сброса пароля",
            "Аккаунт заблокирован после нескольких неудачных попыток входа",
        ),
        "ar": (
            "نسيت كلمة المرور",
            "غيرت جوالي وما عاد يوصلني رمز التحقق الثنائي",
        ),
        "vi": (
            "quen mat khau roi",
            "Mình bị khóa tài khoản sau khi đăng nhập sai mấy lần, làm sao mở?",
        ),
        "th": (
            "ลืมรหัสผ่านค่ะ",
            "โทรศัพท์หาย แอปยืนยันตัวตนสองขั้นตอนอยู่ในนั้น เข้าระบบไม่ได้เลยครับ",
        ),
        "id": (
            "lupa password",
            "HP saya hilang, aplikasi authenticator-nya di situ. Gimana bisa login lagi?",
        ),
        "it": (
            "Ho dimenticato la password",
            "come faccio ad attivare il login con SSO Google per il team?",
        ),
        "tr": (
            "şifremi unuttum",
            "2 adımlı doğrulama kodları gelmiyor, hesaba giremiyorum",
        ),
        "nl": (
            "wachtwoord vergeten",
            "Ik heb een nieuwe telefoon en mijn authenticator-codes zijn weg",
        ),
        "pl": (
            "Nie pamiętam hasła",
            "konto zablokowane po kilku nieudanych logowaniach",
        ),
    },
    ("saas", "plan-changes"): {
        "en": (
            "how do I upgrade to the Business plan?",
            "We need 4 more seats for new hires. Is that the full month or just the remaining days?",
        ),
        "zh": (
            "怎么降级到基础版？",
            "想取消訂閱，下個月不續費了",
        ),
        "ja": (
            "プランをアップグレードしたい",
            "メンバーを3人追加したら料金は日割りになりますか",
        ),
        "ko": (
            "요금제 다운그레이드 하려고요",
            "구독 해지는 어디서 하나요?",
        ),
        "fr": (
            "Comment passer à la formule supérieure ?",
            "on veut ajouter 2 utilisateurs, c'est facturé au prorata ?",
        ),
        "es": (
            "quiero bajar al plan Starter",
            "¿Cómo doy de baja la suscripción?",
        ),
        "de": (
            "Wie kann ich weitere Lizenzen hinzufügen?",
            "Ich möchte unser Abo kündigen",
        ),
        "pt": (
            "como faço upgrade pro plano Pro?",
            "Quero cancelar a assinatura no fim do mês",
        ),
        "ru": (
            "как перейти на тариф подешевле?",
            "Хотим добавить 5 мест в команду, как считается оплата?",
        ),
        "ar": (
            "كيف أرقي خطتي؟",
            "أريد إلغاء الاشتراك",
        ),
        "vi": (
            "muon nang cap len goi Pro",
            "Thêm 2 thành viên vào nhóm thì tính tiền thế nào?",
        ),
        "th": (
            "อยากอัปเกรดแพ็กเกจค่ะ",
            "ยกเลิกการสมัครสมาชิกยังไงครับ",
        ),
        "id": (
            "mau downgrade paket",
            "Tambah 3 seat pengguna, biayanya prorata atau full sebulan?",
        ),
        "it": (
            "Come faccio a passare al piano Business?",
            "voglio disdire l'abbonamento",
        ),
        "tr": (
            "planımı yükseltmek istiyorum",
            "Ekibe 2 kullanıcı daha eklersek ücret nasıl hesaplanır?",
        ),
        "nl": (
            "Hoe kan ik mijn abonnement opzeggen?",
            "We willen van Team naar Starter, wat gebeurt er met het resterende bedrag?",
        ),
        "pl": (
            "Jak zmienić plan na wyższy?",
            "chcemy dokupić 3 stanowiska, ile to kosztuje do końca okresu?",
        ),
    },
    ("saas", "status-outage"): {
        "en": (
            "is the site down? nothing loads",
            "Dashboard has been spinning for 20 minutes for our whole team. Something going on your end?",
        ),
        "zh": (
            "你们系统是不是挂了？打不开",
            "上週停機兩小時，SLA 可以補償嗎？",
        ),
        "ja": (
            "サービスが落ちてますか？ページが開きません",
            "メンテナンスの予定はどこで確認できますか",
        ),
        "ko": (
            "지금 서비스 장애인가요?",
            "사이트가 아예 안 열려요. 상태 페이지 주소가 뭐예요?",
        ),
        "fr": (
            "Le site ne charge plus chez nous, vous avez une panne ?",
            "on a eu 3h d'indisponibilité mardi, on a droit à un avoir SLA ?",
        ),
        "es": (
            "está caída la plataforma?",
            "¿Dónde veo la página de estado del servicio?",
        ),
        "de": (
            "Ist bei euch gerade eine Störung?",
            "Gibt es diese Woche geplante Wartungsarbeiten?",
        ),
        "pt": (
            "o sistema caiu?",
            "Ficamos 4 horas sem acesso ontem, tem crédito de SLA?",
        ),
        "ru": (
            "у вас что-то упало? не грузится",
            "Где посмотреть статус сервиса и плановые работы?",
        ),
        "ar": (
            "الموقع لا يفتح، هل يوجد عطل؟",
            "هل هناك صيانة مجدولة هذا الأسبوع؟",
        ),
        "vi": (
            "he thong dang bi sap ha?",
            "Ứng dụng không tải được từ sáng, có sự cố gì không?",
        ),
        "th": (
            "ระบบล่มหรือเปล่าคะ เข้าไม่ได้เลย",
            "มีหน้าสถานะระบบให้ดูไหมครับ",
        ),
        "id": (
            "aplikasinya down ya?",
            "Apakah ada jadwal maintenance minggu ini?",
        ),
        "it": (
            "Il servizio è giù? Non carica niente",
            "Martedì siete stati offline per ore, spettano crediti SLA?",
        ),
        "tr": (
            "site çöktü mü?",
            "Planlı bakım ne zaman?",
        ),
        "nl": (
            "Is er een storing? Alles laadt heel traag",
            "Waar vind ik jullie statuspagina?",
        ),
        "pl": (
            "czy macie awarię? nic się nie ładuje",
            "Planowana przerwa techniczna w ten weekend?",
        ),
    },
}

#: messages that ask nothing the knowledge base covers, per language
OFF_TOPIC: dict[str, tuple[str, ...]] = {
    "en": (
        "you're actually pretty helpful lol",
        "how old are you?",
        "who won the game last night?",
        "good night!",
    ),
    "zh": ("你好可爱", "你今年几岁？", "今天台北會下雨嗎？", "晚安"),
    "ja": ("おやすみなさい", "あなたは何ができるの？", "明日の東京の天気は？", "バナナ"),
    "ko": ("몇 살이에요?", "오늘 날씨 어때?", "넌 뭘 할 수 있어?", "잘 자요~"),
    "fr": (
        "t'es trop mignon",
        "Qui a gagné le match du PSG hier ?",
        "qu'est-ce que tu sais faire ?",
        "bonne nuit",
    ),
    "es": ("¿Cuántos años tienes?", "quién ganó el clásico?", "jajaja eres muy simpático", "buenas noches"),
    "de": ("Wie alt bist du?", "Wird es morgen in Berlin regnen?", "Was kannst du alles?", "Kartoffel"),
    "pt": ("você é muito fofo", "quem ganhou o jogo do Flamengo?", "boa noite", "o que você sabe fazer?"),
    "ru": ("сколько тебе лет?", "какая погода завтра в Москве?", "спокойной ночи", "ты классный"),
    "ar": ("كم عمرك؟", "مين فاز بمباراة الهلال؟", "تصبح على خير", "ماذا تستطيع أن تفعل؟"),
    "vi": ("ban bao nhieu tuoi", "Hôm nay Hà Nội có mưa không?", "chúc ngủ ngon", "bạn làm được những gì?"),
    "th": ("น่ารักจัง", "อายุเท่าไหร่คะ", "ราตรีสวัสดิ์", "พรุ่งนี้ฝนตกไหม"),
    "id": ("kamu lucu deh", "umur kamu berapa?", "siapa yang menang bola semalam?", "selamat malam"),
    "it": ("Quanti anni hai?", "chi ha vinto la partita dell'Inter?", "buonanotte", "cosa sai fare?"),
    "tr": ("kaç yaşındasın?", "dün maçı kim kazandı?", "iyi geceler", "sen çok tatlısın"),
    "nl": ("hoe oud ben jij?", "Gaat het morgen regenen in Utrecht?", "wat kun je allemaal?", "welterusten"),
    "pl": ("ile masz lat?", "kto wygrał wczoraj mecz?", "dobranoc", "co potrafisz?"),
}
