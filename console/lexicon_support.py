"""Customer-support vocabulary for the Latin-script served languages (data for ``language.py``).

Where the words come from: written by hand for this project (November 2026) from general
knowledge of English, French, Spanish, German, Portuguese, Vietnamese, Indonesian,
Italian, Turkish, Dutch and Polish - no corpus or word list was copied. The method was a
concept list first (the things customers write about in a shop's support chat: order,
refund, invoice, delivery, courier, voucher, warranty, cart, account, password, payment,
cancel, return, size, colour, broken, late, missing, greetings, thanks, yes/no, please,
urgent, ...), then each concept written in all eleven languages with its common
inflections and plurals, and the loanwords people really use ("login", "email", "bug").

How it is used: every word counts as evidence for the languages whose line lists it. A
spelling listed under several languages ("garantie" fr/de/nl, "saldo", "problem",
"pedido") is shared on purpose and its evidence is split between them by
``language._build_lexicon``; a word typed without its diacritics ("dziekuje",
"sifre") is matched at a lower weight by the same builder, so only the correct spelling
is written here. Multi-word expressions ("mot de passe") are listed as their words.

Honesty note: the bench's fresh held-out set (``bench/data/language_samples.py``,
``FRESH``) was written before this module and never used to change it. The task brief
that asked for this module named a few concepts that the old held-out one-word set was
known to miss (courier, voucher, warranty, cart, unsubscribe, refund, invoice), so the
old held-out one-word numbers are no longer a clean estimate; the fresh set is.
"""

from __future__ import annotations

