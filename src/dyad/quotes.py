"""Quotations: direct, partial and indirect, each with its speaker (name, code, role) from the actor stage.

Direct quotations are found from the quotation marks of each paragraph: curly (“…”, with ‘…’ nested
inside) or straight ("…"). An opening mark that is not closed by the end of its paragraph runs on
into the next paragraph when that one opens with a mark (the newspaper convention). A quotation is

- `direct` when it is a statement of its own: it opens a sentence, follows a colon or a reporting
  verb (also "X said:" ending the sentence or paragraph before it), or is attributed right after its
  closing mark ("…,” he said);
- `partial` when it is a phrase inside a sentence of the writer's ("accused Beijing of “unfair …
  practices”"); a partial quotation gets a speaker only when the sentence has one (the subject of a
  reporting verb before it, or "as X put it" after it), so scare quotes and labels get none.

Indirect speech is a clause reported without quotation marks: "X said (that) …", "X argues that
…", "…, X told reporters", "…, said X, an analyst at …", "…, according to X", "In a statement, X said
…". Its text is the reported clause, after any adverbial between the verb and "that" ("X said on Tuesday
that …"); an adverbial tail with no clause ("…,” X told reporters on condition of anonymity) reports nothing.

Speakers. The attribution is a reporting verb (said, told, argued, according to …) next to an actor
mention from the actor stage: before it ("X said"), after it ("said X"), or a pronoun ("he said").
A pronoun speaker is the most recent speaker of a compatible gender within the last sentences when
there is one (a quotation's "he said" refers to who was quoted, not to whoever was named last), else
the actor stage's own resolution (or, for a "he said" the actor stage left unresolved, the person named
first in the sentence before the quotation). A quotation with no attribution continues the speaker of the
quotation or reported speech just before it ("“A,” she said. “B.”", or a quoted paragraph after
"…, an official told reporters."). First-person speakers (I, we) are not actors and report nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from dyad.model import Actor, Document, Mention, Quote
from dyad.text.words import alternation

_VERBS = (
    "say|says|said|saying|tell|tells|told|telling|add|adds|added|adding|argue|argues|argued|arguing|"
    "warn|warns|warned|warning|state|states|stated|claim|claims|claimed|claiming|insist|insists|insisted|"
    "note|notes|noted|explain|explains|explained|announce|announces|announced|acknowledge|acknowledges|"
    "acknowledged|write|writes|wrote|assert|asserts|asserted|contend|contends|contended|maintain|maintains|"
    "maintained|stress|stresses|stressed|emphasize|emphasizes|emphasized|emphasise|emphasises|emphasised|"
    "reiterate|reiterates|reiterated|declare|declares|declared|predict|predicts|predicted|caution|cautions|"
    "cautioned|reply|replies|replied|respond|responds|responded|suggest|suggests|suggested|complain|"
    "complains|complained|concede|concedes|conceded|observe|observes|observed|remark|remarks|remarked|"
    "recall|recalls|recalled|confirm|confirms|confirmed|deny|denies|denied|posted|tweeted|"
    "put|puts|asked|asks|urged|urges|accused|accuses|called|calls|described|describes|dubbed|branded|"
    "pledged|vowed|promised|believes|believed|thinks|thought")
# verbs that report a clause ("said that …"); the rest only attribute quoted words ("called it “…”")
_CLAUSE_VERBS = frozenset(
    "say says said tell tells told add adds added argue argues argued warn warns warned state states stated claim "
    "claims claimed insist insists insisted note notes noted explain explains explained announce announces "
    "announced acknowledge acknowledges acknowledged write writes wrote assert asserts asserted contend contends "
    "contended maintain maintains maintained stress stresses stressed emphasize emphasizes emphasized emphasise "
    "emphasises emphasised reiterate reiterates reiterated declare declares declared predict predicts predicted "
    "caution cautions cautioned reply replies replied respond responds responded suggest suggests suggested "
    "complain complains complained concede concedes conceded observe observes observed confirm confirms confirmed "
    "deny denies denied believes believed thinks thought posted tweeted".split())
_PARTICIPLES = frozenset({"saying", "adding", "arguing", "warning", "claiming", "telling"})
# lower case only: "State Department", "Post" and "Says" in a headline are no reporting verbs
# a lookbehind rather than \b in front: the regex engine then skips through the text faster
_VERB = re.compile(rf"(?<!\w)(?:{alternation(_VERBS.split('|'))})\b|(?<!\w)[Aa]ccording\s+to\b")
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
_OPEN = {"“": "”", '"': '"', "«": "»"}
_MARK = re.compile('[“"«]')
_PARA = re.compile(r"\n[ \t]*\n")
_FAR = 1 << 62
_SPEAKER_KINDS = frozenset({"person", "anon", "group", "org", "country", "metonym"})


@dataclass(slots=True)
class _Span:
    """A quotation found by its marks: content offsets, paragraph-crossing or not."""

    start: int        # first character inside the marks
    end: int          # one past the last character inside the marks
    open_at: int      # offset of the opening mark
    close_at: int     # offset of the closing mark (or the end of its last paragraph)


def quote_spans(text: str) -> list[_Span]:
    """Quotations marked in the text, outermost only (‘…’ nested in “…” stays inside)."""
    paras = []
    pos = 0
    for m in _PARA.finditer(text):
        paras.append((pos, m.start()))
        pos = m.end()
    paras.append((pos, len(text)))
    out: list[_Span] = []
    open_span: _Span | None = None  # a quotation running on from the previous paragraph
    for p0, p1 in paras:
        i = p0
        if open_span is not None:
            if text[p0:p0 + 1] in ("“", '"'):  # the run-on convention: the next paragraph opens with a mark
                i = p0 + 1
            else:
                out.append(open_span)  # the quotation ended with its paragraph after all
                open_span = None
        while i < p1:
            if open_span is None:
                mark = _MARK.search(text, i, p1)  # jump to the next opening mark
                if mark is None:
                    break
                i = mark.start()
            ch = text[i]
            if open_span is None and ch in _OPEN:
                close = _OPEN[ch]
                j = text.find(close, i + 1, p1)
                if ch == '"' and j < 0:
                    j = -1
                if j >= 0:
                    out.append(_Span(i + 1, j, i, j))
                    i = j + 1
                    continue
                open_span = _Span(i + 1, p1, i, p1)  # no closing mark in this paragraph
                break
            if open_span is not None:  # continuing a run-on quotation
                close = "”" if "”" in text[p0:p1] else '"'
                j = text.find(close, i, p1)
                if j >= 0:
                    open_span.end, open_span.close_at = j, j
                    out.append(open_span)
                    open_span = None
                    i = j + 1
                    continue
                open_span.end = open_span.close_at = p1
                break
            i += 1
    if open_span is not None:
        out.append(open_span)
    return [s for s in out if text[s.start:s.end].strip()]


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    speaker: Mention | None
    rule: str
    confidence: float
    sentence: int


class QuoteStage:
    """Fills `quotes`: every quotation and reported statement, with its speaker."""

    name = "quotes"
    requires = frozenset({"sentences", "mentions"})
    assigns = frozenset({"quotes"})

    def __init__(self, languages: Iterable[str] = ("en",)) -> None:
        self.languages: frozenset[str] | None = frozenset(languages)

    def __call__(self, doc: Document) -> Document:
        return replace(doc, quotes=tuple(find_quotes(doc)))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


def find_quotes(doc: Document) -> list[Quote]:
    text = doc.text
    if not doc.sentences:
        return []
    firsts = [s.start for s in doc.sentences]

    def sentence_of(pos: int) -> int:
        return max(0, bisect_right(firsts, pos) - 1)

    # who can speak: not a country named as a place, a bare adjective, or an organisation inside a longer name
    mentions = sorted((m for m in doc.mentions if m.rule not in ("country.place", "adjective", "org.modifier")),
                      key=lambda m: m.start)
    found: list[_Found] = []
    marked = quote_spans(text)
    inside = [(q.open_at, q.close_at + 1) for q in marked]

    for q in marked:
        si = sentence_of(q.open_at)
        sent = doc.sentences[si]
        last = sentence_of(max(q.open_at, q.close_at - 1))
        end_sent = doc.sentences[last]
        before = text[sent.start:q.open_at]
        after_end = min(end_sent.end, len(text))
        after = text[q.close_at + 1:after_end] if q.close_at < len(text) else ""
        # words inside the marks are not the writer's: an attribution is outside them
        speaker, rule = _attribution_after(text, q.close_at + 1, after_end, mentions, inside)
        opens = not before.strip() or (before.rstrip().endswith((":", ",")) and _reports(before)
                                       and not _as_put_it(before))
        if speaker is None and before.strip():
            speaker, rule = _attribution_before(text, sent.start, q.open_at, mentions, inside)
        if speaker is None and not before.strip() and si > 0:
            # "Wang said on Tuesday:" ending the sentence (or paragraph) before the quotation
            prev = doc.sentences[si - 1]
            if text[prev.start:prev.end].rstrip().endswith(":") and _outside(prev.end - 1, inside):
                speaker, rule = _attribution_before(text, prev.start, q.open_at, mentions, inside)
        is_sentence = not before.strip() or before.rstrip().endswith(":") or (
            speaker is not None and rule.endswith("after") and after.strip()[:1] in (",", "")) or opens
        content = text[q.start:q.end]
        if len(content.split()) < 4 and not is_sentence:
            kind = "partial"
        elif is_sentence or (rule.endswith("after") and not before.strip()):
            kind = "direct"
        else:
            kind = "partial"
        if kind == "partial" and speaker is None:
            speaker, rule = _partial_speaker(text, sent.start, q.open_at, q.close_at + 1, sent.end, mentions,
                                             inside)
        found.append(_Found(q.start, q.end, kind, speaker, rule or "", 0.8 if speaker else 0.5, si))

    # indirect speech, in sentences (or the parts of them) outside quotation marks
    for si, s in enumerate(doc.sentences):
        found.extend(_indirect(text, si, s.start, s.end, mentions, inside))

    found.sort(key=lambda f: f.start)
    _continue_speakers(doc, found)
    _pronoun_speakers(found, doc, mentions)
    return [_to_quote(text, f) for f in found if f.kind != "indirect" or f.speaker is not None]


def _reports(before: str) -> bool:
    return bool(_VERB.search(before[-60:]))


_AS_PUT_IT = re.compile(r",\s*as\s+[^,;:]{1,80}?\b(?:put|puts|said|says|noted|notes|wrote|writes)\b[^,;:]{0,20},\s*$")


def _as_put_it(before: str) -> bool:
    """"The policy has become, as X put it, “…”": the writer's sentence goes on in the quoted words."""
    m = _AS_PUT_IT.search(before)
    return m is not None and bool(before[:m.start()].strip())


