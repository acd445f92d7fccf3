"""Time expressions: find them in text and normalise them against the publication date, with tense.

    >>> from dyad.timex import normalize
    >>> normalize("last week", "2024-04-23").value
    '2024-W16'
    >>> normalize("on Saturday", "2024-04-23", tense="past").value
    '2024-04-20'

Values follow TIMEX3: a day `2024-04-24`, a week `2024-W16`, a month `2024-04`, a quarter
`2024-Q2`, a season `2024-SU`, a year `2024`, a decade `199`; `PAST_REF`, `PRESENT_REF` and
`FUTURE_REF` for vague references, with a `range` of ISO days where a span is meant ("since 2012",
"in recent months"); durations ("nearly 18 months") have values such as `P18M` and are not dates.

The grammar and the tense rules are dyad's; the calendar arithmetic is python-dateutil's. A
weekday or a month without a year is placed by the tense of its clause: "arrived on Saturday" is
the Saturday before the publication date, "expected to vote Tuesday" the coming (or same)
Tuesday, "runs through Friday" the coming Friday; a weekday that is the publication day is that
day. Without an anchor (no publication date) a relative expression keeps its text and has value
None; with a partial anchor ("2018-10") what it allows still resolves ("last month").
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import Literal

from dateutil.relativedelta import relativedelta

from dyad.model import Document, Note, TimeExpr
from dyad.text.words import alternation

Tense = Literal["past", "present", "future"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
    "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "hundred": 100, "a couple of": 2, "a few": 3, "several": 3, "half a": 0.5,
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
UNIT_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y", "hour": "H", "minute": "M",
             "quarter": "M", "century": "Y"}

_MONTH = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|jul(?:y|\.)?|aug(?:ust|\.)?|" \
         r"sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
_WEEKDAY = r"(?:mon(?:day|\.)?|tue(?:s(?:day)?)?\.?|wed(?:nesday|\.)?|thu(?:r(?:s(?:day)?)?)?\.?|fri(?:day|\.)?|" \
           r"sat(?:urday|\.)?|sun(?:day|\.)?)"
_NUM = r"(?:\d+(?:\.\d+)?|a couple of|a few|several|half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|" \
       r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|" \
       r"sixty|hundred)"
_UNIT = r"(?:day|week|month|year|decade|quarter|century|hour|minute)s?"
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
_PART = r"(?:early|earlier|mid|late|later|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of)"


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A normalised time: value, its precision, an optional range of ISO days, and the rule that made it."""

    value: str | None
    precision: str | None
    range: tuple[str, str] | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date at the precision known: year, month, day (later parts may be None)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | dt.date | None) -> Anchor | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(value).strip()[:10])
        if not m:
            return None
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    @property
    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.month and self.day else None


# -- values ------------------------------------------------------------------------------------------------
def _day(d: dt.date, rule: str, rng: tuple[dt.date, dt.date] | None = None) -> TimeValue:
    return TimeValue(d.isoformat(), "day", _iso(rng), rule)


def _week(d: dt.date, rule: str) -> TimeValue:
    y, w, _ = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return TimeValue(f"{y}-W{w:02d}", "week", (monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()),
                     rule)


def _month(y: int, m: int, rule: str, part: str | None = None) -> TimeValue:
    first = dt.date(y, m, 1)
    last = first + relativedelta(months=1, days=-1)
    return TimeValue(f"{y}-{m:02d}", "month", _iso(_part_range(first, last, part)) if part else None, rule)


def _year(y: int, rule: str, part: str | None = None) -> TimeValue:
    first, last = dt.date(y, 1, 1), dt.date(y, 12, 31)
    return TimeValue(f"{y}", "year", _iso(_part_range(first, last, part)) if part else None, rule)


def _quarter(y: int, q: int, rule: str) -> TimeValue:
    first = dt.date(y, 3 * q - 2, 1)
    return TimeValue(f"{y}-Q{q}", "quarter", _iso((first, first + relativedelta(months=3, days=-1))), rule)


def _season(y: int, code: str, rule: str) -> TimeValue:
    a, b = _SEASON_MONTHS[code]
    first = dt.date(y, a, 1)
    last = dt.date(y + (b < a), b, 1) + relativedelta(months=1, days=-1)
    return TimeValue(f"{y}-{code}", "season", _iso((first, last)), rule)


def _iso(rng: tuple[dt.date, dt.date] | None) -> tuple[str, str] | None:
    return (rng[0].isoformat(), rng[1].isoformat()) if rng else None


