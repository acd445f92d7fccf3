"""Event patterns: parsing the pattern files and indexing them by their trigger word.

A pattern file (see data/FORMAT.md) maps CAMEO codes to verb and noun patterns:

    "042":                       # Make a visit
      verb:
        - visit {P}
        - arrive in|at {P}
      noun:
        - trip|visit to {P}

A pattern is a sequence of elements separated by spaces:

    word         any inflection of the word ("impose" matches imposes, imposed, imposing)
    =word        this form only
    a|b|c        one of the words
    (x)          an optional element
    w1-w2        a hyphenated word, matched as its parts ("face-to-face")
    w1_w2        a phrase inside alternatives ("reject|turn_down")
    {T}          the target: an actor mention
    {P}          the target: an actor mention or a place ("arrive in {P}": Shanghai → CHN)
    {S}          the source, when the pattern says where it is ("between {S} and {T}")
    {T:person}   a slot that takes only a person (named, titled, or an official)
    {AB}         two or more actors joined by "and" or commas: the first is the source, the next the target
    {C}          a complement: the events after this point are the content of this one ("threaten to {C}")
    ({T})        an optional slot (any slot may be optional)
    ...          a gap of up to six words

The first element is the trigger: a verb (verb patterns) or a noun (noun patterns). Between
elements up to two words may intervene ("imposed new economic sanctions on").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import ConfigError
from dyad.events.codes import CodeTable
from dyad.events.inflect import forms, noun_forms, verb_forms

_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SLOTS = frozenset({"T", "P", "S", "AB", "C"})
SLOT_KINDS = frozenset({"person"})  # {T:person}: only a person (named, titled, or an official)
# words that are matched as written: inflecting them would only make noise
FUNCTION = frozenset(
    "a an the of to in on at by for from with without into onto over under about against between among "
    "and or but nor that which who whom whose whether if than as so up down out off away back through "
    "across toward towards around upon within along behind beyond amid despite during before after since "
    "until while his her its their our your my this these those there here not no any some all each every "
    "more most less least further own such very too also just only still even again ever never per via "
    "it them him us we they he she i you me".split())
FAMILIES = {"02": "appeal", "03": "intent", "10": "demand", "12": "reject", "13": "threaten"}


@dataclass(frozen=True, slots=True)
class Elem:
    kind: str                               # word | slot | gap
    words: frozenset[str] = frozenset()     # the forms a word element matches
    slot: str = ""
    kind_of: str = ""                       # a slot's restriction ("person"), or ""
    optional: bool = False
    tight: bool = False                     # no gap before it (the parts of a hyphenated word)


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    code: str
    kind: str                               # verb | noun
    text: str
    elems: tuple[Elem, ...]
    tags: Mapping[str, frozenset[str]]      # head form -> its tags (VB, VBD, VBN, VBG, VBZ, NN)
    words: int                              # how many word elements: the more, the more specific
    origin: str = "dyad"
    sharpness: float = 0.0                  # the fewer forms each word element allows, the sharper
    needs: tuple[frozenset[str], ...] = ()  # the required word elements after the trigger (a quick pre-check)

    @property
    def has(self) -> frozenset[str]:
        return frozenset(e.slot for e in self.elems if e.kind == "slot")


@dataclass
class PatternSet:
    """Every pattern, indexed by the forms of its trigger word; the refinement tables of frames."""

    codes: CodeTable
    patterns: list[Pattern] = field(default_factory=list)
    by_form: dict[str, list[Pattern]] = field(default_factory=dict)
    refine: dict[str, dict[str, tuple[str, bool]]] = field(default_factory=dict)
    # family root -> complement code -> (code, whether the event takes the complement's target)

    @property
    def triggers(self) -> frozenset[str]:
        return frozenset(self.by_form)

    def add(self, variants: list[Pattern]) -> None:
        """Add one written pattern (as its compiled variants); one with the same text and kind already
        here (a shipped one, when a user writes it again) is replaced, whatever its code."""
        if not variants:
            return
        text, kind = variants[0].text, variants[0].kind
        same = [q for q in self.patterns if q.text == text and q.kind == kind]
        for q in same:
            self.patterns.remove(q)
            for f in q.tags:
                self.by_form[f] = [x for x in self.by_form.get(f, []) if x is not q]
        for p in variants:
            self.patterns.append(p)
            for f in p.tags:
                self.by_form.setdefault(f, []).append(p)

    def refined(self, family_code: str, inner: str) -> tuple[str, bool] | None:
        """The code a frame ("threaten to …", "urge … to …") takes from the event in its complement,
        and whether it takes the complement's target too."""
        table = self.refine.get(family_code[:2])
        if not table:
            return None
        k = inner
        while k:  # the most specific entry: 0841, then 084, then 08
            if k in table:
                return table[k]
            k = k[:-1] if len(k) > 2 else ""
        return None