def _outside(pos: int, inside: list[tuple[int, int]]) -> bool:
    """Is pos outside every quotation span (`inside` is sorted and does not overlap)?"""
    k = bisect_right(inside, (pos, _FAR)) - 1
    return k < 0 or pos >= inside[k][1]


def _mentions_in(mentions: list[Mention], lo: int, hi: int, inside: list[tuple[int, int]]) -> list[Mention]:
    return [m for m in mentions if lo <= m.start and m.end <= hi and _outside(m.start, inside)]


def _speaker_ok(m: Mention) -> bool:
    return m.text.lower() not in _FIRST_PERSON


def _attribution_after(text: str, lo: int, hi: int, mentions: list[Mention], inside: list[tuple[int, int]]
                       ) -> tuple[Mention | None, str]:
    """“…,” X said / said X / X, a …, told reporters: the speaker right after a closing mark."""
    region = text[lo:hi]
    stripped = region.lstrip(" ,.!?—–-")
    if not stripped or stripped[0] in "“\"":
        return None, ""
    cut = next((k for k, ch in enumerate(region) if ch in "“\";"), len(region))
    region = region[:cut]
    for m in _VERB.finditer(region):
        if len(region[:m.start()].split()) > 14:
            break
        verb_at = lo + m.start()
        if m.group().lower() in ("according to",):
            cands = _mentions_in(mentions, verb_at, lo + cut, inside)
            return (cands[0], "according_to.after") if cands else (None, "")
        before_verb = _mentions_in(mentions, lo, verb_at, inside)
        after_verb = _mentions_in(mentions, lo + m.end(), lo + cut, inside)
        if before_verb and _speaker_ok(before_verb[0]):
            # “…,” Zhu said / “…,” China’s ambassador to the United States, Xie Feng, said
            return _best_speaker(before_verb), "verb.after"
        pron = re.fullmatch(r"\s*(he|she)\s+", region[:m.start()])
        if not before_verb and pron:
            # “…,” he said, with a "he" the actor stage left unresolved (its antecedent is further back than
            # it looks, say before a long quotation): _pronoun_speakers resolves it or drops it
            at = lo + pron.start(1)
            return Mention(0, at, lo + pron.end(1), pron.group(1), _NOBODY, _UNRESOLVED, 0.5), "verb.after"
        if after_verb and _speaker_ok(after_verb[0]) and after_verb[0].start - (lo + m.end()) < 6:
            return after_verb[0], "said_x.after"  # “…,” said Zhiqun Zhu, a professor …
        break
    return None, ""