#: one concept per block: the concept's name, then one line per language, "lang word word ..."
SUPPORT_VOCABULARY = """
order
  en order orders ordered ordering
  fr commande commandes commander commandé commandée
  es pedido pedidos pedir pedí orden
  de bestellung bestellungen bestellen bestellt bestellte
  pt pedido pedidos encomenda encomendas encomendei
  vi đơn hàng đặt
  id pesanan pesan memesan order
  it ordine ordini ordinato ordinare
  tr sipariş siparişim siparişler siparişimi sipariş verdim
  nl bestelling bestellingen besteld bestellen
  pl zamówienie zamówienia zamówieniem zamówiłem zamówiłam zamówić
refund
  en refund refunds refunded refunding reimbursement
  fr remboursement remboursements rembourser remboursé remboursez
  es reembolso reembolsos reembolsar reembolsado devolución
  de rückerstattung erstattung erstatten erstattet geld zurück
  pt reembolso reembolsos reembolsar reembolsado estorno devolução
  vi hoàn tiền trả lại
  id pengembalian dana refund kembalikan uang
  it rimborso rimborsi rimborsare rimborsato
  tr iade para iadesi iadem ücret
  nl terugbetaling restitutie geld terugstorten terugbetalen
  pl zwrot pieniędzy zwrotu zwróćcie
invoice
  en invoice invoices bill billing
  fr facture factures facturation
  es factura facturas facturación
  de rechnung rechnungen abrechnung
  pt fatura faturas nota fiscal
  vi hóa đơn hoá
  id faktur tagihan invoice
  it fattura fatture fatturazione
  tr fatura faturam faturalar
  nl factuur facturen
  pl faktura faktury fakturę fakturą
receipt
  en receipt receipts
  fr reçu reçus ticket
  es recibo recibos ticket
  de quittung beleg kassenbon
  pt recibo recibos comprovante
  vi biên lai
  id kwitansi struk bukti
  it ricevuta ricevute scontrino
  tr makbuz fiş
  nl bon bonnetje kwitantie
  pl paragon rachunek potwierdzenie
delivery
  en delivery deliveries deliver delivered delivering
  fr livraison livraisons livrer livré livrée
  es entrega entregas entregar entregado envío envíos
  de lieferung lieferungen liefern geliefert zustellung
  pt entrega entregas entregar entregue
  vi giao hàng giao
  id pengiriman kirim dikirim antar
  it consegna consegne consegnare consegnato spedizione
  tr teslimat teslim teslimatı
  nl levering bezorging leveren geleverd bezorgen bezorgd
  pl dostawa dostawy dostarczenie dostarczyć dostarczone
shipping
  en shipping shipment shipped ship ships dispatch dispatched
  fr expédition expédier expédié envoi
  es envío enviar enviado despacho
  de versand versendet verschickt versandt
  pt envio enviar enviado frete despacho
  vi vận chuyển gửi
  id ongkir ongkos kirim pengiriman
  it spedire spedito spedizioni
  tr kargo gönderi gönderim kargoya
  nl verzending verzenden verzonden
  pl wysyłka wysyłki wysłane wysłać
courier
  en courier couriers carrier driver
  fr transporteur coursier livreur
  es mensajero transportista repartidor
  de kurier zusteller paketdienst fahrer
  pt transportadora entregador correios motoboy
  vi shipper giao hàng
  id kurir ekspedisi
  it corriere corrieri
  tr kurye kargocu
  nl koerier bezorger pakketdienst
  pl kurier kuriera kurierem przewoźnik
package
  en package packages parcel parcels box
  fr colis paquet carton
  es paquete paquetes caja
  de paket pakete päckchen karton
  pt pacote pacotes caixa encomenda
  vi gói kiện hàng
  id paket kotak
  it pacco pacchi scatola
  tr paket koli kutu
  nl pakket pakketje pakje doos
  pl paczka paczki paczkę paczkę karton
tracking
  en tracking track tracked
  fr suivi suivre
  es seguimiento rastreo rastrear
  de sendungsverfolgung verfolgung tracking
  pt rastreio rastreamento rastrear
  vi theo dõi
  id lacak pelacakan resi
  it tracciamento tracciare
  tr takip takip numarası
  nl volgen track trace
  pl śledzenie śledzić numer przesyłki
voucher
  en voucher vouchers coupon coupons promo
  fr bon coupon promo
  es cupón cupones vale
  de gutschein gutscheine
  pt cupom cupons vale
  vi phiếu mã giảm giá
  id voucher kupon
  it buono buoni coupon
  tr kupon kuponu indirim kodu
  nl waardebon tegoedbon voucher kortingscode
  pl kupon kupony bon voucher
discount
  en discount discounts sale deal
  fr réduction remise soldes promotion
  es descuento descuentos rebaja rebajas oferta
  de rabatt rabatte angebot ermäßigung
  pt desconto descontos promoção oferta
  vi giảm giá khuyến mãi
  id diskon potongan promo
  it sconto sconti offerta saldi
  tr indirim kampanya
  nl korting aanbieding uitverkoop
  pl rabat zniżka promocja wyprzedaż
warranty
  en warranty guarantee
  fr garantie
  es garantía
  de garantie gewährleistung
  pt garantia
  vi bảo hành
  id garansi
  it garanzia
  tr garanti
  nl garantie
  pl gwarancja gwarancji
cart
  en cart basket
  fr panier
  es carrito cesta
  de warenkorb
  pt carrinho cesta
  vi giỏ
  id keranjang
  it carrello
  tr sepet sepetim
  nl winkelwagen winkelmandje
  pl koszyk koszyka
checkout
  en checkout
  fr paiement caisse
  es pagar caja
  de kasse zur kasse
  pt finalizar compra caixa
  vi thanh toán
  id bayar
  it cassa
  tr ödeme
  nl afrekenen kassa
  pl kasa kasie
account
  en account accounts profile
  fr compte comptes profil
  es cuenta cuentas perfil
  de konto konten profil benutzerkonto
  pt conta contas perfil
  vi tài khoản
  id akun profil
  it account profilo
  tr hesap hesabım hesabımı profil
  nl account profiel
  pl konto konta kontem profil
password
  en password passwords
  fr mot de passe
  es contraseña clave
  de passwort kennwort
  pt senha senhas
  vi mật khẩu
  id kata sandi password
  it password
  tr şifre şifrem parola
  nl wachtwoord
  pl hasło hasła
login
  en login log in logged sign signin
  fr connexion connecter identifiant
  es iniciar sesión acceder
  de anmelden anmeldung einloggen login
  pt entrar login acessar
  vi đăng nhập
  id masuk login
  it accedere accesso login
  tr giriş giriş yap
  nl inloggen login aanmelden
  pl logowanie zalogować zaloguj
register
  en register registration signup
  fr inscription inscrire
  es registro registrar registrarse
  de registrieren registrierung
  pt cadastro cadastrar registrar
  vi đăng ký
  id daftar registrasi
  it registrazione registrarsi iscrizione
  tr kayıt kaydol üyelik
  nl registreren registratie
  pl rejestracja zarejestrować
subscription
  en subscription subscriptions subscribe subscribed membership
  fr abonnement abonnements abonner abonné
  es suscripción suscribirse suscrito membresía
  de abo abonnement mitgliedschaft
  pt assinatura assinaturas assinar inscrição
  vi đăng ký gói
  id langganan berlangganan
  it abbonamento abbonamenti iscritto
  tr abonelik üyelik abone
  nl abonnement lidmaatschap
  pl subskrypcja subskrypcji abonament
unsubscribe
  en unsubscribe unsubscribed
  fr désabonner désinscrire désabonnement
  es darse de baja baja desuscribir
  de abmelden abbestellen kündigen
  pt descadastrar cancelar inscrição
  vi hủy đăng ký
  id berhenti langganan
  it disiscrivere disiscriviti
  tr abonelikten çık
  nl afmelden uitschrijven
  pl wypisz wypisać
payment
  en payment payments pay paid paying
  fr paiement paiements payer payé
  es pago pagos pagar pagado pagué
  de zahlung zahlungen zahlen bezahlt bezahlen
  pt pagamento pagamentos pagar pago paguei
  vi thanh toán trả tiền
  id pembayaran bayar dibayar
  it pagamento pagamenti pagare pagato
  tr ödeme ödedim ödendi
  nl betaling betalingen betalen betaald
  pl płatność płatności zapłacić zapłacone
card
  en card cards credit debit
  fr carte cartes crédit
  es tarjeta tarjetas crédito débito
  de karte kreditkarte
  pt cartão cartões crédito débito
  vi thẻ
  id kartu
  it carta carte credito
  tr kart kartım kredi
  nl kaart creditcard pinpas
  pl karta karty kartą
transfer
  en transfer transfers wire
  fr virement virements
  es transferencia transferencias
  de überweisung überweisen
  pt transferência pix
  vi chuyển khoản
  id transfer
  it bonifico bonifici
  tr havale eft
  nl overboeking overmaken
  pl przelew przelewu
balance
  en balance credit wallet
  fr solde
  es saldo
  de guthaben kontostand
  pt saldo
  vi số dư
  id saldo
  it saldo credito
  tr bakiye
  nl saldo tegoed
  pl saldo
fee
  en fee fees charge charges surcharge
  fr frais
  es comisión cargo cargos
  de gebühr gebühren
  pt taxa taxas tarifa
  vi phí
  id biaya
  it commissione spese costo
  tr ücret ücreti
  nl kosten
  pl opłata opłaty prowizja
price
  en price prices cost expensive cheap
  fr prix tarif cher
  es precio precios caro barato
  de preis preise teuer billig
  pt preço preços caro barato
  vi giá đắt rẻ
  id harga mahal murah
  it prezzo prezzi caro economico
  tr fiyat fiyatı pahalı ucuz
  nl prijs prijzen duur goedkoop
  pl cena ceny drogo tanio
cancel
  en cancel cancelled canceled cancellation cancelling
  fr annuler annulé annulée annulation
  es cancelar cancelado cancelada cancelación anular
  de stornieren storniert stornierung abbrechen kündigung
  pt cancelar cancelado cancelada cancelamento
  vi hủy huỷ
  id batal batalkan pembatalan dibatalkan
  it annullare annullato annullata annullamento cancellare
  tr iptal iptali iptal et
  nl annuleren geannuleerd annulering opzeggen
  pl anulować anulowanie anuluj anulowane rezygnacja
return
  en return returns returned returning send back
  fr retour retours retourner renvoyer
  es devolver devolución devoluciones devuelto
  de rücksendung retoure zurücksenden zurückschicken
  pt devolver devolução devoluções devolvido
  vi trả hàng đổi trả
  id retur kembalikan pengembalian
  it reso resi restituire restituito
  tr iade iade etmek geri gönder
  nl retour retourneren terugsturen retourzending
  pl zwrot zwrócić odesłać
exchange
  en exchange replace replacement swap
  fr échange échanger remplacer remplacement
  es cambio cambiar reemplazo reemplazar
  de umtausch umtauschen ersatz ersetzen
  pt troca trocar substituição substituir
  vi đổi hàng
  id tukar penukaran ganti
  it cambio cambiare sostituzione sostituire
  tr değişim değiştirmek değiştir
  nl ruilen omruilen vervanging vervangen
  pl wymiana wymienić wymianę
size
  en size sizes small medium large big tight
  fr taille tailles petit petite grand grande pointure
  es talla tallas pequeño grande mediano tamaño
  de größe größen klein groß mittel
  pt tamanho tamanhos pequeno grande médio
  vi kích thước cỡ nhỏ lớn
  id ukuran kecil besar sedang
  it taglia taglie piccolo grande misura
  tr beden boyut küçük büyük
  nl maat maten klein groot
  pl rozmiar rozmiaru mały duży
color
  en color colour colors colours
  fr couleur couleurs
  es color colores
  de farbe farben
  pt cor cores
  vi màu
  id warna
  it colore colori
  tr renk rengi
  nl kleur kleuren
  pl kolor kolory
broken
  en broken break breaks
  fr cassé cassée casse
  es roto rota rompió
  de kaputt defekt gebrochen
  pt quebrado quebrada quebrou
  vi hỏng vỡ
  id rusak pecah
  it rotto rotta rotti guasto
  tr bozuk kırık kırıldı
  nl kapot stuk defect
  pl zepsuty zepsute zepsuła zepsuł
damaged
  en damaged damage defective faulty
  fr endommagé endommagée abîmé défectueux
  es dañado dañada defectuoso
  de beschädigt schaden fehlerhaft
  pt danificado danificada defeito defeituoso avariado
  vi hư hư hỏng
  id cacat
  it danneggiato danneggiata difettoso
  tr hasarlı hasar kusurlu
  nl beschadigd schade
  pl uszkodzony uszkodzone wadliwy
late
  en late delayed delay
  fr retard retardé
  es tarde retraso retrasado
  de verspätet verspätung spät
  pt atraso atrasado atrasada
  vi trễ chậm
  id terlambat telat
  it ritardo ritardi
  tr gecikme gecikti geç
  nl vertraging laat vertraagd
  pl opóźnienie opóźniona spóźniona
missing
  en missing lost
  fr manquant manquante perdu perdue
  es falta faltan perdido perdida
  de fehlt fehlend verloren
  pt faltando falta perdido perdida
  vi thiếu mất
  id hilang kurang
  it mancante manca perso persa
  tr eksik kayıp
  nl ontbreekt vermist kwijt
  pl brakuje zaginęła zgubiona
address
  en address addresses
  fr adresse adresses
  es dirección direcciones domicilio
  de adresse anschrift
  pt endereço endereços morada
  vi địa chỉ
  id alamat
  it indirizzo indirizzi
  tr adres adresim
  nl adres adressen
  pl adres adresu
phone
  en phone phones mobile number
  fr téléphone portable numéro
  es teléfono móvil celular número
  de telefon handy nummer
  pt telefone celular número
  vi điện thoại số
  id telepon nomor hp
  it telefono cellulare numero
  tr telefon numara numarası
  nl telefoon mobiel nummer
  pl telefon numer komórka
email
  en email emails mail
  fr courriel mail
  es correo email
  de mail email
  pt mail email
  vi email
  id email surel
  it mail email
  tr eposta mail
  nl mail email
  pl mail email mejl
help
  en help helping assistance
  fr aide aider aidez-moi
  es ayuda ayudar ayúdame
  de hilfe helfen
  pt ajuda ajudar ajudem
  vi giúp giúp đỡ hỗ trợ
  id bantuan bantu tolong
  it aiuto aiutare aiutatemi
  tr yardım yardımcı
  nl hulp helpen help
  pl pomoc pomocy pomóc pomóżcie
support
  en support customer service
  fr assistance service client
  es soporte servicio atención cliente
  de kundendienst kundenservice support
  pt suporte atendimento atendente cliente
  vi hỗ trợ chăm sóc khách hàng
  id layanan pelanggan
  it assistenza supporto servizio clienti
  tr destek müşteri hizmetleri
  nl klantenservice ondersteuning
  pl obsługa wsparcie klienta
agent
  en agent human representative operator person
  fr conseiller opérateur humain
  es agente humano operador persona
  de mitarbeiter berater mensch
  pt atendente humano pessoa
  vi nhân viên
  id agen petugas manusia
  it operatore umano persona
  tr temsilci yetkili insan
  nl medewerker mens
  pl konsultant człowiek
thanks
  en thanks thank thankyou thx ty
  fr merci remercie
  es gracias
  de danke dankeschön
  pt obrigado obrigada valeu
  vi cảm ơn cám
  id terima kasih makasih
  it grazie
  tr teşekkürler teşekkür sağol sağ ol
  nl bedankt dank dankjewel dankuwel
  pl dziękuję dzięki
hello
  en hello hi hey
  fr bonjour salut bonsoir
  es hola buenos buenas
  de hallo moin servus
  pt olá oi bom boa
  vi chào xin
  id halo selamat pagi siang sore malam
  it ciao buongiorno buonasera salve
  tr merhaba selam günaydın
  nl hallo hoi goedemorgen goedemiddag goedenavond
  pl cześć dzień dobry witam
goodbye
  en goodbye bye
  fr revoir
  es adiós chao
  de tschüss wiedersehen
  pt tchau adeus
  vi tạm biệt
  id dah sampai jumpa
  it arrivederci
  tr hoşça kal görüşürüz
  nl doei dag tot ziens
  pl pa do widzenia
yes
  en yes yeah yep
  fr oui ouais
  es sí
  de ja jawohl
  pt sim
  vi có vâng dạ
  id ya iya
  it sì certo
  tr evet
  nl ja jazeker
  pl tak
no
  en no nope
  fr non
  es no
  de nein
  pt não
  vi không
  id tidak nggak enggak gak
  it no
  tr hayır yok
  nl nee
  pl nie
please
  en please pls plz
  fr svp plaît stp
  es favor porfa
  de bitte
  pt favor
  vi làm ơn vui lòng
  id tolong mohon
  it favore prego
  tr lütfen
  nl alsjeblieft alstublieft graag
  pl proszę
sorry
  en sorry apologies
  fr désolé désolée pardon excusez
  es perdón disculpa disculpe siento
  de entschuldigung entschuldigen
  pt desculpa desculpe perdão
  vi xin lỗi
  id maaf
  it scusa scusi scusate
  tr özür pardon kusura
  nl sorry excuses
  pl przepraszam przepraszamy
urgent
  en urgent urgently asap immediately
  fr urgent urgente immédiatement
  es urgente inmediatamente
  de dringend sofort eilig
  pt urgente imediatamente
  vi gấp khẩn
  id segera mendesak
  it urgente subito
  tr acil hemen
  nl dringend spoed meteen
  pl pilne pilnie natychmiast
stock
  en stock available unavailable sold out
  fr stock disponible indisponible rupture épuisé
  es stock disponible agotado existencias
  de lager verfügbar ausverkauft vorrätig
  pt estoque disponível esgotado
  vi hết hàng còn hàng
  id stok tersedia habis
  it disponibile esaurito magazzino
  tr stok stokta tükendi mevcut
  nl voorraad beschikbaar uitverkocht
  pl dostępny dostępne niedostępny wyprzedane
bug
  en bug bugs glitch
  fr bug bogue
  es fallo
  de bug
  pt falha bug
  vi lỗi
  id bug
  it bug
  tr hata
  nl bug
  pl błąd
error
  en error errors
  fr erreur erreurs
  es error errores
  de fehler fehlermeldung
  pt erro erros
  vi lỗi
  id kesalahan galat
  it errore errori
  tr hata hatası
  nl fout fouten foutmelding
  pl błąd błędy błędu
crash
  en crash crashes crashed crashing freezes
  fr plante planté bloqué
  es falla bloquea
  de abgestürzt stürzt absturz hängt
  pt trava travou travando
  vi treo
  id macet hang
  it crasha bloccato
  tr çöküyor donuyor
  nl crasht vastgelopen
  pl zawiesza zawiesił
update
  en update updates updated upgrade
  fr mise jour actualiser
  es actualización actualizar actualizado
  de aktualisierung aktualisieren
  pt atualização atualizar
  vi cập nhật
  id pembaruan perbarui
  it aggiornamento aggiornare
  tr güncelleme güncelle
  nl bijwerken
  pl aktualizacja aktualizacji
install
  en install installed installation
  fr installer installation installé
  es instalar instalación instalado
  de installieren installation installiert
  pt instalar instalação instalado
  vi cài đặt
  id instal pasang
  it installare installazione installato
  tr yükle kurulum
  nl installeren installatie geïnstalleerd
  pl zainstalować instalacja
working
  en working works work
  fr marche fonctionne
  es funciona funcionar
  de funktioniert geht
  pt funciona funcionar
  vi hoạt động
  id berfungsi jalan
  it funziona funzionare
  tr çalışmıyor çalışıyor
  nl werkt werken
  pl działa działać
problem
  en problem problems issue issues
  fr problème problèmes souci
  es problema problemas
  de problem probleme
  pt problema problemas
  vi vấn đề
  id masalah kendala
  it problema problemi
  tr sorun problem
  nl probleem problemen
  pl problem problemy kłopot
question
  en question questions
  fr question questions
  es pregunta preguntas duda
  de frage fragen
  pt pergunta perguntas dúvida
  vi câu hỏi
  id pertanyaan tanya
  it domanda domande
  tr soru sorum
  nl vraag vragen
  pl pytanie pytania
complaint
  en complaint complain
  fr réclamation plainte
  es reclamación queja reclamo
  de beschwerde reklamation
  pt reclamação queixa
  vi khiếu nại
  id keluhan komplain
  it reclamo lamentela
  tr şikayet
  nl klacht
  pl reklamacja skarga
wrong
  en wrong incorrect
  fr mauvais mauvaise erroné
  es equivocado incorrecto
  de falsch falsche falschen
  pt errado errada
  vi sai nhầm
  id salah
  it sbagliato sbagliata
  tr yanlış
  nl verkeerd verkeerde fout
  pl zły zła błędny
product
  en product products item items
  fr produit produits article articles
  es producto productos artículo artículos
  de produkt produkte artikel ware
  pt produto produtos artigo item
  vi sản phẩm món
  id produk barang
  it prodotto prodotti articolo
  tr ürün ürünü
  nl product producten artikel
  pl produkt produkty towar
received
  en received receive arrived arrive
  fr reçu reçue recevoir arrivé
  es recibido recibí llegado llegó
  de erhalten bekommen angekommen
  pt recebi recebido chegou
  vi nhận được
  id diterima terima sampai
  it ricevuto ricevere arrivato
  tr geldi ulaştı aldım
  nl ontvangen gekregen aangekomen
  pl otrzymałem dostałem doszło
waiting
  en waiting wait waited
  fr attendre attente attends
  es esperando esperar espera
  de warten warte wartezeit
  pt esperando aguardando espera
  vi chờ đợi
  id tunggu menunggu nunggu
  it aspettando aspettare attesa
  tr bekliyorum bekleme
  nl wachten wacht
  pl czekam czekać
when
  en when
  fr quand
  es cuándo cuando
  de wann
  pt quando
  vi khi nào bao giờ
  id kapan
  it quando
  tr ne zaman
  nl wanneer
  pl kiedy
where
  en where
  fr où
  es dónde donde
  de wo
  pt onde cadê
  vi đâu ở
  id mana dimana
  it dove
  tr nerede nerde
  nl waar
  pl gdzie
today
  en today tomorrow yesterday
  fr aujourd'hui demain hier
  es hoy mañana ayer
  de heute morgen gestern
  pt hoje amanhã ontem
  vi hôm nay mai qua
  id hari ini besok kemarin
  it oggi domani ieri
  tr bugün yarın dün
  nl vandaag morgen gisteren
  pl dzisiaj jutro wczoraj
money
  en money cash
  fr argent
  es dinero plata efectivo
  de geld bargeld
  pt dinheiro grana
  vi tiền
  id uang
  it soldi denaro contanti
  tr para nakit
  nl geld contant
  pl pieniądze gotówka
confirm
  en confirm confirmed confirmation
  fr confirmer confirmation confirmé
  es confirmar confirmación confirmado
  de bestätigen bestätigung bestätigt
  pt confirmar confirmação confirmado
  vi xác nhận
  id konfirmasi
  it confermare conferma confermato
  tr onay onayla onaylandı
  nl bevestigen bevestiging bevestigd
  pl potwierdzenie potwierdzić
message
  en message messages reply answer response
  fr message messages réponse répondre
  es mensaje mensajes respuesta responder
  de nachricht antwort antworten
  pt mensagem mensagens resposta responder
  vi tin nhắn trả lời
  id pesan balas jawaban
  it messaggio messaggi risposta rispondere
  tr mesaj cevap yanıt
  nl bericht antwoord reactie
  pl wiadomość odpowiedź
contact
  en contact call chat
  fr contacter appeler appel
  es contacto llamar llamada
  de kontakt anrufen anruf
  pt contato contacto ligar ligação
  vi liên hệ gọi
  id kontak hubungi telepon
  it contatto chiamare chiamata
  tr iletişim ara arama
  nl contact bellen
  pl kontakt zadzwonić
quality
  en quality
  fr qualité
  es calidad
  de qualität
  pt qualidade
  vi chất lượng
  id kualitas
  it qualità
  tr kalite
  nl kwaliteit
  pl jakość
scam
  en scam fraud
  fr arnaque escroquerie fraude
  es estafa fraude
  de betrug betrüger
  pt golpe fraude
  vi lừa đảo
  id penipuan tipu
  it truffa frode
  tr dolandırıcılık
  nl oplichting fraude
  pl oszustwo oszuści
store
  en store shop website site online
  fr magasin boutique site
  es tienda sitio web
  de laden geschäft webseite shop
  pt loja site
  vi cửa hàng shop
  id toko
  it negozio sito
  tr mağaza site
  nl winkel website
  pl sklep strona
free
  en free
  fr gratuit gratuite
  es gratis gratuito
  de kostenlos gratis
  pt grátis gratuito
  vi miễn phí
  id gratis
  it gratis gratuito
  tr ücretsiz bedava
  nl gratis
  pl darmowy darmowa
never
  en never always again still already now
  fr jamais toujours encore déjà maintenant
  es nunca siempre otra vez todavía ya ahora
  de nie immer wieder noch schon jetzt
  pt nunca sempre novamente ainda já agora
  vi chưa bao giờ luôn lại vẫn rồi bây giờ
  id tidak pernah selalu lagi masih sudah sekarang
  it mai sempre ancora già adesso ora
  tr asla hiç hep yine hala hâlâ zaten şimdi
  nl nooit altijd weer nog steeds al nu
  pl nigdy zawsze znowu nadal jeszcze już teraz
very
  en very really too so
  fr très vraiment trop
  es muy realmente demasiado
  de sehr wirklich zu
  pt muito realmente demais
  vi rất quá lắm
  id sangat banget terlalu
  it molto davvero troppo
  tr çok gerçekten fazla
  nl heel erg echt te
  pl bardzo naprawdę zbyt
slow
  en slow slowly fast quick quickly
  fr lent lente rapide vite
  es lento lenta rápido rápida
  de langsam schnell
  pt lento lenta rápido rápida demorado
  vi chậm nhanh
  id lambat cepat
  it lento lenta veloce velocemente
  tr yavaş hızlı çabuk
  nl langzaam traag snel
  pl wolno powoli szybko
bad
  en bad terrible awful unacceptable disappointed
  fr nul mauvais inacceptable déçu déçue
  es malo mala pésimo inaceptable decepcionado
  de schlecht schrecklich unakzeptabel enttäuscht
  pt ruim péssimo inaceitável decepcionado
  vi tệ kém thất vọng
  id buruk jelek kecewa
  it cattivo pessimo inaccettabile deluso
  tr kötü berbat rezalet
  nl slecht teleurgesteld onacceptabel
  pl zły słaby fatalny rozczarowany
good
  en good great perfect excellent
  fr bien bon parfait excellent génial
  es bien bueno perfecto excelente genial
  de gut toll perfekt super
  pt bem bom ótimo perfeito excelente
  vi tốt tuyệt hay
  id baik bagus mantap sempurna
  it bene buono ottimo perfetto
  tr iyi güzel harika mükemmel
  nl goed prima perfect uitstekend
  pl dobrze dobry świetnie doskonale
understand
  en understand understood know
  fr comprends compris sais
  es entiendo entendido sé
  de verstehe verstanden weiß
  pt entendo entendi sei
  vi hiểu biết
  id paham mengerti tahu
  it capisco capito so
  tr anladım anlamadım biliyorum
  nl begrijp snap weet
  pl rozumiem wiem
want
  en want need would like
  fr veux voudrais besoin
  es quiero necesito quisiera
  de möchte will brauche
  pt quero preciso gostaria
  vi muốn cần
  id mau ingin perlu butuh
  it voglio vorrei bisogno
  tr istiyorum lazım gerek
  nl wil wil graag nodig
  pl chcę potrzebuję chciałbym
buy
  en buy bought purchase purchased
  fr acheter acheté achat
  es comprar compré compra comprado
  de kaufen gekauft kauf
  pt comprar comprei compra comprado
  vi mua
  id beli membeli pembelian
  it comprare comprato acquisto acquistato
  tr satın aldım almak
  nl kopen gekocht aankoop
  pl kupić kupiłem kupiłam zakup
open
  en open opened closed close
  fr ouvrir ouvert fermé fermer
  es abrir abierto cerrado cerrar
  de öffnen offen geschlossen schließen
  pt abrir aberto fechado fechar
  vi mở đóng
  id buka tutup
  it aprire aperto chiuso chiudere
  tr aç açık kapalı kapat
  nl openen open gesloten sluiten
  pl otworzyć otwarte zamknięte zamknąć
change
  en change changed modify edit
  fr changer modifier modification changement
  es cambiar modificar modificación
  de ändern änderung geändert
  pt alterar alteração mudar modificar
  vi thay đổi sửa
  id ubah ganti perubahan
  it modificare modifica cambiare
  tr değiştir değişiklik düzenle
  nl wijzigen veranderen aanpassen
  pl zmienić zmiana zmiany
delete
  en delete remove deleted removed
  fr supprimer supprimé
  es eliminar borrar eliminado
  de löschen gelöscht entfernen
  pt excluir apagar deletar remover
  vi xóa xoá
  id hapus menghapus
  it eliminare cancellato rimuovere
  tr sil silmek kaldır
  nl verwijderen verwijderd
  pl usunąć usunięte
newsletter
  en newsletter spam notification notifications
  fr notification notifications pub
  es notificación notificaciones publicidad
  de benachrichtigung werbung
  pt notificação notificações propaganda
  vi thông báo quảng cáo
  id notifikasi iklan
  it notifica notifiche pubblicità
  tr bildirim reklam
  nl melding meldingen reclame
  pl powiadomienie reklama
screen
  en screen battery charger device laptop
  fr écran batterie chargeur appareil ordinateur
  es pantalla batería cargador dispositivo portátil
  de bildschirm akku ladegerät gerät
  pt tela bateria carregador dispositivo aparelho
  vi màn hình pin sạc máy
  id layar baterai charger perangkat
  it schermo batteria caricabatterie dispositivo
  tr ekran batarya şarj cihaz
  nl scherm batterij oplader apparaat
  pl ekran bateria ładowarka urządzenie
clothes
  en shoes shirt dress jacket trousers pants
  fr chaussures chemise robe veste pantalon
  es zapatos camisa vestido chaqueta pantalón
  de schuhe hemd kleid jacke hose
  pt sapatos camisa vestido jaqueta calça
  vi giày áo váy quần
  id sepatu kemeja baju jaket celana
  it scarpe camicia vestito giacca pantaloni
  tr ayakkabı gömlek elbise ceket pantolon
  nl schoenen overhemd jurk jas broek
  pl buty koszula sukienka kurtka spodnie
"""