def _part_range(first: dt.date, last: dt.date, part: str | None) -> tuple[dt.date, dt.date]:
    """The early, middle or late third of a period."""
    if not part:
        return first, last
    span = (last - first).days + 1
    third = span // 3
    p = part.split()[-1] if part.startswith("the") else part
    if p in ("early", "start", "beginning"):
        return first, first + dt.timedelta(days=third - 1)
    if p in ("mid", "middle"):
        return first + dt.timedelta(days=third), last - dt.timedelta(days=third)
    if p in ("late", "end"):
        return last - dt.timedelta(days=third - 1), last
    return first, last


def _unresolved(rule: str) -> TimeValue:
    return TimeValue(None, None, None, rule)


# -- tense ---------------------------------------------------------------------------------------------------
# both run over lower-cased text, with a lookbehind in front: several times faster than \b and re.I
_FUTURE = re.compile(
    r"(?<!\w)(?:will|won't|wo n't|shall|'ll|set\s+to|expected\s+to|due\s+to|plans?\s+to|planning\s+to|scheduled|"
    r"going\s+to|is\s+to|are\s+to|to\s+be\s+held|ahead\s+of|upcoming|intends?\s+to|aims?\s+to|hopes?\s+to|would|starting|"
    r"beginning|likely\s+to|poised\s+to|slated\s+to)\b")
_PRESENT = re.compile(
    r"(?<!\w)(?:is|are|am|runs|remains|continues|lasts|starts|begins|ends|takes\s+place|holds|meets|comes|"
    r"through|until|till)\b")
_IRREGULAR_PAST = frozenset(
    "was were had did said told met held spoke went came began took gave made left sent saw became fought led won "
    "lost struck shot flew ran rose fell grew brought bought built caught chose drew drove felt found got hit kept "
    "knew laid lent meant paid quit rode rang sat sold shook shut sang sank slept sought spent spread stood stole "
    "stuck swore swept taught tore thought threw understood woke wore wrote withdrew forbade overtook undertook "
    "sprang sped stung swung broke spoke froze hid bit arose awoke".split())
_NOT_PAST = frozenset("need speed seed embed red bed united armed based red shed feed deed greed breed".split())
_WORD = re.compile(r"[A-Za-z']+")


_CLAUSE_BREAK = re.compile(r"[;:—–]|\s-\s|,\s+(?:and|but|while|as)\s+")
_PASSIVE_AUX = frozenset({"be", "been", "being"})


def clause_tense(before: str, after: str = "") -> Tense | None:
    """The tense of the clause around an expression, from the nearest verb cue before it (else after it)."""
    for text, backwards in ((before, True), (after, False)):
        clause = _CLAUSE_BREAK.split(text)
        part = clause[-1] if backwards else clause[0]
        n = len(part)
        low = part.lower()
        if len(low) != n:
            low = part.encode("ascii", "replace").decode().lower()  # keep offsets ("İ")
        best: tuple[int, Tense] | None = None
        for m in _FUTURE.finditer(low):
            best = _nearer(best, m.start(), "future", n, backwards)
        for m in _PRESENT.finditer(low):
            best = _nearer(best, m.start(), "present", n, backwards)
        # the nearest past form only: the last one before the expression, the first one after it
        words = list(_WORD.finditer(part))
        for k in (range(len(words) - 1, -1, -1) if backwards else range(len(words))):
            lw = words[k].group().lower()
            # a participle after "be" is a passive whose auxiliary carries the tense: "will be held"
            if (lw in _IRREGULAR_PAST or (len(lw) > 4 and lw.endswith("ed") and lw not in _NOT_PAST)) \
                    and (k == 0 or words[k - 1].group().lower() not in _PASSIVE_AUX):
                best = _nearer(best, words[k].start(), "past", n, backwards)
                break
        if best is not None:
            return best[1]
    return None


def _nearer(best: tuple[int, Tense] | None, pos: int, tense: Tense, n: int, backwards: bool
            ) -> tuple[int, Tense]:
    dist = n - pos if backwards else pos
    return (dist, tense) if best is None or dist < best[0] else best


# -- placing months and weekdays --------------------------------------------------------------------------
def _weekday(a: Anchor, wd: int, tense: Tense | None, shift: str | None) -> dt.date | None:
    """The day a weekday names: "last"/"next" go to the one before/after; a bare weekday is the publication
    day when it falls on it, else the one before (past tense, the default in news) or after."""
    d = a.date
    if d is None:
        return None
    if shift == "last":
        return d - dt.timedelta(days=(d.weekday() - wd) % 7 or 7)
    if shift == "next":
        return d + dt.timedelta(days=(wd - d.weekday()) % 7 or 7)
    if wd == d.weekday():
        return d
    if tense in (None, "past"):
        return d - dt.timedelta(days=(d.weekday() - wd) % 7)
    return d + dt.timedelta(days=(wd - d.weekday()) % 7)


