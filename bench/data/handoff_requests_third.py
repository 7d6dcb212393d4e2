"""Hand-off requests and look-alikes for the escalation benchmark.

Written 2026-12-06 by a helper that saw neither the console's escalation rules nor any other set.
Each language has 16 requests (the customer asks, now, to talk to or be passed to a human) and
12 non-requests (hard look-alikes that mention staff, calls or agents but do not ask for a hand-over).
"""

from __future__ import annotations

#: language -> messages in which the customer asks, now, to talk to / be passed to a human
REQUESTS: dict[str, tuple[str, ...]] = {
    "en": (
        (
            "Can I get a real person on this? My order #48213 says delivered but there's nothing at "
            "my door and the neighbours haven't seen it either."
        ),
        (
            "I was charged twice for the same subscription last month, and honestly I'd rather go "
            "through it with someone from your team than a form, because my bank wants a reference I "
            "don't have."
        ),
        (
            "I reset my password three times and still get 'invalid credentials', and the reset "
            "email takes 20 min every time. Please put me through to someone who can actually look "
            "at my account."
        ),
        "Would it be possible for one of your colleagues to have a look at this?",
        "I think this one needs someone from your side, tbh.",
        "Is there any way I could speak to somebody about it?",
        "HUMAN. NOW. IVE BEEN AT THIS FOR AN HOUR",
        "pls jst conect me w a real persn asap",
        "I'd like to speak to a supervisor, please.",
        "Who's the person in charge of refunds? I want to talk to them directly.",
        "Can someone call me back on 07700 900123 this afternoon?",
        "What number can I ring to talk to an actual person?",
        "You're useless. I want a human.",
        "Stop sending me the same canned answers and get me someone who can think.",
        "agent please",
        "speak to someone",
    ),
    "zh": (
        "麻烦转人工，我的订单显示已签收但我根本没收到，快递员电话也打不通。",
        (
            "退款申请提交一周了还在审核中，我想找个人工客服帮我看看到底卡在哪一步，支付宝那边说他们没"
            "收到任何退款。"
        ),
        "我的帳號一直顯示登入異常，驗證碼也收不到，已經試了一整個下午，請幫我轉真人客服處理。",
        "这个问题能不能请你们的同事帮忙看一下？",
        "我觉得这个情况还是需要你们那边有人来处理一下吧",
        "請問有沒有辦法跟真人聊一下呢？",
        "人工！！！人工！！！听不懂吗",
        "转人公 快点 等半天了",
        "我要投诉，请把我转给你们主管或者负责人。",
        "可以幫我轉給技術部門的人嗎？這個錯誤碼機器人解決不了。",
        "能不能让客服给我回个电话？号码就是注册时留的那个。",
        "請給我一個可以直接跟專人通話的電話號碼。",
        "你这机器人一问三不知，给我换个真人来",
        "别再给我发模板回复了，找个人来跟我说",
        "转人工",
        "真人客服",
    ),
    "ja": (
        (
            "オペレーターの方に代わってもらえますか。注文番号2045の商品が届かず、追跡も三日前から更新"
            "されていません。"
        ),
        (
            "先月分が二重で引き落とされていて、フォームで問い合わせても返信がないので、担当の方と直接"
            "お話しさせていただけないでしょうか。カード会社からは店舗に確認してと言われています。"
        ),
        (
            "ログインしようとすると毎回エラーコードE102が出て、パスワード再設定メールも届きません。も"
            "う自分ではどうにもならないので、人につないでください。"
        ),
        "恐れ入りますが、こちらの件、担当者の方に見ていただくことは可能でしょうか。",
        "これはそちらのどなたかに確認してもらわないと無理な気がします…",
        "どなたかとお話しすることってできますか？",
        "だから人間出せって言ってんの！！",
        "おぺれーたーはやく まじで",
        "責任者の方をお願いします。",
        "返金の担当部署の方に取り次いでいただけますか。",
        "登録の番号に折り返しお電話をお願いします。今日の17時以降なら出られます。",
        "担当者と直接話せる電話番号を教えてください。",
        "定型文ばかりで話になりません。人に代わってください。",
        "ボットじゃ解決しないので、ちゃんとした人を呼んでください",
        "有人対応で",
        "オペレーター",
    ),
    "ko": (
        "상담원 연결 부탁드려요. 주문한 지 열흘 넘었는데 배송조회가 계속 '상품 준비중'이에요.",
        (
            "환불 신청한 지 2주가 지났는데 아직 처리가 안 됐고요, 이건 사람이랑 직접 얘기해야 할 것 "
            "같아요. 카드사에서는 가맹점 취소 요청이 안 들어왔다고 하네요."
        ),
        "비밀번호를 재설정해도 계속 로그인 실패가 뜨고 인증 문자도 안 와요. 직원분께 좀 넘겨주세요.",
        "혹시 담당자분이 한번 확인해 주실 수 있을까요?",
        "이건 그쪽에서 누가 직접 봐주셔야 할 문제 같아요.",
        "실제 사람이랑 얘기할 수 있는 방법이 있을까요?",
        "아 진짜 상담원 연결하라고!!!",
        "상담원ㄱㄱ 빨리좀요 ㅡㅡ",
        "책임자 바꿔주세요. 이번이 세 번째 문의예요.",
        "환불 담당 부서로 연결해 주실 수 있나요?",
        "전화로 상담받고 싶어요. 가입한 번호로 콜백 부탁드립니다.",
        "상담원이랑 바로 통화할 수 있는 번호 좀 알려주세요.",
        "챗봇 말고 사람이요. 계속 같은 말만 하잖아요.",
        "자동응답 그만하고 진짜 사람 불러주세요",
        "상담원 연결",
        "사람이요",
    ),
    "fr": (
        (
            "Je voudrais parler à un conseiller svp. Ma commande 77812 est marquée livrée mais je "
            "n'ai rien reçu, et le point relais non plus."
        ),
        (
            "J'ai été prélevé deux fois pour le même abonnement, et franchement je préfère voir ça "
            "avec quelqu'un de chez vous qu'avec un formulaire, ma banque me demande une référence "
            "que je n'ai pas."
        ),
        (
            "Impossible de me connecter depuis la mise à jour, le code de vérification n'arrive "
            "jamais par SMS. Pouvez-vous me passer quelqu'un qui peut regarder mon compte ?"
        ),
        "Serait-il possible qu'un de vos collègues jette un œil à mon dossier ?",
        "Je pense que ça nécessite l'intervention de quelqu'un de votre service, non ?",
        "Y aurait-il moyen d'échanger avec une vraie personne ?",
        "UN HUMAIN BORDEL. ca fait 40 min que je tourne en rond",
        "jveu parlé a qqn de reel stp c urgent",
        "Je souhaite être mis en relation avec le service réclamations.",
        "Passez-moi votre responsable, s'il vous plaît.",
        "Est-ce qu'un conseiller peut me rappeler au 06 12 34 56 78 cet après-midi ?",
        "Quel numéro je peux appeler pour avoir quelqu'un au téléphone ?",
        "Vous ne servez à rien, je veux un humain.",
        "Arrêtez les réponses toutes faites et trouvez-moi quelqu'un de compétent.",
        "Conseiller svp",
        "Un humain",
    ),
    "es": (
        (
            "¿Me pueden pasar con un asesor? Mi pedido 30912 aparece como entregado pero no me llegó "
            "nada y el repartidor no contesta."
        ),
        (
            "Me habéis cobrado dos veces la misma suscripción y, la verdad, prefiero hablarlo con "
            "alguien de vuestro equipo que rellenar otro formulario, porque el banco me pide un "
            "justificante."
        ),
        (
            "Desde ayer no puedo entrar a mi cuenta, me dice que la contraseña es incorrecta aunque "
            "ya la cambié dos veces. ¿Me comunican con alguien que pueda revisarla, por favor?"
        ),
        "¿Sería posible que algún compañero vuestro le echara un vistazo a esto?",
        "Me parece que esto lo tiene que ver alguien de ustedes, ¿no?",
        "¿Habría alguna manera de hablar con una persona?",
        "QUIERO HABLAR CON UNA PERSONA YA, NO CON UNA MAQUINA",
        "pasame cn alguien q sepa xfa",
        "Quiero hablar con el encargado, por favor.",
        "¿Me pueden transferir al área de reclamos?",
        "¿Me puede llamar alguien? Estoy en el 612 345 678 hasta las siete.",
        "Pásenme un número de teléfono donde me atienda una persona.",
        "No sirves para nada, quiero un humano.",
        "Deja de mandarme respuestas automáticas y ponme con alguien de verdad.",
        "Agente, por favor",
        "Operador",
    ),
    "de": (
        (
            "Ich hätte gern einen Mitarbeiter. Meine Bestellung 55310 steht auf zugestellt, aber "
            "hier ist nichts angekommen und die Nachbarn haben auch nichts."
        ),
        (
            "Mir wurde das Abo zweimal abgebucht, und ehrlich gesagt würde ich das lieber direkt mit "
            "jemandem von Ihnen klären als per Formular, weil meine Bank eine Referenznummer will."
        ),
        (
            "Seit dem Update komme ich nicht mehr in mein Konto, der Bestätigungscode per SMS kommt "
            "nie an. Können Sie mich bitte an jemanden weiterleiten, der sich das anschaut?"
        ),
        "Wäre es möglich, dass sich ein Kollege oder eine Kollegin das mal ansieht?",
        "Ich glaube, das muss sich jemand bei Ihnen persönlich anschauen.",
        "Gibt es irgendeine Möglichkeit, mit einem Menschen zu sprechen?",
        "MENSCH BITTE!!! ich schreib hier seit ner stunde mit nem automaten",
        "will mit jmd echtem redn, bitte schnell",
        "Bitte verbinden Sie mich mit Ihrem Vorgesetzten.",
        "Kann ich bitte mit jemandem aus der Buchhaltung sprechen? Es geht um eine doppelte Rechnung.",
        "Kann mich jemand heute Nachmittag zurückrufen? Nummer steht im Kundenkonto.",
        "Unter welcher Nummer erreiche ich einen echten Mitarbeiter?",
        "Du bist nutzlos. Ich will einen Menschen.",
        "Hören Sie auf mit den Textbausteinen und holen Sie mir jemanden, der Ahnung hat.",
        "Mitarbeiter bitte",
        "Echter Mensch",
    ),
    "pt": (
        (
            "Quero falar com um atendente. Meu pedido 61204 aparece como entregue mas não recebi "
            "nada e o porteiro também não viu."
        ),
        (
            "Cobraram-me duas vezes a mesma subscrição e, sinceramente, prefiro tratar disto com "
            "alguém da vossa equipa do que preencher mais um formulário, o banco pede-me uma "
            "referência."
        ),
        (
            "Não consigo entrar na minha conta desde ontem, o código de verificação não chega por "
            "SMS. Dá pra me transferir pra alguém que consiga olhar isso?"
        ),
        "Seria possível um colega vosso dar uma vista de olhos a isto?",
        "Acho que isso precisa de alguém aí do lado de vocês, né?",
        "Tem algum jeito de eu falar com uma pessoa?",
        "ME PASSA PRA UM HUMANO LOGO, JA TO AQUI HA UMA HORA",
        "qro falar c um atendente pfv, urgente",
        "Queria falar com o responsável, se faz favor.",
        "Pode me encaminhar para o setor financeiro? É sobre uma cobrança indevida.",
        "Alguém me pode ligar? Estou disponível no 912 345 678 até às 18h.",
        "Qual o telefone pra falar com um atendente de verdade?",
        "Você não serve pra nada, quero um humano.",
        "Pare de me mandar respostas feitas e passe-me a alguém que perceba do assunto.",
        "Atendente humano",
        "Falar com operador",
    ),
    "ru": (
        (
            "Соедините с оператором, пожалуйста. Заказ 48812 отмечен как доставленный, но я ничего "
            "не получал, а курьер не берёт трубку."
        ),
        (
            "С меня дважды списали за одну подписку, и честно говоря, я бы лучше разобрался с кем-то "
            "из ваших сотрудников, чем снова заполнять форму: банк требует номер операции."
        ),
        (
            "После обновления не могу войти в аккаунт, код подтверждения по СМС не приходит. "
            "Передайте, пожалуйста, мой вопрос живому человеку."
        ),
        "А можно, чтобы кто-нибудь из ваших коллег посмотрел мою заявку?",
        "Мне кажется, тут без вашего специалиста не обойтись.",
        "Есть какая-нибудь возможность поговорить с человеком?",
        "ДАЙТЕ ЧЕЛОВЕКА!!! сколько можно",
        "позавите живово оператора плз",
        "Хочу поговорить с руководителем отдела, переключите.",
        "Переведите меня в техподдержку, пусть посмотрят логи.",
        "Перезвоните мне, пожалуйста, на номер из профиля, после 15:00 удобно.",
        "Дайте номер телефона, по которому можно дозвониться до сотрудника.",
        "Ты бесполезный бот, мне нужен человек.",
        "Хватит отвечать шаблонами, позовите кого-нибудь нормального.",
        "Оператора",
        "Живой человек",
    ),
    "ar": (
        "أريد التحدث مع موظف خدمة العملاء من فضلك. طلبي رقم 55210 يظهر أنه تم تسليمه لكنني لم أستلم شيئاً.",
        (
            "اتخصم مني الاشتراك مرتين الشهر ده، وبصراحة عايز أتكلم مع حد من عندكم بدل الفورم ده، "
            "عشان البنك طالب رقم مرجعي أنا معرفوش."
        ),
        "من أمس ما أقدر أدخل حسابي والكود ما يوصلني على الجوال، أبي أحد من الموظفين يشوف لي الموضوع.",
        "هل من الممكن أن يطّلع أحد زملائكم على هذه المشكلة؟",
        "حاسس إنو هالشي بدو حدا من عندكن يشوفو",
        "هل هناك أي طريقة للتحدث مع شخص ما؟",
        "عايز اكلم بني ادم حالا بقالي ساعة بكلم مكنة",
        "bghit nhder m3a chi wa7ed mn service client 3afak",
        "أرجو تحويلي إلى المشرف المسؤول.",
        "حولني على قسم الشكاوى لو سمحت",
        "فيكن حدا يتصل فيي؟ رقمي موجود بالحساب، بكون فاضي بعد الساعة خمسة.",
        "ابعتلي رقم تليفون أكلم فيه حد من خدمة العملاء",
        "انت ما تفيد بشي، أبي أكلم إنسان",
        "توقف عن الردود الجاهزة وأوصلني بموظف حقيقي.",
        "موظف بشري",
        "عايز حد يكلمني",
    ),
    "vi": (
        "Cho mình gặp nhân viên tư vấn với. Đơn hàng 73015 báo đã giao mà mình chưa nhận được gì hết.",
        (
            "Mình bị trừ tiền hai lần cho cùng một gói, thật sự mình muốn trao đổi trực tiếp với "
            "người bên bạn hơn là điền form, vì ngân hàng đòi mã giao dịch mà mình không có."
        ),
        (
            "Từ hôm qua mình không đăng nhập được, mã OTP không gửi về điện thoại. Chuyển giúp mình "
            "qua nhân viên kiểm tra tài khoản nhé."
        ),
        "Không biết có thể nhờ một bạn nhân viên bên mình xem giúp trường hợp này được không ạ?",
        "Mình nghĩ vụ này cần người bên shop xử lý rồi.",
        "Có cách nào để mình nói chuyện với người thật không ạ?",
        "cho gap nguoi that di, noi mai khong hieu a",
        "ad ơi cho e gặp nv tư vấn vs, gấp lắm",
        "Tôi muốn nói chuyện với quản lý của các bạn.",
        "Chuyển giúp mình sang bộ phận kỹ thuật với, lỗi này chatbot không xử lý được.",
        "Bên bạn gọi lại cho mình theo số 0912 345 678 được không? Sau 5h chiều mình rảnh.",
        "Cho xin số hotline để gọi gặp nhân viên trực tiếp.",
        "Bot gì mà chẳng giúp được gì, cho tôi gặp người.",
        "Đừng gửi câu trả lời mẫu nữa, gọi ai đó ra nói chuyện đi.",
        "Gặp nhân viên",
        "Cần người hỗ trợ",
    ),
    "th": (
        "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ ออเดอร์ 84120 ขึ้นว่าส่งแล้วแต่ยังไม่ได้รับของเลย",
        "โดนตัดเงินค่าสมาชิกซ้ำสองรอบ จริงๆ อยากคุยกับคนของทางร้านโดยตรงมากกว่ากรอกฟอร์ม เพราะธนาคารขอเลขอ้างอิงที่ผมไม่มี",
        "ตั้งแต่เมื่อวานเข้าบัญชีไม่ได้ OTP ก็ไม่เข้ามือถือ รบกวนส่งต่อให้พนักงานช่วยเช็กให้หน่อยครับ",
        "ไม่ทราบว่าพอจะให้พนักงานท่านอื่นช่วยดูเรื่องนี้ได้ไหมคะ",
        "คิดว่าเรื่องนี้คงต้องให้คนจากทางบริษัทดูแล้วล่ะครับ",
        "มีช่องทางไหนที่จะได้คุยกับคนจริงๆ บ้างไหมคะ",
        "ขอคนจริงๆ ดิ ตอบไม่รู้เรื่องเลย!!!",
        "แอดขอคุยกะคนหน่อยยย ด่วนมากกก",
        "ขอคุยกับหัวหน้างานค่ะ",
        "ช่วยส่งเรื่องให้ฝ่ายที่ดูแลการคืนเงินคุยกับผมได้ไหมครับ",
        "ให้เจ้าหน้าที่โทรกลับได้ไหมคะ เบอร์ตามที่ลงทะเบียนไว้ สะดวกหลังบ่ายสาม",
        "ขอเบอร์โทรที่คุยกับพนักงานได้เลยครับ",
        "บอทไม่ช่วยอะไรเลย ขอคุยกับคนค่ะ",
        "เลิกส่งข้อความสำเร็จรูปได้แล้ว เรียกคนมาคุยที",
        "ขอคุยกับแอดมิน",
        "ติดต่อเจ้าหน้าที่",
    ),
    "id": (
        "Mau bicara dengan CS manusia dong. Pesanan 66102 statusnya terkirim tapi barangnya belum sampai.",
        (
            "Saldo saya terpotong dua kali untuk langganan yang sama, jujur saya lebih suka bahas "
            "langsung dengan orang dari tim kalian daripada isi formulir, bank minta nomor "
            "referensi."
        ),
        (
            "Dari kemarin nggak bisa login, kode OTP nggak masuk ke HP. Tolong sambungkan ke petugas "
            "yang bisa cek akun saya."
        ),
        "Apakah memungkinkan salah satu rekan Anda membantu mengecek masalah ini?",
        "Kayaknya ini harus ditangani orang dari pihak kalian deh.",
        "Ada cara nggak supaya saya bisa ngobrol sama orang beneran?",
        "MANA ORANGNYA?? SAMBUNGIN KE CS SKRG JUGA",
        "min tlg sambungin ke cs dong gpl",
        "Saya mau bicara dengan supervisor, tolong.",
        "Bisa dihubungkan ke bagian keuangan? Ini soal tagihan ganda.",
        "Bisa minta ditelepon balik? Pakai nomor yang terdaftar, saya senggang setelah jam 4 sore.",
        "Minta nomor telepon yang bisa langsung ngobrol sama agen dong.",
        "Bot nggak guna, saya mau ngomong sama manusia.",
        "Stop kirim jawaban template, panggilkan orang yang ngerti masalahnya.",
        "Chat sama CS",
        "Agen manusia",
    ),
    "it": (
        (
            "Vorrei parlare con un operatore. L'ordine 51873 risulta consegnato ma non ho ricevuto "
            "niente e il portinaio non ne sa nulla."
        ),
        (
            "Mi avete addebitato due volte lo stesso abbonamento e sinceramente preferirei parlarne "
            "con qualcuno del vostro team invece di compilare un modulo, la banca mi chiede un "
            "codice."
        ),
        (
            "Dall'aggiornamento non riesco più ad accedere, il codice via SMS non arriva mai. Potete "
            "passarmi qualcuno che controlli il mio account?"
        ),
        "Sarebbe possibile far dare un'occhiata a un vostro collega?",
        "Credo che qui serva l'intervento di qualcuno da parte vostra.",
        "C'è un modo per parlare con una persona?",
        "VOGLIO UN ESSERE UMANO, BASTA",
        "voglio parlare cn qlcn d vero x favore",
        "Mi passi il responsabile, per cortesia.",
        "Potete mettermi in contatto con l'ufficio reclami?",
        "Può richiamarmi qualcuno? Sono al 347 123 4567 fino alle 18.",
        "Qual è il numero per parlare con un operatore in carne e ossa?",
        "Non servi a niente, voglio un umano.",
        "Smettila con le risposte preconfezionate e fammi parlare con qualcuno che capisca.",
        "Operatore",
        "Assistenza umana",
    ),
    "tr": (
        (
            "Müşteri temsilcisiyle görüşmek istiyorum. 40218 numaralı siparişim teslim edildi "
            "görünüyor ama elime hiçbir şey ulaşmadı."
        ),
        (
            "Aynı abonelik için iki kez ücret çekildi, açıkçası form doldurmak yerine sizden biriyle "
            "doğrudan konuşmayı tercih ederim, çünkü banka elimde olmayan bir referans numarası "
            "istiyor."
        ),
        (
            "Dünden beri hesabıma giriş yapamıyorum, doğrulama kodu SMS ile gelmiyor. Lütfen beni "
            "hesabıma bakabilecek birine aktarın."
        ),
        "Acaba arkadaşlarınızdan biri bu duruma bakabilir mi?",
        "Bence bu konuya sizin taraftan birinin bakması lazım.",
        "Bir insanla konuşmamın bir yolu var mı acaba?",
        "GERCEK BIR INSAN ISTIYORUM HEMEN",
        "temsilciye baglarmısınz acil ya",
        "Yöneticinize bağlar mısınız?",
        "Beni şikayet birimine yönlendirebilir misiniz?",
        "Biri beni arayabilir mi? Kayıtlı numaramdan ulaşabilirsiniz, öğleden sonra müsaitim.",
        "Bir temsilciyle telefonda konuşabileceğim numara nedir?",
        "Hiçbir işe yaramıyorsun, insan istiyorum.",
        "Hazır cevap vermeyi bırakın, beni anlayan birine bağlayın.",
        "Temsilci lütfen",
        "Canlı destek",
    ),
    "nl": (
        (
            "Ik wil graag een medewerker spreken. Bestelling 29481 staat op bezorgd, maar er is hier "
            "niks aangekomen."
        ),
        (
            "Er is twee keer voor hetzelfde abonnement afgeschreven, en eerlijk gezegd bespreek ik "
            "dit liever met iemand van jullie dan via een formulier, want de bank wil een "
            "referentienummer."
        ),
        (
            "Sinds de update kan ik niet meer inloggen en de sms-code komt nooit aan. Kunnen jullie "
            "me doorverbinden met iemand die naar mijn account kan kijken?"
        ),
        "Zou een van uw collega's hier misschien naar kunnen kijken?",
        "Ik denk dat hier toch iemand van jullie kant naar moet kijken.",
        "Is er een manier om met een echt persoon te praten?",
        "GEEF ME GEWOON EEN MENS, ik zit hier al een uur",
        "wil ff iemand spreke aub, snel",
        "Mag ik uw leidinggevende spreken?",
        "Kunt u me doorverbinden met de klachtenafdeling?",
        "Kan iemand mij terugbellen? Mijn nummer staat in mijn account, na 15:00 ben ik bereikbaar.",
        "Op welk nummer kan ik een medewerker bellen?",
        "Je bent nutteloos, ik wil een mens.",
        "Stop met die standaardantwoorden en zet er iemand op die er verstand van heeft.",
        "Medewerker aub",
        "Echt persoon",
    ),
    "pl": (
        "Poproszę konsultanta. Zamówienie 33920 ma status dostarczone, a nic do mnie nie dotarło.",
        (
            "Pobraliście dwa razy opłatę za tę samą subskrypcję i szczerze mówiąc wolałbym to "
            "wyjaśnić z kimś z waszego zespołu niż przez formularz, bo bank chce numer referencyjny."
        ),
        (
            "Od wczoraj nie mogę się zalogować, kod SMS w ogóle nie przychodzi. Proszę przekierować "
            "mnie do kogoś, kto sprawdzi moje konto."
        ),
        "Czy byłaby możliwość, żeby ktoś z Państwa współpracowników rzucił na to okiem?",
        "Wydaje mi się, że tu musi zajrzeć ktoś od Was.",
        "Jest jakaś możliwość porozmawiania z człowiekiem?",
        "DAJCIE MI CZLOWIEKA, ILE MOZNA CZEKAC",
        "chce pogadac z kims zywym pls szybko",
        "Proszę połączyć mnie z przełożonym.",
        "Czy mogę porozmawiać z działem reklamacji?",
        "Czy ktoś może do mnie oddzwonić? Numer jest w profilu, po 15 mogę rozmawiać.",
        "Pod jaki numer mam zadzwonić, żeby porozmawiać z konsultantem?",
        "Jesteś bezużyteczny, chcę rozmawiać z człowiekiem.",
        "Przestańcie odpisywać szablonami i dajcie mi kogoś, kto się zna.",
        "Konsultant proszę",
        "Żywy człowiek",
    ),
}

