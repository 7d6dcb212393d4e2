"""Multilingual test set for ``console/language/`` (used by ``bench/language.py`` and tests).

Where it comes from: written by hand for this project in November 2026, in the style of
messages customers send to an online shop's support chat (orders, refunds, delivery,
accounts, payments, greetings, thanks). No public corpus was copied. Each served language
has, in six sections:

* ``sentences`` (dev) and ``sentences held-out``: one message per line, 20 + 10;
* ``phrases`` and ``phrases held-out``: whole two-word messages as customers type them
  ("wrong size", "merci beaucoup"), 20 + 10;
* ``words`` and ``words held-out``: whole one-word messages (greetings, thanks, and the
  nouns/verbs customers send alone: "refund", "password"), 20 + 10.

A line ``cancelar | es`` in the Portuguese block is the message "cancelar", which is
spelled the same in Spanish: marked by hand for words that are common, standard words in
several served languages (see :func:`items`).

Chinese is split into ``zh-Hans`` and ``zh-Hant`` blocks (15 + 15 sentences) so the
script choice can be checked too; both count as ``zh`` for the language accuracy.

Honesty notes: the lexicon of ``console/language/`` was written before this file.
The dev sections were used to tune weights; the held-out sections were written in the
same sitting but never used to change the lexicon or the weights. The one-word lists are
the words a customer would type alone, not words picked from the lexicon: several are
absent from it, and some are kanji-only Japanese words that look Chinese, which the
detector is expected to miss. Two-word windows cut from the sentences are measured by the
bench as well (an extra row), because real two-word messages are easier than random cuts.
"""

from __future__ import annotations

