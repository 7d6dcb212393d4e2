"""Language detection that stays right on one- and two-word customer messages.

langdetect 1.0.9 is the product's named engine. On its own it is ~99% right on sentences but
far worse on short inputs, answers ``zh-cn``/``zh-tw``, raises on text without letters and is
random unless seeded. This module wraps it in layers that each fix one of those weaknesses,
cheapest first:

1. **Unicode script rules.** Hangul, kana, Thai, Arabic and Cyrillic each decide the
   language alone among the served ones; Han-only text is Chinese, and the characters that
   differ between the two writing systems (hand-written pairs, wordfreq's Traditional table)
   pick ``Hant`` or ``Hans``.
   Mixed text goes by the dominant script: CJK characters weigh more than letters (one
   carries about a word's worth of meaning), capitalised Latin words (names, products,
   ``True``) less, and code-like chunks (``page.html``, ``x=1``) nothing. A short kanji-only
   message is Japanese when it is made of Japanese-only support words or is at least twice as
   frequent in Japanese as in Chinese (wordfreq; a run of words split into listed ones; a
   Traditional spelling counts only the Traditional minority of Chinese writers), and follows
   the conversation's language anyway.
2. **Latin script**: one log-score per Latin-script language, a weighted sum of six sources:
   py3langid's naive Bayes over byte n-grams, a unigram model from wordfreq's frequency lists
   (is each word a word of the language, and how common), a character n-gram model of the
   words in those lists (what a word of the language looks like: names and rare words), letters
   that only some languages use (ñ, ß, ł, ı, ơ ...), a hand-written support lexicon and, for a
   sentence the cheaper sources leave open, langdetect (seeded, only the served languages'
   profiles). The weights depend on the message's length in words and were tuned on the
   *tuning* split of ``bench/data/independent.py`` and the hand-written dev set only; the
   held-out split is reported, never tuned on.
3. **History.** Language-neutral inputs ("ok", "?", emoji, an order number, a URL) keep
   the language of the customer's latest confident earlier message (or, failing one, the
   latest message's best guess), and so do short messages with no telling word or letter, or
   made of common words of the conversation's language: a French customer's "no" stays French,
   an Italian customer's "preciso" Italian.
4. **Fallback** to the history language, then ``default``. :func:`detect` never raises
   on a ``str`` and looks at no more than :data:`MAX_SAMPLE_CHARS` characters.

All language data (names, lexicon, letters, Han tables) is read from ``prompts/_i18n`` by
:mod:`console.i18n`; a reload rebuilds the tables (:mod:`console.language.tables`). Measured by
``python -m bench.language`` (BENCHMARKS.md).

The modules, each holding one concern:

* :mod:`console.language.tables` — the served languages and the tables derived from the
  language data, rebuilt on reload;
* :mod:`console.language.sample` — what of a message is looked at (the first
  :data:`MAX_SAMPLE_CHARS` characters, without code, URLs and order numbers);
* :mod:`console.language.scripts` — letters per Unicode script, and the dominant script;
* :mod:`console.language.han` — kanji-only Japanese, and Traditional vs Simplified Chinese;
* :mod:`console.language.engines` — langdetect and py3langid, and the loaded engines
  (:func:`warm_up`); :mod:`console.language.frequencies` and :mod:`console.language.shapes`
  the two wordfreq models, kept by :mod:`console.language.cache`;
* :mod:`console.language.latin` — the Latin-script evidence, its weights and the scores;
* :mod:`console.language.detection` — one text's analysis, the history, :func:`detect`,
  and the drift guard :func:`reply_language_matches`.

State that changes is read through its module, never bound by ``from ... import``:
``tables.TABLES`` is replaced on every reload (``detection`` then clears its cached analyses),
and ``latin.WEIGHTS`` is read at call time (tests replace it).
"""

from __future__ import annotations

from console.language.detection import Detection, detect, reply_language_matches
from console.language.engines import warm_up
from console.language.sample import MAX_SAMPLE_CHARS
from console.language.tables import LANGUAGE_NAMES, LATIN_LANGUAGES, RTL_LANGUAGES, SERVED_LANGUAGES

__all__ = [
    "LANGUAGE_NAMES",
    "LATIN_LANGUAGES",
    "MAX_SAMPLE_CHARS",
    "RTL_LANGUAGES",
    "SERVED_LANGUAGES",
    "Detection",
    "detect",
    "reply_language_matches",
    "warm_up",
]