#: language -> look-alike messages that do NOT ask for a human now
NOT_REQUESTS: dict[str, tuple[str, ...]] = {
    "en": (
        (
            "Your colleague told me on Monday that the refund would be back within 5 days, it's now "
            "Friday. Can you check the status?"
        ),
        (
            "I called yesterday and the agent said my parcel was re-routed. Just want to confirm the "
            "new delivery address is 14 Elm Road."
        ),
        "Please pass my thanks on to Priya, she sorted out my exchange really quickly last week.",
        "The courier left the parcel with my neighbour, does that count as delivered?",
        "The technician who came this morning didn't take the old router away. How do I send it back?",
        "Just curious, do your support agents speak Spanish? My mum might message you later.",
        "Until when is the hotline open on Saturdays?",
        "No need to transfer me, that answered it. Thanks!",
        "Are you a bot? Just curious, you reply really fast lol",
        "My travel agent booked the hotel through you, where do I find the booking reference?",
        "Does the phone I bought work with any mobile operator or only yours?",
        "I'm the office manager at Brightwell Ltd, I need a VAT invoice for order 55120.",
    ),
    "zh": (
        "周一你们客服跟我说三天内退款到账，现在还没到，能帮我查一下进度吗？",
        "我昨天打過電話，客服人員說包裹已經改寄到新地址了，想確認一下是不是台中那個地址。",
        "上次帮我处理换货的小王客服态度特别好，给她点个赞！",
        "快递员把包裹放在门卫室了，这算签收吗？",
        "上週來安裝的師傅把說明書帶走了，可以再寄一本給我嗎？",
        "请问你们客服热线周末几点到几点？我下周再打。",
        "你們的客服人員會講粵語嗎？純粹好奇。",
        "不用转人工了，你刚才说的已经解决了，谢谢",
        "你是机器人还是真人啊？回得好快",
        "我是通过旅行社代理订的酒店，订单号在哪里查？",
        "這支手機可以插其他電信業者的SIM卡嗎？",
        "我是公司行政主管，需要给这批办公用品开增值税专用发票。",
    ),
    "ja": (
        (
            "月曜日にチャットで担当の方から「返金は5営業日以内」と聞いたのですが、まだ入金されていま"
            "せん。状況を教えてもらえますか。"
        ),
        (
            "昨日電話したら、オペレーターさんに住所変更は完了したと言われました。念のため新しい住所を"
            "確認したいです。"
        ),
        "先日対応してくださった佐藤さん、とても丁寧で助かりました。よろしくお伝えください。",
        "配達員さんが玄関前に置き配していったのですが、これで受取完了扱いになりますか？",
        "出品者の方からまだ発送連絡が来ていないのですが、いつ頃届きますか？",
        "サポートの方って英語も対応していますか？来月、海外に住む父が使う予定なので。",
        "電話窓口は土曜日何時まで開いていますか？",
        "いえ、オペレーターにつなぐ必要はないです。今の説明でわかりました。",
        "これって自動応答ですか？ちょっと気になって。",
        "旅行代理店経由で予約したホテルのキャンセル料はどこで確認できますか？",
        "通信事業者を乗り換えても、このモバイルルーターは使えますか？",
        "総務部の者ですが、会社名義で適格請求書を発行していただきたいです。注文番号は8871です。",
    ),
    "ko": (
        ("월요일에 상담원분이 이번 주 안에 환불된다고 하셨는데 아직 안 들어왔어요. 진행상황 알 수 있을까요?"),
        "어제 고객센터에 전화했더니 교환 접수됐다고 하더라고요. 회수 날짜만 확인하고 싶어요.",
        "지난번에 도와주신 김민지 상담사님 정말 친절하셨어요. 감사하다고 전해주세요.",
        "택배 기사님이 경비실에 맡겼다고 문자가 왔는데 경비실에는 없대요. 배송 상태 다시 확인 가능할까요?",
        "남편 명의로 주문했는데 제 카드로 결제 수단 변경 가능한가요?",
        "고객센터 상담원분들 영어도 되나요? 그냥 궁금해서요.",
        "전화 상담은 몇 시까지 해요?",
        "아 상담원 연결은 안 해주셔도 돼요. 방금 답변으로 해결됐어요.",
        "혹시 AI예요? 답장이 너무 빨라서요 ㅋㅋ",
        "여행사 대리점에서 예약한 건데 여기서도 일정 변경 되나요?",
        "영업사원 채용 공고 아직 마감 안 됐나요?",
        "저희 회사 총무팀 과장인데요, 사무용품 주문 건 세금계산서 발행 부탁드려요.",
    ),
    "fr": (
        (
            "Votre collègue m'a dit lundi que le remboursement arriverait sous 5 jours, on est "
            "vendredi. Vous pouvez vérifier où ça en est ?"
        ),
        (
            "J'ai appelé hier et la conseillère m'a confirmé l'échange. Je voulais juste savoir si "
            "l'étiquette retour est envoyée par mail."
        ),
        ("Un grand merci à Julien qui a réglé mon problème de facture la semaine dernière, super efficace !"),
        "Le livreur a laissé le colis chez ma voisine, est-ce que ça compte comme livré ?",
        (
            "Le technicien qui est passé ce matin a oublié de reprendre l'ancienne box, je la "
            "renvoie comment ?"
        ),
        "Vos conseillers parlent-ils anglais ? C'est pour mon beau-père, il vous écrira plus tard.",
        "Le service client téléphonique est ouvert jusqu'à quelle heure le samedi ?",
        "Pas besoin de me transférer, ça répond à ma question. Merci !",
        "Vous êtes un robot ? Simple curiosité hein",
        "Mon agent de voyage a réservé l'hôtel via votre site, où je trouve le numéro de réservation ?",
        "Je voudrais postuler au poste de représentant commercial, l'annonce est toujours d'actualité ?",
        (
            "Je suis responsable des achats chez Dumas SARL, il me faut une facture avec notre "
            "numéro de TVA intracommunautaire."
        ),
    ),
    "es": (
        (
            "Vuestro compañero me dijo el lunes que el reembolso tardaría cinco días y ya es "
            "viernes, ¿podéis mirar cómo va?"
        ),
        (
            "Ayer llamé y la señorita que me atendió me dijo que el paquete se había desviado. Solo "
            "quiero confirmar la nueva dirección."
        ),
        "Muchas gracias a Lucía, que me resolvió lo de la factura en un momento. ¡Un 10!",
        "El repartidor dejó el paquete con el portero, ¿cuenta como entregado?",
        "Mi esposa hizo la compra desde su cuenta, ¿igual puedo devolverlo yo con el ticket?",
        "¿Sus asesores hablan portugués? Es para mi suegra, ella les escribe luego.",
        "¿Hasta qué hora está abierto el teléfono de atención al cliente los sábados?",
        "No hace falta que me pases con nadie, ya quedó claro. ¡Gracias!",
        "¿Eres un bot? Es curiosidad nada más jaja",
        "Mi agente de viajes reservó el hotel por vuestra web, ¿dónde veo el localizador?",
        "¿Este móvil libre funciona con cualquier operador o solo con el vuestro?",
        (
            "Soy la gerente de la oficina de Ferretería López, necesito la factura con nuestros "
            "datos fiscales del pedido 4471."
        ),
    ),
    "de": (
        (
            "Ihr Kollege hat mir am Montag gesagt, die Erstattung kommt innerhalb von 5 Tagen. Heute "
            "ist Freitag – können Sie nachsehen, wie der Stand ist?"
        ),
        (
            "Ich habe gestern angerufen und die Mitarbeiterin meinte, das Paket wurde umgeleitet. "
            "Ich möchte nur die neue Lieferadresse bestätigen."
        ),
        (
            "Ein großes Dankeschön an Herrn Becker, der meine Reklamation letzte Woche super schnell "
            "bearbeitet hat!"
        ),
        "Der Paketbote hat das Paket beim Nachbarn abgegeben, gilt das als zugestellt?",
        (
            "Der Techniker, der heute Morgen da war, hat den alten Router nicht mitgenommen. Wie "
            "schicke ich den zurück?"
        ),
        (
            "Sprechen Ihre Servicemitarbeiter auch Türkisch? Frage für meine Mutter, sie meldet sich "
            "später selbst."
        ),
        "Bis wann ist die Hotline samstags erreichbar?",
        "Nicht nötig, mich weiterzuleiten, das hat meine Frage beantwortet. Danke!",
        "Bist du ein Bot? Reine Neugier :)",
        "Mein Reisebüro hat das Hotel über Sie gebucht, wo finde ich die Buchungsnummer?",
        "Ist die Stelle als Außendienstmitarbeiter noch ausgeschrieben?",
        (
            "Ich bin die Büroleiterin der Kanzlei Vogt & Partner und brauche für Bestellung 90412 "
            "eine Rechnung mit ausgewiesener MwSt."
        ),
    ),
    "pt": (
        (
            "Seu colega me disse na segunda que o estorno caía em 5 dias úteis e até agora nada. "
            "Consegue ver o status?"
        ),
        (
            "Liguei ontem e a senhora que me atendeu disse que a encomenda foi reencaminhada. Só "
            "queria confirmar a nova morada."
        ),
        "Muito obrigada à Camila, que resolveu a troca super rápido semana passada!",
        "O entregador deixou o pacote com o vizinho, isso conta como entregue?",
        "O técnico que cá veio esta manhã não levou o router antigo. Como o devolvo?",
        "Os atendentes de vocês falam espanhol? É pra minha sogra, ela vai escrever depois.",
        "Até que horas está aberta a linha de apoio ao sábado?",
        "Não precisa me transferir, já entendi. Valeu!",
        "Você é um robô? Só curiosidade kkk",
        "O meu agente de viagens reservou o hotel pelo vosso site, onde vejo o código da reserva?",
        "Esse celular funciona com qualquer operadora ou só com a de vocês?",
        (
            "Sou gerente administrativa da Padaria Bom Gosto, preciso da nota fiscal do pedido 3387 "
            "com nosso CNPJ."
        ),
    ),
    "ru": (
        (
            "Ваш сотрудник в понедельник сказал, что деньги вернутся за пять дней, уже пятница. "
            "Можете проверить статус?"
        ),
        (
            "Звонил вчера, оператор сказал, что посылку перенаправили. Хочу просто уточнить новый "
            "адрес доставки."
        ),
        "Передайте огромное спасибо Анне, она очень быстро решила вопрос с обменом!",
        "Курьер оставил посылку у соседей, это считается доставкой?",
        "Мастер, который приходил утром, забыл забрать старый роутер. Как его вернуть?",
        "Ваши операторы говорят по-английски? Спрашиваю для коллеги, он напишет позже.",
        "До скольки работает горячая линия в субботу?",
        "Не надо меня ни с кем соединять, вы уже ответили. Спасибо!",
        "Ты бот? Просто интересно",
        "Эта сим-карта работает в роуминге у других операторов связи?",
        "Турагент забронировал отель через ваш сайт, где посмотреть номер брони?",
        "Я офис-менеджер ООО «Вектор», нам нужен счёт на оплату и счёт-фактура по заказу 7719.",
    ),
    "ar": (
        (
            "أخبرني زميلكم يوم الاثنين أن المبلغ سيُعاد خلال خمسة أيام، واليوم الجمعة. هل يمكنك "
            "التحقق من حالة الاسترداد؟"
        ),
        "كلمتكم امبارح والموظف قالي إن الشحنة اتحولت لعنوان تاني، عايز بس أتأكد من العنوان الجديد.",
        "شكراً للأخت نورة اللي ساعدتني الأسبوع اللي فات، والله ما قصرت.",
        "المندوب ترك الطرد عند الجيران، هيك بيعتبر تسلّم؟",
        "الفني الذي حضر صباح اليوم نسي أخذ جهاز الراوتر القديم، كيف أعيده؟",
        "هل يتحدث موظفو خدمة العملاء لديكم الفرنسية؟ أسأل لوالدتي، ستتواصل معكم لاحقاً.",
        "حتى لشمن ساعة كيبقى الخط ديال خدمة الزبناء محلول نهار السبت؟",
        "لا مش محتاج تحولني لحد، كده وضحت. شكراً",
        "إنت روبوت ولا بني آدم؟ بس فضول",
        "حجز لي وكيل السفر الفندق عبر موقعكم، أين أجد رقم الحجز؟",
        "هالجوال يشتغل مع أي مشغّل اتصالات ولا بس معكم؟",
        "أنا مديرة المكتب في شركة الأفق، نحتاج فاتورة ضريبية باسم الشركة للطلب رقم 6620.",
    ),
    "vi": (
        (
            "Hôm thứ Hai bạn nhân viên bảo mình là 5 ngày sẽ hoàn tiền, giờ thứ Sáu rồi. Kiểm tra "
            "giúp mình trạng thái với."
        ),
        (
            "Hôm qua mình gọi tổng đài, chị tổng đài viên nói đơn đã chuyển sang địa chỉ mới. Mình "
            "chỉ muốn xác nhận lại địa chỉ."
        ),
        "Cảm ơn bạn Thảo hôm trước hỗ trợ đổi hàng nhiệt tình quá!",
        "Shipper để hàng ở chỗ bảo vệ chung cư, vậy là tính đã giao chưa?",
        "Anh kỹ thuật sáng nay qua lắp mạng quên lấy modem cũ, giờ gửi trả thế nào?",
        "Nhân viên bên bạn có nói tiếng Anh không? Hỏi cho bạn mình, lát bạn ấy tự nhắn.",
        "Tổng đài chăm sóc khách hàng mở đến mấy giờ thứ Bảy vậy?",
        "Không cần chuyển nhân viên đâu, vậy là rõ rồi. Cảm ơn nha.",
        "Bạn là bot hả? Hỏi cho vui thôi",
        "Đại lý du lịch đặt khách sạn cho mình qua web bên bạn, mã đặt phòng xem ở đâu vậy?",
        "Máy này dùng được sim của nhà mạng nào cũng được hay chỉ Viettel?",
        "Mình là trưởng phòng hành chính công ty Minh Phát, cần xuất hóa đơn VAT cho đơn 5521.",
    ),
    "th": (
        "วันจันทร์พนักงานบอกว่าจะคืนเงินภายใน 5 วัน ตอนนี้วันศุกร์แล้ว ช่วยเช็กสถานะให้หน่อยค่ะ",
        "เมื่อวานโทรไปแล้ว เจ้าหน้าที่บอกว่าพัสดุเปลี่ยนที่อยู่แล้ว แค่อยากยืนยันที่อยู่ใหม่ครับ",
        "ขอบคุณคุณมายด์ที่ช่วยเรื่องเปลี่ยนสินค้าเมื่อวันก่อนนะคะ บริการดีมาก",
        "ไรเดอร์วางของไว้ที่ป้อม รปภ. แบบนี้นับว่าส่งสำเร็จหรือยังคะ",
        "ช่างที่มาติดตั้งเมื่อเช้าลืมเอาเราเตอร์ตัวเก่าไป ต้องส่งคืนยังไงครับ",
        "พนักงานที่นี่พูดภาษาอังกฤษได้ไหมคะ ถามให้เพื่อน เดี๋ยวเขาทักมาเอง",
        "คอลเซ็นเตอร์เปิดถึงกี่โมงวันเสาร์ครับ",
        "ไม่ต้องโอนให้เจ้าหน้าที่แล้วค่ะ เข้าใจแล้ว ขอบคุณค่ะ",
        "นี่บอทหรือคนคะ แค่สงสัยเฉยๆ",
        "เอเจนซี่ทัวร์จองโรงแรมผ่านเว็บคุณให้ ดูเลขการจองได้ที่ไหนครับ",
        "เครื่องนี้ใช้ซิมค่ายไหนก็ได้ใช่ไหมคะ",
        "ดิฉันเป็นผู้จัดการสำนักงานของบริษัท สยามพัฒนา จำกัด ต้องการใบกำกับภาษีเต็มรูปสำหรับคำสั่งซื้อ 3310 ค่ะ",
    ),
    "id": (
        "Hari Senin rekan Anda bilang refund cair dalam 5 hari, sekarang udah Jumat. Bisa cek statusnya?",
        ("Kemarin saya telepon, petugasnya bilang paket dialihkan. Saya cuma mau konfirmasi alamat barunya."),
        "Makasih banyak buat Mbak Rina yang kemarin bantu tukar barang, ramah banget!",
        "Kurirnya nitip paket ke satpam, itu dihitung sudah terkirim ya?",
        "Teknisi yang datang tadi pagi lupa bawa modem lama, cara balikinnya gimana?",
        "CS kalian bisa bahasa Inggris nggak? Nanya buat teman, nanti dia chat sendiri.",
        "Call center buka sampai jam berapa hari Sabtu?",
        "Nggak usah disambungkan ke agen, sudah jelas kok. Makasih.",
        "Ini bot ya? Penasaran aja",
        "Agen travel saya pesan hotel lewat situs kalian, nomor bookingnya di mana ya?",
        "Saya mau daftar jadi agen penjualan, syaratnya apa aja?",
        "Saya office manager di PT Sinar Jaya, butuh faktur pajak untuk pesanan 2290.",
    ),
    "it": (
        (
            "Il vostro collega lunedì mi ha detto che il rimborso arrivava in 5 giorni, oggi è "
            "venerdì. Potete controllare?"
        ),
        (
            "Ieri ho chiamato e l'operatrice mi ha detto che il pacco era stato dirottato. Volevo "
            "solo confermare il nuovo indirizzo."
        ),
        "Un grazie enorme a Giulia che mi ha sistemato la fattura la settimana scorsa, gentilissima!",
        "Il corriere ha lasciato il pacco alla vicina, conta come consegnato?",
        "Il tecnico passato stamattina non ha ritirato il vecchio modem, come lo rispedisco?",
        "I vostri operatori parlano tedesco? Chiedo per mio suocero, scriverà lui più tardi.",
        "Fino a che ora è attivo il numero verde il sabato?",
        "Non serve passarmi a nessuno, mi ha risposto. Grazie!",
        "Sei un bot? Curiosità eh",
        "Questo telefono funziona con qualsiasi operatore o solo con il vostro?",
        "Cercate ancora agenti di commercio per la zona di Bari?",
        (
            "Sono la responsabile amministrativa di Rossi Srl, mi serve la fattura elettronica "
            "dell'ordine 7702 con la nostra partita IVA."
        ),
    ),
    "tr": (
        (
            "Pazartesi temsilciniz iadenin 5 gün içinde yatacağını söyledi, bugün cuma oldu. "
            "Durumuna bakabilir misiniz?"
        ),
        (
            "Dün aradım, görevli kargonun yeni adrese yönlendirildiğini söyledi. Sadece yeni adresi "
            "teyit etmek istiyorum."
        ),
        "Geçen hafta değişim işlemimle ilgilenen Elif Hanım'a çok teşekkür ederim, çok yardımcı oldu.",
        "Kurye paketi kapıcıya bırakmış, bu teslim edilmiş sayılıyor mu?",
        "Sabah gelen teknisyen eski modemi almayı unuttu, nasıl iade edebilirim?",
        "Temsilcileriniz Almanca biliyor mu? Annem için soruyorum, kendisi sonra yazacak.",
        "Çağrı merkezi cumartesi kaçta kapanıyor?",
        "Aktarmanıza gerek yok, sorum cevaplandı. Teşekkürler!",
        "Sen bot musun? Sadece merak ettim",
        "Bu telefon her operatörle çalışıyor mu, yoksa sadece sizinkiyle mi?",
        "Satış temsilcisi ilanınız hâlâ açık mı? Başvurmak istiyorum.",
        "Ben Yıldız Lojistik'in ofis müdürüyüm, 6614 numaralı sipariş için şirket adına fatura lazım.",
    ),
    "nl": (
        (
            "Uw collega zei maandag dat de terugbetaling binnen 5 dagen zou komen, het is nu "
            "vrijdag. Kunt u de status checken?"
        ),
        (
            "Ik heb gisteren gebeld en de medewerker zei dat het pakket werd omgeleid. Ik wil alleen "
            "het nieuwe adres bevestigen."
        ),
        "Complimenten voor Sanne, ze heeft vorige week mijn retour supersnel geregeld!",
        "De bezorger heeft het pakket bij de buren afgegeven, telt dat als bezorgd?",
        ("De monteur die vanochtend langskwam heeft het oude modem niet meegenomen, hoe stuur ik het terug?"),
        "Spreken jullie medewerkers ook Engels? Vraag het voor mijn schoonmoeder, ze mailt later zelf.",
        "Tot hoe laat is de klantenservice op zaterdag telefonisch bereikbaar?",
        "Hoeft niet doorverbonden te worden hoor, dit beantwoordt mijn vraag. Dank!",
        "Ben jij een bot? Gewoon nieuwsgierig",
        "Werkt deze telefoon met elke provider of alleen met die van jullie?",
        "Mijn reisagent heeft het hotel via jullie geboekt, waar vind ik het boekingsnummer?",
        (
            "Ik ben officemanager bij Van Dijk BV en heb een factuur op bedrijfsnaam nodig voor "
            "bestelling 8840."
        ),
    ),
    "pl": (
        (
            "Wasz konsultant w poniedziałek powiedział, że zwrot będzie w 5 dni, a dziś już piątek. "
            "Możecie sprawdzić status?"
        ),
        (
            "Dzwoniłam wczoraj i pani z infolinii powiedziała, że paczka została przekierowana. Chcę "
            "tylko potwierdzić nowy adres."
        ),
        ("Wielkie podziękowania dla pani Kasi, która w zeszłym tygodniu błyskawicznie załatwiła mi wymianę!"),
        "Kurier zostawił paczkę u sąsiada, czy to się liczy jako doręczona?",
        "Technik, który był dziś rano, nie zabrał starego routera. Jak mam go odesłać?",
        "Czy wasi konsultanci mówią po ukraińsku? Pytam dla mamy, napisze później sama.",
        "Do której czynna jest infolinia w sobotę?",
        "Nie trzeba mnie przełączać, to odpowiada na moje pytanie. Dzięki!",
        "Jesteś botem? Tak z ciekawości",
        "Czy ten telefon działa z każdym operatorem, czy tylko z waszym?",
        "Czy rekrutacja na przedstawiciela handlowego jest jeszcze otwarta?",
        (
            "Jestem kierowniczką biura w firmie Nowak Sp. z o.o., potrzebuję faktury VAT na firmę do "
            "zamówienia 5517."
        ),
    ),
}