def support_lists() -> dict[str, str]:
    """All support words per language code, space-separated (the lexicon builder's input)."""
    words: dict[str, list[str]] = {}
    for line in SUPPORT_VOCABULARY.splitlines():
        parts = line.split()
        if line.startswith("  ") and len(parts) > 1:
            words.setdefault(parts[0], []).extend(parts[1:])
    return {lang: " ".join(found) for lang, found in words.items()}


def concept_count() -> int:
    """How many concepts the vocabulary covers (the unindented lines)."""
    return sum(1 for line in SUPPORT_VOCABULARY.splitlines() if line.strip() and not line.startswith(" "))


# Japanese support and shopping words written in kanji only. A customer may send one of
# them alone ("返金"), with no kana to say it is Japanese; each is an everyday Japanese
# word that Chinese does not use with this meaning (Chinese says 退款, 订单/訂單, 发货,
# 收据, 退货, 库存, 运费, 折扣, 手续费 ...). Written by hand from general knowledge of both
# languages. Left out on purpose because Chinese uses them too: 配送, 商品, 交換, 確認,
# 追跡, 宅配, 返送, 再送, 了解, 至急, 取消, 解約 (Taiwan), 明細, 入金, 購入, 新品, 中古, 破損.
_JA_KANJI_TEXT = """
    返金 注文 発送 領収書 領収 予約 会員 退会 返品 送料 無料 在庫 割引 手数料 見積 見積書 未着
    不具合 請求書 番号 返信 配達 代引 入荷 欠品 遅延 振込 支払 着払 払戻 払込 残高 引落 口座
    暗証 登録 登録済 申込 申込書 変更 届出 宛先 宛名 住所変更 郵便番号 品番 初期不良 履歴 受取
    受取人 再配達 店舗 会計 値引 値下
"""
JA_KANJI_WORDS: frozenset[str] = frozenset(_JA_KANJI_TEXT.split())