def _word_elem(tok: str, head: str | None, where: str) -> list[Elem]:
    """A word token of a pattern as one element, or several for a hyphenated word."""
    optional = tok.startswith("(") and tok.endswith(")")
    if optional:
        tok = tok[1:-1]
    if not tok:
        raise ConfigError(f"{where}: empty element")
    if "-" in tok.strip("-") and "|" not in tok:
        parts = [x for x in re.split(r"(-)", tok.lstrip("=")) if x]  # the parts are matched as written
        return [Elem("word", frozenset({x.lower()}), optional=optional, tight=n > 0) for n, x in enumerate(parts)]
    words: set[str] = set()
    for alt in tok.split("|"):
        if not alt or not re.fullmatch(r"=?(?:[^\W_]|['’])[\w'’.&]*", alt):
            raise ConfigError(f"{where}: {alt!r} is not a word (an element is one word, alternatives a|b, "
                              f"an optional (word), a slot or ...)")
        if alt.startswith("="):
            words.add(alt[1:].lower())
        elif alt.lower() in FUNCTION:
            words.add(alt.lower())
        elif head == "verb":
            for fs in verb_forms(alt).values():
                words |= fs
        elif head == "noun":
            words |= noun_forms(alt)
        else:
            words |= forms(alt)
    return [Elem("word", frozenset(words), optional=optional)]


def compile_pattern(text: str, code: str, kind: str, origin: str = "dyad") -> Pattern:
    where = f"{origin}: pattern {text!r} ({code})"
    if kind not in ("verb", "noun"):
        raise ConfigError(f"{where}: kind must be verb or noun")
    toks = text.split()
    if not toks:
        raise ConfigError(f"{where}: empty pattern")
    elems: list[Elem] = []
    for n, tok in enumerate(toks):
        if tok == "...":
            elems.append(Elem("gap"))
        elif tok.strip("()").startswith("{") and tok.strip("()").endswith("}"):
            optional = tok.startswith("(") and tok.endswith(")")
            name, _, restrict = tok.strip("()")[1:-1].partition(":")
            if name not in SLOTS:
                raise ConfigError(f"{where}: unknown slot {tok} (slots: {{T}} {{P}} {{S}} {{AB}} {{C}})")
            if restrict and restrict not in SLOT_KINDS:
                raise ConfigError(f"{where}: unknown slot restriction {restrict!r} (known: {', '.join(SLOT_KINDS)})")
            if n == 0:
                raise ConfigError(f"{where}: a pattern starts with its trigger word, not a slot")
            elems.append(Elem("slot", slot=name, kind_of=restrict, optional=optional))
        else:
            elems.extend(_word_elem(tok, kind if n == 0 else None, where))
    if elems[0].optional:
        raise ConfigError(f"{where}: the trigger word cannot be optional")
    if any(e.slot == "C" for e in elems[:-1]):
        raise ConfigError(f"{where}: {{C}} must come last")
    slots = [e.slot for e in elems if e.kind == "slot"]
    if len(slots) != len(set(slots)):
        raise ConfigError(f"{where}: a slot appears twice")
    head_tok = toks[0].split("|")
    tags: dict[str, set[str]] = {}
    for alt in head_tok:
        exact = alt.startswith("=")
        w = alt.lstrip("=").lower()
        if "-" in w:
            tags.setdefault(w.split("-")[0], set()).add("NN")
            continue
        if exact:
            tags.setdefault(w, set()).add("X")
        elif kind == "verb":
            for tag, fs in verb_forms(w).items():
                for f in fs:
                    tags.setdefault(f, set()).add(tag)
        else:
            for f in noun_forms(w):
                tags.setdefault(f, set()).add("NN")
    n_words = sum(1 for e in elems if e.kind == "word")
    # the required words after the trigger, the rarest first (content words, then the fewest forms): the
    # quickest to rule a sentence out
    needs = tuple(sorted((e.words for e in elems[1:] if e.kind == "word" and not e.optional),
                         key=lambda ws: (bool(ws & FUNCTION), len(ws))))  # content words first
    sharpness = sum(1.0 / max(1, len(e.words)) for e in elems if e.kind == "word" and not e.optional)
    return Pattern(f"{code}:{kind}:{text}", code, kind, text, tuple(elems),
                   {f: frozenset(t) for f, t in tags.items()}, n_words, origin, sharpness, needs)


