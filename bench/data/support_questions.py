"""Customer-support chat messages in 17 languages for the knowledge-retrieval benchmark.

Written on 2026-12-06 by a helper that had not seen the knowledge base's entries or keywords:
it was given only a one-line scope per topic (with the boundaries to neighbouring topics) and
wrote the messages natively in each language, the way customers type in a chat widget, often
describing the situation rather than naming the topic. There are 3 messages per topic and
language (Chinese: 2 in Simplified and 1 in Traditional characters). ``OFF_TOPIC`` holds 4
messages per language that ask nothing the knowledge base covers (greetings, thanks,
chit-chat, off-topic questions).

Used by ``bench/knowledge.py``, which assigns each message to a tuning or a held-out split by a
hash; this file itself has no split.
"""

from __future__ import annotations

# languages in bench.knowledge.LANGS order

#: (business line, topic id) -> language -> messages
QUESTIONS: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    # ------------------------------------------------------------------ ecommerce
    ("ecommerce", "shipping"): {
        "en": (
            "it's been 10 days and still nothing. order #48213",
            "How much is express delivery to Canada and how long does it usually take?",
            "Tracking hasn't updated since Monday, it just says in transit. Is my parcel lost?",
        ),
        "zh": (
            "下单一个多星期了还没收到，订单号 20931847",
            "寄到海外要多少运费？大概几天能到？",
            "物流資訊三天都沒更新了，包裹到底在哪裡？",
        ),
        "ja": (
            "注文してから10日経つのにまだ届きません。注文番号は55102です。",
            "北海道まで送ってもらう場合、送料っていくらかかりますか？",
            "追跡番号で調べても月曜日からずっと同じ表示のままです",
        ),
        "ko": (
            "지난주 월요일에 주문했는데 아직도 안 왔어요. 주문번호 20931이에요",
            "해외로도 보내주시나요? 배송비는 얼마예요?",
            "송장 조회가 3일째 그대로예요. 택배 어디쯤 있는 거죠?",
        ),
        "fr": (
            "Bonjour, j'ai commandé il y a 12 jours et je n'ai toujours rien reçu (commande 77341).",
            "c'est combien la livraison express ?",
            "Le suivi du colis n'a pas bougé depuis lundi, c'est normal ?",
        ),
        "es": (
            "Hola, hice un pedido hace dos semanas y todavía no me ha llegado nada",
            "¿Enviáis a un apartado de correos?",
            "el seguimiento lleva 4 dias sin moverse, ¿qué pasa con mi paquete?",
        ),
        "de": (
            "Wie lange dauert der Versand nach Österreich und was kostet das?",
            "Meine Bestellung 60418 ist immer noch nicht da, laut Mail wurde sie vor 9 Tagen verschickt.",
            "sendungsverfolgung zeigt seit freitag nichts neues",
        ),
        "pt": (
            "Olá, meu pedido 39120 ainda não chegou, já faz 15 dias",
            "quanto fica o frete pra Portugal?",
            "O rastreio tá parado há uma semana no centro de distribuição, o que eu faço?",
        ),
        "ru": (
            "Заказ 81547 до сих пор не пришёл, прошло уже две недели",
            "Сколько стоит экспресс-доставка в Казахстан и сколько дней она идёт?",
            "трек не обновляется с понедельника, где посылка?",
        ),
        "ar": (
            "طلبت من عشرة أيام وما وصلني شي لين الحين، رقم الطلب 55930",
            "كم تكلفة الشحن إلى الإمارات؟ وكم يوم يستغرق؟",
            "التتبع لم يتغير منذ يوم الاثنين، أين طردي؟",
        ),
        "vi": (
            "Đơn 40218 mình đặt 10 ngày rồi mà vẫn chưa nhận được hàng",
            "Giao hàng nhanh mất mấy ngày và phí bao nhiêu ạ?",
            "mã vận đơn không cập nhật từ thứ Hai, hàng của tôi đang ở đâu vậy?",
        ),
        "th": (
            "สั่งของไปตั้งแต่อาทิตย์ที่แล้วยังไม่ได้รับเลยค่ะ",
            "จะส่งของขวัญไปให้ลูกที่ญี่ปุ่น ส่งต่างประเทศได้ไหมคะ ค่าส่งเท่าไหร่",
            "เลขพัสดุไม่อัปเดตมา 4 วันแล้ว ของอยู่ไหนครับ",
        ),
        "id": (
            "Kak, pesanan saya 71820 udah 9 hari belum sampai juga",
            "Ongkir ke Medan berapa ya? Bisa kirim ekspres?",
            "resi nggak ada update sejak Senin, paketnya nyangkut di mana ya?",
        ),
        "it": (
            "Ho ordinato 12 giorni fa e non è ancora arrivato niente, ordine 90311",
            "Quanto costa la spedizione espressa in Svizzera?",
            "il tracking è fermo da lunedì, che succede?",
        ),
        "tr": (
            "Geçen salı sipariş verdim, 10 gün oldu hâlâ gelmedi. Sipariş no 30517",
            "Yurt dışına gönderim yapıyor musunuz, ücreti ne kadar?",
            "Kargo takip pazartesiden beri hiç güncellenmedi, paketim nerede?",
        ),
        "nl": (
            "Mijn bestelling is na 8 dagen nog steeds niet binnen, ordernummer 66102",
            "Wat kost verzending naar België?",
            "track & trace staat al sinds maandag stil, waar blijft mijn pakket?",
        ),
        "pl": (
            "Zamówienie 52914 złożyłem dwa tygodnie temu i dalej nic",
            "Ile kosztuje dostawa ekspresowa do Niemiec?",
            "Śledzenie przesyłki stoi od poniedziałku, co się dzieje z paczką?",
        ),
    },
    ("ecommerce", "damaged-item"): {
        "en": (
            "I bought a set of mugs last Tuesday, the box arrived crushed and two of them are in pieces.",
            "I ordered a blue hoodie in size M and got a grey t-shirt instead",
            "the blender that came yesterday won't turn on at all",
        ),
        "zh": (
            "收到的杯子碎了，外箱也被压扁了",
            "发错货了，我买的是黑色耳机，收到的是一个白色充电器",
            "打開箱子發現少了一個零件，椅子沒辦法組裝",
        ),
        "ja": (
            "届いたお皿が割れていました。箱もへこんでいます。",
            "注文したものと違う商品が入っていました",
            "昨日届いたドライヤー、コンセントに挿してスイッチを入れても全然動きません",
        ),
        "ko": (
            "택배 받아서 열어보니 컵이 깨져 있었어요. 상자도 찌그러져 있고요",
            "주문한 거랑 다른 상품이 왔어요. 색상도 다르고요",
            "어제 받은 청소기가 아예 작동을 안 해요",
        ),
        "fr": (
            "Le colis est arrivé tout écrasé et le vase à l'intérieur est cassé",
            "J'ai reçu un article qui n'est pas celui que j'ai commandé",
            "Il manque une vis dans le carton, impossible de monter l'étagère.",
        ),
        "es": (
            "Me llegó la lámpara rota, con la pantalla rajada",
            "El paquete venía abierto y falta uno de los dos auriculares",
            "La cafetera que recibí ayer no enciende, ya probé con otro enchufe",
        ),
        "de": (
            "Der Karton war eingedrückt und die Tasse darin ist zerbrochen.",
            "Ich habe einen falschen Artikel bekommen, bestellt war eine schwarze Jacke.",
            "Das Ladegerät funktioniert nicht, gerade erst ausgepackt",
        ),
        "pt": (
            "Chegou o produto quebrado, a tela tá toda rachada",
            "veio a cor errada, pedi azul e chegou verde",
            "Abri a caixa e faltava uma peça do berço, não tem como montar",
        ),
        "ru": (
            "Посылка пришла помятая, кружка внутри разбита",
            "Прислали не тот товар, я заказывала синее платье, а пришло красное",
            "чайник не включается, только что распаковал",
        ),
        "ar": (
            "وصلني الطلب والكوب مكسور والعلبة مضغوطة",
            "طلبت شاحن أبيض ووصلني غطاء جوال أسود، مو هذا اللي طلبته",
            "الخلاط ما يشتغل أبداً من أول يوم",
        ),
        "vi": (
            "Hàng giao tới bị vỡ, hộp thì móp hết",
            "Shop giao nhầm màu rồi, mình đặt màu đen mà nhận màu trắng",
            "máy sấy tóc nhận hôm qua bật không lên",
        ),
        "th": (
            "ได้รับของแล้วแต่แก้วแตกค่ะ กล่องบุบด้วย",
            "ส่งของผิดมาครับ ผมสั่งสีดำแต่ได้สีขาว",
            "พัดลมที่ได้มาเมื่อวานเปิดไม่ติดเลย ลองเปลี่ยนปลั๊กแล้วก็ไม่ได้",
        ),
        "id": (
            "Barangnya nyampe dalam keadaan pecah, kardusnya penyok",
            "Kok yang dikirim beda sama yang saya pesan? Saya pesan ukuran 42, yang datang 39",
            "blender yang baru datang nggak mau nyala sama sekali",
        ),
        "it": (
            "Il pacco è arrivato schiacciato e la tazza dentro è rotta",
            "Mi avete mandato l'articolo sbagliato: avevo ordinato la taglia L, non la S",
            "Nella scatola manca un pezzo, non riesco a montare il tavolo",
        ),
        "tr": (
            "Ürün kırık geldi, kutu da ezilmişti",
            "Yanlış ürün gönderilmiş, ben siyah sipariş ettim beyaz geldi",
            "Aldığım kulaklık hiç çalışmıyor, ses gelmiyor",
        ),
        "nl": (
            "De doos was ingedeukt en de mok is in stukken",
            "Ik heb een ander artikel ontvangen dan ik besteld had",
            "de stofzuiger die gisteren kwam doet het niet, hij gaat niet eens aan",
        ),
        "pl": (
            "Paczka przyszła zgnieciona, a kubek w środku jest rozbity",
            "Dostałem nie ten produkt, który zamawiałem",
            "w zestawie brakuje jednej śrubki, nie da się złożyć szafki",
        ),
    },
    ("ecommerce", "returns-refunds"): {
        "en": (
            "Can I send back a dress I just don't like? I bought it 2 weeks ago.",
            "how do I get a return label",
            "I posted the shoes back 10 days ago, when will I see the money?",
        ),
        "zh": (
            "衣服尺码不合适，可以退货吗？",
            "寄回去的包裹你们已经签收了，钱什么时候能回到我卡上？",
            "請問退貨期限是幾天？貼身衣物可以退嗎？",
        ),
        "ja": (
            "先週買ったスニーカー、サイズが合わなかったので返品したいです",
            "商品を送り返して一週間たちますが、お金がまだ戻ってきません",
            "返送用のラベルはどこでもらえますか",
        ),
        "ko": (
            "마음에 안 들어서 반품하고 싶은데 며칠 안에 해야 하나요?",
            "물건 돌려보낸 지 일주일 됐는데 돈은 언제 들어와요?",
            "세일 상품도 반품 돼요?",
        ),
        "fr": (
            "Je voudrais retourner une paire de chaussures, finalement elles ne me plaisent pas",
            "J'ai renvoyé le colis il y a 10 jours et je ne vois toujours rien sur mon compte",
            "on a combien de temps pour renvoyer un article ?",
        ),
        "es": (
            "Quiero devolver una camiseta que no me queda bien",
            "Mandé el paquete de vuelta hace una semana y el dinero todavía no aparece en mi cuenta",
            "¿Dónde consigo la etiqueta para la devolución?",
        ),
        "de": (
            "Kann ich eine Jacke zurückschicken, wenn sie mir einfach nicht gefällt?",
            "Ich habe das Paket vor 10 Tagen zurückgeschickt, wann bekomme ich mein Geld?",
            "wie lange hab ich zeit für eine Rücksendung",
        ),
        "pt": (
            "Quero devolver uma blusa que não serviu",
            "Já mandei o produto de volta, quando cai o dinheiro?",
            "Qual o prazo pra devolução? Comprei há 20 dias",
        ),
        "ru": (
            "Можно вернуть куртку, если она просто не подошла?",
            "Отправил товар обратно неделю назад, когда вернут деньги?",
            "Где взять этикетку для возврата?",
        ),
        "ar": (
            "أبغى أرجع فستان ما عجبني، هل ممكن؟",
            "أرسلت لكم الفستان من أسبوع وإلى الآن ما نزل المبلغ في حسابي",
            "كم يوم مسموح للإرجاع؟ وهل الملابس الداخلية تنرجع؟",
        ),
        "vi": (
            "Mình muốn trả lại cái áo vì mặc không vừa, được không shop?",
            "gửi hàng về cho shop 1 tuần rồi khi nào mới nhận lại tiền?",
            "Đồ lót có được đổi trả không ạ?",
        ),
        "th": (
            "ขอคืนสินค้าได้ไหมคะ ใส่แล้วไม่ชอบ",
            "ส่งของกลับไปอาทิตย์นึงแล้ว เงินยังไม่เข้าเลยครับ",
            "คืนของได้ภายในกี่วัน",
        ),
        "id": (
            "Bisa retur nggak kalau bajunya kekecilan?",
            "Saya sudah kirim balik barangnya minggu lalu, kapan uangnya masuk lagi?",
            "Label pengembalian dapatnya di mana?",
        ),
        "it": (
            "Vorrei restituire un paio di scarpe che non mi piacciono",
            "Ho rispedito il pacco 10 giorni fa e i soldi non li vedo ancora",
            "entro quanti giorni posso fare il reso?",
        ),
        "tr": (
            "Geçen hafta aldığım montu beğenmedim, iade edebilir miyim?",
            "Ürünü geri gönderdim, param ne zaman hesabıma yatar?",
            "İade süresi kaç gün? İndirimli ürünler de iade ediliyor mu?",
        ),
        "nl": (
            "Ik wil een jas terugsturen, hij past niet",
            "Het pakket is vorige week weer naar jullie gegaan, wanneer krijg ik mijn geld?",
            "hoe kom ik aan een retourlabel",
        ),
        "pl": (
            "Chcę zwrócić buty, bo jednak mi się nie podobają",
            "Odesłałam paczkę tydzień temu, kiedy dostanę pieniądze?",
            "Ile mam dni na oddanie towaru?",
        ),
    },
    ("ecommerce", "order-changes"): {
        "en": (
            "I need to cancel order 58213, I placed it by mistake",
            "Can I still switch the size from M to L? I only ordered an hour ago",
            "I put my old address on the order. It hasn't gone out yet, can you fix it?",
        ),
        "zh": (
            "刚下的单能取消吗？拍错了",
            "订单还没发货，能帮我把颜色改成白色吗",
            "預購的商品可以先取消嗎？",
        ),
        "ja": (
            "さっきの注文をキャンセルしたいです",
            "まだ発送前なら、届け先の住所を変更できますか？",
            "注文した3点のうち1点だけ取り消せますか",
        ),
        "ko": (
            "방금 주문했는데 실수로 같은 걸 두 번 시켰어요. 하나 취소해 주세요",
            "아직 발송 전이면 사이즈 M에서 L로 바꿀 수 있나요?",
            "예약 주문한 건데 배송지 변경 가능해요?",
        ),
        "fr": (
            "Je souhaite annuler ma commande 44120, passée ce matin",
            "Est-ce que je peux changer la couleur avant l'expédition ?",
            "je me suis trompé d'adresse en commandant, c'est encore modifiable ?",
        ),
        "es": (
            "Quiero anular el pedido que hice hace una hora",
            "¿Puedo quitar un artículo del pedido antes de que lo enviéis?",
            "Me equivoqué de talla, ¿se puede cambiar si aún no ha salido?",
        ),
        "de": (
            "Ich möchte meine Bestellung stornieren",
            "Kann ich die Lieferadresse noch ändern? Die Bestellung ist noch nicht versandt.",
            "Habe aus Versehen zwei Stück bestellt, kann man eins rausnehmen?",
        ),
        "pt": (
            "Quero cancelar meu pedido, comprei errado",
            "Dá pra trocar o tamanho antes de enviar?",
            "Consigo alterar o endereço de entrega do pedido 20487? Ainda não foi despachado",
        ),
        "ru": (
            "Хочу отменить заказ 30219, оформил по ошибке",
            "Можно поменять размер, пока заказ ещё не отправлен?",
            "Я переезжаю, а заказ ещё не отправлен. Как изменить адрес доставки?",
        ),
        "ar": (
            "أبي ألغي الطلب، طلبته بالغلط",
            "هل أقدر أغير المقاس قبل ما يتم الشحن؟",
            "أريد تعديل العنوان في طلبي رقم 88214",
        ),
        "vi": (
            "Mình muốn hủy đơn vừa đặt",
            "Đơn chưa giao thì đổi size được không ạ?",
            "cho mình sửa lại địa chỉ nhận hàng với, lúc đặt ghi nhầm rồi",
        ),
        "th": (
            "ขอยกเลิกคำสั่งซื้อค่ะ กดผิด",
            "ยังไม่ได้ส่งของใช่ไหมคะ ขอเปลี่ยนไซส์ได้ไหม",
            "สินค้าพรีออเดอร์ยกเลิกได้ไหมครับ",
        ),
        "id": (
            "Mau batalin pesanan yang barusan saya buat",
            "Bisa ganti warna nggak? Pesanannya kan belum dikirim",
            "Alamatnya salah ketik, tolong diubah sebelum dikirim ya",
        ),
        "it": (
            "Vorrei annullare l'ordine 71093, ho trovato lo stesso prodotto in negozio",
            "Posso cambiare taglia prima che venga spedito?",
            "Ho sbagliato indirizzo nell'ordine, si può ancora modificare?",
        ),
        "tr": (
            "Siparişimi iptal etmek istiyorum",
            "Kargoya verilmeden bedeni değiştirebilir miyim?",
            "Ön sipariş verdiğim ürünü iptal edebilir miyim?",
        ),
        "nl": (
            "Ik wil mijn bestelling annuleren",
            "Kan ik het afleveradres nog aanpassen? Het is nog niet verzonden.",
            "kan ik één artikel uit mijn bestelling halen?",
        ),
        "pl": (
            "Chcę anulować zamówienie, pomyliłem się",
            "Czy mogę zmienić rozmiar, zanim paczka zostanie wysłana?",
            "Jak zmienić adres dostawy w zamówieniu 61502?",
        ),
    },
    ("ecommerce", "payment-methods"): {
        "en": (
            "Do you take PayPal?",
            "Is there a way to pay in instalments? The sofa is a bit pricey",
            "There's a pending $84.90 on my card, when do you actually take the money?",
        ),
        "zh": (
            "可以用支付宝付款吗？",
            "能分期付款吗？",
            "信用卡顯示有一筆待處理的金額，什麼時候才會真正扣款？",
        ),
        "ja": (
            "代引きは使えますか？",
            "Apple Payで支払えますか",
            "カードに仮押さえの金額が表示されていますが、いつ確定しますか？",
        ),
        "ko": (
            "무통장 입금도 되나요?",
            "노트북 사려는데 12개월 할부 결제 가능한가요?",
            "카드 승인 대기 중으로 떠 있는데 언제 실제로 결제되나요?",
        ),
        "fr": (
            "Vous acceptez le paiement en 3 fois ?",
            "Peut-on payer par PayPal ou seulement par carte ?",
            "Quand est-ce que ma carte est débitée, à la commande ou à l'expédition ?",
        ),
        "es": (
            "¿Se puede pagar contra reembolso?",
            "¿Aceptáis Bizum o solo tarjeta?",
            "Me aparece un cargo pendiente en la tarjeta, ¿cuándo se cobra de verdad?",
        ),
        "de": (
            "Kann ich auf Rechnung bezahlen? Ich habe keine Kreditkarte",
            "Nehmt ihr Apple Pay?",
            "Wann wird meine Kreditkarte belastet, bei Bestellung oder beim Versand?",
        ),
        "pt": (
            "Vocês aceitam Pix?",
            "Dá pra parcelar no cartão?",
            "Apareceu uma cobrança pendente no meu cartão, quando ela é confirmada?",
        ),
        "ru": (
            "Можно оплатить при получении?",
            "Принимаете оплату через Apple Pay?",
            "На карте заморожена сумма 3490 рублей, когда её спишут?",
        ),
        "ar": (
            "هل يوجد الدفع عند الاستلام؟",
            "تقبلون آبل باي؟",
            "الكنبة غالية شوي، هل أقدر أقسّط المبلغ على عدة دفعات؟",
        ),
        "vi": (
            "Shop có nhận thanh toán khi nhận hàng (COD) không?",
            "Trả góp qua thẻ tín dụng được không?",
            "Khi nào thì tiền bị trừ trong thẻ, lúc đặt hay lúc giao?",
        ),
        "th": (
            "เก็บเงินปลายทางได้ไหมคะ",
            "ผ่อนชำระได้ไหมครับ",
            "จ่ายด้วยการโอนเงินเข้าบัญชีได้หรือเปล่า",
        ),
        "id": (
            "Bisa bayar COD nggak?",
            "Bisa cicilan pakai kartu kredit?",
            "Ada tagihan pending di kartu saya, kapan dipotong beneran?",
        ),
        "it": (
            "Accettate PayPal?",
            "Si può pagare a rate con Klarna?",
            "Quando viene addebitato l'importo sulla carta?",
        ),
        "tr": (
            "Kapıda ödeme var mı?",
            "Telefonu 6 taksitle almak istiyorum, taksit yapıyor musunuz?",
            "Kartımda provizyon görünüyor, ne zaman çekilecek?",
        ),
        "nl": (
            "Kan ik betalen met iDEAL?",
            "Kan ik achteraf betalen, bijvoorbeeld met Klarna?",
            "Er staat een reservering op mijn creditcard, wanneer wordt het echt afgeschreven?",
        ),
        "pl": (
            "Czy mogę zapłacić BLIKIEM?",
            "Jest możliwość płatności przy odbiorze?",
            "Na karcie mam zablokowaną kwotę 249 zł, kiedy zostanie pobrana?",
        ),
    },
    ("ecommerce", "promo-singles-day"): {
        "en": (
            "When does the 11.11 sale start?",
            "Can I stack a coupon on top of the Singles' Day discount?",
            "If I buy something now and the price drops on 11 November, do I get the difference back?",
        ),
        "zh": (
            "11月11号那天下单有什么优惠？折扣多少？",
            "双11的优惠券可以叠加使用吗？",
            "雙十一有限購嗎？一個人最多能買幾件？",
        ),
        "ja": (
            "11.11のセールはいつからですか？",
            "独身の日セールでクーポンは併用できますか",
            "今買って、11月11日に値下がりしたら差額は返金されますか？",
        ),
        "ko": (
            "11.11 세일 언제 시작해요?",
            "광군제 할인에 쿠폰 중복 적용 되나요?",
            "11월 11일 행사 때 1인당 구매 수량 제한 있나요?",
        ),
        "fr": (
            "Les promos du 11.11 commencent quand ?",
            "Est-ce que je peux cumuler mon code promo avec la réduction du Singles' Day ?",
            "J'ai acheté un sac le 5 novembre, s'il baisse le 11, vous remboursez la différence ?",
        ),
        "es": (
            "¿Cuándo empieza la oferta del 11.11?",
            "¿Los cupones se acumulan con el descuento del Día del Soltero?",
            "¿Hay un límite de unidades por persona en las rebajas del 11 de noviembre?",
        ),
        "de": (
            "Wann startet der 11.11.-Sale?",
            "Gibt es am 11. November wieder Rabatte, und wie hoch?",
            "Kann ich meinen Gutschein mit den Singles-Day-Preisen kombinieren?",
        ),
        "pt": (
            "Quando começa a promoção do 11.11?",
            "Dá pra juntar cupom com o desconto do Dia dos Solteiros?",
            "Se eu comprar agora e o preço baixar no dia 11/11, vocês devolvem a diferença?",
        ),
        "ru": (
            "Когда начинается распродажа 11.11?",
            "Скидка на 11 ноября суммируется с промокодом?",
            "Есть ли ограничение на количество товаров в одни руки в День холостяков?",
        ),
        "ar": (
            "متى تبدأ تخفيضات 11.11؟",
            "هل أقدر أستخدم كوبون مع خصم يوم العزاب؟",
            "كم نسبة الخصم في عرض 11 نوفمبر؟",
        ),
        "vi": (
            "Sale 11.11 bắt đầu từ ngày nào vậy shop?",
            "Mã giảm giá có dùng chung với khuyến mãi ngày độc thân không?",
            "Mua bây giờ mà đến 11/11 giảm giá thì có được hoàn chênh lệch không?",
        ),
        "th": (
            "โปร 11.11 เริ่มวันไหนคะ",
            "ใช้คูปองร่วมกับส่วนลด 11.11 ได้ไหม",
            "ช่วงเซล 11 พฤศจิกา จำกัดจำนวนซื้อต่อคนไหมครับ",
        ),
        "id": (
            "Promo 11.11 mulai tanggal berapa?",
            "Voucher bisa digabung sama diskon 11.11 nggak?",
            "Kalau saya beli sekarang terus harganya turun pas tanggal 11 November, selisihnya dikembalikan?",
        ),
        "it": (
            "Quando iniziano gli sconti dell'11.11?",
            "Il coupon si può sommare allo sconto del Singles' Day?",
            "c'è un limite di pezzi per cliente durante la promo dell'11 novembre?",
        ),
        "tr": (
            "11.11 indirimleri ne zaman başlıyor?",
            "Kuponlar 11.11 indirimiyle birleşiyor mu?",
            "11 Kasım kampanyasında kişi başı alım sınırı var mı?",
        ),
        "nl": (
            "Wanneer begint de 11.11 sale?",
            "Kan ik mijn kortingscode combineren met de Singles' Day korting?",
            "Als ik nu koop en het wordt op 11 november goedkoper, krijg ik dan het verschil terug?",
        ),
        "pl": (
            "Kiedy zaczyna się wyprzedaż 11.11?",
            "Czy kupony łączą się z rabatem na Dzień Singla?",
            "Jaka będzie zniżka 11 listopada?",
        ),
    },
    # ------------------------------------------------------------------ finance
    ("finance", "account-opening"): {
        "en": (
            "What documents do I need to open an account?",
            "Can I do the whole thing online with a video call, or do I have to come into a branch?",
            "I just moved here from Brazil and don't have a utility bill yet. Can I still become a customer?",
        ),
        "zh": (
            "开户需要带什么证件？",
            "我是外国留学生，可以成为你们银行的客户吗？",
            "線上開戶大概要多久才能完成？",
        ),
        "ja": (
            "口座開設に必要な書類を教えてください",
            "ビデオ通話での本人確認はできますか？",
            "大学生でも口座って作れますか？親の同意は必要ですか",
        ),
        "ko": (
            "계좌 개설하려면 뭐가 필요해요?",
            "한국에 온 지 3개월 된 외국인인데 통장 만들 수 있나요?",
            "비대면으로 신청하면 며칠 걸려요?",
        ),
        "fr": (
            "Quels justificatifs faut-il pour ouvrir un compte ?",
            "Je n'ai aucune facture à mon nom, comment je prouve mon adresse pour devenir client ?",
            "L'identification par vidéo prend combien de temps ?",
        ),
        "es": (
            "¿Qué necesito para abrir una cuenta?",
            "Soy extranjero y tengo NIE, ¿puedo hacerme cliente?",
            "¿Cuánto tarda en estar activa una cuenta nueva?",
        ),
        "de": (
            "Welche Unterlagen brauche ich für die Kontoeröffnung?",
            "Kann ich das Video-Ident auch am Wochenende machen?",
            "Ich bin 17, darf ich schon ein Girokonto bei euch haben?",
        ),
        "pt": (
            "Quais documentos preciso pra abrir conta?",
            "Posso virar cliente sendo estrangeiro?",
            "Quanto tempo demora pra aprovar o cadastro da conta nova?",
        ),
        "ru": (
            "Какие документы нужны, чтобы открыть счёт?",
            "Можно стать клиентом банка, если у меня только вид на жительство?",
            "Сколько времени занимает открытие счёта онлайн?",
        ),
        "ar": (
            "ما هي المستندات المطلوبة لفتح حساب؟",
            "هل يمكن للمقيم الأجنبي فتح حساب عندكم؟",
            "كم يوم ياخذ تفعيل الحساب الجديد لو سجلت من التطبيق؟",
        ),
        "vi": (
            "Mở tài khoản cần giấy tờ gì ạ?",
            "Người nước ngoài có đăng ký làm khách hàng được không?",
            "Xác thực qua video mất bao lâu vậy?",
        ),
        "th": (
            "เปิดบัญชีต้องใช้เอกสารอะไรบ้างคะ",
            "ชาวต่างชาติสมัครเป็นลูกค้าได้ไหมครับ",
            "สมัครผ่านแอปใช้เวลากี่วันถึงจะใช้บัญชีได้",
        ),
        "id": (
            "Syarat buka rekening apa aja ya?",
            "WNA bisa jadi nasabah di sini?",
            "Verifikasi video call-nya berapa lama?",
        ),
        "it": (
            "Che documenti servono per aprire un conto?",
            "Posso fare tutto online con il riconoscimento via video?",
            "Sono residente all'estero, posso diventare vostro cliente?",
        ),
        "tr": (
            "Hesap açmak için hangi belgeler gerekiyor?",
            "Yabancı uyrukluyum, oturma iznim var. Hesap açabilir miyim?",
            "Görüntülü görüşmeyle müşteri olmak ne kadar sürüyor?",
        ),
        "nl": (
            "Welke documenten heb ik nodig om een rekening te openen?",
            "Kan ik als student bij jullie klant worden?",
            "Hoe lang duurt het voordat mijn nieuwe rekening actief is?",
        ),
        "pl": (
            "Jakie dokumenty są potrzebne do założenia konta?",
            "Czy obcokrajowiec może zostać waszym klientem?",
            "Ile trwa weryfikacja przez wideo? Chciałbym mieć konto jeszcze w tym tygodniu",
        ),
    },
    ("finance", "card-lost-blocked"): {
        "en": (
            "I lost my debit card, please block it",
            "My wallet was stolen on the train last night and my card was in it. What do I do?",
            "I typed the wrong PIN three times and now the card doesn't work",
        ),
        "zh": ("银行卡丢了，怎么挂失？", "输错三次密码，卡被锁了怎么办", "錢包被偷了，卡要怎麼補辦？"),
        "ja": (
            "キャッシュカードをなくしました。すぐ止めてください",
            "暗証番号を3回間違えてカードが使えなくなりました",
            "再発行したカードはいつ届きますか",
        ),
        "ko": (
            "카드 분실했어요 정지해 주세요",
            "비밀번호 세 번 틀려서 카드가 막혔어요",
            "지갑을 도난당했는데 카드 재발급은 어떻게 하나요?",
        ),
        "fr": (
            "J'ai perdu ma carte bancaire, comment faire opposition ?",
            "On m'a volé mon sac hier soir avec ma carte dedans",
            "Code faux 3 fois, la carte est bloquée",
        ),
        "es": (
            "He perdido la tarjeta, ¿cómo la bloqueo?",
            "Me robaron la cartera en el metro con la tarjeta dentro",
            "metí mal el PIN tres veces y ahora no me deja pagar con la tarjeta",
        ),
        "de": (
            "Ich habe meine Karte verloren, bitte sofort sperren",
            "Karte wurde mir geklaut, gesperrt ist sie schon. Wie lange dauert es bis die Ersatzkarte kommt?",
            "PIN dreimal falsch eingegeben, Karte geht nicht mehr",
        ),
        "pt": (
            "Perdi meu cartão, como bloqueio?",
            "Roubaram minha carteira com o cartão dentro",
            "errei a senha 3 vezes no caixa e o cartão foi bloqueado",
        ),
        "ru": (
            "Потерял карту, как её заблокировать?",
            "У меня украли кошелёк с картой",
            "Три раза ввела неправильный ПИН, теперь карта не работает",
        ),
        "ar": (
            "ضاعت بطاقتي البنكية، كيف أوقفها؟",
            "انسرقت محفظتي وفيها البطاقة",
            "أدخلت الرقم السري غلط ثلاث مرات وانقفلت البطاقة",
        ),
        "vi": (
            "Mình làm mất thẻ ATM, khóa thẻ giúp mình với",
            "Bị móc túi mất ví, trong đó có cả thẻ ngân hàng",
            "nhập sai mã PIN 3 lần thẻ bị khóa rồi",
        ),
        "th": (
            "บัตรหายค่ะ ต้องอายัดยังไง",
            "กระเป๋าตังค์โดนขโมย บัตรอยู่ในนั้นด้วย",
            "ใส่รหัสผิดสามครั้ง บัตรใช้ไม่ได้แล้ว",
        ),
        "id": (
            "Kartu ATM saya hilang, mohon diblokir",
            "Dompet saya kecopetan, ada kartu debitnya",
            "Salah PIN 3 kali, kartu terblokir, gimana bukanya?",
        ),
        "it": (
            "Ho perso la carta, come faccio a bloccarla?",
            "Mi hanno rubato il portafoglio con dentro il bancomat",
            "Dopo tre PIN sbagliati la carta non funziona più",
        ),
        "tr": (
            "Kartımı kaybettim, nasıl kapattırabilirim?",
            "Cüzdanım çalındı, içinde banka kartım vardı",
            "Şifreyi 3 kez yanlış girdim, kart bloke oldu",
        ),
        "nl": (
            "Ik ben mijn pinpas kwijt, kunnen jullie hem blokkeren?",
            "Mijn portemonnee is gestolen met mijn bankpas erin",
            "Drie keer de verkeerde pincode ingetoetst, pas werkt niet meer",
        ),
        "pl": (
            "Zgubiłem kartę, jak ją zastrzec?",
            "Ukradli mi wczoraj portfel w tramwaju, była w nim karta",
            "Trzy razy wpisałam zły PIN i karta jest zablokowana",
        ),
    },
    ("finance", "fees"): {
        "en": (
            "How much do you charge for taking cash out at another bank's ATM?",
            "What's the monthly fee for the premium account?",
            "I paid in dollars on holiday last week, will there be an extra charge for that?",
        ),
        "zh": ("账户管理费每个月多少钱？", "在国外的ATM取钱会额外扣钱吗？", "國際匯款的SWIFT手續費是多少？"),
        "ja": (
            "口座維持手数料はかかりますか？",
            "他行のATMで下ろすと、いくら引かれますか",
            "海外でカードを使うと為替の手数料は何％取られますか",
        ),
        "ko": (
            "계좌 유지 수수료 있어요?",
            "다른 은행 ATM에서 출금하면 수수료 얼마예요?",
            "해외 결제하면 몇 퍼센트 더 나가나요?",
        ),
        "fr": (
            "Combien coûte le compte par mois ?",
            "Il y a des frais si je retire de l'argent dans un autre distributeur ?",
            "Vous prenez combien pour un virement SWIFT hors zone euro ?",
        ),
        "es": (
            "¿Cuánto cuesta el mantenimiento de la cuenta?",
            "¿Me cobráis comisión por sacar dinero en cajeros de otros bancos?",
            "Pagué en libras en Londres, ¿me vais a cobrar algo por el cambio de divisa?",
        ),
        "de": (
            "Was kostet das Girokonto im Monat?",
            "Fallen Gebühren an, wenn ich im Ausland Geld abhebe?",
            "Welche Kontomodelle gibt es und was kosten die?",
        ),
        "pt": (
            "Tem tarifa de manutenção na conta?",
            "Quanto custa sacar no caixa eletrônico de outro banco?",
            "Qual a taxa pra compras em moeda estrangeira?",
        ),
        "ru": (
            "Сколько стоит обслуживание счёта в месяц?",
            "Какая комиссия за снятие наличных в чужом банкомате?",
            "Берёте ли вы что-то сверху, если я плачу картой в долларах?",
        ),
        "ar": (
            "كم رسوم الحساب الشهرية؟",
            "إذا سحبت من صراف بنك ثاني، كم ينخصم مني؟",
            "كم عمولة الحوالة الدولية؟",
        ),
        "vi": (
            "Phí duy trì tài khoản hàng tháng là bao nhiêu?",
            "Rút tiền ở ATM ngân hàng khác có mất phí không?",
            "Thanh toán bằng ngoại tệ bị tính thêm bao nhiêu %?",
        ),
        "th": (
            "ค่าธรรมเนียมรายปีบัตรเท่าไหร่คะ",
            "กดเงินตู้ต่างธนาคารเสียค่าธรรมเนียมไหม",
            "ใช้บัตรรูดที่ต่างประเทศโดนชาร์จกี่เปอร์เซ็นต์",
        ),
        "id": (
            "Biaya admin bulanan berapa?",
            "Tarik tunai di ATM bank lain kena potongan berapa?",
            "Kalau transfer ke luar negeri biayanya berapa?",
        ),
        "it": (
            "Quanto costa il canone mensile del conto?",
            "Ci sono commissioni per prelevare da un bancomat di un'altra banca?",
            "Che commissione applicate sui pagamenti in valuta estera?",
        ),
        "tr": (
            "Hesap işletim ücreti var mı?",
            "Başka bankanın ATM'sinden para çekince ne kadar kesiliyor?",
            "Yurt dışı harcamalarda kur farkı komisyonu ne kadar?",
        ),
        "nl": (
            "Wat kost een betaalrekening per maand?",
            "Betaal ik extra als ik buiten Europa geld opneem?",
            "Wat rekenen jullie voor een internationale overboeking?",
        ),
        "pl": (
            "Ile kosztuje prowadzenie konta?",
            "Czy wypłata z obcego bankomatu jest płatna?",
            "Jaka jest prowizja za przewalutowanie?",
        ),
    },
    ("finance", "fraud-reporting"): {
        "en": (
            "There's a payment of £249 on my statement I don't recognise",
            "Someone called saying they were from the bank and asked for my PIN",
            "got a text saying my account is suspended with a link to log in, is that really you?",
        ),
        "zh": (
            "账单上有一笔我没消费过的扣款",
            "有人打电话说是银行的，要我的验证码，是真的吗？",
            "收到一封說帳戶異常的郵件，要我點連結登入，是詐騙嗎？",
        ),
        "ja": (
            "身に覚えのない引き落としがあります",
            "銀行を名乗る人から電話があって暗証番号を聞かれました",
            "怪しいSMSが届いて、リンクを押してしまいました",
        ),
        "ko": (
            "어제 새벽에 해외 쇼핑몰에서 35만 원 결제됐다는데 저는 한 적이 없어요",
            "은행 직원이라고 하면서 비밀번호 물어보는 전화가 왔어요",
            "이상한 문자 링크를 눌렀는데 괜찮을까요?",
        ),
        "fr": (
            "Il y a un prélèvement de 89 € que je n'ai jamais fait",
            "J'ai reçu un mail soi-disant de la banque qui me demande mes identifiants",
            "Comment contester un paiement que je n'ai pas autorisé ?",
        ),
        "es": (
            "Me ha aparecido un cargo de 120 € que no reconozco",
            "Me llamaron diciendo que eran del banco y me pidieron el PIN",
            "Recibí un SMS raro con un enlace para verificar mi cuenta",
        ),
        "de": (
            "Auf meinem Kontoauszug ist eine Abbuchung, die ich nicht kenne",
            "Ich habe eine komische SMS mit Link bekommen, angeblich von euch",
            "Jemand hat am Telefon nach meiner PIN gefragt und sich als Bankmitarbeiter ausgegeben",
        ),
        "pt": (
            "Tem uma compra no meu extrato que eu não fiz",
            "Recebi um e-mail pedindo pra atualizar meus dados do banco, é golpe?",
            "Ligaram dizendo ser do banco e pediram minha senha",
        ),
        "ru": (
            "В выписке списание, которого я не делал",
            "Позвонили якобы из банка и спросили код из СМС",
            "Пришло письмо с просьбой подтвердить данные карты по ссылке, это вы?",
        ),
        "ar": (
            "فيه عملية خصم في كشف الحساب ما سويتها",
            "اتصل علي واحد يقول إنه من البنك وطلب الرقم السري",
            "وصلتني رسالة فيها رابط تقول إن حسابي موقوف، هل هي منكم؟",
        ),
        "vi": (
            "Tài khoản bị trừ 2 triệu mà mình không hề giao dịch",
            "Có người gọi tự xưng nhân viên ngân hàng hỏi mã OTP",
            "Nhận được tin nhắn lạ bảo bấm vào link để cập nhật tài khoản",
        ),
        "th": (
            "มีรายการตัดเงินที่ไม่ได้ทำเองค่ะ",
            "มีคนโทรมาอ้างว่าเป็นธนาคาร ขอรหัส OTP",
            "ได้อีเมลให้กดลิงก์ยืนยันบัญชี เป็นมิจฉาชีพหรือเปล่า",
        ),
        "id": (
            "Ada transaksi di mutasi yang bukan saya",
            "Ada yang telepon ngaku dari bank minta kode OTP",
            "Saya dapat SMS aneh suruh klik link, ini penipuan ya?",
        ),
        "it": (
            "C'è un addebito sull'estratto conto che non riconosco",
            "Mi ha chiamato uno che diceva di essere della banca e voleva il PIN",
            "Ho ricevuto una mail strana che mi chiede di inserire le credenziali",
        ),
        "tr": (
            "Hesabımdan benim yapmadığım bir harcama çekilmiş",
            "Bankadan arıyoruz deyip şifremi istediler",
            "Linkli bir SMS geldi, hesabınız askıya alındı diyor, sizden mi?",
        ),
        "nl": (
            "Er staat een afschrijving op mijn rekening die ik niet herken",
            "Iemand belde namens de bank en vroeg om mijn pincode",
            "Ik kreeg een vreemde sms met een link, is dat phishing?",
        ),
        "pl": (
            "Na wyciągu jest płatność, której nie robiłem",
            "Dzwonił ktoś podający się za pracownika banku i pytał o PIN",
            "Dostałam dziwnego maila z linkiem do logowania, to oszustwo?",
        ),
    },
    ("finance", "transfer-limits"): {
        "en": (
            "What's the maximum I can send in one day?",
            "I need to pay 15,000 for a car today but the app won't let me. Can I raise the limit?",
            "How long does a transfer to Germany take?",
        ),
        "zh": ("每天转账限额是多少？", "我要转5万块，提示超额了，怎么提高额度？", "跨行轉帳要多久才會入帳？"),
        "ja": (
            "1日の振込上限はいくらですか？",
            "限度額を一時的に上げることはできますか",
            "海外送金は何日くらいかかりますか",
        ),
        "ko": (
            "하루 이체 한도가 얼마예요?",
            "전세금 보내야 하는데 한도 초과라고 떠요. 한도 올리려면 어떻게 하나요?",
            "해외 송금하면 며칠 걸려요?",
        ),
        "fr": (
            "Quel est le plafond de virement par jour ?",
            "Je dois envoyer 12 000 € pour l'achat d'une voiture, comment augmenter la limite ?",
            "Un virement instantané, c'est limité à combien ?",
        ),
        "es": (
            "¿Cuál es el límite diario de transferencias?",
            "Necesito enviar 10.000 € y la app no me deja, ¿cómo lo subo?",
            "¿Cuánto tarda una transferencia a otro banco?",
        ),
        "de": (
            "Wie hoch ist das Tageslimit für Überweisungen?",
            "Kann ich das Limit für Echtzeitüberweisungen erhöhen?",
            "Wie lange braucht eine Überweisung in die Schweiz?",
        ),
        "pt": (
            "Qual o limite diário pra transferência?",
            "Preciso mandar 20 mil hoje e o app não deixa, como aumento?",
            "Quanto tempo leva uma transferência internacional?",
        ),
        "ru": (
            "Какой лимит на переводы в сутки?",
            "Не могу перевести 300 тысяч, пишет превышен лимит",
            "Сколько идёт перевод в другой банк?",
        ),
        "ar": (
            "كم الحد الأقصى للتحويل في اليوم؟",
            "كيف أرفع حد التحويل؟ أحتاج أحول مبلغ كبير",
            "كم يوم تاخذ الحوالة الدولية حتى توصل؟",
        ),
        "vi": (
            "Hạn mức chuyển khoản mỗi ngày là bao nhiêu?",
            "Mình cần chuyển 500 triệu, nâng hạn mức kiểu gì?",
            "Chuyển tiền ra nước ngoài mất mấy ngày?",
        ),
        "th": (
            "โอนเงินได้สูงสุดวันละเท่าไหร่คะ",
            "อยากเพิ่มวงเงินโอนต่อวัน ต้องทำยังไง",
            "โอนต่างประเทศกี่วันถึงครับ",
        ),
        "id": (
            "Limit transfer harian berapa ya?",
            "Mau naikin limit transfer, caranya gimana?",
            "Transfer ke luar negeri berapa hari sampai?",
        ),
        "it": (
            "Qual è il limite giornaliero per i bonifici?",
            "Devo mandare 15.000 euro per la caparra della casa, posso alzare il massimale?",
            "Quanto ci mette un bonifico ad arrivare?",
        ),
        "tr": (
            "Günlük transfer limiti ne kadar?",
            "Limitimi geçici olarak artırabilir misiniz? 100 bin TL göndermem lazım",
            "Yurt dışına havale kaç günde ulaşır?",
        ),
        "nl": (
            "Hoeveel kan ik per dag overmaken?",
            "Kan ik mijn overboekingslimiet tijdelijk verhogen?",
            "Hoe lang duurt een overboeking naar een andere bank?",
        ),
        "pl": (
            "Jaki jest dzienny limit przelewów?",
            "Jak zwiększyć limit na przelewy natychmiastowe?",
            "Ile idzie przelew zagraniczny?",
        ),
    },
    # ------------------------------------------------------------------ general
    ("general", "complaints"): {
        "en": (
            "I want to make a formal complaint about how I was treated in your store",
            "I complained 3 weeks ago and nobody has replied. How do I take this higher?",
            "really unhappy with how my case was handled and I want it on record",
        ),
        "zh": (
            "上周在门店被店员甩脸色，这事我必须要个说法",
            "投诉两个星期了还没人处理，怎么升级？",
            "正式投訴一般多久會有回覆？",
        ),
        "ja": (
            "店員の態度がひどかったので、正式に申し立てをしたいです",
            "先月クレームを入れたのに、まだ何の返事もありません",
            "苦情の回答はどのくらいで来ますか",
        ),
        "ko": (
            "지난주 매장 직원 태도 때문에 정말 화가 났어요. 이 건은 정식으로 문제 삼고 싶어요",
            "불만 접수한 지 2주 지났는데 아무 답이 없어요",
            "컴플레인 처리 결과는 언제쯤 알 수 있나요?",
        ),
        "fr": (
            "Je souhaite déposer une réclamation officielle",
            "Ça fait un mois que j'ai écrit et toujours aucune réponse. Je m'adresse à qui au-dessus ?",
            "Le service a été lamentable, où est-ce que je peux me plaindre ?",
        ),
        "es": (
            "Quiero poner una reclamación formal",
            "Puse una queja hace tres semanas y nadie me contesta",
            "¿Cómo hago para que mi caso lo revise un responsable? Con el agente no llegué a nada",
        ),
        "de": (
            "Ich möchte mich offiziell beschweren",
            "Vor drei Wochen geschrieben, weil ein Mitarbeiter mich angeschrien hat, bis heute nichts",
            "Wie lange dauert die Bearbeitung einer Beschwerde?",
        ),
        "pt": (
            "Quero registrar uma reclamação formal sobre o atendimento",
            "Reclamei faz 20 dias e ninguém respondeu, como escalo isso?",
            "Fui muito mal atendido na loja e quero que isso fique registrado",
        ),
        "ru": (
            "Хочу подать официальную жалобу на обслуживание",
            "Обращение отправил месяц назад, ответа нет. Куда писать дальше?",
            "В какие сроки рассматривают жалобы?",
        ),
        "ar": (
            "أبغى أقدم شكوى رسمية على سوء الخدمة",
            "كلمتكم قبل أسبوعين عن تعامل الموظف السيء وما أحد رد علي",
            "كم يستغرق الرد على الشكوى؟",
        ),
        "vi": (
            "Tôi muốn khiếu nại về thái độ của nhân viên",
            "Gửi khiếu nại 2 tuần rồi chưa ai trả lời",
            "Làm sao để chuyển vụ việc của tôi lên cấp quản lý?",
        ),
        "th": (
            "พนักงานที่สาขาพูดจาไม่ดีมาก อยากให้เรื่องนี้ถึงผู้บริหารค่ะ",
            "ร้องเรียนไปสองอาทิตย์แล้วยังไม่มีใครตอบ",
            "เรื่องร้องเรียนใช้เวลาพิจารณากี่วันครับ",
        ),
        "id": (
            "Saya mau komplain resmi soal pelayanan CS kalian",
            "Keluhan saya sudah 2 minggu nggak ada tanggapan",
            "Gimana caranya biar masalah saya ditangani atasan?",
        ),
        "it": (
            "Vorrei presentare un reclamo formale",
            "Ho scritto un mese fa per il comportamento di un vostro addetto e nessuno mi ha risposto",
            "Entro quanto rispondete ai reclami?",
        ),
        "tr": (
            "Resmi olarak şikayette bulunmak istiyorum",
            "İki hafta önce şikayet ettim, hâlâ dönüş yok",
            "Çağrı merkezinde sorunum çözülmedi, konuyu bir üst yetkiliye nasıl iletebilirim?",
        ),
        "nl": (
            "Ik wil een officiële klacht indienen",
            "Drie weken geleden gemaild over een onbeschofte medewerker en nog steeds niks gehoord",
            "Hoe lang duurt het voordat jullie op een klacht reageren?",
        ),
        "pl": (
            "Chcę złożyć oficjalną skargę na obsługę",
            "Trzy tygodnie temu pisałem w sprawie niemiłej obsługi i cisza",
            "Ile czasu macie na odpowiedź na skargę?",
        ),
    },
    ("general", "contact-channels"): {
        "en": (
            "What's your phone number?",
            "Is there an email address I can write to?",
            "I'm deaf, do you have a relay service or text phone I can use?",
        ),
        "zh": ("客服电话是多少？", "有邮箱可以联系你们吗？", "你們的公司地址是什麼？我想寄信過去。"),
        "ja": (
            "電話番号を教えてください",
            "問い合わせ用のメールアドレスはありますか",
            "耳が聞こえないのですが、電話以外で連絡する方法はありますか",
        ),
        "ko": (
            "고객센터 전화번호 알려주세요",
            "이메일로 문의할 수 있나요?",
            "우편으로 서류 보내려면 주소가 어떻게 돼요?",
        ),
        "fr": (
            "Quel est votre numéro de téléphone ?",
            "Vous avez une adresse mail pour vous écrire ?",
            "Je suis sourd, existe-t-il un service adapté pour vous joindre ?",
        ),
        "es": (
            "¿Tenéis un teléfono de atención al cliente?",
            "¿A qué correo puedo escribiros?",
            "¿Estáis en Instagram o Twitter para escribiros por ahí?",
        ),
        "de": (
            "Unter welcher Nummer erreiche ich euch?",
            "Wie lautet eure Postanschrift?",
            "Gibt es für Gehörlose einen Gebärdensprach- oder Relay-Dienst?",
        ),
        "pt": (
            "Qual o telefone de vocês?",
            "Tem um e-mail pra eu mandar os documentos?",
            "Vocês atendem pelo WhatsApp ou Instagram?",
        ),
        "ru": (
            "Какой у вас номер телефона?",
            "Есть электронная почта для обращений?",
            "Вы есть в Telegram или ВКонтакте?",
        ),
        "ar": (
            "وش رقم خدمة العملاء؟",
            "هل عندكم بريد إلكتروني أتواصل معكم عليه؟",
            "أنا أصم، كيف أقدر أتواصل معكم بدون مكالمة؟",
        ),
        "vi": (
            "Cho mình xin số hotline",
            "Có email nào để gửi yêu cầu không ạ?",
            "Bên mình có fanpage Facebook không?",
        ),
        "th": (
            "ขอเบอร์โทรคอลเซ็นเตอร์หน่อยค่ะ",
            "มีอีเมลให้ติดต่อไหมครับ",
            "ติดต่อทางไลน์ได้ไหม",
        ),
        "id": (
            "Nomor CS-nya berapa ya?",
            "Ada alamat email buat kirim dokumen?",
            "Bisa dihubungi lewat WhatsApp atau Instagram?",
        ),
        "it": (
            "Qual è il vostro numero di telefono?",
            "A che indirizzo email posso scrivervi?",
            "Avete un indirizzo postale per mandare una raccomandata?",
        ),
        "tr": (
            "Müşteri hizmetleri numaranız nedir?",
            "Size e-posta ile ulaşabilir miyim?",
            "İşitme engelliyim, telefon dışında size nasıl ulaşabilirim?",
        ),
        "nl": (
            "Wat is jullie telefoonnummer?",
            "Naar welk e-mailadres kan ik mailen?",
            "Zijn jullie ook bereikbaar via WhatsApp?",
        ),
        "pl": (
            "Jaki jest numer na infolinię?",
            "Macie adres e-mail do kontaktu?",
            "Na jaki adres wysłać list polecony?",
        ),
    },
    ("general", "human-agent"): {
        "en": (
            "Can I talk to a real person please?",
            "let me speak to a human",
            "This bot isn't helping at all, put me through to someone from your team.",
        ),
        "zh": ("转人工", "我不想跟机器人聊，找个真人客服", "可以幫我轉接真人客服嗎？"),
        "ja": (
            "オペレーターにつないでください",
            "人と話したいです",
            "ボットじゃなくて担当者の方とやり取りできますか？",
        ),
        "ko": (
            "상담원 연결해 주세요",
            "사람이랑 얘기하고 싶어요",
            "챗봇 말고 실제 직원분 연결 가능해요?",
        ),
        "fr": (
            "Je voudrais parler à un conseiller",
            "passez-moi un humain svp",
            "Votre robot ne comprend rien, je veux une vraie personne",
        ),
        "es": (
            "Quiero hablar con una persona",
            "pásame con un agente por favor",
            "El bot no me entiende, ¿me puede atender alguien de verdad?",
        ),
        "de": (
            "Ich möchte mit einem Mitarbeiter sprechen",
            "Bitte einen echten Menschen!",
            "Der Bot versteht mich nicht, kann jemand aus dem Team übernehmen?",
        ),
        "pt": (
            "Quero falar com um atendente",
            "tem alguém de verdade aí?",
            "Esse robô não resolve nada, me passa pra uma pessoa",
        ),
        "ru": (
            "Соедините с оператором",
            "Хочу поговорить с живым человеком",
            "бот не понимает, позовите сотрудника",
        ),
        "ar": (
            "أبغى أكلم موظف",
            "حوّلني لشخص حقيقي لو سمحت",
            "الروبوت ما فهمني، أبي أحد من الفريق يرد علي",
        ),
        "vi": (
            "Cho mình gặp nhân viên tư vấn",
            "muốn nói chuyện với người thật",
            "Bot trả lời không đúng ý, chuyển cho nhân viên giúp mình",
        ),
        "th": (
            "ขอคุยกับพนักงานค่ะ",
            "ขอคุยกับคนจริงๆ ได้ไหม",
            "บอทไม่เข้าใจที่ถาม ขอต่อเจ้าหน้าที่หน่อยครับ",
        ),
        "id": (
            "Mau ngobrol sama CS manusia",
            "Tolong sambungkan ke agen",
            "Botnya nggak ngerti, ada orang beneran nggak?",
        ),
        "it": (
            "Vorrei parlare con un operatore",
            "c'è una persona vera?",
            "Il bot non capisce, mi passi qualcuno del servizio clienti",
        ),
        "tr": (
            "Müşteri temsilcisine bağlanmak istiyorum",
            "Gerçek bir insanla konuşabilir miyim?",
            "Bot anlamıyor, bir yetkiliye aktarın lütfen",
        ),
        "nl": (
            "Ik wil graag een medewerker spreken",
            "mag ik een echt mens?",
            "Die bot snapt er niks van, kan iemand het overnemen?",
        ),
        "pl": (
            "Chcę rozmawiać z konsultantem",
            "Poproszę żywego człowieka",
            "Ten bot nic nie rozumie, przełączcie mnie do pracownika",
        ),
    },
    ("general", "opening-hours"): {
        "en": (
            "What time do you open on Saturday?",
            "Are you open on Christmas Eve?",
            "When can I reach someone during the week? I work until 6",
        ),
        "zh": ("客服几点上班？", "周末有人值班吗？", "春節期間客服有營業嗎？"),
        "ja": (
            "受付時間は何時から何時までですか",
            "土曜日も対応していますか？",
            "年末年始はお休みですか？12月30日に電話したいのですが",
        ),
        "ko": (
            "상담 운영 시간이 어떻게 되나요?",
            "토요일에도 하나요?",
            "추석 연휴에도 상담 가능해요?",
        ),
        "fr": (
            "Vous êtes ouverts à quelle heure le samedi ?",
            "Le service client est joignable le 25 décembre ?",
            "c'est quoi vos horaires ?",
        ),
        "es": (
            "¿Qué horario tiene atención al cliente?",
            "¿Abrís los domingos?",
            "¿El 24 de diciembre atendéis o estáis cerrados?",
        ),
        "de": (
            "Wann seid ihr erreichbar?",
            "Habt ihr samstags geöffnet?",
            "Ist der Kundenservice an Feiertagen besetzt, z. B. an Ostern?",
        ),
        "pt": (
            "Qual o horário de atendimento?",
            "Vocês funcionam no sábado?",
            "Abrem no feriado de Natal?",
        ),
        "ru": (
            "Во сколько вы работаете?",
            "В субботу поддержка работает?",
            "Какой график на новогодние праздники?",
        ),
        "ar": (
            "متى أوقات دوام خدمة العملاء؟",
            "هل تشتغلون يوم الجمعة؟",
            "هل الخدمة متوفرة في إجازة العيد؟",
        ),
        "vi": (
            "Tổng đài làm việc mấy giờ ạ?",
            "Thứ Bảy có trực không?",
            "Tết bên mình có nghỉ không?",
        ),
        "th": (
            "คอลเซ็นเตอร์เปิดกี่โมงคะ",
            "วันเสาร์ทำการไหม",
            "ช่วงสงกรานต์เปิดให้บริการหรือเปล่าครับ",
        ),
        "id": (
            "CS buka jam berapa?",
            "Hari Sabtu buka nggak?",
            "Pas libur Lebaran masih bisa dihubungi?",
        ),
        "it": (
            "Che orari ha il servizio clienti?",
            "Siete aperti il sabato?",
            "Il 26 dicembre rispondete?",
        ),
        "tr": (
            "Çalışma saatleriniz nedir?",
            "Cumartesi açık mısınız?",
            "Bayramda müşteri hizmetleri çalışıyor mu?",
        ),
        "nl": (
            "Hoe laat zijn jullie open?",
            "Zijn jullie op zaterdag bereikbaar?",
            "Is de klantenservice open met kerst?",
        ),
        "pl": (
            "W jakich godzinach działa infolinia?",
            "Czy jesteście czynni w sobotę?",
            "Pracujecie w Wigilię?",
        ),
    },
    ("general", "privacy-data-deletion"): {
        "en": (
            "I don't want you keeping any of my information anymore, please wipe it",
            "I'd like a copy of the personal data you hold on me (GDPR)",
            "Who is your data protection officer?",
        ),
        "zh": (
            "不打算再用你们了，把你们那里存的我的信息全部清掉",
            "我想要一份你们保存的关于我的个人数据副本",
            "我的個人資料登記錯了，要怎麼更正？",
        ),
        "ja": (
            "個人情報を削除してほしいです",
            "私について保有している個人データの開示を請求したいです",
            "登録している生年月日が間違っているので訂正したい",
        ),
        "ko": (
            "제 개인정보 전부 삭제해 주세요",
            "회사에서 보관 중인 제 정보를 열람하고 싶어요",
            "개인정보 보호책임자 연락처가 어떻게 되나요?",
        ),
        "fr": (
            "Je veux que vous supprimiez toutes mes données personnelles (RGPD)",
            "Comment obtenir une copie des infos que vous avez sur moi ?",
            "Qui est votre délégué à la protection des données ?",
        ),
        "es": (
            "Quiero que borréis todos mis datos personales",
            "Solicito acceso a mis datos según el RGPD",
            "Mi apellido está mal escrito en vuestra base de datos, ¿cómo lo rectifico?",
        ),
        "de": (
            "Bitte löschen Sie alle meine Daten gemäß DSGVO",
            "Ich möchte eine Auskunft darüber, was ihr alles über mich gespeichert habt",
            "Wer ist euer Datenschutzbeauftragter?",
        ),
        "pt": (
            "Quero que apaguem todos os meus dados pessoais",
            "Como peço uma cópia dos meus dados pela LGPD?",
            "Meu nome está escrito errado no cadastro, como corrijo?",
        ),
        "ru": (
            "Прошу удалить все мои персональные данные",
            "Хочу узнать, какая информация обо мне у вас хранится",
            "Как связаться с ответственным за защиту персональных данных?",
        ),
        "ar": (
            "أرجو حذف جميع بياناتي الشخصية",
            "أريد نسخة من المعلومات اللي تحتفظون فيها عني",
            "اسمي مكتوب غلط في بياناتكم، كيف أصححه؟",
        ),
        "vi": (
            "Xóa toàn bộ dữ liệu cá nhân của tôi giúp",
            "Tôi muốn biết công ty đang lưu những thông tin gì về tôi",
            "Ngày sinh của tôi bị ghi sai trong hồ sơ, sửa thế nào?",
        ),
        "th": (
            "ขอให้ลบข้อมูลส่วนตัวของฉันทั้งหมดค่ะ",
            "อยากรู้ว่าบริษัทเก็บอะไรเกี่ยวกับฉันไว้บ้าง ขอสำเนาได้ไหมคะ",
            "เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคลติดต่อได้ที่ไหน",
        ),
        "id": (
            "Tolong hapus semua data pribadi saya",
            "Saya mau minta salinan informasi tentang saya yang kalian simpan",
            "Nama saya salah tulis di sistem, bagaimana cara memperbaikinya?",
        ),
        "it": (
            "Vorrei la cancellazione di tutti i miei dati personali",
            "Come posso avere una copia delle informazioni che avete su di me?",
            "Chi è il vostro responsabile della protezione dei dati?",
        ),
        "tr": (
            "Kişisel verilerimin silinmesini istiyorum",
            "KVKK kapsamında hakkımda tuttuğunuz bilgileri öğrenmek istiyorum",
            "Doğum tarihim sistemde yanlış kayıtlı, düzeltebilir misiniz?",
        ),
        "nl": (
            "Verwijder alstublieft al mijn gegevens (AVG)",
            "Ik wil inzage in wat jullie allemaal over mij bewaren",
            "Wie is jullie functionaris gegevensbescherming?",
        ),
        "pl": (
            "Proszę o usunięcie moich danych osobowych",
            "Chcę otrzymać kopię informacji, które o mnie przechowujecie (RODO)",
            "Kto jest waszym inspektorem ochrony danych?",
        ),
    },
    # ------------------------------------------------------------------ saas
    ("saas", "api-rate-limits"): {
        "en": (
            "We keep getting HTTP 429 from your API",
            "What's the rate limit per minute on the Pro plan?",
            "Nightly sync now fails with Too Many Requests since we added a second job. Can you bump us up?",
        ),
        "zh": (
            "API 一直返回 429 错误",
            "接口每分钟最多能调用多少次？",
            "我們下週要做資料遷移，可以暫時提高請求上限嗎？",
        ),
        "ja": (
            "APIで429 Too Many Requestsが返ってきます",
            "1分あたりのリクエスト上限はいくつですか",
            "来週データ移行をするので、一時的にレート制限を緩和してもらえますか",
        ),
        "ko": (
            "API 호출하면 429 에러가 떠요",
            "분당 요청 수 제한이 얼마인가요?",
            "이번 주만 호출 한도를 늘려줄 수 있나요?",
        ),
        "fr": (
            "Notre intégration reçoit des erreurs 429 depuis ce matin",
            "Combien de requêtes par minute autorise l'API ?",
            "Est-il possible d'augmenter temporairement la limite pour un import massif ?",
        ),
        "es": (
            "La API nos devuelve un 429 todo el rato",
            "¿Cuántas peticiones por minuto se pueden hacer?",
            "¿Nos podéis subir el límite de llamadas mientras hacemos una migración?",
        ),
        "de": (
            "Seit heute Morgen bekommen wir ständig 429 Too Many Requests",
            "Wie viele API-Anfragen pro Minute sind erlaubt?",
            "Könnt ihr das Rate Limit für ein paar Tage anheben?",
        ),
        "pt": (
            "A API tá retornando erro 429",
            "Qual o limite de requisições por minuto?",
            "Dá pra aumentar o limite da API temporariamente? Vamos migrar dados no fim de semana",
        ),
        "ru": (
            "API возвращает 429, что делать?",
            "Сколько запросов в минуту можно отправлять к API?",
            "Можно временно поднять лимит запросов на время миграции?",
        ),
        "ar": (
            "الـ API يرجع خطأ 429 باستمرار",
            "كم عدد الطلبات المسموح بها في الدقيقة؟",
            "هل يمكن رفع حد الطلبات مؤقتاً لمدة أسبوع؟",
        ),
        "vi": (
            "API cứ trả về lỗi 429",
            "Giới hạn bao nhiêu request mỗi phút vậy?",
            "Có thể tăng rate limit tạm thời cho đợt import dữ liệu không?",
        ),
        "th": (
            "เรียก API แล้วได้ error 429 ตลอดเลย",
            "API จำกัดกี่ request ต่อนาทีครับ",
            "ขอเพิ่มลิมิตการเรียก API ชั่วคราวได้ไหม",
        ),
        "id": (
            "Aplikasi kami tiba-tiba sering gagal, di log ada error 429 dari API kalian",
            "Batas request per menit berapa?",
            "Bisa naikin rate limit sementara buat migrasi?",
        ),
        "it": (
            "Le chiamate API ci restituiscono 429",
            "Quante richieste al minuto si possono fare?",
            "Potete alzare temporaneamente il limite di richieste?",
        ),
        "tr": (
            "API sürekli 429 hatası veriyor",
            "Dakikada kaç istek atabiliyoruz?",
            "Geçici olarak istek limitini artırabilir misiniz?",
        ),
        "nl": (
            "We krijgen steeds een 429 van de API",
            "Hoeveel requests per minuut mogen we doen?",
            "Kunnen jullie de rate limit tijdelijk verhogen voor een migratie?",
        ),
        "pl": (
            "API zwraca nam błąd 429",
            "Ile zapytań na minutę można wysłać?",
            "Czy da się tymczasowo podnieść limit zapytań do API?",
        ),
    },
    ("saas", "billing-invoices"): {
        "en": (
            "Where can I download my invoices?",
            "We changed our company name, can the invoices show the new one and our VAT ID?",
            "I was charged twice for this month's subscription",
        ),
        "zh": ("发票在哪里下载？", "这个月订阅被扣了两次钱", "發票上的公司名稱要改，統一編號也要加上去"),
        "ja": (
            "請求書はどこからダウンロードできますか",
            "今月の利用料が二重に引き落とされています",
            "カードの期限が切れていて支払いに失敗したと通知が来ました。どうすればいいですか",
        ),
        "ko": (
            "세금계산서는 어디서 받을 수 있나요?",
            "구독료가 두 번 결제됐어요",
            "결제 실패 메일이 왔는데 어떻게 해야 하나요?",
        ),
        "fr": (
            "Où trouver mes factures ?",
            "Je dois ajouter notre numéro de TVA sur la facture",
            "On a été débités deux fois pour l'abonnement de novembre",
        ),
        "es": (
            "¿Dónde descargo las facturas?",
            "Necesito cambiar la razón social y el NIF en las facturas",
            "Me habéis cobrado dos veces la suscripción este mes",
        ),
        "de": (
            "Wo finde ich meine Rechnungen?",
            "Bitte die USt-IdNr. auf der Rechnung ergänzen",
            "Die Zahlung für unser Abo ist fehlgeschlagen, was nun?",
        ),
        "pt": (
            "Onde baixo as notas fiscais?",
            "Fui cobrado duas vezes pela assinatura",
            "Preciso mudar o nome da empresa na fatura",
        ),
        "ru": (
            "Где скачать счета за подписку?",
            "Списали оплату за подписку дважды",
            "Мы сменили юрлицо, нужно поменять реквизиты компании в счетах",
        ),
        "ar": (
            "وين ألقى الفواتير؟",
            "انخصم مني مبلغ الاشتراك مرتين هذا الشهر",
            "أبغى أضيف الرقم الضريبي على الفاتورة",
        ),
        "vi": (
            "Tải hóa đơn ở đâu vậy?",
            "Tháng này bị trừ tiền gói 2 lần",
            "Cần đổi tên công ty và mã số thuế trên hóa đơn",
        ),
        "th": (
            "ดาวน์โหลดใบแจ้งหนี้ได้ที่ไหนคะ",
            "โดนตัดเงินค่าสมาชิกสองรอบ",
            "ขอแก้ชื่อบริษัทในใบกำกับภาษีครับ",
        ),
        "id": (
            "Invoice bisa diunduh di mana?",
            "Langganan saya kepotong dua kali bulan ini",
            "Mau ganti nama perusahaan dan NPWP di invoice",
        ),
        "it": (
            "Dove scarico le fatture?",
            "Ci avete addebitato due volte l'abbonamento di novembre, 49 euro per due",
            "Devo inserire la partita IVA in fattura",
        ),
        "tr": (
            "Faturalarımı nereden indirebilirim?",
            "Abonelik ücreti iki kere çekilmiş",
            "Faturadaki şirket unvanını ve vergi numarasını değiştirmem lazım",
        ),
        "nl": (
            "Waar kan ik mijn facturen downloaden?",
            "We zijn twee keer afgeschreven voor het abonnement",
            "Kan het btw-nummer op de factuur worden aangepast?",
        ),
        "pl": (
            "Gdzie pobrać faktury?",
            "Pobraliście opłatę za subskrypcję dwa razy",
            "Muszę zmienić NIP na fakturze",
        ),
    },
    ("saas", "data-export"): {
        "en": (
            "How do I export all our workspace data?",
            "The download link for the export has expired",
            "We're moving to another tool and need everything out: projects, files, comments. How?",
        ),
        "zh": ("怎么导出整个工作区的数据？", "导出的下载链接打不开了", "取消訂閱之後資料會保留多久？"),
        "ja": (
            "ワークスペースのデータを全部エクスポートしたい",
            "エクスポートのダウンロードリンクが期限切れになっていました",
            "解約後、データはいつまで残りますか",
        ),
        "ko": (
            "워크스페이스 데이터 전체를 내보내고 싶어요",
            "내보내기 다운로드 링크가 만료됐어요",
            "해지하면 데이터는 얼마 동안 보관되나요?",
        ),
        "fr": (
            "Comment exporter toutes les données de notre espace de travail ?",
            "Le lien de téléchargement de l'export ne marche plus",
            "Si on résilie, nos données restent combien de temps chez vous ?",
        ),
        "es": (
            "¿Cómo exporto todos los datos del workspace?",
            "No me llegó el enlace para descargar la exportación",
            "Si cancelamos, ¿cuánto tiempo guardáis nuestros datos?",
        ),
        "de": (
            "Wie kann ich alle Daten aus unserem Workspace exportieren?",
            "Der Download-Link für den Export ist abgelaufen",
            "Was passiert mit unseren Daten nach der Kündigung?",
        ),
        "pt": (
            "Como exporto todos os dados do workspace?",
            "O link pra baixar a exportação expirou",
            "Depois de cancelar, por quanto tempo vocês guardam nossos dados?",
        ),
        "ru": (
            "Как выгрузить все данные рабочего пространства?",
            "Ссылка на скачивание экспорта не работает",
            "Сколько хранятся данные после отмены подписки?",
        ),
        "ar": (
            "كيف أصدّر كل بيانات مساحة العمل؟",
            "رابط تنزيل الملف المصدّر انتهت صلاحيته",
            "إذا ألغينا الاشتراك، كم تحتفظون ببياناتنا؟",
        ),
        "vi": (
            "Làm sao xuất toàn bộ dữ liệu workspace?",
            "Link tải file export hết hạn rồi",
            "Hủy gói thì dữ liệu được giữ bao lâu?",
        ),
        "th": (
            "อยาก export ข้อมูลทั้งหมดใน workspace ทำยังไงคะ",
            "ลิงก์ดาวน์โหลดไฟล์ export หมดอายุแล้ว",
            "ถ้ายกเลิกแล้วข้อมูลจะถูกเก็บไว้นานแค่ไหน",
        ),
        "id": (
            "Cara ekspor semua data workspace gimana?",
            "Link download ekspornya sudah kedaluwarsa",
            "Kalau berhenti langganan, data kami disimpan berapa lama?",
        ),
        "it": (
            "Come esporto tutti i dati dello spazio di lavoro?",
            "Il link per scaricare l'esportazione è scaduto",
            "Dopo la disdetta per quanto tempo conservate i dati?",
        ),
        "tr": (
            "Çalışma alanındaki tüm verileri nasıl dışa aktarırım?",
            "Dışa aktarma indirme linkinin süresi dolmuş",
            "Aboneliği iptal edersek verilerimiz ne kadar saklanıyor?",
        ),
        "nl": (
            "Hoe exporteer ik alle data uit onze workspace?",
            "De downloadlink van de export werkt niet meer",
            "Hoe lang bewaren jullie onze gegevens na opzegging?",
        ),
        "pl": (
            "Przenosimy się do innego narzędzia, jak wyeksportować wszystkie dane z workspace'u?",
            "Link do pobrania eksportu wygasł",
            "Jak długo trzymacie dane po anulowaniu subskrypcji?",
        ),
    },
    ("saas", "password-2fa"): {
        "en": (
            "Forgot my password and the reset email never arrives",
            "I lost my phone with the authenticator app on it, how do I get back in?",
            "My account is locked after too many login attempts",
        ),
        "zh": (
            "忘记密码了，重置邮件收不到",
            "换了手机，两步验证的验证码收不到了",
            "登入失敗太多次，帳號被鎖住了",
        ),
        "ja": (
            "パスワードを忘れました",
            "認証アプリを入れたスマホをなくしてログインできません",
            "SSOでログインしようとするとエラーになります",
        ),
        "ko": (
            "비밀번호 재설정 메일이 안 와요",
            "휴대폰 바꿔서 2단계 인증 코드를 못 받아요",
            "로그인 여러 번 실패해서 계정이 잠겼어요",
        ),
        "fr": (
            "J'ai oublié mon mot de passe",
            "J'ai changé de téléphone et je n'ai plus accès à l'appli d'authentification",
            "Compte bloqué après plusieurs tentatives de connexion",
        ),
        "es": (
            "No me llega el correo para restablecer la contraseña",
            "Perdí el móvil donde tenía el código de doble factor",
            "No puedo entrar con el SSO de Google de la empresa",
        ),
        "de": (
            "Passwort vergessen, der Link kommt nicht an",
            "Neues Handy, jetzt komme ich wegen der Zwei-Faktor-Authentifizierung nicht mehr rein",
            "Mein Konto ist nach zu vielen Fehlversuchen gesperrt",
        ),
        "pt": (
            "Esqueci minha senha",
            "Perdi o celular com o autenticador, como entro na conta?",
            "Minha conta foi bloqueada depois de errar a senha várias vezes no login",
        ),
        "ru": (
            "Забыл пароль, письмо для сброса не приходит",
            "Потерял телефон с приложением для двухфакторки",
            "Аккаунт заблокирован после нескольких неудачных входов",
        ),
        "ar": (
            "نسيت كلمة المرور",
            "ضاع جوالي اللي فيه تطبيق المصادقة، كيف أدخل حسابي؟",
            "تم قفل حسابي بعد محاولات دخول فاشلة",
        ),
        "vi": (
            "Quên mật khẩu mà không nhận được mail đặt lại",
            "Mất điện thoại có app xác thực 2 lớp rồi",
            "Tài khoản bị khóa do đăng nhập sai nhiều lần",
        ),
        "th": (
            "ลืมรหัสผ่านค่ะ",
            "โทรศัพท์หาย เข้าแอปยืนยันตัวตนสองขั้นตอนไม่ได้",
            "ล็อกอินผิดหลายครั้ง บัญชีโดนล็อก",
        ),
        "id": (
            "Lupa password, email reset nggak masuk",
            "HP saya hilang, kode 2FA-nya gimana?",
            "Akun terkunci gara-gara salah login berkali-kali",
        ),
        "it": (
            "Ho dimenticato la password",
            "Ho perso il telefono con l'app di autenticazione",
            "Non riesco ad accedere con il single sign-on aziendale",
        ),
        "tr": (
            "Şifremi unuttum, sıfırlama maili gelmiyor",
            "Telefonumu kaybettim, iki adımlı doğrulama kodunu alamıyorum",
            "Çok fazla hatalı giriş yüzünden hesabım kilitlendi",
        ),
        "nl": (
            "Wachtwoord vergeten en ik krijg geen resetmail",
            "Telefoon kwijt met de authenticator-app erop",
            "Mijn account is geblokkeerd na te veel inlogpogingen",
        ),
        "pl": (
            "Zapomniałem hasła",
            "Zgubiłam telefon z aplikacją do weryfikacji dwuetapowej",
            "Konto zablokowane po kilku nieudanych logowaniach",
        ),
    },
    ("saas", "plan-changes"): {
        "en": (
            "How do I upgrade to the Business plan?",
            "We need 5 more seats for new hires",
            "If I downgrade mid-month, do I get credit for the rest?",
        ),
        "zh": ("怎么升级到专业版？", "想给团队再加3个席位", "從專業版降級到基本版，剩下的費用怎麼算？"),
        "ja": (
            "上位プランに変更したいです",
            "新しく3人入社したので、ユーザーを追加したいです",
            "月の途中でダウングレードしたら日割りになりますか",
        ),
        "ko": (
            "요금제 업그레이드하고 싶어요",
            "사용자 좌석 5개 추가하려면 어떻게 해요?",
            "구독 해지하려면 어디서 하나요?",
        ),
        "fr": (
            "Comment passer à l'offre supérieure ?",
            "On voudrait ajouter deux utilisateurs à l'abonnement",
            "Je veux résilier mon abonnement",
        ),
        "es": (
            "¿Cómo cambio al plan Pro?",
            "Necesitamos añadir 4 licencias más",
            "Si bajo de plan a mitad de mes, ¿me devolvéis la diferencia?",
        ),
        "de": (
            "Wir sind nur noch zu dritt, wie kann ich auf einen kleineren Tarif wechseln?",
            "Wir brauchen drei zusätzliche Nutzerlizenzen",
            "Ich möchte mein Abo kündigen",
        ),
        "pt": (
            "Quero fazer upgrade do plano",
            "Como adiciono mais usuários na assinatura?",
            "Se eu mudar pro plano menor no meio do mês, como fica a cobrança?",
        ),
        "ru": (
            "Как перейти на тариф Business?",
            "Нужно добавить ещё 5 пользователей",
            "Хочу отменить подписку",
        ),
        "ar": (
            "كيف أرقّي الباقة؟",
            "نبغى نضيف مستخدمين إضافيين",
            "أبي ألغي الاشتراك",
        ),
        "vi": (
            "Nâng cấp lên gói cao hơn thế nào?",
            "Thêm 3 người dùng vào gói được không?",
            "Muốn hạ xuống gói rẻ hơn thì tiền tháng này tính sao?",
        ),
        "th": (
            "อยากอัปเกรดแพ็กเกจค่ะ",
            "เพิ่มผู้ใช้อีก 5 คนได้ไหม",
            "ยกเลิกการสมัครสมาชิกยังไงครับ",
        ),
        "id": (
            "Mau upgrade ke paket Business",
            "Cara nambah seat user gimana?",
            "Kalau downgrade di tengah bulan, biayanya dihitung prorata?",
        ),
        "it": (
            "Come passo al piano superiore?",
            "Dobbiamo aggiungere due postazioni",
            "Voglio disdire l'abbonamento",
        ),
        "tr": (
            "Paketimi yükseltmek istiyorum",
            "Ekibe 4 kullanıcı daha eklememiz gerekiyor",
            "Aboneliği nasıl iptal ederim?",
        ),
        "nl": (
            "Hoe upgrade ik naar het Pro-abonnement?",
            "We willen drie extra gebruikers toevoegen",
            "Als ik halverwege de maand downgrade, hoe wordt dat verrekend?",
        ),
        "pl": (
            "Jak przejść na wyższy plan?",
            "Potrzebujemy 5 dodatkowych użytkowników",
            "Chcę zrezygnować z subskrypcji",
        ),
    },
    ("saas", "status-outage"): {
        "en": (
            "Is the service down? Nothing loads for me",
            "Is there a status page I can check?",
            "You were down for 6 hours yesterday. Do we get SLA credits for that?",
        ),
        "zh": (
            "网站打不开，是不是宕机了？",
            "最近有计划内的维护吗？",
            "昨天服務中斷了好幾個小時，SLA 有補償嗎？",
        ),
        "ja": (
            "サービスが落ちていますか？画面が表示されません",
            "ステータスページはありますか",
            "今週末にメンテナンスの予定はありますか",
        ),
        "ko": (
            "지금 서비스 장애인가요? 접속이 안 돼요",
            "상태 페이지 주소가 뭐예요?",
            "어제 몇 시간 먹통이었는데 SLA 보상 되나요?",
        ),
        "fr": (
            "Le site ne charge plus depuis 10 h, panne en cours ?",
            "Vous avez une page de statut ?",
            "Une maintenance est prévue ce week-end ?",
        ),
        "es": (
            "¿Está caído el servicio? No me carga nada",
            "¿Hay mantenimiento programado esta noche?",
            "¿Qué disponibilidad garantizáis en el SLA?",
        ),
        "de": (
            "Ist bei euch gerade eine Störung? Die App lädt nicht",
            "Gibt es eine Statusseite?",
            "Bekommen wir eine Gutschrift für den Ausfall gestern?",
        ),
        "pt": (
            "O sistema caiu? Não carrega nada aqui",
            "Tem página de status?",
            "Vai ter manutenção programada essa semana?",
        ),
        "ru": (
            "Сервис лежит? Ничего не грузится",
            "Есть страница статуса?",
            "Планируются ли технические работы в выходные?",
        ),
        "ar": (
            "هل الخدمة متوقفة؟ ما يفتح معي شي",
            "هل عندكم صفحة لحالة الخدمة؟",
            "هل في صيانة مجدولة الليلة؟",
        ),
        "vi": (
            "Hệ thống đang bị sập à? Không vào được",
            "Có trang trạng thái dịch vụ không?",
            "Hôm qua gián đoạn mấy tiếng, có được bồi thường theo SLA không?",
        ),
        "th": (
            "ระบบล่มหรือเปล่าคะ เข้าไม่ได้เลย",
            "มีหน้าเช็กสถานะระบบไหม",
            "คืนนี้มีปิดปรับปรุงระบบไหมครับ",
        ),
        "id": (
            "Lagi down ya? Dashboard nggak bisa dibuka",
            "Ada halaman status layanan nggak?",
            "Ada maintenance terjadwal minggu ini?",
        ),
        "it": (
            "Il servizio è giù? Non carica niente",
            "Avete una pagina di stato?",
            "Ieri siete stati offline per ore, ci spetta un credito SLA?",
        ),
        "tr": (
            "Sistem çöktü mü? Hiçbir şey açılmıyor",
            "Durum sayfanız var mı?",
            "Bu gece planlı bakım var mı?",
        ),
        "nl": (
            "Ligt de dienst eruit? Er laadt niks",
            "Hebben jullie een statuspagina?",
            "Is er gepland onderhoud dit weekend?",
        ),
        "pl": (
            "Czy macie awarię? Nic się nie ładuje",
            "Jest jakaś strona ze statusem usług?",
            "Wczoraj nie działało przez 5 godzin, należy nam się rekompensata z SLA?",
        ),
    },
}

