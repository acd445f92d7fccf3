"""Tokens for actor matching: spans, normalised keys and capitalisation, built once per document.

A token is a run of letters and digits with inner dots, apostrophes or ampersands ("U.S",
"O'Brien", "AT&T"). A final dot belongs to the token when it is an abbreviation ("U.S.",
"Gen.", "J."). A possessive "'s" is a token of its own, so "China's" is "China" + "'s". Hyphens
are tokens of their own: "Beijing-based" is "Beijing" "-" "based", and "Ching-te" is "Ching" "-"
"te", in names and text alike.

A key is the token lower-cased, with curly apostrophes straightened. Gazetteer names are
tokenised the same way and entered under every dotted variant ("u.s.", "u.s", "us"), so matching is
tolerant of case and punctuation without normalising every token of the text; capitalisation is
checked separately.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

ABBREVIATIONS = (
    "gen sen rep adm lt col maj capt cmdr sgt dr mr mrs ms prof st jr sr gov pres rev hon no jan feb mar apr "
    "jun jul aug sep sept oct nov dec inc corp co ltd vs brig gens sens reps amb dept univ".split())
# One regex does all the work, so that tokenising costs a few C-level passes rather than Python per
# token. The word comes first (most positions start one); a final dot is taken only after an
# initialism ("U.S."), an initial before a space ("J."), or a listed abbreviation ("Gen.").
_ABBR = "|".join(rf"(?<=\b{a}\.)" for a in ABBREVIATIONS)
_TOKEN = re.compile(
    r"""([^\W_]\w*(?:[.&]\w+|['’](?![sS]\b)\w+)*"""                              # U.S, O'Brien, AT&T, 3.5
    r"""(?:\.(?:(?<=[^\W\d_]\.[^\W\d_]\.)|(?<=\b[A-Z]\.)(?=\s)|(?i:""" + _ABBR + r""")(?!\w)))?"""
    r"""|['’][sS]\b"""                                                              # a possessive
    r"""|\S)""")                                                                 # anything else


@dataclass(slots=True)
class Tokens:
    """Parallel lists over one text: start, end, surface text, key, starts with a capital."""

    starts: list[int]
    ends: list[int]
    texts: list[str]
    keys: list[str]
    caps: list[bool]

    def __len__(self) -> int:
        return len(self.keys)


def key(text: str) -> str:
    return text.lower().replace("’", "'")


def variants(k: str) -> tuple[str, ...]:
    """The keys a dotted word may take in text: "u.s." is also written "u.s" and "us"."""
    if "." not in k or k == ".":
        return (k,)
    return tuple(dict.fromkeys((k, k.rstrip("."), k.replace(".", ""))))


def tokenize(text: str) -> Tokens:
    """Tokens of a text, with their offsets (from the lengths of the pieces that re.split returns)."""
    parts = _TOKEN.split(text)  # [space, token, space, token, ..., space]
    cum = list(accumulate(map(len, parts)))
    texts = parts[1::2]
    # map() over C functions: no Python bytecode runs per token
    keys = list(map(str.lower, texts))
    if "’" in text:
        keys = [k.replace("’", "'") for k in keys]
    return Tokens(cum[0:-1:2], cum[1::2], texts, keys, list(map(str.isupper, map(itemgetter(0), texts))))


_last: tuple[str, Tokens] | None = None


def tokenize_document(text: str) -> Tokens:
    """tokenize(text), remembering the last text: the actor and event stages share a document's tokens."""
    global _last
    cached = _last
    if cached is not None and cached[0] is text:
        return cached[1]
    toks = tokenize(text)
    _last = (text, toks)
    return toks


def window(toks: Tokens, start: int, end: int, lo: int = 0) -> Tokens:
    """The tokens inside text[start:end], with offsets relative to `start` (a sentence's own tokens)."""
    a = bisect_left(toks.starts, start, lo)
    b = bisect_left(toks.starts, end, a)
    while b > a and toks.ends[b - 1] > end:
        b -= 1
    return Tokens([x - start for x in toks.starts[a:b]], [x - start for x in toks.ends[a:b]], toks.texts[a:b],
                  toks.keys[a:b], toks.caps[a:b])
