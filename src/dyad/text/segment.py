"""Sentence splitting with character spans, fast enough for the whole pipeline's budget.

Paragraphs are blocks separated by blank lines and never share a sentence. Inside a paragraph a
boundary is a terminator (. ! ? … or an ellipsis), any closing quotes or brackets (which stay with
the sentence), whitespace, then something that can open a sentence (a capital letter, a digit, an
opening quote or bracket). A period boundary is then refused when the word before it is:

- a title that precedes a name (Sen., Gen., Mr., Dr.): never a boundary;
- a number word or month before a digit (No. 10, Jan. 5, Art. 5, p. 12);
- an initial or dotted initialism (Lloyd J. Austin, U.S., U.N., a.m.), or an abbreviation that
  may also end a sentence (Inc., Corp., Jr., etc., vs.): a boundary only when the next word is
  one that typically opens a sentence ("The", "It", "But" ...);

and an ellipsis inside an open quotation is not a boundary. Decimals never match (no space
after the point). CJK terminators (。！？) split without needing a space. bench/segmenters.py
compares this with spaCy's sentencizer, pysbd and blingfire on speed and on these cases.
"""

from __future__ import annotations

import re

from dyad.model import Sentence

_PARA = re.compile(r"\n[ \t]*\n\s*")
_BOUNDARY = re.compile(r"(?:\.{3}|…|[.!?])+[\"'”’»)\]]*(\s+)(?=[\"'“‘«(\[]*[A-Z0-9À-ÖØ-ÞĀ-ſ])")
_CJK = re.compile(r"[。！？]+[」』”’）)]*")
_NEXT = re.compile(r"[\"'“‘«(\[]*([\w'’-]+)")

TITLES = frozenset(
    "mr mrs ms messrs mme mlle dr prof sen sens rep reps gov gen gens lt col maj capt cmdr adm sgt cpl pvt "
    "rev hon pres amb supt insp st mt ft fr sr sra srta brig lieut cdr ens atty dep".split())
BEFORE_NUMBER = frozenset(
    "no nos nr art arts vol vols p pp fig figs ch chap sec secs para paras op ed eds pt pts"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split())
MAYBE_END = frozenset(
    "inc corp co ltd llc plc jr etc vs al approx est dept univ assn bros gov't govt min max ave blvd rd".split())
STARTERS = frozenset(
    "the a an it its he she they we i you his her their our my your this that these those there here "
    "in on at as by for from with without after before during since until while when where why how what "
    "who which if although though but and or so yet still also however meanwhile nevertheless moreover "
    "instead both each some many most no not one two three several all any another other such then now "
    "today yesterday tomorrow later earlier last next even only just asked according despite under over "
    "among officials analysts critics".split())


def split(text: str) -> list[Sentence]:
    """Sentences of `text` as spans (start, end exclusive, stripped of whitespace) with paragraph index."""
    out: list[Sentence] = []
    pos = 0
    para = 0
    for m in _PARA.finditer(text):
        para = _split_paragraph(text, pos, m.start(), para, out)
        pos = m.end()
    _split_paragraph(text, pos, len(text), para, out)
    return out


def _split_paragraph(text: str, start: int, end: int, para: int, out: list[Sentence]) -> int:
    """Append the sentences of text[start:end]; return the next paragraph index."""
    chunk = text[start:end]
    body = chunk.lstrip()
    if not body:
        return para
    first = len(chunk) - len(body)
    last = len(chunk.rstrip())
    # (end of a sentence, start of the next), both in chunk
    cuts = [(m.start(1), m.end()) for m in _BOUNDARY.finditer(chunk)
            if _is_boundary(chunk, m.start(), m.start(1), m.end())]
    if "。" in chunk or "！" in chunk or "？" in chunk:
        cjk = [(m.end(), m.end() + len(chunk[m.end():]) - len(chunk[m.end():].lstrip()))
               for m in _CJK.finditer(chunk) if m.end() < last]
        cuts = sorted(set(cuts) | set(cjk))
    s = first
    for e, nxt in cuts:
        out.append(Sentence(start + s, start + e, para))
        s = nxt
    out.append(Sentence(start + s, start + last, para))
    return para + 1


def _is_boundary(chunk: str, term_start: int, ws_start: int, next_start: int) -> bool:
    term = chunk[term_start:ws_start].rstrip("\"'”’»)]")
    if term.startswith(("...", "…")):
        return not _inside_quote(chunk, term_start)
    if term != ".":
        return True  # ! and ? (possibly repeated) end sentences
    wstart = _word_start(chunk, term_start)
    if wstart == term_start:
        return True
    word = chunk[wstart:term_start].lstrip("\"'“‘«([")
    low = word.lower()
    if low in TITLES:
        return False
    nxt_m = _NEXT.match(chunk, next_start)
    nxt = nxt_m.group(1) if nxt_m else ""
    if low in BEFORE_NUMBER and nxt[:1].isdigit():
        return False
    if len(word) == 1 and word.isupper():
        # an initial sits inside a name: "Lloyd J. Austin", "George W. Bush"; not "posted to X. “Face ..."
        in_name = wstart > 1 and chunk[_word_start(chunk, wstart - 1):wstart - 1][:1].isupper()
        if in_name and chunk[next_start] not in "\"“‘«(":
            return nxt.lower() in STARTERS
        return True
    if "." in word or low in MAYBE_END:
        # a dotted initialism ("U.S.", "a.m.") or an abbreviation that may end a sentence ("Inc.", "etc.")
        return nxt.lower() in STARTERS
    return True


def _word_start(chunk: str, end: int) -> int:
    """Start of the whitespace-delimited word that ends at `end`."""
    return max(chunk.rfind(" ", 0, end), chunk.rfind("\n", 0, end)) + 1


def _inside_quote(chunk: str, pos: int) -> bool:
    before = chunk[:pos]
    curly = before.count("“") - before.count("”")
    return curly > 0 or before.count('"') % 2 == 1