_NOBODY = Actor("")  # the stand-in actor of an unresolved pronoun, never returned
_UNRESOLVED = "pronoun.unresolved"
_PERSON_RULES = ("title", "role_first", "appositive", "person", "anonymous", "coref", "role.office")


def _best_speaker(cands: list[Mention]) -> Mention:
    """Of the mentions in an attribution, the person nearest the verb; else the first actor."""
    people = [c for c in cands if c.rule.startswith(_PERSON_RULES) and _speaker_ok(c)]
    return people[-1] if people else cands[0]


def _attribution_before(text: str, lo: int, hi: int, mentions: list[Mention], inside: list[tuple[int, int]]
                        ) -> tuple[Mention | None, str]:
    """X said: “…” / X told reporters, “…”: the speaker of the reporting verb right before an opening mark."""
    region = text[lo:hi]
    verbs = [m for m in _VERB.finditer(region) if _outside(lo + m.start(), inside)]
    if not verbs:
        return None, ""
    v = verbs[-1]
    tail = region[v.end():]
    if len(tail.split()) > 6:  # the verb is far from the quotation: not its attribution
        return None, ""
    cands = _mentions_in(mentions, lo, lo + v.start(), inside)
    if v.group().lower() == "according to":
        cands = _mentions_in(mentions, lo + v.end(), hi, inside)
        return (cands[0], "according_to.before") if cands else (None, "")
    cands = [c for c in cands if _speaker_ok(c)]
    return (_best_speaker(cands), "verb.before") if cands else (None, "")