def _compound(alt: str) -> bool:
    return "-" in alt.strip("-") or "_" in alt


def expand(text: str) -> list[str]:
    """A pattern whose alternatives include hyphenated words ("free-trade|trade") or phrases joined by
    underscores ("reject|turn_down") as one pattern per such alternative plus one with the plain ones."""
    variants = [""]
    for tok in text.split():
        inner = tok[1:-1] if tok.startswith("(") and tok.endswith(")") else tok
        alts = inner.split("|")
        if any(_compound(a) for a in alts) and (len(alts) > 1 or "_" in inner):
            optional = inner is not tok
            plain = [a for a in alts if not _compound(a)]
            options = (["(" + "|".join(plain) + ")" if optional else "|".join(plain)] if plain else [])
            for a in alts:
                if a in plain:
                    continue
                words = a.split("_")
                if optional:  # an optional phrase: every word optional, or none of it
                    options.append(" ".join(f"({w})" for w in words))
                else:
                    options.append(" ".join(words))
        else:
            options = [tok]
        variants = [f"{v} {o}".strip() for v in variants for o in options]
    return variants


def _renamed(p: Pattern, text: str) -> Pattern:
    return Pattern(f"{p.code}:{p.kind}:{text}", p.code, p.kind, text, p.elems, p.tags, p.words, p.origin,
                   p.sharpness, p.needs)


def _entries(data: Any, origin: str, codes: CodeTable) -> Iterable[list[Pattern]]:
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: a pattern file is a mapping of CAMEO codes to verb and noun lists")
    for raw_code, spec in (data.get("patterns") or {}).items():
        code = str(raw_code)
        if code not in codes:
            raise ConfigError(f"{origin}: unknown CAMEO code {code!r} (add it to a codes file first)")
        if not isinstance(spec, dict) or not set(spec) <= {"verb", "noun"}:
            raise ConfigError(f"{origin}: code {code} needs 'verb:' and/or 'noun:' lists")
        for kind in ("verb", "noun"):
            items = spec.get(kind) or []
            if not isinstance(items, list):
                raise ConfigError(f"{origin}: {code} {kind}: a list of patterns")
            for text in items:
                if not isinstance(text, str):
                    raise ConfigError(f"{origin}: {code} {kind}: {text!r} is not a pattern string")
                yield [_renamed(compile_pattern(v, code, kind, origin), text) for v in expand(text)]


def _refine(data: Any, origin: str, codes: CodeTable) -> dict[str, dict[str, tuple[str, bool]]]:
    out: dict[str, dict[str, tuple[str, bool]]] = {}
    for root, table in ((data or {}).get("refine") or {}).items():
        root = str(root)
        if root not in FAMILIES:
            raise ConfigError(f"{origin}: refine: {root} is not a frame root ({', '.join(FAMILIES)})")
        if not isinstance(table, dict):
            raise ConfigError(f"{origin}: refine: {root}: a mapping of complement codes to codes")
        for inner, value in table.items():
            takes = False
            if isinstance(value, dict):
                takes = value.get("target") == "complement"
                if value.get("target") not in (None, "complement", "frame"):
                    raise ConfigError(f"{origin}: refine: {root}: {inner}: target is 'frame' or 'complement'")
                value = value.get("code")
            if str(value) not in codes:
                raise ConfigError(f"{origin}: refine: {root}: unknown code {value!r}")
            out.setdefault(root, {})[str(inner)] = (str(value), takes)
    return out


def _read(text: str, origin: str) -> Any:
    try:
        return yaml.load(text, Loader=_YAML)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin}: not valid YAML: {exc}") from None


def load_patterns(codes: CodeTable, extra: Iterable[Path] = ()) -> PatternSet:
    """The shipped patterns, then each user file's (which add patterns or replace ones of the same text)."""
    ps = PatternSet(codes)
    folder = resources.files("dyad.events") / "data" / "patterns"
    sources: list[tuple[Any, str]] = []
    for res in sorted(folder.iterdir(), key=lambda r: r.name):
        if res.name.endswith(".yaml"):
            sources.append((_read(res.read_text(encoding="utf-8"), res.name), f"dyad:{res.name}"))
    for path in extra:
        try:
            sources.append((_read(path.read_text(encoding="utf-8-sig"), str(path)), str(path)))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read pattern file {path}: {exc}") from None
    for data, origin in sources:
        if data is None:
            continue
        for variants in _entries(data, origin, codes):
            ps.add(variants)
        for root, table in _refine(data, origin, codes).items():
            ps.refine.setdefault(root, {}).update(table)
    return ps
