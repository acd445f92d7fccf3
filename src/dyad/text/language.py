"""Offline language identification: a function-word test for English, else py3langid.

py3langid (its model ships inside the wheel) classifies a sample of the text, 160 characters from
the start and 160 from the middle; the whole text costs ten times more for the same answer. Even
so it took a quarter of the ingest→segment time in bench/throughput.py, so English, which is most
of the input, is first recognised by the share of English function words that are not words of
the other major Latin-script languages ("the", "of", "which" ...). At 12% or more of at least 15
words the text is English (news English runs at 18-30%; French, German, Spanish, Italian,
Portuguese and Dutch news at 0%), with that share scaled so that 25% gives a score of 1.0.
Everything else goes to py3langid, whose probability is the score; when that probability is under
0.5 and the text is plain ASCII, the answer is English (short, name-heavy English sentences make
the classifier guess at random among Latin-script languages). Very short texts stay unknown.
"""

from __future__ import annotations

import re
import threading
from typing import Any

# English function words that are not words of French, German, Spanish, Italian, Portuguese or Dutch
_EN_WORDS = frozenset(
    "the of and to that with for was has have said will were which from this their been would are it its "
    "by not but be he she they who after about had".split())
_WORD = re.compile(r"[a-z]+")

SAMPLE = 160
# languages the classifier names reliably from one short sentence (Latin script, large training data)
_SURE_SHORT = frozenset({"de", "fr", "es", "it", "pt", "nl"})
UNSURE = 0.5  # below this probability the classifier's guess is not taken for plain-ASCII text
_lock = threading.Lock()
_identifier: Any = None


def _model() -> Any:
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import _load_identifier  # the public helper hides the probabilities

                _identifier = _load_identifier(norm_probs=True)
    return _identifier


def sample(text: str) -> str:
    if len(text) <= 2 * SAMPLE:
        return text
    mid = len(text) // 2
    return f"{text[:SAMPLE]}\n{text[mid:mid + SAMPLE]}"


def detect(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability, or (None, 0.0) when the text is too short to say."""
    piece = sample(text)
    words = _WORD.findall(piece.lower())
    ascii_text = sum(c.isascii() for c in piece) > 0.9 * len(piece)
    if len(piece) < 60 and sum(c.isalpha() for c in piece) < 20 and not (ascii_text and len(words) >= 3):
        return None, 0.0
    if len(words) >= 15:
        share = sum(w in _EN_WORDS for w in words) / len(words)
        if share >= 0.12:
            return "en", round(min(1.0, share / 0.25), 3)
    lang, prob = _model().classify(piece)
    english_word = any(w in _EN_WORDS for w in words)
    if ascii_text and (prob < UNSURE or (len(words) < 15 and (lang not in _SURE_SHORT or english_word))):
        # a short or name-heavy English sentence ("Prime Minister Fumio Kishida met President Yoon", "Niger cut
        # diplomatic ties with Ukraine") leaves the classifier guessing among Latin-script languages; news in
        # dyad's domain is English unless shown not to be
        return "en", round(float(prob), 3)
    return str(lang), round(float(prob), 3)