def _month_year(a: Anchor, month: int, tense: Tense | None, shift: str | None) -> int | None:
    """The year of a month named without one ("last November", "in February", "this summer")."""
    if a.month is None:
        return a.year if shift in (None, "this") else None
    if shift == "last":
        return a.year if month < a.month else a.year - 1
    if shift == "next":
        return a.year if month > a.month else a.year + 1
    if shift == "this" or month == a.month:
        return a.year
    if tense in ("future", "present"):  # "runs until February": the coming one
        return a.year if month > a.month else a.year + 1
    return a.year if month < a.month else a.year - 1


# -- the grammar -----------------------------------------------------------------------------------------------
Handler = Callable[["re.Match[str]", Anchor | None, "Tense | None"], TimeValue | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the grammar. It scans the lower-cased text (case-insensitive scanning is 2-3 times
    slower in Python's re), and only documents holding one of its `triggers` at all; each hit is then
    matched again, case-insensitively, on the original text, so that handlers can look at capitals."""

    name: str
    scan: re.Pattern[str]      # on lower-cased text
    exact: re.Pattern[str]     # the same pattern, case-insensitive, on the original text
    handler: Handler
    tense: bool                # the handler places the expression by the tense of its clause
    triggers: tuple[str, ...]  # lower-case substrings without which the rule cannot match


_RULES: list[Rule] = []
WINDOW_BEFORE, WINDOW_AFTER = 60, 60  # characters scanned around a trigger word
# trigger words (whole lower-case words); "#year", "#iso" and "#decade" stand for numbers of those shapes
MONTH_TRIGGERS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                  "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                  "dec")
WEEKDAY_TRIGGERS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
                    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")
UNIT_TRIGGERS = ("day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades", "hour",
                 "hours", "minute", "minutes", "quarter", "quarters", "century", "centuries")


def rule(name: str, pattern: str, triggers: tuple[str, ...], tense: bool = False) -> Callable[[Handler], Handler]:
    """Register a rule; `tense=True` when its handler places the expression by the clause's tense."""
    def deco(fn: Handler) -> Handler:
        _RULES.append(Rule(name, re.compile(pattern), re.compile(pattern, re.I), fn, tense, triggers))
        return fn
    return deco


def _num(text: str) -> float:
    t = " ".join(text.lower().split())
    return float(t) if re.fullmatch(r"\d+(?:\.\d+)?", t) else float(NUMBERS.get(t, 1))


def _mon(text: str) -> int:
    t = text.lower().rstrip(".")
    return MONTHS[t] if t in MONTHS else MONTHS[t[:3]]


def _wd(text: str) -> int:
    t = text.lower().rstrip(".")
    return WEEKDAYS[t] if t in WEEKDAYS else WEEKDAYS[t[:3]]


@rule("iso", r"\b(\d{4})-(\d{2})-(\d{2})\b", ("#iso",))
def _r_iso(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    try:
        return _day(dt.date(int(m[1]), int(m[2]), int(m[3])), "iso")
    except ValueError:
        return None


@rule("date", rf"\b(?:{_WEEKDAY},?\s+)?({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_YEAR})\b"
              rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}),?\s+({_YEAR})\b", MONTH_TRIGGERS)
def _r_date(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    month, day, year = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], m[6])
    try:
        return _day(dt.date(int(year), _mon(month), int(day)), "date")
    except ValueError:
        return None


@rule("month_day", rf"\b(?:{_WEEKDAY},?\s+)?({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![,\s]*\d)"
                   rf"(?!\s*(?:%|percent|per))"
                   rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b(?![,\s]*\d)", MONTH_TRIGGERS, tense=True)
def _r_month_day(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    month, day = (m[1], m[2]) if m[1] else (m[4], m[3])
    if not month[0].isupper():
        return None  # "may 5" is not May 5
    if a is None:
        return _unresolved("month_day")
    mo = _mon(month)
    if a.date is None:
        year = _month_year(a, mo, tense, None)
    else:
        # the nearest such day, unless the tense says which side of the publication date it lies on
        cands = []
        for y in (a.year - 1, a.year, a.year + 1):
            with suppress(ValueError):  # February 29 in a common year
                cands.append(dt.date(y, mo, int(day)))
        if not cands:
            return None
        ref = a.date
        if tense == "past":
            pool = [c for c in cands if c <= ref] or cands
        elif tense == "future":
            pool = [c for c in cands if c >= ref] or cands
        else:
            pool = cands
        return _day(min(pool, key=lambda c: abs((c - ref).days)), "month_day")
    if year is None:
        return _unresolved("month_day")
    try:
        return _day(dt.date(year, mo, int(day)), "month_day")
    except ValueError:
        return None


@rule("month_year", rf"\b(?:({_PART})\s+)?({_MONTH}),?\s+(?:of\s+)?({_YEAR})\b", MONTH_TRIGGERS)
def _r_month_year(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    if not m[2][0].isupper():
        return None
    return _month(int(m[3]), _mon(m[2]), "month_year", _norm_part(m[1]))


@rule("month_shift", rf"\b(?:({_PART})\s+)?(last|this|next|this\s+past|this\s+coming|past|coming)\s+({_MONTH})\b",
      MONTH_TRIGGERS, tense=True)
def _r_month_shift(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    if not m[3][0].isupper():
        return None
    if a is None:
        return _unresolved("month_shift")
    shift = m[2].lower().split()[-1]
    shift = {"past": "last", "coming": "next"}.get(shift, shift)
    mo = _mon(m[3])
    y = _month_year(a, mo, tense, shift)
    return _month(y, mo, "month_shift", _norm_part(m[1])) if y is not None else _unresolved("month_shift")


@rule("month_of_year", rf"\b(?:(?:in|since|by|until|before|after|during|from|through|early|late|mid)\s+)?"
                       rf"({_MONTH})\s+of\s+(last|this|next|the\s+previous|the\s+following)\s+year\b", MONTH_TRIGGERS)
def _r_month_of_year(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    if not m[1][0].isupper():
        return None
    if a is None:
        return _unresolved("month_of_year")
    step = {"last": -1, "previous": -1, "this": 0, "next": 1, "following": 1}[m[2].lower().split()[-1]]
    return _month(a.year + step, _mon(m[1]), "month_of_year")


@rule("month", rf"\b(?:(?:in|since|by|until|till|before|after|during|from|through|of|early|late|mid|mid-|end of|"
               rf"start of|beginning of)\s+)({_MONTH})\b(?!\s*\d)", MONTH_TRIGGERS, tense=True)
def _r_month(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    if not m[1][0].isupper():
        return None  # "in march", "in may": not months
    if a is None:
        return _unresolved("month")
    mo = _mon(m[1])
    part = m[0].lower().split()[0]
    y = _month_year(a, mo, tense, None)
    return _month(y, mo, "month", part if part in ("early", "late", "mid") else None) if y is not None else None


@rule("weekday", rf"\b(?:(last|this|next|this\s+past|this\s+coming|past|coming)\s+)?({_WEEKDAY})"
                 rf"(?:\s+(?:morning|afternoon|evening|night))?\b", WEEKDAY_TRIGGERS, tense=True)
def _r_weekday(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    word = m[2]
    if not word[0].isupper():
        return None  # "sat", "wed", "sun" as words
    if len(word.rstrip(".")) <= 3 and not word.endswith(".") and word.lower() not in ("mon", "tue", "wed", "thu",
                                                                                       "fri"):
        return None
    if a is None or a.date is None:
        return _unresolved("weekday")
    shift = (m[1] or "").lower().split()[-1] if m[1] else None
    shift = {"past": "last", "coming": "next"}.get(shift or "", shift)
    if shift == "this":  # the one in the publication day's week
        d0 = a.date
        return _day(d0 - dt.timedelta(days=d0.weekday()) + dt.timedelta(days=_wd(word)), "weekday")
    d = _weekday(a, _wd(word), tense, shift)
    return _day(d, "weekday") if d else None


@rule("relative_day", r"\b(?:the\s+day\s+(before\s+yesterday|after\s+tomorrow)|today|tonight|yesterday|tomorrow|"
                      r"this\s+(?:morning|afternoon|evening)|last\s+night)\b",
      ("today", "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night"))
def _r_relative_day(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    if a is None or a.date is None:
        return _unresolved("relative_day")
    w = m[0].lower()
    off = -2 if "before" in w else 2 if "after" in w else -1 if ("yesterday" in w or w == "last night") else \
        1 if "tomorrow" in w else 0
    return _day(a.date + dt.timedelta(days=off), "relative_day")


@rule("unit_shift", rf"\b(?:({_PART})\s+)?(this|last|next|the\s+past|the\s+previous|the\s+coming|the\s+following|"
                    rf"the\s+current|past|previous|coming|following)\s+"
                    rf"(week|weekend|month|year|quarter|spring|summer|autumn|fall|winter|decade)\b",
      ("week", "weekend", "month", "year", "quarter", "spring", "summer", "autumn", "fall", "winter", "decade"))
def _r_unit_shift(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    part = _norm_part(m[1])
    word = m[2].lower().split()[-1]
    if m[2].lower().startswith("the") and word in ("past", "last", "previous") and m[3].lower() not in (
            "weekend", "spring", "summer", "autumn", "fall", "winter"):
        # "over the past decade": the span that ends at publication, not the calendar decade before
        unit = m[3].lower()
        code = {"week": "P1W", "month": "P1M", "year": "P1Y", "quarter": "P3M", "decade": "P10Y"}[unit]
        if a is None or a.date is None:
            return TimeValue(code, "duration", None, "unit_shift")
        months = {"week": 0, "month": 1, "year": 12, "quarter": 3, "decade": 120}[unit]
        back = a.date - (relativedelta(months=months) if months else dt.timedelta(weeks=1))
        return TimeValue(code, "duration", _iso((back, a.date)), "unit_shift")
    step = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
            "following": 1}[word]
    unit = m[3].lower()
    rule_name = "unit_shift"
    if a is None:
        return _unresolved(rule_name)
    if unit in ("week", "weekend"):
        if a.date is None:
            return _unresolved(rule_name)
        return _week(a.date + dt.timedelta(weeks=step), rule_name)
    if unit == "month":
        if a.month is None:
            return _unresolved(rule_name)
        first = dt.date(a.year, a.month, 1) + relativedelta(months=step)
        v = _month(first.year, first.month, rule_name, part)
        if part in ("earlier", "later") and a.date is not None and step == 0:
            lo, hi = (first, a.date - dt.timedelta(days=1)) if part == "earlier" else \
                (a.date + dt.timedelta(days=1), first + relativedelta(months=1, days=-1))
            v = TimeValue(v.value, v.precision, _iso((lo, max(lo, hi))), rule_name)
        return v
    if unit == "year":
        v = _year(a.year + step, rule_name, part)
        if part in ("earlier", "later") and a.date is not None and step == 0:
            first, last = dt.date(a.year, 1, 1), dt.date(a.year, 12, 31)
            lo, hi = (first, a.date) if part == "earlier" else (a.date, last)
            v = TimeValue(v.value, v.precision, _iso((lo, hi)), rule_name)
        return v
    if unit == "quarter":
        if a.month is None:
            return _unresolved(rule_name)
        q = (a.month - 1) // 3 + step
        y = a.year + (q // 4)
        return _quarter(y, q % 4 + 1, rule_name)
    if unit == "decade":
        return TimeValue(f"{(a.year // 10 + step)}", "decade", None, rule_name)
    return _season(_season_year(a, SEASONS[unit], step), SEASONS[unit], rule_name)


@rule("season", rf"\b(?:(early|late|mid)\s*-?\s*)?(?:the\s+)?(spring|summer|autumn|fall|winter)"
                rf"(?:\s+(?:of\s+)?({_YEAR}))\b"
                rf"|\b(?:in\s+the|this|last|next)\s+(spring|summer|autumn|winter)\b",
      ("spring", "summer", "autumn", "fall", "winter"), tense=True)
def _r_season(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    if m[3]:
        return _season(int(m[3]), SEASONS[m[2].lower()], "season")
    if a is None:
        return _unresolved("season")
    word = m[0].lower().split()[0]
    code = SEASONS[m[4].lower()]
    if word in ("this", "last", "next"):
        return _season(_season_year(a, code, {"this": 0, "last": -1, "next": 1}[word]), code, "season")
    # "in the summer": the last one begun (past tense) or the next one to come (future)
    step = 1 if tense == "future" else 0 if tense == "present" else -2
    return _season(_season_year(a, code, step), code, "season")


def _season_year(a: Anchor, code: str, step: int) -> int:
    """The year of a season instance relative to the anchor: 0 the current or coming one, -1 the last one
    over, 1 the next one to begin, -2 the last one begun (current or over)."""
    ref = a.date or dt.date(a.year, a.month or 7, 15)

    def span(y: int) -> tuple[dt.date, dt.date]:
        first, last = _season(y, code, "").range  # type: ignore[misc]
        return dt.date.fromisoformat(first), dt.date.fromisoformat(last)

    years = range(ref.year - 2, ref.year + 2)
    if step == -1:
        return max(y for y in years if span(y)[1] < ref)
    if step == 1:
        return min(y for y in years if span(y)[0] > ref)
    if step == -2:
        return max(y for y in years if span(y)[0] <= ref)
    running = [y for y in years if span(y)[0] <= ref <= span(y)[1]]
    return running[0] if running else min(y for y in years if span(y)[0] > ref)


@rule("quarter", rf"\b(first|second|third|fourth|1st|2nd|3rd|4th|final)\s+quarter(?:\s+of\s+({_YEAR}))?\b"
                 rf"|\bq([1-4])\s*({_YEAR})\b", ("quarter", "q1", "q2", "q3", "q4"), tense=True)
def _r_quarter(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    if m[3]:
        return _quarter(int(m[4]), int(m[3]), "quarter")
    q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
         "final": 4}[m[1].lower()]
    if m[2]:
        return _quarter(int(m[2]), q, "quarter")
    if a is None:
        return _unresolved("quarter")
    y = a.year
    if a.month is not None and tense == "past" and 3 * q - 2 > a.month:
        y -= 1  # "growth slowed in the fourth quarter", said in March
    if a.month is not None and tense == "future" and 3 * q < a.month:
        y += 1  # "growth will pick up in the first quarter", said in November
    return _quarter(y, q, "quarter")


@rule("ago", rf"\b({_NUM})\s+({_UNIT})\s+ago\b", ("ago",))
def _r_ago(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    if a is None:
        return _unresolved("ago")
    n = _num(m[1])
    unit = m[2].lower().rstrip("s")
    day = a.date
    if unit in ("day", "week"):
        if day is None:
            return _unresolved("ago")
        return (_day(day - dt.timedelta(days=int(n)), "ago") if unit == "day"
                else _week(day - dt.timedelta(weeks=int(n)), "ago"))
    # a month or more: the value at the unit's precision, and a range of a quarter unit either side of the
    # day it counts back to (or of the month, when only that is known)
    months = int(n * {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit])
    ref = a.date or dt.date(a.year, a.month or 7, 15 if a.month else 1)
    back = ref - relativedelta(months=months)
    half = relativedelta(months=max(1, months // 4))
    rng = _iso((back - half, min(back + half, ref)))
    if unit in ("month", "quarter") and a.month is not None:
        v = _month(back.year, back.month, "ago")
    else:
        v = _year(back.year, "ago")
    return TimeValue(v.value, v.precision, rng, "ago")


@rule("vague", r"\b(?:in\s+)?(recent|the\s+(?:past|last)(?:\s+(?:few|several|couple\s+of))?|the\s+coming|"
               r"the\s+next(?:\s+(?:few|several|couple\s+of))?|coming)\s+(days|weeks|months|years|decades)\b"
               r"|\b(recently|lately|nowadays|these\s+days|currently|at\s+present|right\s+now|soon|shortly)\b",
      ("recent", "recently", "lately", "nowadays", "days", "currently", "present", "now", "soon", "shortly", "coming",
       "past", "last", "next"))
def _r_vague(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    if m[3]:
        w = m[3].lower()
        ref = "PAST_REF" if w in ("recently", "lately") else "FUTURE_REF" if w in ("soon", "shortly") \
            else "PRESENT_REF"
        span = {"PAST_REF": (-60, 0), "FUTURE_REF": (0, 60), "PRESENT_REF": (0, 0)}[ref]
    else:
        w = m[1].lower()
        ref = "FUTURE_REF" if ("coming" in w or "next" in w) else "PAST_REF"
        unit = m[2].lower()
        size = {"days": 7, "weeks": 28, "months": 182, "years": 3 * 365, "decades": 20 * 365}[unit]
        span = (0, size) if ref == "FUTURE_REF" else (-size, 0)
    if a is None or a.date is None:
        return TimeValue(ref, "vague", None, "vague")
    rng = (a.date + dt.timedelta(days=span[0]), a.date + dt.timedelta(days=span[1]))
    return TimeValue(ref, "vague", _iso(rng), "vague")


@rule("since", rf"\bsince\s+(?:({_PART})\s+)?(?:({_MONTH})\s+)?({_YEAR})\b", ("since",))
def _r_since(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    y = int(m[3])
    start = dt.date(y, _mon(m[2]) if m[2] else 1, 1)
    end = a.date if a is not None and a.date is not None else None
    value = f"{y}-{_mon(m[2]):02d}" if m[2] else f"{y}"
    if end is None and a is not None:
        end = dt.date(a.year, a.month or 12, 1) + relativedelta(months=1, days=-1)
    return TimeValue(value, "month" if m[2] else "year", _iso((start, end)) if end else None, "since")


@rule("decade", r"\b(?:the\s+)?(?:(early|mid|late)[\s-]+)?((?:1[89]|20)\d)0s\b|\bthe\s+'(\d)0s\b", ("#decade",))
def _r_decade(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    if m[3]:  # "the '90s": the last such decade before the publication year
        century = 19 if a is None or int(m[3]) * 10 > a.year % 100 else 20
        return TimeValue(f"{century}{m[3]}", "decade", None, "decade")
    head = m[2]
    first = dt.date(int(head) * 10, 1, 1)
    rng = _part_range(first, dt.date(int(head) * 10 + 9, 12, 31), m[1].lower() if m[1] else None) if m[1] else None
    return TimeValue(head, "decade", _iso(rng), "decade")


@rule("year", rf"\b(?:(?:in|since|by|until|till|before|after|from|during|through|of|early|late|mid|fiscal|"
              rf"the\s+year|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of)\s+)({_YEAR})\b"
              rf"(?!\s*(?:%|percent|people|troops|soldiers|tons|tonnes|km|miles|dollars|yuan|euros))"
              rf"|\b({_YEAR})(?=['’]s\b|\s+(?:election|elections|summit|budget|census|olympics|games|campaign|"
              rf"presidential|midterms?|race|vote|referendum|war|crisis|agreement|deal|accord|pact|law|"
              rf"talks|meeting|visit)\b)", ("#year",))
def _r_year(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    y = int(m[1] or m[2])
    first = m[0].lower().split()[0]
    part = first if first in ("early", "late", "mid") else None
    return _year(y, "year", part)


@rule("duration", rf"\b(?:(nearly|almost|about|around|more\s+than|over|less\s+than|some|roughly|at\s+least|"
                  rf"up\s+to|just\s+over|just\s+under|the\s+past|the\s+last|for)\s+)?({_NUM})[\s-]+({_UNIT})"
                  rf"(?!\s+ago)\b(?![-‐])", UNIT_TRIGGERS)
def _r_duration(m: re.Match[str], a: Anchor | None, tense: Tense | None) -> TimeValue | None:
    n = _num(m[2])
    if m[2].lower() in ("a", "an") and m[3].lower().endswith("s"):
        return None  # "a days-long drift"
    unit = m[3].lower().rstrip("s")
    if unit == "decade":
        n, unit = n * 10, "year"
    if unit == "century":
        n, unit = n * 100, "year"
    if unit == "quarter":
        n, unit = n * 3, "month"
    amount = int(n) if n == int(n) else n
    value = f"PT{amount}{UNIT_CODE[unit]}" if unit in ("hour", "minute") else f"P{amount}{UNIT_CODE[unit]}"
    return TimeValue(value, "duration", None, "duration")


# every rule's triggers, in one alternation over the lower-cased text (longest first)
_BY_TRIGGER: dict[str, list[int]] = {}
for _k, _r in enumerate(_RULES):
    for _t in _r.triggers:
        _BY_TRIGGER.setdefault(_t, []).append(_k)
_SHAPES = {"#iso": r"\d{4}-\d\d-\d\d", "#year": r"(?:19|20)\d\d", "#decade": r"'?\d{1,3}0s"}
# a lookbehind, not \b, in front: the regex engine then skips through the text several times faster
_TRIGGERS = re.compile(r"(?<!\w)(?:" + "|".join(
    [_SHAPES[t] for t in _SHAPES if t in _BY_TRIGGER]
    + [alternation(t for t in _BY_TRIGGER if not t.startswith("#"))])  # a trie: fast on every word
    + r")\b")


def _trigger_key(word: str) -> str:
    if word[-1] == "s" and word[-2:-1] == "0" and (word[0] == "'" or word[0].isdigit()):
        return "#decade"
    if word[0].isdigit():
        return "#iso" if "-" in word else "#year"
    return word


def _norm_part(part: str | None) -> str | None:
    if not part:
        return None
    p = " ".join(part.lower().split())
    return {"the end of": "late", "the start of": "early", "the beginning of": "early",
            "the middle of": "mid"}.get(p, p)


# -- finding and normalising -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    text: str
    value: TimeValue


def find(text: str, anchor: str | dt.date | Anchor | None, start: int = 0, end: int | None = None,
         tense: Tense | None = None, bounds: list[tuple[int, int]] | None = None) -> list[Found]:
    """Time expressions in text[start:end], longest first where they overlap, normalised against `anchor`.

    The tense of an expression's clause is read from the text (unless `tense` is given) where the rule
    needs it. `bounds`, the sentences' (start, end) offsets, keep expressions and clauses inside one
    sentence; each rule then scans the whole text once, which is what makes a document cheap."""
    a = anchor if isinstance(anchor, Anchor) else Anchor.parse(anchor)
    stop = len(text) if end is None else end
    low = text.lower()
    same = len(low) == len(text)  # lower() keeps offsets but for a few letters ("İ"); else scan the original
    regions = bounds or [(start, stop)]
    firsts = [b[0] for b in regions]
    # one pass finds the trigger words; each rule then scans only windows around its own triggers, within
    # the trigger's sentence (an expression reaches at most a few words either side of its trigger word)
    todo: dict[int, list[tuple[int, int]]] = {}
    for m in _TRIGGERS.finditer(low, start, stop):
        k = bisect_right(firsts, m.start()) - 1
        if k < 0:
            continue
        lo, hi = max(start, regions[k][0], m.start() - WINDOW_BEFORE), min(stop, regions[k][1], m.end() + WINDOW_AFTER)
        for order in _BY_TRIGGER.get(_trigger_key(m.group()), ()):
            spans = todo.setdefault(order, [])
            if spans and lo <= spans[-1][1] and spans[-1][0] >= regions[k][0]:
                spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))  # overlapping windows of one sentence
            else:
                spans.append((lo, hi))
    hits: list[tuple[int, int, int, Handler, bool, re.Match[str]]] = []
    seen: set[tuple[int, int, int]] = set()
    for order in sorted(todo):
        r = _RULES[order]
        for lo, hi in todo[order]:
            for m in (r.scan.finditer(low, lo, hi) if same else r.exact.finditer(text, lo, hi)):
                if m.end() > m.start() and (m.start(), m.end(), order) not in seen:
                    seen.add((m.start(), m.end(), order))
                    exact = r.exact.match(text, m.start()) if same else m
                    if exact is not None:
                        hits.append((exact.start(), exact.end(), order, r.handler, r.tense, exact))
    if not hits:
        return []
    # longest first, then earlier rules first (they are the more specific)
    hits.sort(key=lambda h: (h[0] - h[1], h[2], h[0]))
    firsts = [b[0] for b in bounds] if bounds else None  # type: ignore[assignment]
    taken: list[tuple[int, int]] = []
    out: list[Found] = []
    for s, e, _order, fn, needs, m in hits:
        if any(s < te and ts < e for ts, te in taken):
            continue
        lo, hi = start, stop
        if bounds and firsts is not None:
            k = bisect_right(firsts, s) - 1
            if k < 0 or e > bounds[k][1]:
                continue  # runs across sentences
            lo, hi = bounds[k]
        t = tense
        if needs and t is None:
            t = clause_tense(text[max(lo, s - 120):s], text[e:min(hi, e + 80)])
        value = fn(m, a, t)
        if value is None:
            continue
        taken.append((s, e))
        out.append(Found(s, e, text[s:e], value))
    out.sort(key=lambda f: f.start)
    return out


def normalize(expression: str, anchor: str | dt.date | None, tense: Tense | None = None) -> TimeValue:
    """Normalise one expression ("last week", "May 20", "nearly 18 months") against an anchor date.

    The whole expression is read as a time; `tense` places bare weekdays and months (past by default).
    Returns a TimeValue whose value is None when nothing in it is a time or the anchor cannot place it."""
    found = find(expression, anchor, tense=tense)
    if not found:
        return TimeValue(None, None, None, "none")
    return max(found, key=lambda f: f.end - f.start).value


# -- the publication date from a dateline --------------------------------------------------------------------
_DATELINE = re.compile(
    rf"^\s*(?-i:[A-Z][A-Z .'-]{{2,40}}),\s*(?:\w+\s+)?({_MONTH})\s+(\d{{1,2}}),?\s*({_YEAR})?\s*"
    rf"(?:\([^)]{{1,40}}\))?\s*[-—–]", re.I)


def dateline(text: str, year_hint: int | None = None) -> str | None:
    """The date of a dateline at the start of a text ("BEIJING, April 26, 2024 (Reuters) -"), as ISO.

    A dateline without a year needs `year_hint` (a year known from elsewhere)."""
    m = _DATELINE.match(text[:200])
    if not m:
        return None
    year = int(m[3]) if m[3] else year_hint
    if year is None:
        return None
    try:
        return dt.date(year, _mon(m[1]), int(m[2])).isoformat()
    except ValueError:
        return None


# -- the pipeline stage ---------------------------------------------------------------------------------------
class TimeStage:
    """Fills `times`: every time expression of every sentence, normalised against the publication date.

    A document without a publication date takes it from a dateline with a year, when it has one."""

    name = "time"
    requires = frozenset({"sentences"})
    assigns = frozenset({"times", "published"})

    def __init__(self, languages: tuple[str, ...] | frozenset[str] = ("en",)) -> None:
        self.languages: frozenset[str] | None = frozenset(languages)

    def __call__(self, doc: Document) -> Document:
        published, notes = doc.published, doc.notes
        if not published:
            found = dateline(doc.text)
            if found:
                published = found
                notes = (*notes, Note(self.name, f"publication date {found} taken from the dateline"))
        anchor = Anchor.parse(published)
        bounds = [(s.start, s.end) for s in doc.sentences]
        firsts = [b[0] for b in bounds]
        times = []
        for f in find(doc.text, anchor, bounds=bounds):
            v = f.value
            i = bisect_right(firsts, f.start) - 1
            times.append(TimeExpr(i, f.start, f.end, f.text, v.value, v.precision, v.range, v.rule))
        if anchor is None and times:
            notes = (*notes, Note(self.name, "no publication date: relative time expressions are left unresolved"))
        return replace(doc, times=tuple(times), published=published, notes=notes)

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)