def _partial_speaker(text: str, s0: int, open_at: int, close_end: int, s1: int, mentions: list[Mention],
                     inside: list[tuple[int, int]]) -> tuple[Mention | None, str]:
    """The subject of a reporting verb before a quoted phrase, or "as X put it" after it."""
    verbs = [m for m in _VERB.finditer(text, s0, open_at) if _outside(m.start(), inside)]
    if verbs:
        v = verbs[-1]
        cands = [c for c in _mentions_in(mentions, s0, v.start(), inside) if _speaker_ok(c)]
        if v.group().lower() in _PARTICIPLES:  # "China rejects the claims, arguing that …": the main subject
            cands = cands[:1]
        if cands:
            return cands[-1] if v.group().lower() not in _PARTICIPLES else cands[0], "partial.subject"
    m = re.match(r"[,.]?\s*as\s+", text[close_end:s1])
    if m:
        lo = close_end + m.end()
        put = _VERB.search(text[lo:s1])
        if put:
            cands = [c for c in _mentions_in(mentions, lo, lo + put.start(), inside) if _speaker_ok(c)]
            if cands:
                return cands[-1], "partial.as_put_it"
    return None, ""


_THAT = re.compile(r"\s*(?:,\s*)?(?:that\s+)?")


def _indirect(text: str, si: int, s0: int, s1: int, mentions: list[Mention], inside: list[tuple[int, int]]
              ) -> list[_Found]:
    """Reported clauses without quotation marks, in one sentence."""
    out: list[_Found] = []
    sent = text[s0:s1]
    for v in _VERB.finditer(sent):
        vs, ve = s0 + v.start(), s0 + v.end()
        if not _outside(vs, inside):
            continue
        word = v.group().lower()
        if word == "according to":
            speaker = next(iter(_mentions_in(mentions, ve, min(s1, ve + 120), inside)), None)
            if speaker is None:
                continue
            # "…, according to X." or "According to X, …"; "“…,” according to X" is a direct quotation
            if sent[:v.start()].strip(" ,"):
                end = vs - 2 if text[vs - 2:vs] == ", " else vs
                if not _is_quote_only(text, s0, end, inside):
                    out.append(_Found(s0, end, "indirect", speaker, "indirect.according_to", 0.7, si))
            else:
                comma = text.find(",", speaker.end, s1)
                if comma > 0 and not _is_quote_only(text, comma + 1, s1, inside):
                    out.append(_Found(comma + 1, s1, "indirect", speaker, "indirect.according_to", 0.7, si))
            continue
        if word not in _CLAUSE_VERBS:
            continue
        left = text[s0:vs]
        # "…, said X, an analyst" / "…, X said" / "…, X told reporters …": the clause comes first
        comma = left.rstrip().endswith(",")
        subject = [c for c in _mentions_in(mentions, s0, vs, inside) if _speaker_ok(c)]
        inverted = comma and any(m.start - ve < 6 for m in _mentions_in(mentions, ve, min(s1, ve + 60), inside))
        if inverted or (subject and text[subject[-1].end:vs].strip() == "" and _after_clause(text, s0, subject[-1])
                        and not _reports_clause(text, ve, s1)):
            speaker = subject[-1] if subject and not comma else None
            if inverted:  # "…, said X" (inverted)
                after = _mentions_in(mentions, ve, min(s1, ve + 60), inside)
                speaker = after[0] if after and after[0].start - ve < 6 else None
                clause_end = vs - (len(left) - len(left.rstrip())) - 1
            else:
                clause_end = text.rfind(",", s0, subject[-1].start)
            if speaker is not None and _speaker_ok(speaker) and clause_end > s0:
                start = s0
                if text[start:clause_end].strip() and not _is_quote_only(text, start, clause_end, inside):
                    out.append(_Found(start, clause_end, "indirect", speaker, "indirect.after", 0.7, si))
                continue
        # "X said (that) …", "X told reporters (that) …", "X argues that …"
        if not subject or word in _PARTICIPLES:
            continue
        speaker = subject[-1]
        gap = text[speaker.end:vs]
        if len(gap.split()) > 3 or any(ch in gap for ch in ",;:"):
            continue  # the mention is not the verb's subject
        rest = text[ve:s1]
        if word in ("tell", "tells", "told", "telling"):
            m = _TOLD_WHOM.match(rest)
            if m is None:
                continue
            rest_at = ve + m.end()
        else:
            rest_at = ve
        m = _THAT.match(text, rest_at, s1)
        clause_start = m.end() if m else rest_at
        has_that = m is not None and "that" in m.group()
        if not has_that:
            # "X said on Tuesday that …", "X wrote on X (formerly Twitter) that …": an adverbial before "that"
            # (only when "that" follows at all: the lazy search is slow when it does not)
            lead = _LEAD_THAT.match(text, rest_at, s1) if "that" in text[rest_at:s1] else None
            if lead is not None:
                clause_start, has_that = lead.end(), True
        if not has_that and word not in ("say", "says", "said", "tell", "tells", "told"):
            continue  # "X argued for …" reports no clause
        if not has_that and _ADVERBIAL.match(text, clause_start, s1) and "," not in text[clause_start:s1]:
            continue  # "…,” an official told reporters on condition of anonymity": the attribution's tail
        clause_end = s1
        while clause_end > clause_start and text[clause_end - 1] in ".!?”\"’ ":
            clause_end -= 1
        if clause_end - clause_start < 12 or _is_quote_only(text, clause_start, clause_end, inside):
            continue
        if text[clause_start:clause_start + 1] in "“\"":
            continue  # "X said: “…”" is a direct quotation
        out.append(_Found(clause_start, clause_end, "indirect", speaker, "indirect.before", 0.7, si))
    return out