#: messages that ask nothing the knowledge base covers (greetings, thanks, chit-chat, off-topic) per language
OFF_TOPIC: dict[str, tuple[str, ...]] = {
    "en": ("thanks, that's all", "are you a robot?", "what's the weather like today", "tell me a joke"),
    "zh": ("谢谢，没别的问题了", "祝你周末愉快", "今天天氣怎麼樣", "讲个笑话吧"),
    "ja": (
        "ありがとうございました、解決しました",
        "おはようございます",
        "今日は暑いですね",
        "何か面白い話をして",
    ),
    "ko": ("감사합니다 그게 다예요", "안녕하세요", "오늘 날씨 어때요?", "심심한데 농담 하나 해줘"),
    "fr": ("Merci beaucoup, bonne journée !", "bonjour", "tu es un robot ?", "Quel temps fait-il à Paris ?"),
    "es": ("Gracias, eso es todo", "buenos días", "¿Eres un robot?", "cuéntame un chiste"),
    "de": ("Danke, das war's schon", "Guten Morgen!", "Wie wird das Wetter morgen?", "Erzähl mir einen Witz"),
    "pt": ("Valeu, era só isso", "bom dia", "você é um robô?", "Qual time você acha que ganha o campeonato?"),
    "ru": ("Спасибо, больше вопросов нет", "Привет!", "Расскажи анекдот", "Какая сегодня погода?"),
    "ar": ("شكراً، هذا كل شيء", "صباح الخير", "وش رأيك في مباراة أمس؟", "كيف الجو اليوم؟"),
    "vi": ("Cảm ơn nhé, vậy thôi", "chào bạn", "Kể chuyện cười đi", "Hôm nay trời có mưa không?"),
    "th": ("ขอบคุณค่ะ แค่นี้แหละ", "สวัสดีครับ", "เล่าเรื่องตลกให้ฟังหน่อย", "วันนี้อากาศเป็นยังไง"),
    "id": ("Makasih ya, udah itu aja", "Selamat pagi", "Lagi sibuk ya hari ini?", "Cuaca hari ini gimana?"),
    "it": ("Grazie, è tutto", "buongiorno", "Raccontami una barzelletta", "Che tempo fa a Roma oggi?"),
    "tr": ("Teşekkürler, bu kadardı", "Günaydın", "Sen robot musun?", "Bana bir fıkra anlat"),
    "nl": ("Bedankt, dat was het", "Goedemorgen", "Ben jij een robot?", "Wat voor weer wordt het morgen?"),
    "pl": ("Dzięki, to wszystko", "dzień dobry", "Opowiedz mi dowcip", "Jaka jest dziś pogoda?"),
}
