"""Word forms for event patterns: every inflection of a pattern's lemmas, from rules and a table.

Patterns are written with lemmas ("impose sanction on {T}") and matched against word forms
("imposed", "sanctions"). Rather than lemmatising every word of every sentence, dyad inflects the
few thousand lemmas that patterns use, once, and looks each token up in the resulting table.

The rules over-generate on purpose: a form that is not an English word ("visitted") costs a
dictionary entry and can never match, while a missing form loses events. So a verb that ends in a
consonant-vowel-consonant gets both the doubled and the plain forms ("banned"/"baned",
"travelled"/"traveled"). Irregular verbs and nouns come from the tables below. `bench/lemmas.py`
measures these forms against lemminflect's lexicon.
"""

from __future__ import annotations

from functools import cache

# past tense, past participle (the standard English irregular verbs that news uses)
IRREGULAR_VERBS: dict[str, tuple[str, str]] = {
    "arise": ("arose", "arisen"), "be": ("was were", "been"), "bear": ("bore", "borne born"),
    "beat": ("beat", "beaten beat"), "become": ("became", "become"), "begin": ("began", "begun"),
    "bend": ("bent", "bent"), "bid": ("bid", "bid"), "bind": ("bound", "bound"), "bite": ("bit", "bitten"),
    "blow": ("blew", "blown"), "break": ("broke", "broken"), "breed": ("bred", "bred"),
    "bring": ("brought", "brought"), "broadcast": ("broadcast", "broadcast"), "build": ("built", "built"),
    "burn": ("burned burnt", "burned burnt"), "burst": ("burst", "burst"), "buy": ("bought", "bought"),
    "cast": ("cast", "cast"), "catch": ("caught", "caught"), "choose": ("chose", "chosen"),
    "come": ("came", "come"), "cost": ("cost", "cost"), "cut": ("cut", "cut"), "deal": ("dealt", "dealt"),
    "dig": ("dug", "dug"), "do": ("did", "done"), "draw": ("drew", "drawn"), "drink": ("drank", "drunk"),
    "drive": ("drove", "driven"), "eat": ("ate", "eaten"), "fall": ("fell", "fallen"), "feed": ("fed", "fed"),
    "feel": ("felt", "felt"), "fight": ("fought", "fought"), "find": ("found", "found"), "flee": ("fled", "fled"),
    "fly": ("flew", "flown"), "forbid": ("forbade forbad", "forbidden"), "forecast": ("forecast", "forecast"),
    "foresee": ("foresaw", "foreseen"), "forget": ("forgot", "forgotten"), "forgive": ("forgave", "forgiven"),
    "freeze": ("froze", "frozen"), "get": ("got", "got gotten"), "give": ("gave", "given"), "go": ("went", "gone"),
    "grind": ("ground", "ground"), "grow": ("grew", "grown"), "hang": ("hung hanged", "hung hanged"),
    "have": ("had", "had"), "hear": ("heard", "heard"), "hide": ("hid", "hidden"), "hit": ("hit", "hit"),
    "hold": ("held", "held"), "hurt": ("hurt", "hurt"), "keep": ("kept", "kept"), "know": ("knew", "known"),
    "lay": ("laid", "laid"), "lead": ("led", "led"), "lean": ("leaned leant", "leaned leant"),
    "leave": ("left", "left"), "lend": ("lent", "lent"), "let": ("let", "let"), "lie": ("lay lied", "lain lied"),
    "light": ("lit lighted", "lit lighted"), "lose": ("lost", "lost"), "make": ("made", "made"),
    "mean": ("meant", "meant"), "meet": ("met", "met"), "mislead": ("misled", "misled"),
    "overcome": ("overcame", "overcome"), "overrun": ("overran", "overrun"), "oversee": ("oversaw", "overseen"),
    "overthrow": ("overthrew", "overthrown"), "pay": ("paid", "paid"), "put": ("put", "put"),
    "quit": ("quit quitted", "quit quitted"), "read": ("read", "read"), "rebuild": ("rebuilt", "rebuilt"),
    "redo": ("redid", "redone"), "repay": ("repaid", "repaid"), "rid": ("rid", "rid"), "ride": ("rode", "ridden"),
    "ring": ("rang", "rung"), "rise": ("rose", "risen"), "run": ("ran", "run"), "say": ("said", "said"),
    "see": ("saw", "seen"), "seek": ("sought", "sought"), "sell": ("sold", "sold"), "send": ("sent", "sent"),
    "set": ("set", "set"), "shake": ("shook", "shaken"), "shed": ("shed", "shed"), "shoot": ("shot", "shot"),
    "show": ("showed", "shown showed"), "shut": ("shut", "shut"),
    "sing": ("sang", "sung"), "sink": ("sank", "sunk"), "sit": ("sat", "sat"), "slay": ("slew", "slain"),
    "sleep": ("slept", "slept"), "slide": ("slid", "slid"), "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"), "spin": ("spun", "spun"), "split": ("split", "split"),
    "spread": ("spread", "spread"), "stand": ("stood", "stood"), "steal": ("stole", "stolen"),
    "stick": ("stuck", "stuck"), "strike": ("struck", "struck stricken"), "strive": ("strove strived", "striven"),
    "swear": ("swore", "sworn"), "sweep": ("swept", "swept"), "swing": ("swung", "swung"),
    "take": ("took", "taken"), "teach": ("taught", "taught"), "tear": ("tore", "torn"), "tell": ("told", "told"),
    "think": ("thought", "thought"), "throw": ("threw", "thrown"), "thrust": ("thrust", "thrust"),
    "undergo": ("underwent", "undergone"), "understand": ("understood", "understood"),
    "undertake": ("undertook", "undertaken"), "undo": ("undid", "undone"), "uphold": ("upheld", "upheld"),
    "upset": ("upset", "upset"), "wake": ("woke", "woken"), "wear": ("wore", "worn"), "weep": ("wept", "wept"),
    "win": ("won", "won"), "withdraw": ("withdrew", "withdrawn"), "withhold": ("withheld", "withheld"),
    "withstand": ("withstood", "withstood"), "write": ("wrote", "written"),
    "forgo": ("forwent", "forgone"), "forego": ("forewent", "foregone"),
    "overtake": ("overtook", "overtaken"), "override": ("overrode", "overridden"), "offset": ("offset", "offset"),
    "recast": ("recast", "recast"), "reset": ("reset", "reset"),
}
IRREGULAR_PRESENT = {"be": ("am", "is", "are"), "have": ("has",), "do": ("does",), "go": ("goes",)}
IRREGULAR_NOUNS: dict[str, tuple[str, ...]] = {
    "crisis": ("crises",), "man": ("men",), "woman": ("women",), "person": ("people", "persons"),
    "child": ("children",), "thesis": ("theses",), "analysis": ("analyses",), "basis": ("bases",),
    "chief": ("chiefs",), "staff": ("staff", "staffs"), "aircraft": ("aircraft",), "personnel": ("personnel",),
    "police": ("police",), "life": ("lives",), "thief": ("thieves",), "leaf": ("leaves",), "half": ("halves",),
    "criterion": ("criteria",), "phenomenon": ("phenomena",), "ally": ("allies",), "foot": ("feet",),
}
_VOWELS = set("aeiou")