# whom someone told: reporters, "the Financial Times", "a news conference", "Antony Blinken", "U.S. officials"
_TOLD_WHOM = re.compile(r"\s+(?:reporters|journalists|him|her|them|us|(?:the|a|an)\s+(?:[A-Z][\w.'’-]*\s+)*"
                        r"\w+(?:\s+(?:conference|briefing|forum|meeting|interview))?|"
                        r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*(?:\s+(?:officials|reporters|lawmakers))?)")
# words that open an adverbial after a reporting verb ("said on Tuesday", "said in a statement", "said later")
_ADVERB = (r"(?:on|in|at|during|after|before|from|via|through|over|to|with|by|under|while|when|late|early|"
           r"earlier|later|last|also|again|then|yesterday|today|publicly|privately|separately|previously|"
           r"recently|repeatedly|reportedly|openly|firmly|bluntly|flatly|explicitly)")
_ADVERBIAL = re.compile(rf"\s*{_ADVERB}\b")
# an adverbial of at most eight words, without punctuation that would end it, then "that"
_LEAD_THAT = re.compile(rf"\s+{_ADVERB}\b(?:\s*[^\s,;:!?“”\"]+){{0,8}}?\s+that\s+")

_TAIL = re.compile(r"\s*(?:[,.;:!?]|$|on\s+condition|in\s+a\s|at\s|during\s|last\s|on\s|this\s|in\s+an?\s|"
                   r"after\s|before\s|while\s|when\s|as\s|of\s|to\s+reporters|reporters|journalists|him|her|"
                   r"them|told\s)", re.I)


