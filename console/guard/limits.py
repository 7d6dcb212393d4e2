"""Rate and size limits: token buckets per session and per client, turns per conversation.

:class:`Limits.check` raises :class:`RateLimitError` or :class:`TurnLimitError` (both
:class:`console.errors.LimitError`, so the edges map them like any limit: HTTP 429 with
``Retry-After``, a notice in the chat). Their message is English for operators and API
clients; :func:`limit_message` says the same to the customer in their language.

The length of a single message is limited by ``console.pipeline.validate_text`` (an
InputError naming the limit), not here, so there is one place that decides it.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from console.errors import ConfigError, LimitError
from console.guard._text import language_key

Clock = Callable[[], float]


class RateLimitError(LimitError):
    """Messages arrive faster than the bucket refills; ``retry_after`` is always set."""


class TurnLimitError(LimitError):
    """The conversation has as many turns as allowed; a new conversation is needed."""


class TokenBucket:
    """Token buckets keyed by a string, safe to share between threads.

    Each key holds up to ``capacity`` tokens and regains ``per_second`` of them per second.
    Memory stays bounded: a key idle long enough to be full again is indistinguishable
    from a new key, so it is dropped; beyond ``max_keys`` the least recently used key is
    dropped even if it was still throttled (a flood of fresh keys must not exhaust memory;
    per-client limits upstream cover that case).
    """

    def __init__(
        self, capacity: float, per_second: float, *, max_keys: int = 10_000, clock: Clock = time.monotonic
    ) -> None:
        if capacity < 1 or per_second <= 0 or max_keys < 1:
            raise ConfigError(
                "rate limit", f"needs capacity >= 1 and a positive refill rate, got {capacity}/{per_second}"
            )
        self.capacity = float(capacity)
        self.per_second = float(per_second)
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, updated at)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._buckets)

    def _level(self, key: str, now: float) -> float:
        tokens, updated = self._buckets.get(key, (self.capacity, now))
        return min(self.capacity, tokens + max(0.0, now - updated) * self.per_second)

    def take(self, key: str, cost: float = 1) -> float | None:
        """Take ``cost`` tokens: None when allowed, else the seconds until it would be."""
        if cost > self.capacity:
            raise ConfigError("rate limit", f"a cost of {cost} can never fit a capacity of {self.capacity}")
        with self._lock:
            now = self._clock()
            tokens = self._level(key, now)
            allowed = tokens >= cost
            if allowed:
                tokens -= cost
            self._buckets[key] = (tokens, now)
            self._buckets.move_to_end(key)
            self._evict(now)
            return None if allowed else (cost - tokens) / self.per_second

    def refund(self, key: str, cost: float = 1) -> None:
        """Give back tokens taken for a request that was refused by a later check."""
        with self._lock:
            if key in self._buckets:
                now = self._clock()
                self._buckets[key] = (min(self.capacity, self._level(key, now) + cost), now)

    def _evict(self, now: float) -> None:
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        while self._buckets:
            oldest = next(iter(self._buckets))
            if self._level(oldest, now) < self.capacity:
                break
            del self._buckets[oldest]


@dataclass(frozen=True)
class _Rate:
    capacity: float
    per_second: float


class Limits:
    """The limits one customer message must pass before it reaches the model.

    ``per_session`` and ``per_client`` are ``(capacity, tokens per second)``: the default
    session bucket allows a burst of 5 messages, then one every 2 seconds; a client (an IP
    address or API key, which may hold many sessions) a burst of 30, then one a second.
    """

    def __init__(
        self,
        *,
        per_session: tuple[float, float] = (5, 0.5),
        per_client: tuple[float, float] = (30, 1.0),
        max_turns: int = 100,
        max_keys: int = 10_000,
        clock: Clock = time.monotonic,
    ) -> None:
        if max_turns < 1:
            raise ConfigError("max_turns", f"must be at least 1, got {max_turns}")
        self.max_turns = max_turns
        self.sessions = TokenBucket(*per_session, max_keys=max_keys, clock=clock)
        self.clients = TokenBucket(*per_client, max_keys=max_keys, clock=clock)

    def check(self, session: str, client: str, turns_so_far: int) -> None:
        """Allow one more customer message or raise. ``turns_so_far``: customer messages
        already in the conversation."""
        if turns_so_far >= self.max_turns:
            raise TurnLimitError(
                f"This conversation has reached its limit of {self.max_turns} messages; "
                "please start a new one."
            )
        wait = self.sessions.take(session)
        if wait is None:
            wait = self.clients.take(client)
            if wait is not None:
                self.sessions.refund(session)
        if wait is not None:
            seconds = _whole_seconds(wait)
            unit = "second" if seconds == 1 else "seconds"
            raise RateLimitError(
                f"You're sending messages too quickly. Please wait {seconds} {unit}.",
                retry_after=wait,
            )


def _whole_seconds(retry_after: float | None) -> int:
    return max(1, math.ceil(retry_after or 1))


# ------------------------------------------------------------------------- messages


# Plural categories as CLDR defines them for these languages (integers only).
def _plural(language: str, n: int) -> str:
    if language in ("fr", "pt"):
        return "one" if n in (0, 1) else "other"
    if language in ("en", "de", "nl", "it", "es"):
        return "one" if n == 1 else "other"
    if language in ("ru", "pl"):
        if n == 1 or (language == "ru" and n % 10 == 1 and n % 100 != 11):
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    if language == "ar":
        if n in (1, 2):
            return {1: "one", 2: "two"}[n]
        return "few" if 3 <= n % 100 <= 10 else "many" if 11 <= n % 100 <= 99 else "other"
    return "other"  # zh ja ko vi th id tr: no plural forms with numerals


_RATE_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "one": "You're sending messages too quickly. Please wait {n} second.",
        "other": "You're sending messages too quickly. Please wait {n} seconds.",
    },
    "zh": {"other": "您发送消息太频繁了，请等待 {n} 秒后再试。"},
    "ja": {"other": "メッセージの送信が速すぎます。{n} 秒ほどお待ちください。"},
    "ko": {"other": "메시지를 너무 빠르게 보내고 있습니다. {n}초 후에 다시 시도해 주세요."},
    "fr": {
        "one": "Vous envoyez des messages trop rapidement. Veuillez patienter {n} seconde.",
        "other": "Vous envoyez des messages trop rapidement. Veuillez patienter {n} secondes.",
    },
    "es": {
        "one": "Está enviando mensajes demasiado rápido. Por favor, espere {n} segundo.",
        "other": "Está enviando mensajes demasiado rápido. Por favor, espere {n} segundos.",
    },
    "de": {
        "one": "Sie senden Nachrichten zu schnell. Bitte warten Sie {n} Sekunde.",
        "other": "Sie senden Nachrichten zu schnell. Bitte warten Sie {n} Sekunden.",
    },
    "pt": {
        "one": "Você está enviando mensagens rápido demais. Aguarde {n} segundo, por favor.",
        "other": "Você está enviando mensagens rápido demais. Aguarde {n} segundos, por favor.",
    },
    "ru": {
        "one": "Вы отправляете сообщения слишком часто. Подождите, пожалуйста, {n} секунду.",
        "few": "Вы отправляете сообщения слишком часто. Подождите, пожалуйста, {n} секунды.",
        "many": "Вы отправляете сообщения слишком часто. Подождите, пожалуйста, {n} секунд.",
    },
    "ar": {
        "one": "أنت ترسل الرسائل بسرعة كبيرة. يُرجى الانتظار ثانية واحدة.",
        "two": "أنت ترسل الرسائل بسرعة كبيرة. يُرجى الانتظار ثانيتين.",
        "few": "أنت ترسل الرسائل بسرعة كبيرة. يُرجى الانتظار {n} ثوانٍ.",
        "many": "أنت ترسل الرسائل بسرعة كبيرة. يُرجى الانتظار {n} ثانية.",
        "other": "أنت ترسل الرسائل بسرعة كبيرة. يُرجى الانتظار {n} ثانية.",
    },
    "vi": {"other": "Bạn đang gửi tin nhắn quá nhanh. Vui lòng đợi {n} giây."},
    "th": {"other": "คุณส่งข้อความเร็วเกินไป กรุณารอ {n} วินาที"},
    "id": {"other": "Anda mengirim pesan terlalu cepat. Mohon tunggu {n} detik."},
    "it": {
        "one": "Sta inviando messaggi troppo velocemente. Attenda {n} secondo, per favore.",
        "other": "Sta inviando messaggi troppo velocemente. Attenda {n} secondi, per favore.",
    },
    "tr": {"other": "Çok hızlı mesaj gönderiyorsunuz. Lütfen {n} saniye bekleyin."},
    "nl": {
        "one": "U verstuurt berichten te snel. Wacht alstublieft {n} seconde.",
        "other": "U verstuurt berichten te snel. Wacht alstublieft {n} seconden.",
    },
    "pl": {
        "one": "Wiadomości są wysyłane zbyt szybko. Proszę odczekać {n} sekundę.",
        "few": "Wiadomości są wysyłane zbyt szybko. Proszę odczekać {n} sekundy.",
        "many": "Wiadomości są wysyłane zbyt szybko. Proszę odczekać {n} sekund.",
    },
}

_TURN_MESSAGES: dict[str, str] = {
    "en": "This conversation has reached its limit; please start a new one.",
    "zh": "本次对话已达到上限，请开始新的对话。",
    "ja": "この会話は上限に達しました。新しい会話を始めてください。",
    "ko": "이 대화는 한도에 도달했습니다. 새 대화를 시작해 주세요.",
    "fr": "Cette conversation a atteint sa limite ; veuillez en commencer une nouvelle.",
    "es": "Esta conversación ha alcanzado su límite; por favor, inicie una nueva.",
    "de": "Dieses Gespräch hat sein Limit erreicht. Bitte beginnen Sie ein neues.",
    "pt": "Esta conversa atingiu o limite; por favor, inicie uma nova.",
    "ru": "Этот диалог достиг предела; пожалуйста, начните новый.",
    "ar": "وصلت هذه المحادثة إلى حدها الأقصى؛ يُرجى بدء محادثة جديدة.",
    "vi": "Cuộc trò chuyện này đã đạt giới hạn; vui lòng bắt đầu một cuộc trò chuyện mới.",
    "th": "การสนทนานี้ถึงขีดจำกัดแล้ว กรุณาเริ่มการสนทนาใหม่",
    "id": "Percakapan ini telah mencapai batasnya; silakan mulai percakapan baru.",
    "it": "Questa conversazione ha raggiunto il limite; ne inizi una nuova, per favore.",
    "tr": "Bu görüşme sınırına ulaştı; lütfen yeni bir görüşme başlatın.",
    "nl": "Dit gesprek heeft zijn limiet bereikt; begin alstublieft een nieuw gesprek.",
    "pl": "Ta rozmowa osiągnęła limit; proszę rozpocząć nową.",
}

MESSAGE_LANGUAGES: tuple[str, ...] = tuple(_TURN_MESSAGES)

# The message-length limit, per language (the Traditional Chinese line is used for zh-Hant).
_LENGTH_MESSAGES: dict[str, str] = {
    "en": "Your message is too long ({n} characters; the limit is {limit}). "
    "Please shorten it or split it into several messages.",
    "fr": "Votre message est trop long ({n} caractères ; la limite est de {limit}). "
    "Merci de le raccourcir ou de l'envoyer en plusieurs messages.",
    "es": "Su mensaje es demasiado largo ({n} caracteres; el límite es {limit}). "
    "Acórtelo o divídalo en varios mensajes, por favor.",
    "de": "Ihre Nachricht ist zu lang ({n} Zeichen; erlaubt sind {limit}). "
    "Bitte kürzen Sie sie oder teilen Sie sie auf mehrere Nachrichten auf.",
    "pt": "Sua mensagem é longa demais ({n} caracteres; o limite é {limit}). "
    "Encurte-a ou divida-a em várias mensagens, por favor.",
    "it": "Il messaggio è troppo lungo ({n} caratteri; il limite è {limit}). "
    "La preghiamo di accorciarlo o di dividerlo in più messaggi.",
    "nl": "Uw bericht is te lang ({n} tekens; het maximum is {limit}). "
    "Maak het korter of verdeel het over meerdere berichten.",
    "pl": "Wiadomość jest za długa ({n} znaków; limit to {limit}). "
    "Proszę ją skrócić lub podzielić na kilka wiadomości.",
    "tr": "Mesajınız çok uzun ({n} karakter; sınır {limit}). Lütfen kısaltın veya birkaç mesaja bölün.",
    "id": "Pesan Anda terlalu panjang ({n} karakter; batasnya {limit}). "
    "Silakan persingkat atau bagi menjadi beberapa pesan.",
    "vi": "Tin nhắn của quý khách quá dài ({n} ký tự; giới hạn là {limit}). "
    "Vui lòng rút gọn hoặc chia thành nhiều tin nhắn.",
    "ru": "Сообщение слишком длинное ({n} символов; допустимо {limit}). "
    "Пожалуйста, сократите его или разбейте на несколько сообщений.",
    "zh": "您的消息太长（{n} 个字符，上限为 {limit}）。请缩短内容或分成几条发送。",
    "zh-hant": "您的訊息太長（{n} 個字元，上限為 {limit}）。請縮短內容或分成幾則傳送。",
    "ja": "メッセージが長すぎます（{n} 文字、上限は {limit} 文字）。"
    "短くするか、複数のメッセージに分けてお送りください。",
    "ko": "메시지가 너무 깁니다({n}자, 최대 {limit}자). 내용을 줄이시거나 여러 메시지로 나누어 보내 주세요.",
    "ar": "رسالتك طويلة جدًا ({n} حرفًا؛ الحد الأقصى {limit}). يرجى اختصارها أو تقسيمها إلى عدة رسائل.",
    "th": "ข้อความของคุณยาวเกินไป ({n} ตัวอักษร; จำกัดที่ {limit}) กรุณาย่อให้สั้นลงหรือแบ่งเป็นหลายข้อความ",
}


def length_message(language: str, length: int, limit: int) -> str:
    """ "Your message is too long" in ``language`` (a tag: "zh-Hant" gets Traditional)."""
    tag = language.strip().replace("_", "-").lower()
    key = "zh-hant" if tag.startswith("zh-hant") or tag in ("zh-tw", "zh-hk") else language_key(language)
    return _LENGTH_MESSAGES.get(key, _LENGTH_MESSAGES["en"]).format(n=length, limit=limit)


def limit_message(error: LimitError, language: str) -> str:
    """What to tell the customer about ``error``, in ``language`` (English if not served).

    A limit with a ``retry_after`` reads as "too quickly, wait N seconds"; one without (a
    :class:`TurnLimitError`, or any other limit) as "start a new conversation".
    """
    lang = language_key(language)
    if lang not in _TURN_MESSAGES:
        lang = "en"
    if isinstance(error, TurnLimitError) or error.retry_after is None:
        return _TURN_MESSAGES[lang]
    seconds = _whole_seconds(error.retry_after)
    forms = _RATE_MESSAGES[lang]
    template = forms.get(_plural(lang, seconds)) or forms["other"]
    return template.format(n=seconds)


__all__ = ["Limits", "RateLimitError", "TokenBucket", "TurnLimitError", "length_message", "limit_message"]