def _cvc(w: str) -> bool:
    """Ends consonant-vowel-consonant ("ban", "visit", "travel"): a candidate for a doubled consonant."""
    return (len(w) >= 3 and w[-1] not in _VOWELS and w[-1] not in "wxy" and w[-2] in _VOWELS
            and w[-3] not in _VOWELS)


def _plural(w: str) -> set[str]:
    if w in IRREGULAR_NOUNS:
        return {*IRREGULAR_NOUNS[w]}
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return {w + "es", w}  # "talks" is already plural; "process" → "processes"
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        return {w[:-1] + "ies"}
    if w.endswith("fe"):
        return {w + "s", w[:-2] + "ves"}
    return {w + "s"}


def _third(w: str) -> set[str]:
    if w in IRREGULAR_PRESENT:
        return set(IRREGULAR_PRESENT[w])
    if w.endswith(("s", "x", "z", "ch", "sh", "o")):
        return {w + "es"}
    if w.endswith("y") and w[-2:-1] not in _VOWELS:
        return {w[:-1] + "ies"}
    return {w + "s"}


def _past(w: str) -> set[str]:
    if w.endswith("e"):
        return {w + "d"}
    if w.endswith("y") and w[-2:-1] not in _VOWELS:
        return {w[:-1] + "ied"}
    if w.endswith("c"):
        return {w + "ked", w + "ed"}  # "panicked"
    out = {w + "ed"}
    if _cvc(w):
        out.add(w + w[-1] + "ed")
    return out


def _gerund(w: str) -> set[str]:
    if w.endswith("ie"):
        return {w[:-2] + "ying"}
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        return {w[:-1] + "ing", w + "ing"}  # "make" → "making"; "singe" → "singeing" also made, harmless
    if w.endswith("c"):
        return {w + "king", w + "ing"}
    out = {w + "ing"}
    if _cvc(w):
        out.add(w + w[-1] + "ing")
    return out


@cache
def verb_forms(lemma: str) -> dict[str, frozenset[str]]:
    """The forms of a verb by tag: VB (base), VBZ, VBD (past), VBN (participle), VBG."""
    w = lemma.lower()
    if w in IRREGULAR_VERBS:
        past, part = IRREGULAR_VERBS[w]
        vbd, vbn = set(past.split()), set(part.split())
    else:
        vbd = vbn = _past(w)
    return {"VB": frozenset({w}), "VBZ": frozenset(_third(w)), "VBD": frozenset(vbd), "VBN": frozenset(vbn),
            "VBG": frozenset(_gerund(w))}


@cache
def noun_forms(lemma: str) -> frozenset[str]:
    w = lemma.lower()
    return frozenset({w, *_plural(w)})


@cache
def forms(lemma: str) -> frozenset[str]:
    """Every form a pattern word may take: a verb's five forms and a noun's two."""
    out: set[str] = set(noun_forms(lemma))
    for f in verb_forms(lemma).values():
        out |= f
    return frozenset(out)