_RAW: dict[str, str] = {
    "en": """
[sentences]
Hi, I ordered a jacket last week and it still hasn't arrived.
Can you tell me when my refund will be processed?
I was charged twice for the same order, please fix this.
The package arrived damaged and the screen is cracked.
How do I change the delivery address on my order?
I forgot my password and the reset email never came.
Is it possible to cancel my subscription before the next billing date?
The tracking number you sent doesn't work on the courier's website.
I received the wrong size, I need a medium instead of a large.
Could you please send me an invoice with my company details?
My discount code says it's expired but the email said it's valid until Friday.
Thanks for your help, that solved the problem.
I've been waiting on hold for twenty minutes, is anyone there?
Why was my order cancelled without any notice?
Do you ship to Canada and how long does it usually take?
The app keeps crashing every time I try to check out.
I'd like to return these shoes, they are too small.
Can I speak to a real person please?
My account was locked after too many login attempts.
The item in the photo looks different from what I received.
[sentences held-out]
I paid with PayPal but the order still shows as unpaid.
Where can I find the receipt for my last purchase?
The courier left the parcel at the wrong house.
Please confirm that my exchange request went through.
The charger stopped working after two days.
I never signed up for this newsletter, please remove me.
Could you extend the return window by a few days?
Your website says in stock but the checkout says unavailable.
Just checking whether you got my previous message.
I'd like to update the phone number on my account.
[phrases]
thank you
wrong size
still waiting
order status
refund please
need help
not delivered
cancel order
good morning
tracking number
password reset
item missing
any update
thanks again
wrong item
damaged package
where's my order
talk to agent
payment failed
never arrived
[phrases held-out]
late delivery
bad quality
broken zipper
change address
charged twice
how long
which courier
express shipping
store credit
gift card
[words]
hello
thanks
refund
help
password
delivery
cancel
invoice
tracking
yes
please
return
sorry
shipping
account
receipt
broken
exchange
where
when
[words held-out]
courier
warranty
discount
voucher | nl id
checkout
unsubscribe
replacement
weekend | nl
hurry
nevermind
""",
    "fr": """
[sentences]
Bonjour, je n'ai toujours pas reçu ma commande passée la semaine dernière.
Pouvez-vous me dire quand je serai remboursé ?
J'ai été débité deux fois pour la même commande.
Le colis est arrivé abîmé et l'écran est fissuré.
Comment modifier l'adresse de livraison de ma commande ?
J'ai oublié mon mot de passe et je ne reçois pas l'e-mail de réinitialisation.
Est-il possible de résilier mon abonnement avant le prochain prélèvement ?
Le numéro de suivi ne fonctionne pas sur le site du transporteur.
J'ai reçu la mauvaise taille, il me faut un M et pas un L.
Pourriez-vous m'envoyer une facture avec les coordonnées de ma société ?
Mon code promo est refusé alors qu'il devrait être valable jusqu'à vendredi.
Merci pour votre aide, le problème est résolu.
Ça fait vingt minutes que j'attends, il y a quelqu'un ?
Pourquoi ma commande a-t-elle été annulée sans prévenir ?
Livrez-vous en Belgique et en combien de temps ?
L'application plante à chaque fois que je veux payer.
Je voudrais retourner ces chaussures, elles sont trop petites.
Est-ce que je peux parler à un conseiller ?
Mon compte est bloqué après plusieurs tentatives de connexion.
L'article ne ressemble pas du tout à la photo.
[sentences held-out]
J'ai payé par carte mais la commande apparaît comme impayée.
Où puis-je trouver le justificatif de mon dernier achat ?
Le livreur a déposé le colis chez un voisin que je ne connais pas.
Merci de confirmer que ma demande d'échange a bien été prise en compte.
Le chargeur ne marche plus depuis deux jours.
Je ne me suis jamais inscrit à cette newsletter.
Serait-il possible de prolonger le délai de retour ?
Le site indique en stock mais le panier dit indisponible.
Je voulais savoir si vous aviez bien reçu mon message.
Je souhaite mettre à jour mon numéro de téléphone.
[phrases]
merci beaucoup
mauvaise taille
toujours rien
pas reçu
besoin d'aide
colis abîmé
bonjour madame
numéro de suivi
annuler commande
mot de passe
article manquant
des nouvelles
merci encore
remboursement svp
où est
bonne journée
paiement refusé
jamais arrivé
c'est urgent
je patiente
[phrases held-out]
livraison retardée
mauvaise qualité
fermeture cassée
changer l'adresse
débité deux
combien temps
quel transporteur
livraison express
avoir magasin
carte cadeau
[words]
bonjour
merci
remboursement
aide
livraison
annuler
facture
suivi
oui
non | it
retour
désolé
commande
colis
reçu
cassé
échange
pourquoi
quand
salut
[words held-out]
transporteur
garantie | de nl
réduction
bon | nl pl
panier
désabonnement
remplacement
vite
tant
pardon | nl tr
""",
    "es": """
[sentences]
Hola, hice un pedido la semana pasada y todavía no ha llegado.
¿Me pueden decir cuándo me devolverán el dinero?
Me han cobrado dos veces el mismo pedido.
El paquete llegó dañado y la pantalla está rota.
¿Cómo puedo cambiar la dirección de entrega de mi pedido?
Olvidé mi contraseña y no me llega el correo para restablecerla.
¿Puedo cancelar mi suscripción antes de la próxima factura?
El número de seguimiento no funciona en la web de la mensajería.
Me llegó la talla equivocada, necesito una M en lugar de una L.
¿Podrían enviarme una factura con los datos de mi empresa?
Mi código de descuento dice que está caducado pero debería valer hasta el viernes.
Gracias por la ayuda, ya está solucionado.
Llevo veinte minutos esperando, ¿hay alguien?
¿Por qué cancelaron mi pedido sin avisarme?
¿Hacen envíos a México y cuánto tardan?
La aplicación se cierra cada vez que intento pagar.
Quiero devolver estas zapatillas, me quedan pequeñas.
¿Puedo hablar con una persona, por favor?
Mi cuenta se bloqueó después de varios intentos de inicio de sesión.
El artículo no se parece nada al de la foto.
[sentences held-out]
Pagué con tarjeta pero el pedido aparece como pendiente de pago.
¿Dónde encuentro el comprobante de mi última compra?
El repartidor dejó el paquete en la casa equivocada.
Confírmenme por favor que recibieron mi solicitud de cambio.
El cargador dejó de funcionar a los dos días.
Nunca me suscribí a este boletín, quiero darme de baja.
¿Se podría ampliar el plazo de devolución unos días?
La web dice que hay existencias pero al pagar sale agotado.
Solo quería saber si les llegó mi mensaje anterior.
Quisiera actualizar el número de teléfono de mi cuenta.
[phrases]
muchas gracias
talla equivocada
sigo esperando
estado pedido
necesito ayuda
no llegó
cancelar pedido
buenos días
número seguimiento
contraseña olvidada
falta artículo
alguna novedad
gracias otra
producto equivocado
paquete dañado
dónde está
hablar agente
pago rechazado
nunca llegó
por favor | pt
[phrases held-out]
entrega tardía
mala calidad
cremallera rota
cambiar dirección
cobro doble
cuánto tarda
qué mensajería
envío urgente
vale regalo
tarjeta regalo
[words]
hola
gracias
reembolso | pt
ayuda
contraseña
envío
cancelar
factura
seguimiento
sí
devolución
perdón
pedido | pt
paquete
recibo
roto
cambio
dónde
cuándo
buenas
[words held-out]
mensajería
garantía
descuento
cupón
carrito
baja
sustitución
enseguida
vale
oiga
""",
    "de": """
[sentences]
Hallo, ich habe letzte Woche bestellt und das Paket ist immer noch nicht da.
Können Sie mir sagen, wann die Rückerstattung bearbeitet wird?
Mir wurde dieselbe Bestellung zweimal abgebucht.
Das Paket kam beschädigt an und das Display ist gesprungen.
Wie kann ich die Lieferadresse meiner Bestellung ändern?
Ich habe mein Passwort vergessen und bekomme keine E-Mail zum Zurücksetzen.
Kann ich mein Abo vor der nächsten Abbuchung kündigen?
Die Sendungsnummer funktioniert auf der Seite des Paketdienstes nicht.
Ich habe die falsche Größe bekommen, ich brauche M statt L.
Könnten Sie mir eine Rechnung mit meinen Firmendaten schicken?
Mein Gutscheincode ist angeblich abgelaufen, sollte aber bis Freitag gelten.
Danke für die Hilfe, das Problem ist gelöst.
Ich warte seit zwanzig Minuten, ist da jemand?
Warum wurde meine Bestellung ohne Nachricht storniert?
Liefern Sie auch nach Österreich und wie lange dauert das?
Die App stürzt jedes Mal ab, wenn ich bezahlen will.
Ich möchte diese Schuhe zurückschicken, sie sind zu klein.
Kann ich bitte mit einem Mitarbeiter sprechen?
Mein Konto wurde nach mehreren Anmeldeversuchen gesperrt.
Der Artikel sieht ganz anders aus als auf dem Foto.
[sentences held-out]
Ich habe mit Karte bezahlt, aber die Bestellung steht noch auf unbezahlt.
Wo finde ich den Beleg für meinen letzten Einkauf?
Der Bote hat das Paket beim falschen Nachbarn abgegeben.
Bitte bestätigen Sie, dass mein Umtauschantrag angekommen ist.
Das Ladegerät funktioniert nach zwei Tagen nicht mehr.
Ich habe mich nie für diesen Newsletter angemeldet.
Könnte man die Rückgabefrist um ein paar Tage verlängern?
Auf der Webseite steht verfügbar, im Warenkorb aber ausverkauft.
Ich wollte nur fragen, ob meine letzte Nachricht angekommen ist.
Ich möchte meine Telefonnummer im Konto aktualisieren.
[phrases]
vielen dank
falsche größe
warte immer
bestellstatus bitte
brauche hilfe
nicht angekommen
bestellung stornieren
guten morgen
sendungsnummer fehlt
passwort vergessen
artikel fehlt
gibt's neuigkeiten
danke nochmal
falscher artikel
paket beschädigt
wo bleibt
mitarbeiter bitte
zahlung fehlgeschlagen
nie angekommen
schönen tag
[phrases held-out]
lieferung verspätet
schlechte qualität
reißverschluss kaputt
adresse ändern
doppelt abgebucht
wie lange
welcher paketdienst
expressversand möglich
gutschrift erhalten
geschenkkarte einlösen
[words]
hallo | nl
danke
rückerstattung
hilfe
passwort
lieferung
stornieren
rechnung
sendungsverfolgung
ja | nl pl
bitte
rücksendung
entschuldigung
versand
konto | pl
quittung
kaputt
umtausch
wo
wann
[words held-out]
paketdienst
garantie | fr nl
rabatt
gutschein
warenkorb
abmelden
ersatz
schnell
tschüss
moin
""",
    "pt": """
[sentences]
Olá, fiz uma encomenda na semana passada e ainda não chegou.
Podem me dizer quando vou receber o reembolso?
Fui cobrado duas vezes pelo mesmo pedido.
O pacote chegou danificado e a tela está rachada.
Como faço para mudar o endereço de entrega do meu pedido?
Esqueci minha senha e o e-mail de redefinição não chega.
É possível cancelar a assinatura antes da próxima cobrança?
O código de rastreamento não funciona no site da transportadora.
Recebi o tamanho errado, preciso de um M e não de um G.
Vocês podem me enviar uma nota fiscal com os dados da minha empresa?
Meu cupom diz que expirou, mas deveria valer até sexta-feira.
Obrigado pela ajuda, o problema foi resolvido.
Estou esperando há vinte minutos, tem alguém aí?
Por que meu pedido foi cancelado sem nenhum aviso?
Vocês entregam em Portugal e quanto tempo demora?
O aplicativo fecha toda vez que tento finalizar a compra.
Quero devolver estes tênis, ficaram pequenos.
Posso falar com um atendente, por favor?
Minha conta foi bloqueada depois de várias tentativas de login.
O produto não se parece nada com o da foto.
[sentences held-out]
Paguei com cartão mas o pedido continua como aguardando pagamento.
Onde encontro o comprovante da minha última compra?
O entregador deixou a encomenda na casa errada.
Confirmem por favor que a minha solicitação de troca foi registrada.
O carregador parou de funcionar depois de dois dias.
Nunca me inscrevi nessa newsletter, quero sair da lista.
Seria possível estender o prazo de devolução por alguns dias?
O site diz que tem em estoque mas no carrinho aparece esgotado.
Só queria saber se receberam minha mensagem anterior.
Gostaria de atualizar o número de telefone da minha conta.
[phrases]
muito obrigado
tamanho errado
continuo esperando
status pedido
preciso ajuda
não chegou
cancelar pedido | es
bom dia
código rastreio
esqueci senha
falta item
alguma novidade
obrigada novamente
produto errado
pacote danificado
cadê pedido
falar atendente
pagamento recusado
nunca chegou
boa tarde
[phrases held-out]
entrega atrasada
péssima qualidade
zíper quebrado
mudar endereço
cobrança duplicada
quanto tempo
qual transportadora
envio expresso
vale-presente
cartão presente
[words]
olá
obrigado
reembolso | es
ajuda
senha
entrega | es
cancelar | es
fatura | tr
rastreio
sim
devolução
desculpa
pedido
encomenda
recibo | es
quebrado
troca
onde
quando
obrigada
[words held-out]
transportadora
garantia
desconto
cupom
carrinho
descadastrar
substituição
rápido
valeu
tchau
""",
    "it": """
[sentences]
Ciao, ho fatto un ordine la settimana scorsa e non è ancora arrivato.
Potete dirmi quando riceverò il rimborso?
Mi avete addebitato due volte lo stesso ordine.
Il pacco è arrivato danneggiato e lo schermo è crepato.
Come posso cambiare l'indirizzo di consegna del mio ordine?
Ho dimenticato la password e non mi arriva l'email per reimpostarla.
Posso disdire l'abbonamento prima del prossimo addebito?
Il numero di tracciamento non funziona sul sito del corriere.
Mi è arrivata la taglia sbagliata, mi serve una M invece di una L.
Potreste mandarmi una fattura con i dati della mia azienda?
Il mio codice sconto risulta scaduto ma dovrebbe valere fino a venerdì.
Grazie per l'aiuto, il problema è risolto.
Sto aspettando da venti minuti, c'è qualcuno?
Perché il mio ordine è stato annullato senza avvisarmi?
Spedite anche in Svizzera e quanto ci vuole?
L'app si chiude ogni volta che provo a pagare.
Vorrei restituire queste scarpe, sono troppo piccole.
Posso parlare con un operatore, per favore?
Il mio account è stato bloccato dopo troppi tentativi di accesso.
L'articolo è completamente diverso da quello in foto.
[sentences held-out]
Ho pagato con la carta ma l'ordine risulta ancora da pagare.
Dove trovo la ricevuta del mio ultimo acquisto?
Il corriere ha lasciato il pacco alla casa sbagliata.
Mi confermate che la richiesta di cambio è stata ricevuta?
Il caricabatterie ha smesso di funzionare dopo due giorni.
Non mi sono mai iscritto a questa newsletter.
Sarebbe possibile allungare i tempi per il reso di qualche giorno?
Il sito dice disponibile ma nel carrello risulta esaurito.
Volevo solo sapere se avete ricevuto il mio messaggio.
Vorrei aggiornare il numero di telefono del mio account.
[phrases]
grazie mille
taglia sbagliata
sto aspettando
stato ordine
serve aiuto
non arrivato
annullare ordine
buongiorno ragazzi
numero tracciamento
password dimenticata
manca articolo
novità ordine
grazie ancora
articolo sbagliato
pacco danneggiato
dov'è l'ordine
parlare operatore
pagamento rifiutato
mai arrivato
buona giornata
[phrases held-out]
consegna ritardata
pessima qualità
cerniera rotta
cambiare indirizzo
addebito doppio
quanto tempo | pt
quale corriere
spedizione espressa
buono regalo
carta regalo
[words]
ciao
grazie
rimborso
aiuto
password | en
consegna
annullare
fattura
tracciamento
sì
reso
scusi
ordine
pacco
ricevuta
rotto
cambio | es
dove
quando | pt
buonasera
[words held-out]
corriere
garanzia
sconto
buono
carrello
disiscrivermi
sostituzione
subito
arrivederci
prego
""",
    "nl": """
[sentences]
Hallo, ik heb vorige week besteld en het pakket is nog steeds niet binnen.
Kunt u mij vertellen wanneer mijn terugbetaling wordt verwerkt?
Er is twee keer voor dezelfde bestelling afgeschreven.
Het pakket kwam beschadigd aan en het scherm is gebarsten.
Hoe kan ik het bezorgadres van mijn bestelling wijzigen?
Ik ben mijn wachtwoord vergeten en de resetmail komt niet aan.
Kan ik mijn abonnement opzeggen voor de volgende afschrijving?
De trackingcode werkt niet op de website van de bezorger.
Ik heb de verkeerde maat gekregen, ik heb een M nodig in plaats van een L.
Kunnen jullie mij een factuur sturen met mijn bedrijfsgegevens?
Mijn kortingscode zou verlopen zijn, maar hij is geldig tot vrijdag.
Bedankt voor de hulp, het probleem is opgelost.
Ik wacht al twintig minuten, is er iemand?
Waarom is mijn bestelling zonder bericht geannuleerd?
Leveren jullie ook in België en hoe lang duurt dat?
De app crasht elke keer als ik wil afrekenen.
Ik wil deze schoenen terugsturen, ze zijn te klein.
Kan ik alsjeblieft met een medewerker praten?
Mijn account is geblokkeerd na te veel inlogpogingen.
Het artikel lijkt helemaal niet op de foto.
[sentences held-out]
Ik heb met iDEAL betaald maar de bestelling staat nog op onbetaald.
Waar vind ik het bewijs van mijn laatste aankoop?
De bezorger heeft het pakket bij het verkeerde huis afgegeven.
Willen jullie bevestigen dat mijn ruilverzoek is ontvangen?
De oplader doet het na twee dagen al niet meer.
Ik heb me nooit aangemeld voor deze nieuwsbrief.
Zou de retourtermijn een paar dagen verlengd kunnen worden?
Op de site staat op voorraad, maar in het winkelmandje uitverkocht.
Ik wilde even vragen of jullie mijn vorige bericht hebben gekregen.
Ik wil graag het telefoonnummer van mijn account aanpassen.
[phrases]
hartelijk bedankt
verkeerde maat
nog steeds
bestelling status
hulp nodig
niet ontvangen
bestelling annuleren
goedemorgen allemaal
trackingcode graag
wachtwoord vergeten
artikel ontbreekt
al nieuws
nogmaals bedankt
verkeerd artikel
pakket beschadigd
waar blijft
medewerker alsjeblieft
betaling mislukt
nooit aangekomen
fijne dag
[phrases held-out]
levering vertraagd
slechte kwaliteit
rits kapot
adres wijzigen
dubbel afgeschreven
hoe lang
welke bezorger
snelle levering
tegoedbon gekregen
cadeaukaart inwisselen
[words]
hallo | de
bedankt
terugbetaling
hulp
wachtwoord
levering
annuleren
factuur
trackingcode
ja | de pl
alsjeblieft
retour | fr
sorry | en
verzending
account | en
bon
kapot
ruilen
waar
wanneer
[words held-out]
bezorger
garantie | fr de
korting
waardebon
winkelmandje
afmelden
vervanging
snel
doei
dankjewel
""",
    "pl": """
[sentences]
Dzień dobry, zamówiłem kurtkę w zeszłym tygodniu i nadal nie dotarła.
Czy możecie mi powiedzieć, kiedy dostanę zwrot pieniędzy?
Pobrano ode mnie dwa razy opłatę za to samo zamówienie.
Paczka przyszła uszkodzona, a ekran jest pęknięty.
Jak mogę zmienić adres dostawy mojego zamówienia?
Zapomniałam hasła i nie dostaję maila do resetu.
Czy mogę anulować subskrypcję przed następną płatnością?
Numer przesyłki nie działa na stronie kuriera.
Dostałem zły rozmiar, potrzebuję M zamiast L.
Czy możecie przesłać fakturę z danymi mojej firmy?
Mój kod rabatowy jest podobno nieważny, a miał działać do piątku.
Dziękuję za pomoc, problem rozwiązany.
Czekam już dwadzieścia minut, jest tam ktoś?
Dlaczego moje zamówienie zostało anulowane bez powiadomienia?
Czy wysyłacie do Niemiec i ile to trwa?
Aplikacja zamyka się za każdym razem, gdy chcę zapłacić.
Chcę zwrócić te buty, są za małe.
Czy mogę porozmawiać z konsultantem?
Moje konto zostało zablokowane po kilku próbach logowania.
Produkt wygląda zupełnie inaczej niż na zdjęciu.
[sentences held-out]
Zapłaciłem kartą, ale zamówienie nadal jest nieopłacone.
Gdzie znajdę potwierdzenie mojego ostatniego zakupu?
Kurier zostawił paczkę pod złym adresem.
Proszę potwierdzić, że moja prośba o wymianę dotarła.
Ładowarka przestała działać po dwóch dniach.
Nigdy nie zapisywałam się do tego newslettera.
Czy można wydłużyć termin zwrotu o kilka dni?
Na stronie jest dostępny, a w koszyku pisze, że wyprzedany.
Chciałem tylko zapytać, czy dostaliście moją wiadomość.
Chciałabym zaktualizować numer telefonu na koncie.
[phrases]
bardzo dziękuję
zły rozmiar
nadal czekam
status zamówienia
potrzebuję pomocy
nie dotarło
anulować zamówienie
dzień dobry
numer przesyłki
zapomniałem hasła
brakuje produktu
jakieś wieści
dzięki jeszcze
zły produkt
uszkodzona paczka
gdzie zamówienie
rozmowa z
płatność odrzucona
nigdy nie
miłego dnia
[phrases held-out]
opóźniona dostawa
słaba jakość
zepsuty zamek
zmiana adresu
podwójnie pobrano
jak długo
jaki kurier
szybka wysyłka
bon podarunkowy
karta podarunkowa
[words]
cześć
dziękuję
zwrot
pomocy
hasło
dostawa
anulować
faktura
śledzenie
tak
proszę
reklamacja
przepraszam
wysyłka
konto
paragon
zepsute
wymiana
gdzie
kiedy
[words held-out]
kurier | de
gwarancja
rabat
kupon | tr id
koszyk
wypisać
zamiennik
szybko
hej
dzięki
""",
    "tr": """
[sentences]
Merhaba, geçen hafta sipariş verdim ama hâlâ gelmedi.
İadem ne zaman yapılacak, söyleyebilir misiniz?
Aynı sipariş için iki kez ücret alındı.
Paket hasarlı geldi ve ekran çatlamış.
Siparişimin teslimat adresini nasıl değiştirebilirim?
Şifremi unuttum ve sıfırlama e-postası gelmiyor.
Bir sonraki ödemeden önce aboneliğimi iptal edebilir miyim?
Kargo takip numarası kargo firmasının sitesinde çalışmıyor.
Yanlış beden geldi, L yerine M lazım.
Şirket bilgilerimle fatura gönderebilir misiniz?
İndirim kodum süresi dolmuş diyor ama cumaya kadar geçerli olmalıydı.
Yardımınız için teşekkürler, sorun çözüldü.
Yirmi dakikadır bekliyorum, kimse yok mu?
Siparişim neden haber verilmeden iptal edildi?
Almanya'ya gönderim yapıyor musunuz, ne kadar sürüyor?
Uygulama ödeme yapmaya çalıştığımda kapanıyor.
Bu ayakkabıları iade etmek istiyorum, küçük geldi.
Bir müşteri temsilcisiyle görüşebilir miyim?
Çok fazla giriş denemesinden sonra hesabım kilitlendi.
Ürün fotoğraftakinden tamamen farklı.
[sentences held-out]
Kartla ödedim ama sipariş hâlâ ödenmedi görünüyor.
Son alışverişimin faturasını nerede bulabilirim?
Kurye paketi yanlış eve bırakmış.
Değişim talebimin alındığını onaylar mısınız?
Şarj aleti iki gün sonra çalışmayı bıraktı.
Bu bültene hiç kaydolmadım, listeden çıkarın lütfen.
İade süresini birkaç gün uzatmak mümkün mü?
Sitede stokta yazıyor ama sepette tükendi diyor.
Önceki mesajımı aldınız mı diye sormak istedim.
Hesabımdaki telefon numarasını güncellemek istiyorum.
[phrases]
çok teşekkürler
yanlış beden
hala bekliyorum
sipariş durumu
yardım lazım
teslim edilmedi
siparişi iptal
günaydın efendim
takip numarası
şifremi unuttum
ürün eksik
gelişme var
tekrar teşekkürler
yanlış ürün
hasarlı paket
siparişim nerede
temsilciye bağlayın
ödeme başarısız
hiç gelmedi
iyi günler
[phrases held-out]
geciken teslimat
kötü kalite
fermuar bozuk
adres değişikliği
iki kez
ne kadar
hangi kargo
hızlı kargo
hediye çeki
hediye kartı
[words]
merhaba
teşekkürler
iade
yardım
şifre
teslimat
iptal
fatura | pt
takip
evet
lütfen
değişim
özür
kargo
hesap
makbuz
kırık
sipariş
nerede
kaç
[words held-out]
kurye
garanti
indirim
kupon | pl id
sepet
abonelikten
yedek
acele
sağolun
eyvallah
""",
    "id": """
[sentences]
Halo, saya pesan jaket minggu lalu tapi sampai sekarang belum datang.
Kapan pengembalian dana saya diproses?
Saya ditagih dua kali untuk pesanan yang sama.
Paketnya datang dalam keadaan rusak dan layarnya retak.
Bagaimana cara mengubah alamat pengiriman pesanan saya?
Saya lupa kata sandi dan email untuk reset tidak masuk.
Apakah saya bisa berhenti berlangganan sebelum tagihan berikutnya?
Nomor resi tidak bisa dilacak di situs kurir.
Ukuran yang dikirim salah, saya butuh M bukan L.
Bisa kirimkan faktur dengan data perusahaan saya?
Kode diskon saya katanya sudah kedaluwarsa padahal berlaku sampai Jumat.
Terima kasih atas bantuannya, masalahnya sudah beres.
Sudah dua puluh menit saya menunggu, ada orang di sana?
Kenapa pesanan saya dibatalkan tanpa pemberitahuan?
Apakah bisa kirim ke Malaysia dan berapa lama?
Aplikasinya selalu keluar sendiri setiap saya mau bayar.
Saya mau mengembalikan sepatu ini, ukurannya kekecilan.
Boleh saya bicara dengan petugas?
Akun saya terkunci setelah beberapa kali gagal masuk.
Barangnya beda sekali dengan yang di foto.
[sentences held-out]
Saya sudah bayar pakai kartu tapi statusnya masih belum dibayar.
Di mana saya bisa menemukan bukti pembelian terakhir?
Kurirnya menaruh paket di rumah yang salah.
Tolong konfirmasi bahwa permintaan penukaran saya sudah diterima.
Pengisi dayanya rusak setelah dua hari dipakai.
Saya tidak pernah mendaftar newsletter ini.
Apakah batas waktu pengembalian bisa diperpanjang beberapa hari?
Di situs tertulis tersedia tapi di keranjang habis.
Saya cuma mau tanya apakah pesan saya sebelumnya sudah diterima.
Saya ingin memperbarui nomor telepon di akun saya.
[phrases]
terima kasih
ukuran salah
masih menunggu
status pesanan
butuh bantuan
belum sampai
batalkan pesanan
selamat pagi
nomor resi
lupa sandi
barang kurang
ada kabar
makasih banyak
barang salah
paket rusak
pesanan mana
hubungi admin
pembayaran gagal
tidak sampai
selamat siang
[phrases held-out]
pengiriman telat
kualitas jelek
resleting rusak
ganti alamat
tagihan ganda
berapa lama
kurir apa
pengiriman kilat
voucher belanja
kartu hadiah
[words]
halo
makasih
pengembalian
tolong
sandi
pengiriman
batal
faktur
resi
iya
permisi
retur
maaf
ongkir
akun
struk
rusak
tukar
dimana
kapan
[words held-out]
kurir
garansi
diskon
voucher | en nl
keranjang
berhenti
pengganti
buruan
oke
siap
""",
    "vi": """
[sentences]
Chào shop, tôi đặt áo khoác tuần trước mà đến giờ vẫn chưa nhận được.
Khi nào tôi mới được hoàn tiền vậy?
Tôi bị trừ tiền hai lần cho cùng một đơn hàng.
Gói hàng bị móp và màn hình bị nứt.
Làm sao để đổi địa chỉ giao hàng của đơn?
Tôi quên mật khẩu và không nhận được email đặt lại.
Tôi có thể hủy gói đăng ký trước kỳ thanh toán tiếp theo không?
Mã vận đơn không tra cứu được trên trang của đơn vị vận chuyển.
Shop gửi sai size rồi, tôi cần size M chứ không phải L.
Bạn có thể gửi hóa đơn có thông tin công ty của tôi không?
Mã giảm giá báo hết hạn nhưng đáng lẽ dùng được đến thứ Sáu.
Cảm ơn bạn đã hỗ trợ, vấn đề đã được giải quyết.
Tôi chờ hai mươi phút rồi, có ai không?
Tại sao đơn hàng của tôi bị hủy mà không báo trước?
Shop có giao hàng ra Hà Nội không và mất bao lâu?
Ứng dụng cứ bị thoát mỗi khi tôi thanh toán.
Tôi muốn trả lại đôi giày này vì bị chật.
Cho tôi nói chuyện với nhân viên được không?
Tài khoản của tôi bị khóa sau nhiều lần đăng nhập sai.
Sản phẩm nhận được khác hoàn toàn so với hình.
[sentences held-out]
Tôi đã thanh toán bằng thẻ nhưng đơn vẫn hiện chưa thanh toán.
Tôi tìm biên lai lần mua gần nhất ở đâu?
Shipper để gói hàng nhầm nhà rồi.
Bạn xác nhận giúp tôi là yêu cầu đổi hàng đã được ghi nhận nhé.
Cục sạc hỏng sau có hai ngày.
Tôi chưa bao giờ đăng ký nhận bản tin này.
Có thể gia hạn thời gian đổi trả thêm vài ngày không?
Trên web ghi còn hàng mà vào giỏ lại báo hết.
Tôi chỉ muốn hỏi shop đã nhận được tin nhắn trước của tôi chưa.
Tôi muốn cập nhật số điện thoại trong tài khoản.
[phrases]
cảm ơn
sai size
vẫn chờ
đơn đâu
cần giúp
chưa nhận
hủy đơn
chào shop
mã đơn
quên pass
thiếu hàng
có tin
cám ơn
sai hàng
hàng móp
hàng lỗi
gặp admin
thanh toán
chưa tới
xin chào
[phrases held-out]
giao chậm
hàng kém
khóa hỏng
đổi hàng
trừ tiền
bao lâu
hoàn tiền
giao nhanh
mã giảm
hết hàng
[words]
chào
dạ
vâng
giúp
hủy
đổi
trả
lỗi
hỏng
giao
đâu
sao
chưa
rồi
nhanh
alo
shop | en
gì
hả
nhé
[words held-out]
ừ
okela
thiếu
chậm
hết
mất
xong
được
nhầm
tiền
""",
    "zh-Hans": """
[sentences]
你好，我上周下的订单到现在还没收到。
请问我的退款什么时候能到账？
同一个订单被扣了两次钱。
包裹到的时候已经坏了，屏幕也裂了。
怎么修改订单的收货地址？
我忘记密码了，重置邮件一直没收到。
下次扣费之前可以取消订阅吗？
快递单号在快递公司网站上查不到。
尺码发错了，我要的是M不是L。
能给我开一张带公司信息的发票吗？
优惠码显示过期了，但说好是到周五有效的。
谢谢你的帮助，问题解决了。
我已经等了二十分钟了，有人吗？
为什么我的订单没有通知就被取消了？
你们的APP每次付款都会闪退。
[sentences held-out]
我用银行卡付了钱，但订单还显示未付款。
在哪里可以找到我上次购物的凭证？
快递员把包裹放错了人家。
请确认一下我的换货申请收到了没有。
充电器用了两天就坏了。
[phrases]
谢谢你
尺码不对
还在等
订单状态
需要帮助
没收到
取消订单
早上好
物流单号
忘记密码
[phrases held-out]
发货太慢
质量太差
拉链坏了
修改地址
重复扣款
[words]
你好
谢谢
退款
帮忙
密码
快递
取消
发票
物流
好的
[words held-out]
客服
保修
优惠
购物车
换货
""",
    "zh-Hant": """
[sentences]
你好，我上週訂的商品到現在還沒收到。
請問我的退款什麼時候會入帳？
同一筆訂單被扣了兩次款。
包裹送到時已經壞了，螢幕也裂了。
要怎麼修改訂單的收件地址？
我忘記密碼了，重設的郵件一直沒收到。
下次扣款前可以取消訂閱嗎？
物流單號在貨運公司網站上查不到。
尺寸寄錯了，我要的是M不是L。
可以幫我開一張有公司資料的發票嗎？
折扣碼顯示過期，但明明說到星期五都有效。
謝謝你的幫忙，問題解決了。
我已經等了二十分鐘，有人在嗎？
為什麼我的訂單沒有通知就被取消了？
你們的App每次付款都會當掉。
[sentences held-out]
我用信用卡付款了，但訂單還是顯示未付款。
要去哪裡找上次購物的收據？
送貨員把包裹放到別人家了。
請確認一下我的換貨申請有沒有收到。
充電器用了兩天就壞了。
[phrases]
謝謝你
尺寸不對
還在等
訂單狀態
需要幫忙
沒收到
取消訂單
早安您好
物流單號
忘記密碼
[phrases held-out]
出貨太慢
品質很差
拉鍊壞了
修改地址
重複扣款
[words]
您好
謝謝
退款
幫忙
密碼
宅配
取消
發票
物流
好的
[words held-out]
客服
保固
優惠
購物車
換貨
""",
    "ja": """
[sentences]
こんにちは、先週注文したジャケットがまだ届いていません。
返金はいつ頃処理されますか？
同じ注文で二回請求されています。
荷物が破損して届き、画面が割れていました。
注文の配送先住所を変更するにはどうすればいいですか？
パスワードを忘れてしまい、再設定のメールが届きません。
次の請求日の前にサブスクリプションを解約できますか？
追跡番号が配送業者のサイトで使えません。
サイズが違うものが届きました。LではなくMが必要です。
会社名入りの領収書を送っていただけますか？
クーポンコードが期限切れと表示されますが、金曜日まで有効のはずです。
ご対応ありがとうございました。解決しました。
二十分も待っているのですが、どなたかいますか？
なぜ連絡もなく注文がキャンセルされたのですか？
韓国への発送は可能ですか？何日くらいかかりますか？
アプリが支払いのたびに落ちてしまいます。
この靴を返品したいです。サイズが小さかったです。
担当の方と直接話せますか？
ログインに何度か失敗してアカウントがロックされました。
届いた商品が写真と全然違います。
[sentences held-out]
カードで支払ったのに、注文が未払いのままになっています。
前回の購入の領収書はどこで確認できますか？
配達員が荷物を別の家に置いていきました。
交換の申請が届いているか確認してもらえますか？
充電器が二日で動かなくなりました。
このメールマガジンに登録した覚えはありません。
返品期限を数日延ばしていただくことはできますか？
サイトでは在庫ありなのに、カートでは売り切れになります。
前のメッセージが届いているか確認したかっただけです。
アカウントの電話番号を更新したいです。
[phrases]
ありがとうございます
サイズ違い
まだ待ってます
注文状況は
助けてください
届いてません
注文キャンセル
おはようございます
追跡番号は
パスワード忘れた
商品が足りない
進捗どうですか
重ねてありがとう
商品違い
箱が破損
注文どこ
担当者お願いします
支払いエラー
届かない
よろしくお願いします
[phrases held-out]
配送遅延です
品質が悪い
ファスナー壊れた
住所変更したい
二重請求です
どのくらい
どの配送業者
速達できますか
ギフト券
ギフトカード
[words]
こんにちは
ありがとう
返金
助けて
パスワード
配送
キャンセル
領収書
追跡
はい
お願いします
返品
すみません
発送
アカウント
レシート
壊れた
交換
どこ
いつ
[words held-out]
配達員
保証
割引
クーポン
カート
解約
代わり
至急
了解です
どうも
""",
    "ko": """
[sentences]
안녕하세요, 지난주에 주문한 자켓이 아직 도착하지 않았어요.
환불은 언제 처리되나요?
같은 주문에 대해 두 번 결제되었습니다.
택배가 파손된 상태로 왔고 화면이 깨졌어요.
주문 배송지 주소를 어떻게 변경하나요?
비밀번호를 잊어버렸는데 재설정 메일이 안 와요.
다음 결제일 전에 구독을 해지할 수 있나요?
운송장 번호가 택배사 사이트에서 조회가 안 됩니다.
사이즈가 잘못 왔어요. L 말고 M이 필요해요.
회사 정보가 들어간 세금계산서를 보내주실 수 있나요?
할인 코드가 만료됐다고 나오는데 금요일까지라고 했잖아요.
도와주셔서 감사합니다. 해결됐어요.
이십 분째 기다리고 있는데 아무도 없나요?
왜 아무 연락 없이 주문이 취소됐나요?
일본으로도 배송되나요? 얼마나 걸려요?
결제하려고 할 때마다 앱이 꺼져요.
이 신발 반품하고 싶어요. 너무 작아요.
상담원이랑 직접 통화할 수 있을까요?
로그인을 여러 번 실패해서 계정이 잠겼어요.
받은 상품이 사진이랑 완전히 달라요.
[sentences held-out]
카드로 결제했는데 주문이 아직 미결제로 나와요.
지난번 구매 영수증은 어디서 볼 수 있나요?
기사님이 택배를 다른 집에 두고 가셨어요.
교환 신청이 접수됐는지 확인 부탁드려요.
충전기가 이틀 만에 고장 났어요.
이 뉴스레터 신청한 적이 없어요.
반품 기간을 며칠 연장할 수 있을까요?
사이트에는 재고 있다고 나오는데 장바구니에서는 품절이래요.
이전 메시지 받으셨는지 여쭤보려고요.
계정 전화번호를 변경하고 싶어요.
[phrases]
감사합니다 정말
사이즈 잘못
아직 기다려요
주문 상태
도와주세요 제발
못 받았어요
주문 취소
좋은 아침
운송장 번호
비밀번호 분실
상품 누락
진행 상황
다시 감사합니다
상품 잘못
박스 파손
주문 어디
상담원 연결
결제 실패
안 왔어요
수고하세요 감사합니다
[phrases held-out]
배송 지연
품질 불량
지퍼 고장
주소 변경
이중 결제
얼마나 걸려요
어느 택배사
빠른 배송
상품권 사용
기프트 카드
[words]
안녕하세요
감사합니다
환불
도와주세요
비밀번호
배송
취소
영수증
조회
네
부탁드려요
반품
죄송합니다
택배
계정
영수증이요
파손
교환
어디요
언제요
[words held-out]
기사님
보증
할인
쿠폰
장바구니
해지
대체품
급해요
넵
고마워요
""",
    "ru": """
[sentences]
Здравствуйте, я заказал куртку на прошлой неделе, и она до сих пор не пришла.
Подскажите, когда мне вернут деньги?
С меня дважды списали оплату за один и тот же заказ.
Посылка пришла повреждённой, экран треснул.
Как изменить адрес доставки в моём заказе?
Я забыл пароль, а письмо для сброса не приходит.
Можно отменить подписку до следующего списания?
Трек-номер не отслеживается на сайте службы доставки.
Прислали не тот размер, мне нужен M, а не L.
Можете прислать счёт с реквизитами моей компании?
Промокод пишет, что истёк, хотя должен действовать до пятницы.
Спасибо за помощь, проблема решена.
Я жду уже двадцать минут, есть кто-нибудь?
Почему мой заказ отменили без предупреждения?
Вы доставляете в Казахстан и сколько это занимает?
Приложение вылетает каждый раз, когда я пытаюсь оплатить.
Хочу вернуть эти кроссовки, они маловаты.
Можно поговорить с живым оператором?
Мой аккаунт заблокировали после нескольких неудачных попыток входа.
Товар совсем не похож на фото.
[sentences held-out]
Я оплатил картой, но заказ всё ещё числится неоплаченным.
Где найти чек за последнюю покупку?
Курьер оставил посылку не у того дома.
Подтвердите, пожалуйста, что заявка на обмен получена.
Зарядка перестала работать через два дня.
Я никогда не подписывался на эту рассылку.
Можно продлить срок возврата на несколько дней?
На сайте написано в наличии, а в корзине нет в наличии.
Просто хотел уточнить, получили ли вы моё прошлое сообщение.
Хочу обновить номер телефона в аккаунте.
[phrases]
большое спасибо
не тот размер
всё ещё жду
статус заказа
нужна помощь
не получил
отменить заказ
доброе утро
трек номер
забыл пароль
не хватает товара
есть новости
ещё раз спасибо
не тот товар
посылка повреждена
где заказ
позовите оператора
оплата не прошла
так и не пришло
хорошего дня
[phrases held-out]
задержка доставки
плохое качество
сломалась молния
сменить адрес
двойное списание
сколько ждать
какая служба
срочная доставка
подарочный сертификат
подарочная карта
[words]
здравствуйте
спасибо
возврат
помогите
пароль
доставка
отмена
счёт
отслеживание
да
пожалуйста
обмен
извините
посылка
аккаунт
чек
сломано
заказ
где
когда
[words held-out]
курьер
гарантия
скидка
купон
корзина
отписаться
замена
срочно
привет
понял
""",
    "ar": """
[sentences]
مرحبا، طلبت سترة الأسبوع الماضي ولم تصل حتى الآن.
متى سيتم استرداد أموالي؟
تم خصم المبلغ مرتين لنفس الطلب.
وصل الطرد تالفا والشاشة مكسورة.
كيف يمكنني تغيير عنوان التوصيل لطلبي؟
نسيت كلمة المرور ولا تصلني رسالة إعادة التعيين.
هل يمكنني إلغاء الاشتراك قبل موعد الدفع القادم؟
رقم التتبع لا يعمل على موقع شركة الشحن.
وصلني مقاس خاطئ، أحتاج M بدلا من L.
هل يمكنكم إرسال فاتورة ببيانات شركتي؟
كود الخصم يظهر أنه منتهي مع أنه صالح حتى يوم الجمعة.
شكرا على المساعدة، تم حل المشكلة.
أنتظر منذ عشرين دقيقة، هل يوجد أحد؟
لماذا تم إلغاء طلبي دون أي إشعار؟
هل توصلون إلى الأردن وكم تستغرق المدة؟
التطبيق يغلق في كل مرة أحاول الدفع.
أريد إرجاع هذا الحذاء لأنه صغير.
هل يمكنني التحدث مع موظف خدمة العملاء؟
تم قفل حسابي بعد عدة محاولات تسجيل دخول فاشلة.
المنتج مختلف تماما عن الصورة.
[sentences held-out]
دفعت بالبطاقة لكن الطلب ما زال يظهر غير مدفوع.
أين أجد إيصال آخر عملية شراء؟
المندوب ترك الطرد عند البيت الخطأ.
أرجو تأكيد استلام طلب الاستبدال الخاص بي.
الشاحن توقف عن العمل بعد يومين.
لم أشترك أبدا في هذه النشرة البريدية.
هل يمكن تمديد مدة الإرجاع بضعة أيام؟
الموقع يقول متوفر لكن في السلة يظهر نفد.
أردت فقط التأكد من وصول رسالتي السابقة.
أريد تحديث رقم الهاتف في حسابي.
[phrases]
شكرا جزيلا
مقاس خاطئ
ما زلت أنتظر
حالة الطلب
أحتاج مساعدة
لم يصل
إلغاء الطلب
صباح الخير
رقم التتبع
نسيت كلمة
منتج ناقص
أي جديد
شكرا مرة
منتج خاطئ
طرد تالف
أين طلبي
أريد موظف
فشل الدفع
لم يصلني
يوم سعيد
[phrases held-out]
تأخر التوصيل
جودة سيئة
سحاب مكسور
تغيير العنوان
خصم مزدوج
كم المدة
أي شركة
شحن سريع
قسيمة هدية
بطاقة هدية
[words]
مرحبا
شكرا
استرداد
مساعدة
مشكلة
توصيل
إلغاء
فاتورة
تتبع
نعم
رجاء
إرجاع
آسف
شحن
حساب
إيصال
مكسور
استبدال
أين
متى
[words held-out]
مندوب
ضمان
خصم
كوبون
السلة
اشتراك
بديل
بسرعة
تمام
السلام
""",
    "th": """
[sentences]
สวัสดีค่ะ สั่งเสื้อแจ็คเก็ตไปเมื่อสัปดาห์ที่แล้วแต่ยังไม่ได้รับเลย
จะได้รับเงินคืนเมื่อไหร่คะ
โดนตัดเงินสองครั้งสำหรับคำสั่งซื้อเดียวกัน
พัสดุมาถึงแบบเสียหายและหน้าจอแตก
จะเปลี่ยนที่อยู่จัดส่งของคำสั่งซื้อได้ยังไงครับ
ลืมรหัสผ่านและไม่ได้รับอีเมลรีเซ็ต
ยกเลิกการสมัครสมาชิกก่อนรอบบิลถัดไปได้ไหม
เลขพัสดุเช็คในเว็บขนส่งไม่ได้
ได้ไซส์ผิดมา ต้องการไซส์ M ไม่ใช่ L
ขอใบกำกับภาษีที่มีข้อมูลบริษัทได้ไหมคะ
โค้ดส่วนลดขึ้นว่าหมดอายุ แต่ควรใช้ได้ถึงวันศุกร์
ขอบคุณที่ช่วยนะคะ แก้ปัญหาได้แล้ว
รอมายี่สิบนาทีแล้ว มีใครอยู่ไหม
ทำไมคำสั่งซื้อถูกยกเลิกโดยไม่แจ้ง
ส่งไปต่างประเทศได้ไหม ใช้เวลากี่วัน
แอปเด้งออกทุกครั้งที่จะจ่ายเงิน
อยากคืนรองเท้าคู่นี้ เพราะเล็กไป
ขอคุยกับเจ้าหน้าที่ได้ไหมครับ
บัญชีถูกล็อกหลังจากล็อกอินผิดหลายครั้ง
สินค้าที่ได้ไม่เหมือนในรูปเลย
[sentences held-out]
จ่ายด้วยบัตรแล้วแต่สถานะยังขึ้นว่ายังไม่ชำระ
ใบเสร็จของการซื้อครั้งล่าสุดดูได้ที่ไหน
คนส่งของวางพัสดุผิดบ้าน
ช่วยยืนยันว่าได้รับคำขอเปลี่ยนสินค้าแล้วนะคะ
ที่ชาร์จเสียหลังใช้ไปสองวัน
ไม่เคยสมัครรับจดหมายข่าวนี้เลย
ขอขยายเวลาคืนสินค้าอีกสักสองสามวันได้ไหม
หน้าเว็บบอกว่ามีของแต่ในตะกร้าขึ้นว่าหมด
แค่อยากถามว่าได้รับข้อความก่อนหน้าหรือยัง
อยากเปลี่ยนเบอร์โทรในบัญชีค่ะ
[phrases]
ขอบคุณมาก
ไซส์ผิด
ยังรออยู่
สถานะคำสั่งซื้อ
ช่วยด้วย
ยังไม่ได้รับ
ยกเลิกคำสั่งซื้อ
สวัสดีตอนเช้า
เลขพัสดุ
ลืมรหัสผ่าน
ของขาด
มีอัปเดตไหม
ขอบคุณอีกครั้ง
ของผิด
กล่องเสียหาย
ของอยู่ไหน
ขอคุยเจ้าหน้าที่
จ่ายเงินไม่ผ่าน
ไม่เคยได้รับ
ขอบคุณค่ะ
[phrases held-out]
ส่งช้ามาก
คุณภาพแย่
ซิปพัง
เปลี่ยนที่อยู่
ตัดเงินซ้ำ
นานแค่ไหน
ขนส่งอะไร
ส่งด่วน
บัตรของขวัญ
คูปองของขวัญ
[words]
สวัสดี
ขอบคุณ
คืนเงิน
ช่วยด้วย
รหัสผ่าน
จัดส่ง
ยกเลิก
ใบเสร็จ
ติดตาม
ใช่
กรุณา
คืนสินค้า
ขอโทษ
พัสดุ
บัญชี
ใบกำกับ
เสีย
เปลี่ยน
ที่ไหน
เมื่อไหร่
[words held-out]
คนส่งของ
ประกัน
ส่วนลด
คูปอง
ตะกร้า
ยกเลิกสมาชิก
ของแทน
ด่วน
โอเคค่ะ
ครับ
""",
}