def _reports_clause(text: str, ve: int, s1: int) -> bool:
    """Does a content clause follow the verb ("X argued that …", "X said the talks …")? Then X is no
    post-posed speaker of what came before."""
    rest = text[ve:s1]
    if re.match(r"\s+that\b", rest):
        return True
    return not _TAIL.match(rest) and len(rest.split()) > 6


def _after_clause(text: str, s0: int, subject: Mention) -> bool:
    """Does a clause end with a comma right before the speaker ("…, a senior official told reporters")?"""
    before = text[s0:subject.start].rstrip()
    for det in ("a", "an", "the", "A", "An", "The"):
        if before.endswith(f" {det}") or before == det:
            before = before[:-len(det)].rstrip()
    return before.endswith(",") and len(before.split()) >= 4


def _ink(text: str) -> int:
    """How many characters of text are not white space."""
    return len(text) - sum(map(str.isspace, text))


def _is_quote_only(text: str, a: int, b: int, inside: list[tuple[int, int]]) -> bool:
    """Is text[a:b] (almost) all inside quotation marks? Then it is a direct quotation, not reported speech."""
    total = _ink(text[a:b])
    quoted = sum(_ink(text[max(a, lo):min(b, hi)]) for lo, hi in inside if lo < b and hi > a)
    return total - quoted < 0.3 * max(1, total)


def _continue_speakers(doc: Document, found: list[_Found]) -> None:
    """A direct quotation with no attribution continues the speaker of the statement just before it."""
    prev: _Found | None = None
    for f in found:
        if f.kind == "direct" and f.speaker is None and prev is not None and prev.speaker is not None \
                and f.sentence - prev.sentence <= 2:
            f.speaker, f.rule, f.confidence = prev.speaker, "continued", 0.7
        if f.speaker is not None and f.kind != "partial":
            prev = f


def _pronoun_speakers(found: list[_Found], doc: Document, mentions: list[Mention]) -> None:
    """"he said": the most recent speaker beats the last person merely named; with no speaker yet, the
    subject (first person named) of the sentence before the quotation does."""
    recent: list[_Found] = []
    for f in found:
        sp = f.speaker
        if sp is not None and sp.rule in ("coref.pronoun", _UNRESOLVED) and sp.text.lower() in ("he", "she", "him",
                                                                                                 "her"):
            # a "he" or "she" is one person: an earlier speaker counts only if it was one ("U.S. officials" is not)
            earlier = [r for r in recent if r.speaker is not None and f.sentence - r.sentence <= 4
                       and r.speaker.rule.startswith(_PERSON_RULES) and not _plural(r.speaker)]
            cand: Mention | None = earlier[-1].speaker if earlier else None
            if cand is None and f.sentence > 0:
                prev = doc.sentences[f.sentence - 1]
                people = [m for m in mentions if prev.start <= m.start < prev.end
                          and m.rule.startswith(_PERSON_RULES) and m.rule != "coref.pronoun"]
                cand = people[0] if people else None
            if cand is not None and cand.actor.name != sp.actor.name:
                f.speaker = replace(sp, actor=cand.actor, rule="coref.pronoun")
                f.rule = f"{f.rule}+speaker"
            elif sp.rule == _UNRESOLVED:
                f.speaker, f.rule, f.confidence = None, "", 0.5
        if f.speaker is not None:
            recent.append(f)


def _plural(m: Mention) -> bool:
    return m.text.lower().endswith("s") and not m.rule.startswith(("title", "person", "appositive", "role_first"))


def _to_quote(text: str, f: _Found) -> Quote:
    a, b = f.start, f.end
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):  # “…,” he said: the comma is the writer's
        b -= 1
    sp = f.speaker
    speaker = Actor(sp.actor.name, sp.actor.code, sp.actor.role) if sp is not None else None
    return Quote(f.sentence, a, b, text[a:b], f.kind, speaker, f.rule, round(f.confidence, 3))  # type: ignore[arg-type]