# The FRESH held-out set (second round, written before ``console/lexicon_support.py``
# existed and never used to change it or any weight). It comes from a different angle
# from the lists above: everyday things customers type into a chat box - greetings with
# typos or repeated letters, texting shorthand, complaints ("scam", "still waiting"),
# words about the courier and the wait - rather than support-vocabulary nouns. Ten
# two-word and ten one-word messages per label. ``| xx`` marks the same shared spellings.
_FRESH_RAW: dict[str, str] = {
    "en": """
[phrases]
not working
wrong colour
where is it
so slow
package stolen
cant login
hello there
thank u
no response
please hurry
[words]
hiya
thankyou
asap
waiting
anybody
unacceptable
ridiculous
scam
goodnight
nevermind
""",
    "fr": """
[phrases]
toujours rien
marche pas
mauvaise couleur
colis perdu
pas livré
bonjour madame
trop long
aucune réponse
merci bcp
c'est urgent
[words]
coucou
bjr
merciiii
arnaque
inadmissible
livreur
remboursez-moi
allô
enfin
nul | nl
""",
    "es": """
[phrases]
sigo esperando
no funciona
color equivocado
paquete perdido
no llegó
hola buenas
muy lento
sin respuesta
mil gracias
es urgente
[words]
holaa
graciaaas
estafa
inaceptable
repartidor
oiga
vergüenza
buenas
reembolsen
porfa
""",
    "de": """
[phrases]
immer noch
geht nicht
falsche farbe
paket verloren
nicht angekommen
hallo zusammen
dauert ewig
keine antwort
danke schön
sehr dringend
[words]
moin
servus
frechheit
betrug
unverschämt
zusteller
hallöchen
immernoch
reklamation
tschau
""",
    "pt": """
[phrases]
continuo esperando | es
não funciona
cor errada
pacote perdido
não chegou
bom diaa
muito demorado
sem resposta
valeu demais
é urgente
[words]
oie
obg
brigadão
golpe | es
inaceitável
entregador
vergonha
reembolsem
cadê
socorro
""",
    "it": """
[phrases]
sto aspettando
non funziona
colore sbagliato
pacco perso
mai arrivato
buongiorno signora
troppo lento
nessuna risposta
grazie mille
è urgente
[words]
ciaoo
grazieee
truffa
inaccettabile
corriere
vergogna
buonasera
rimborsatemi
salve | pt
sollecito
""",
    "nl": """
[phrases]
wacht nog
werkt niet
verkeerde kleur
pakket kwijt
niet bezorgd
goedemiddag allemaal
duurt lang
geen reactie
dank u
graag snel
[words]
hoi
doei
oplichting
schandalig
bezorger
spoed
nogsteeds
jammer | de
waardeloos
groetjes
""",
    "pl": """
[phrases]
nadal czekam
nie działa
zły kolor
paczka zaginęła
nie dotarło
dobry wieczór
bardzo długo
brak odpowiedzi
wielkie dzięki
bardzo pilne
[words]
siema
dzięks
oszustwo
kurierem
skandaliczne
reklamacja
czekam
witajcie
porażka
zwrotu
""",
    "tr": """
[phrases]
hala bekliyorum
çalışmıyor hala
yanlış renk
kargo kayboldu
gelmedi hala
iyi günler
çok yavaş
cevap yok
çok teşekkürler
acil lütfen
[words]
merhabalar
sağolun
dolandırıcı
rezalet
kargocu
acil
yardımm
selamlar
kusura
bekliyorum
""",
    "id": """
[phrases]
masih nunggu
tidak bisa
warna salah
paket hilang
belum sampai
selamat siang
lama banget
tidak dibalas
makasih kak
tolong cepat
[words]
makasih
tolong
penipuan
kurir
kecewa
buruan
mantap
permisi
lama
belum
""",
    "vi": """
[phrases]
vẫn chờ
không được
sai màu
mất hàng
chưa nhận
chào shop
lâu quá
chờ lâu
cám ơn
gấp lắm
[words]
chào
dạ
vâng
gấp
hủy
đâu
chưa
giúp
lỗi
sao
""",
    "zh-Hans": """
[phrases]
还没到
用不了
颜色不对
包裹丢了
没收到
你好呀
太慢了
没人回
多谢了
急急急
[words]
在吗
亲
快递
退货
发票
客服
催单
投诉
谢啦
急
""",
    "zh-Hant": """
[phrases]
還沒到
用不了
顏色不對
包裹不見了
沒收到
你好喔
太慢了
沒人回
多謝了
很急
[words]
在嗎
快遞
退貨
發票
客服
投訴
謝啦
急件
運費
請問
""",
    "ja": """
[phrases]
まだ届かない
動かない
色違い
荷物紛失
サイズ違い
こんばんは
遅すぎる
返事ください
ありがとうございます
至急お願いします
[words]
在庫
送料
割引
手数料
見積書
未着
品切れ
よろしく
どうも
不具合
""",
    "ko": """
[phrases]
아직 안와요
안 돼요
색상 틀림
택배 분실
안녕하세요 여기요
너무 느려요
답장 없음
정말 감사
급해요 제발
배송 언제
[words]
안녕
빨리
환불해주세요
택배
사기
짜증
감사요
언제요
교환
취소요
""",
    "ru": """
[phrases]
жду ещё
не работает
другой цвет
посылка потерялась
не доставили
добрый вечер
очень долго
нет ответа
большое спасибо
срочно пожалуйста
[words]
привет
спасибки
мошенники
курьер
срочно
помогите
ау
возврат
отмена
здрасте
""",
    "ar": """
[phrases]
لا يعمل
لون خطأ
الطرد ضاع
ما وصل
مساء الخير
بطيء جدا
لا رد
شكرا جزيلا
مستعجل جدا
أنتظر منذ
[words]
مرحبا
شكرا
احتيال
المندوب
مستعجل
ساعدوني
سلام
استرجاع
الغاء
هلا
""",
    "th": """
[phrases]
ยังรอ อยู่
ใช้ ไม่ได้
สี ผิด
ของ หาย
ยังไม่ ได้รับ
สวัสดี ครับ
ช้า มาก
ไม่ตอบ เลย
ขอบคุณ มาก
ด่วน ค่ะ
[words]
หวัดดี
ขอบใจ
โกง
ด่วนมาก
ช่วยด้วย
คืนเงิน
ยกเลิก
ไรเดอร์
เมื่อไร
ค่ะ
""",
}

#: the lists per class, held-out or not, per gold label ("zh-Hans"/"zh-Hant" for Chinese)
CLASSES = ("sentences", "phrases", "words")


def _parse(raw: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw_line in raw.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


def _split(line: str) -> tuple[str, tuple[str, ...]]:
    text, _, also = line.partition(" | ")
    return text, tuple(also.split())


SAMPLES: dict[str, dict[str, list[str]]] = {label: _parse(raw) for label, raw in _RAW.items()}
#: the second, fresh held-out set: "phrases" and "words" sections per label
FRESH: dict[str, dict[str, list[str]]] = {label: _parse(raw) for label, raw in _FRESH_RAW.items()}


def language_of(label: str) -> str:
    """``zh-Hant`` -> ``zh``: the language code a label is scored against."""
    return label.split("-", maxsplit=1)[0]


def items(kind: str, *, held_out: bool) -> list[tuple[str, str, tuple[str, ...]]]:
    """``(label, text, also)`` for one class ("sentences", "phrases", "words"), dev or held-out.

    ``also`` lists other served languages in which the very same spelling is a common,
    standard word ("cancelar" is Spanish and Portuguese, "garantie" French, German and
    Dutch): no detector can tell them apart without context, so the bench reports a
    strict score (only the label counts) and a "shared words accepted" score.
    """
    section = f"{kind} held-out" if held_out else kind
    return [
        (label, *_split(line)) for label, sections in SAMPLES.items() for line in sections.get(section, [])
    ]


def fresh_items(kind: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """``(label, text, also)`` from the fresh held-out set ("phrases" or "words")."""
    return [(label, *_split(line)) for label, sections in FRESH.items() for line in sections.get(kind, [])]


def two_word_windows() -> list[tuple[str, str]]:
    """Two consecutive words cut from every Latin/Cyrillic/Arabic sentence (extra bench row).

    Deterministic: the window starts at word index ``len(words) // 3``. Thai, Chinese and
    Japanese do not separate words with spaces, so they have no windows.
    """
    out: list[tuple[str, str]] = []
    for label, sections in SAMPLES.items():
        for sentence in sections.get("sentences", []) + sections.get("sentences held-out", []):
            words = [w.strip('.,;:!?¿¡()"') for w in sentence.split()]
            words = [w for w in words if w]
            if len(words) < 4:
                continue
            start = len(words) // 3
            out.append((label, " ".join(words[start : start + 2])))
    return out
