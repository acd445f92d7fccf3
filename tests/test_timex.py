"""The time-expression stage: recognising and normalising time expressions against the publication date.

Every expected value in TABLE was worked out by hand from the rules of the issue (weekdays and ISO weeks
checked with Python's datetime while writing), not copied from the code's output. All texts were written
for these tests.

Anchors used most: 2024-04-24 is a Wednesday in ISO week 2024-W17; 2024-04-27 a Saturday; 2024-04-22 a
Monday; 2024-01-02 a Tuesday in 2024-W01; 2023-12-30 a Saturday in 2023-W52; 2021-01-03 a Sunday in
2020-W53; 2019-12-31 a Tuesday in 2020-W01; 2026-12-24 a Thursday in 2026-W52 (2026 has 53 ISO weeks).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import dyad
from conftest import front_matter, write
from dyad import cli
from dyad.cli import app
from dyad.contract import to_record
from dyad.timex import Anchor, TimeStage, TimeValue, clause_tense, dateline, find, normalize

WED = "2024-04-24"   # Wednesday, 2024-W17
SAT = "2024-04-27"   # Saturday, 2024-W17
JAN2 = "2024-01-02"  # Tuesday, 2024-W01
DEC30 = "2023-12-30"  # Saturday, 2023-W52

NOT_CHECKED: Any = ...  # the row does not pin the range


def R(start: str | tuple[str, str], end: str | tuple[str, str]) -> tuple[Any, Any]:
    """An expected range: each end either an exact ISO day or an inclusive (lowest, highest) window."""
    return (start, end)


def _in(day: str, want: str | tuple[str, str]) -> bool:
    if isinstance(want, str):
        return day == want
    return want[0] <= day <= want[1]


def row(text: str, anchor: str | None, value: str | None, precision: str | None, rng: Any = NOT_CHECKED, *,
        expr: str | None = None, bug: str | None = None, id: str | None = None) -> Any:
    """One table row. `expr` is the expression as found in `text` (default: the whole text)."""
    marks = [pytest.mark.xfail(strict=True, reason=f"BUG: {bug}")] if bug else []
    return pytest.param(text, anchor, value, precision, rng, expr or text, marks=marks,
                        id=id or f"{text}@{anchor}")


TABLE = [
    # -- today / yesterday / tomorrow / tonight -------------------------------------------------------------
    row("today", WED, "2024-04-24", "day"),
    row("yesterday", WED, "2024-04-23", "day"),
    row("tomorrow", WED, "2024-04-25", "day"),
    row("tonight", WED, "2024-04-24", "day"),
    row("this morning", WED, "2024-04-24", "day"),
    row("the day before yesterday", WED, "2024-04-22", "day"),
    row("The blast shook the capital last night.", WED, "2024-04-23", "day", expr="last night"),
    row("yesterday", JAN2, "2024-01-01", "day"),
    row("tomorrow", DEC30, "2023-12-31", "day"),
    row("yesterday", "2024-03-01", "2024-02-29", "day"),  # leap year
    # -- weeks (ISO numbering, range Monday..Sunday) ----------------------------------------------------------
    row("last week", WED, "2024-W16", "week", ("2024-04-15", "2024-04-21")),
    row("this week", WED, "2024-W17", "week", ("2024-04-22", "2024-04-28")),
    row("next week", WED, "2024-W18", "week", ("2024-04-29", "2024-05-05")),
    row("last week", JAN2, "2023-W52", "week", ("2023-12-25", "2023-12-31")),
    row("this week", JAN2, "2024-W01", "week", ("2024-01-01", "2024-01-07")),
    row("next week", DEC30, "2024-W01", "week", ("2024-01-01", "2024-01-07")),
    row("this week", DEC30, "2023-W52", "week", ("2023-12-25", "2023-12-31")),
    row("this week", "2021-01-03", "2020-W53", "week", ("2020-12-28", "2021-01-03")),
    row("this week", "2019-12-31", "2020-W01", "week", ("2019-12-30", "2020-01-05")),
    row("next week", "2026-12-24", "2026-W53", "week", ("2026-12-28", "2027-01-03")),
    row("last week", "2021-01-08", "2020-W53", "week", ("2020-12-28", "2021-01-03")),
    row("two weeks ago", WED, "2024-W15", "week", ("2024-04-08", "2024-04-14")),
    row("a week ago", WED, "2024-W16", "week", ("2024-04-15", "2024-04-21")),
    # -- months -------------------------------------------------------------------------------------------------
    row("last month", WED, "2024-03", "month"),
    row("this month", WED, "2024-04", "month"),
    row("next month", WED, "2024-05", "month"),
    row("last month", JAN2, "2023-12", "month"),
    row("next month", DEC30, "2024-01", "month"),
    row("last month", "2024-03-31", "2024-02", "month"),
    row("next month", "2024-01-31", "2024-02", "month"),
    row("earlier this month", WED, "2024-04", "month", R("2024-04-01", ("2024-04-01", "2024-04-24"))),
    row("late next month", WED, "2024-05", "month", R(("2024-05-11", "2024-05-31"), "2024-05-31")),
    row("early next month", WED, "2024-05", "month", R("2024-05-01", ("2024-05-01", "2024-05-20"))),
    row("last November", WED, "2023-11", "month"),
    row("last March", WED, "2024-03", "month"),
    row("next March", WED, "2025-03", "month"),
    row("this November", WED, "2024-11", "month"),
    row("last December", JAN2, "2023-12", "month"),
    row("next January", DEC30, "2024-01", "month"),
    row("In February 2022, troops crossed the border.", WED, "2022-02", "month", expr="February 2022"),
    row("in November of last year", WED, "2023-11", "month"),
    row("in March of next year", WED, "2025-03", "month"),
    row("The vote is due in March 2025.", WED, "2025-03", "month", expr="March 2025"),
    row("Prices rose sharply in February.", WED, "2024-02", "month", expr="in February"),
    row("The election will be held in February.", WED, "2025-02", "month", expr="in February"),
    row("The talks collapsed in June.", WED, "2023-06", "month", expr="in June"),
    row("The summit will take place in June.", WED, "2024-06", "month", expr="in June"),
    row("The ministers met in April.", WED, "2024-04", "month", expr="in April"),
    row("In December, exports fell.", JAN2, "2023-12", "month", expr="In December"),
    row("The new rules will take effect in January.", DEC30, "2024-01", "month", expr="in January"),
    row("The exhibition will run until February.", WED, "2025-02", "month", expr="until February"),
    row("The exhibition runs until February.", WED, "2025-02", "month", expr="until February"),
    # -- a month and a day ------------------------------------------------------------------------------------
    row("May 20", WED, "2024-05-20", "day"),  # no tense: the nearest May 20
    row("The deal was signed on May 20.", WED, "2023-05-20", "day", expr="May 20"),
    row("The vote will be held on May 20.", WED, "2024-05-20", "day", expr="May 20"),
    row("The vote will take place on May 20.", WED, "2024-05-20", "day", expr="May 20"),
    row("The envoy returned on Jan. 5.", WED, "2024-01-05", "day", expr="Jan. 5"),
    row("on Jan. 5.", WED, "2024-01-05", "day", expr="Jan. 5"),
    row("The strike began on Dec. 3.", WED, "2023-12-03", "day", expr="Dec. 3"),
    row("The tariffs will take effect on Aug. 1.", WED, "2024-08-01", "day", expr="Aug. 1"),
    row("The talks resumed on Sept. 11.", WED, "2023-09-11", "day", expr="Sept. 11"),
    row("The court ruled on Feb. 29.", "2025-03-10", "2024-02-29", "day", expr="Feb. 29"),
    row("April 5th", WED, "2024-04-05", "day"),
    row("The vote was held on April 24.", WED, "2024-04-24", "day", expr="April 24"),
    # -- full dates -------------------------------------------------------------------------------------------
    row("2024-04-23", WED, "2024-04-23", "day"),
    row("April 26, 2024", WED, "2024-04-26", "day"),
    row("26 April 2024", WED, "2024-04-26", "day"),
    row("Wednesday, April 24, 2024", WED, "2024-04-24", "day"),
    row("Jan. 5, 2025", WED, "2025-01-05", "day"),
    row("Feb. 29, 2024", WED, "2024-02-29", "day"),
    # -- weekdays and tense ------------------------------------------------------------------------------------
    row("The minister arrived on Saturday.", WED, "2024-04-20", "day", expr="Saturday"),
    row("The minister will arrive on Saturday.", WED, "2024-04-27", "day", expr="Saturday"),
    row("The minister arrived on Wednesday.", WED, "2024-04-24", "day", expr="Wednesday"),
    row("The minister will arrive on Wednesday.", WED, "2024-04-24", "day", expr="Wednesday"),
    row("Lawmakers are expected to vote Tuesday.", WED, "2024-04-30", "day", expr="Tuesday"),
    row("Lawmakers voted on Tuesday.", WED, "2024-04-23", "day", expr="Tuesday"),
    row("The festival runs through Friday.", WED, "2024-04-26", "day", expr="Friday"),
    row("The two leaders spoke by phone on Monday evening.", WED, "2024-04-22", "day", expr="Monday evening"),
    row("last Thursday", WED, "2024-04-18", "day"),
    row("this Saturday", WED, "2024-04-27", "day"),
    row("this coming Saturday", WED, "2024-04-27", "day"),
    row("this past Saturday", WED, "2024-04-20", "day"),
    row("next Monday", WED, "2024-04-29", "day"),
    row("on Saturday", WED, "2024-04-20", "day", expr="Saturday"),  # no tense cue: news default is the past
    row("The minister arrived on Saturday.", SAT, "2024-04-27", "day", expr="Saturday"),
    row("The minister will arrive on Saturday.", SAT, "2024-04-27", "day", expr="Saturday"),
    row("The minister will arrive on Sunday.", SAT, "2024-04-28", "day", expr="Sunday"),
    row("The minister arrived on Sunday.", SAT, "2024-04-21", "day", expr="Sunday"),
    row("last Saturday", SAT, "2024-04-20", "day"),
    row("next Saturday", SAT, "2024-05-04", "day"),
    row("The talks ended on Friday.", JAN2, "2023-12-29", "day", expr="Friday"),
    row("Parliament will reconvene on Tuesday.", DEC30, "2024-01-02", "day", expr="Tuesday"),
    # -- quarters --------------------------------------------------------------------------------------------
    row("The economy grew 2 percent in the first quarter.", WED, "2024-Q1", "quarter",
        ("2024-01-01", "2024-03-31"), expr="first quarter"),
    row("Growth will slow in the second quarter.", WED, "2024-Q2", "quarter", ("2024-04-01", "2024-06-30"),
        expr="second quarter"),
    row("Sales fell in the third quarter.", "2024-02-10", "2023-Q3", "quarter", ("2023-07-01", "2023-09-30"),
        expr="third quarter"),
    row("Q3 2023", WED, "2023-Q3", "quarter", ("2023-07-01", "2023-09-30")),
    row("the fourth quarter of 2023", WED, "2023-Q4", "quarter", ("2023-10-01", "2023-12-31"),
        expr="fourth quarter of 2023"),
    row("last quarter", WED, "2024-Q1", "quarter", ("2024-01-01", "2024-03-31")),
    row("this quarter", WED, "2024-Q2", "quarter", ("2024-04-01", "2024-06-30")),
    row("next quarter", "2024-11-05", "2025-Q1", "quarter", ("2025-01-01", "2025-03-31")),
    row("Growth will pick up in the first quarter.", "2024-11-05", "2025-Q1", "quarter",
        ("2025-01-01", "2025-03-31"), expr="first quarter"),
    # -- seasons (meteorological: spring Mar-May, summer Jun-Aug, autumn Sep-Nov, winter Dec-Feb) -------------
    row("last summer", WED, "2023-SU", "season", ("2023-06-01", "2023-08-31")),
    row("this spring", WED, "2024-SP", "season", ("2024-03-01", "2024-05-31")),
    row("summer 2021", WED, "2021-SU", "season", ("2021-06-01", "2021-08-31")),
    row("the winter of 2022", WED, "2022-WI", "season", ("2022-12-01", "2023-02-28")),
    row("last winter", WED, "2023-WI", "season", ("2023-12-01", "2024-02-29")),
    row("next winter", WED, "2024-WI", "season", ("2024-12-01", "2025-02-28")),
    row("last fall", WED, "2023-FA", "season", ("2023-09-01", "2023-11-30")),
    row("next spring", WED, "2025-SP", "season", ("2025-03-01", "2025-05-31")),
    row("last summer", "2024-09-20", "2024-SU", "season", ("2024-06-01", "2024-08-31")),
    row("The plant will reopen in the summer.", WED, "2024-SU", "season", ("2024-06-01", "2024-08-31"),
        expr="in the summer"),
    row("The fighting stopped in the summer.", WED, "2023-SU", "season", ("2023-06-01", "2023-08-31"),
        expr="in the summer"),
    row("The talks will resume in the spring.", "2024-11-05", "2025-SP", "season", ("2025-03-01", "2025-05-31"),
        expr="in the spring"),
    row("last summer", "2024-07-15", "2023-SU", "season", ("2023-06-01", "2023-08-31")),
    row("last spring", WED, "2023-SP", "season", ("2023-03-01", "2023-05-31")),
    row("this winter", "2024-01-15", "2023-WI", "season", ("2023-12-01", "2024-02-29")),
    # -- years ------------------------------------------------------------------------------------------------
    row("last year", WED, "2023", "year"),
    row("this year", WED, "2024", "year"),
    row("next year", WED, "2025", "year"),
    row("last year", JAN2, "2023", "year"),
    row("next year", DEC30, "2024", "year"),
    row("in 2020", WED, "2020", "year"),
    row("early last year", WED, "2023", "year", R("2023-01-01", ("2023-01-01", "2023-06-30"))),
    row("early 2023", WED, "2023", "year", R("2023-01-01", ("2023-01-01", "2023-06-30"))),
    row("late 2019", WED, "2019", "year", R(("2019-07-01", "2019-12-31"), "2019-12-31")),
    row("later this year", WED, "2024", "year", R(("2024-04-24", "2024-04-25"), "2024-12-31")),
    # -- "ago": a value at the unit's precision, and for months and years a range around the day counted back -
    row("five days ago", WED, "2024-04-19", "day"),
    row("10 days ago", WED, "2024-04-14", "day"),
    row("a year ago", WED, "2023", "year", R(("2022-04-24", "2023-04-24"), ("2023-04-24", "2024-04-24"))),
    row("three years ago", WED, "2021", "year", R(("2018-04-24", "2021-04-24"), ("2021-04-24", "2024-04-24"))),
    row("a decade ago", WED, "2014", "year", R(("2004-04-24", "2014-04-24"), ("2014-04-24", "2024-04-24"))),
    row("six months ago", WED, "2023-10", "month", R(("2023-04-24", "2023-10-24"), ("2023-10-24", "2024-04-24"))),
    row("a few months ago", WED, "2024-01", "month",
        R(("2023-04-24", "2024-01-24"), ("2024-01-24", "2024-04-24"))),
    # -- vague references: a REF value and a range on the right side of the anchor ----------------------------
    row("in recent months", WED, "PAST_REF", "vague", R(("2023-04-24", "2024-03-24"), "2024-04-24")),
    row("in the past few years", WED, "PAST_REF", "vague", R(("2014-04-24", "2023-04-24"), "2024-04-24")),
    row("recently", WED, "PAST_REF", "vague", R(("2023-04-24", "2024-04-23"), "2024-04-24")),
    row("in the coming weeks", WED, "FUTURE_REF", "vague", R("2024-04-24", ("2024-05-01", "2024-07-24"))),
    row("soon", WED, "FUTURE_REF", "vague", R("2024-04-24", ("2024-04-25", "2025-04-24"))),
    row("currently", WED, "PRESENT_REF", "vague", R(("2024-01-01", "2024-04-24"), ("2024-04-24", "2024-12-31"))),
    row("nowadays", WED, "PRESENT_REF", "vague", R(("2024-01-01", "2024-04-24"), ("2024-04-24", "2024-12-31"))),
    # -- since: from the start of the period to the anchor ---------------------------------------------------
    row("since 2012", WED, "2012", "year", ("2012-01-01", "2024-04-24")),
    row("since August 2022", WED, "2022-08", "month", ("2022-08-01", "2024-04-24")),
    row("since 1991", JAN2, "1991", "year", ("1991-01-01", "2024-01-02")),
    # -- durations: not dates -----------------------------------------------------------------------------------
    row("nearly 18 months", WED, "P18M", "duration", None),
    row("a two-day visit", WED, "P2D", "duration", None, expr="two-day"),
    row("270 days", WED, "P270D", "duration", None),
    row("about four hours", WED, "PT4H", "duration", None),
    row("45 minutes", WED, "PT45M", "duration", None),
    row("six months", WED, "P6M", "duration", None),
    row("for two decades", WED, "P20Y", "duration", None),
    row("The strike lasted a week.", WED, "P1W", "duration", None, expr="a week"),
    row("three days of meetings", WED, "P3D", "duration", None, expr="three days"),
    row("the past decade", WED, "P10Y", "duration", ("2014-04-24", "2024-04-24")),
    row("Output doubled over the past decade.", "2020-02-29", "P10Y", "duration", ("2010-02-28", "2020-02-29"),
        expr="the past decade"),
    # -- decades ------------------------------------------------------------------------------------------------
    row("the 1990s", WED, "199", "decade"),
    row("the 1980s", WED, "198", "decade"),
    row("the 2010s", WED, "201", "decade"),
    row("the '90s", WED, "199", "decade"),
    row("the early 2000s", WED, "200", "decade", R("2000-01-01", ("2000-01-01", "2005-12-31"))),
    # -- a partial anchor: what it allows resolves, the rest stays unresolved ---------------------------------
    row("last month", "2018-10", "2018-09", "month"),
    row("next month", "2018-10", "2018-11", "month"),
    row("last year", "2018-10", "2017", "year"),
    row("last November", "2018-10", "2017-11", "month"),
    row("Prices rose sharply in February.", "2018-10", "2018-02", "month", expr="in February"),
    row("The minister arrived on Saturday.", "2018-10", None, None, expr="Saturday"),
    row("yesterday", "2018-10", None, None),
    row("last week", "2018-10", None, None),
    row("last year", "2018", "2017", "year"),
    row("last month", "2018", None, None),
    # -- no anchor at all: relative expressions keep their text and have no value; absolute ones resolve -----
    row("last week", None, None, None),
    row("yesterday", None, None, None),
    row("last November", None, None, None),
    row("The minister arrived on Saturday.", None, None, None, expr="Saturday"),
    row("2024-04-23", None, "2024-04-23", "day"),
    row("in February 2022", None, "2022-02", "month", expr="February 2022"),
    row("nearly 18 months", None, "P18M", "duration", None),
    row("the 1990s", None, "199", "decade"),
    row("Q3 2023", None, "2023-Q3", "quarter", ("2023-07-01", "2023-09-30")),
]


def _check_range(got: tuple[str, str] | None, want: Any) -> None:
    if want is NOT_CHECKED:
        return
    if want is None:
        assert got is None, f"expected no range, got {got}"
        return
    assert got is not None, f"expected a range like {want}, got none"
    assert got[0] <= got[1], got
    assert _in(got[0], want[0]) and _in(got[1], want[1]), f"range {got} does not fit {want}"


@pytest.mark.parametrize(("text", "anchor", "value", "precision", "rng", "expr"), TABLE)
def test_table(text: str, anchor: str | None, value: str | None, precision: str | None, rng: Any,
               expr: str) -> None:
    found = find(text, anchor)
    hits = [f for f in found if f.text == expr]
    assert len(hits) == 1, f"{expr!r} not found once in {text!r}: {found}"
    f = hits[0]
    assert text[f.start:f.end] == expr
    assert (f.value.value, f.value.precision) == (value, precision)
    _check_range(f.value.range, rng)
    if expr == text:  # the library entry point agrees for a bare expression
        assert normalize(text, anchor) == f.value


def test_table_is_big_enough() -> None:
    assert len(TABLE) >= 100
    assert len({(p.values[0], p.values[1]) for p in TABLE}) == len(TABLE), "a row appears twice"


# -- normalize() as a library function ----------------------------------------------------------------------

def test_normalize_examples_from_the_docs() -> None:
    assert normalize("last week", "2024-04-23") == TimeValue("2024-W16", "week", ("2024-04-15", "2024-04-21"),
                                                              "unit_shift")
    assert normalize("on Saturday", "2024-04-23", tense="past").value == "2024-04-20"


@pytest.mark.parametrize(("tense", "value"), [("past", "2024-04-20"), ("present", "2024-04-27"),
                                              ("future", "2024-04-27"), (None, "2024-04-20")])
def test_normalize_tense_argument_places_a_weekday(tense: Any, value: str) -> None:
    assert normalize("on Saturday", WED, tense=tense).value == value


@pytest.mark.parametrize(("tense", "value"), [("past", "2023-06"), ("future", "2024-06")])
def test_normalize_tense_argument_places_a_month(tense: Any, value: str) -> None:
    assert normalize("in June", WED, tense=tense).value == value


def test_normalize_accepts_a_date_object_and_ignores_tense_for_the_publication_weekday() -> None:
    anchor = dt.date(2024, 4, 24)
    for tense in ("past", "present", "future"):
        assert normalize("Wednesday", anchor, tense=tense).value == "2024-04-24"  # type: ignore[arg-type]


def test_normalize_of_no_time_is_an_empty_value() -> None:
    v = normalize("the harbor commission", WED)
    assert (v.value, v.precision, v.range) == (None, None, None)


def test_jan_5_with_a_sentence_period_is_not_the_15th() -> None:
    v = normalize("on Jan. 5.", WED)
    assert v.value == "2024-01-05"
    found = find("Talks began on Jan. 5. 15 people were detained later.", WED)
    dates = [(f.text, f.value.value) for f in found if f.value.precision == "day"]
    assert dates == [("Jan. 5", "2024-01-05")]


def test_an_impossible_leap_day_is_no_date() -> None:
    found = find("The treaty was signed on Feb. 29, 2023.", WED)
    assert not [f for f in found if f.value.value and f.value.value.startswith("2023-0")], found


def test_anchor_parse() -> None:
    assert Anchor.parse("2024-04-24") == Anchor(2024, 4, 24)
    assert Anchor.parse("2018-10") == Anchor(2018, 10, None)
    assert Anchor.parse("2018") == Anchor(2018, None, None)
    assert Anchor.parse(dt.date(2024, 2, 29)) == Anchor(2024, 2, 29)
    assert Anchor.parse(None) is None and Anchor.parse("") is None and Anchor.parse("soon") is None
    assert Anchor.parse("2018-10").date is None  # type: ignore[union-attr]
    assert Anchor(2024, 2, 29).date == dt.date(2024, 2, 29)


# -- what is not a time -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Officials said the talks may resume after the holiday.",        # modal "may"
    "The soldiers sat on the wall and waited for orders.",           # "sat", a verb
    "Thousands plan to march to the parliament building.",           # "march", a verb
    "The fund is worth 580 million dollars.",
    "The army sent some 2000 soldiers to the border.",
    "The boat was lost in a days-long drift at sea.",
    "Inflation slowed to 3.5 percent.",
    "The prime minister returned to No. 10 for a cabinet meeting.",
    "The rebels may 20 times have broken the truce.",
    "She said the crowd would sun itself on the square.",
])
def test_no_time_expression(text: str) -> None:
    assert find(text, WED) == []


def test_modal_may_beside_a_real_date() -> None:
    text = "The committee may vote on May 20."
    found = find(text, WED)
    assert [(f.text, f.value.value) for f in found] == [("May 20", "2024-05-20")]


# -- find() on a paragraph --------------------------------------------------------------------------------

PARAGRAPH = (
    "The delegation arrived in Geneva on Monday for three days of meetings starting Wednesday, officials said. "
    "The talks follow nearly 18 months of stalled contacts, and both sides hope to sign an agreement by May 20. "
    "Prices have risen 3.5 percent since 2012, and some 2000 soldiers remain at the border. "
    "Last year the two governments met twice, and in February 2022 they signed a framework; the next round "
    "is set for the first quarter of 2025.")


def test_find_spans_values_and_longest_match() -> None:
    anchor = "2024-04-22"  # a Monday
    found = find(PARAGRAPH, anchor)
    for f in found:
        assert PARAGRAPH[f.start:f.end] == f.text
    assert [f.start for f in found] == sorted(f.start for f in found)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start, "overlapping expressions"
    got = [(f.text, f.value.value, f.value.precision) for f in found]
    assert got == [
        ("Monday", "2024-04-22", "day"),
        ("for three days", "P3D", "duration"),
        ("Wednesday", "2024-04-24", "day"),  # "starting Wednesday": the coming one, not 2024-04-17
        ("nearly 18 months", "P18M", "duration"),
        ("May 20", "2024-05-20", "day"),
        ("since 2012", "2012", "year"),
        ("Last year", "2023", "year"),
        ("February 2022", "2022-02", "month"),
        ("first quarter of 2025", "2025-Q1", "quarter"),
    ]
    since = next(f for f in found if f.text == "since 2012")
    assert since.value.range == ("2012-01-01", "2024-04-22")


def test_find_longest_match_wins_over_its_parts() -> None:
    text = "The strike began on Wednesday, April 24, 2024, at dawn."
    found = find(text, "2024-05-01")
    assert [(f.text, f.value.value) for f in found] == [("Wednesday, April 24, 2024", "2024-04-24")]


def test_find_within_bounds() -> None:
    text = "Talks ended yesterday. They resume next week."
    cut = text.index("They")
    found = find(text, WED, start=cut)
    assert [(f.text, f.value.value) for f in found] == [("next week", "2024-W18")]
    found = find(text, WED, end=cut)
    assert [(f.text, f.value.value) for f in found] == [("yesterday", "2024-04-23")]


def test_find_tense_argument_overrides_the_text() -> None:
    text = "The minister arrived on Saturday."
    assert [f.value.value for f in find(text, WED, tense="future")] == ["2024-04-27"]


def test_find_without_anchor_keeps_the_text() -> None:
    text = "The minister arrived on Saturday and will leave next week."
    found = find(text, None)
    assert [(f.text, f.value.value) for f in found] == [("Saturday", None), ("next week", None)]
    assert all(text[f.start:f.end] == f.text for f in found)


# -- clause_tense -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("before", "after", "tense"), [
    ("The minister will arrive on ", "", "future"),
    ("Lawmakers are expected to vote ", "", "future"),
    ("The talks are scheduled for ", "", "future"),
    ("The minister arrived on ", "", "past"),
    ("The two sides met on ", "", "past"),
    ("Officials said the strike ended on ", "", "past"),
    ("The festival runs through ", "", "present"),
    ("The exhibition remains open until ", "", "present"),
    ("She arrived yesterday; the committee will meet on ", "", "future"),  # the cue in an earlier clause is ignored
    ("On ", ", the minister arrived in the capital.", "past"),               # no cue before: read the text after
    ("On ", ", the minister will arrive in the capital.", "future"),
    ("The ", "", None),
    ("The election will be held in ", "", "future"),  # a passive: the auxiliary carries the tense
    ("The deal will be signed on ", "", "future"),
])
def test_clause_tense(before: str, after: str, tense: str | None) -> None:
    assert clause_tense(before, after) == tense


# -- dateline() -----------------------------------------------------------------------------------------------

def test_dateline_with_a_year() -> None:
    assert dateline("WASHINGTON, April 26, 2024 (Reuters) - The Senate passed the bill.") == "2024-04-26"
    assert dateline("LONDON, Jan. 5, 2024 (Reuters) - Shares fell.") == "2024-01-05"
    assert dateline("WASHINGTON, April 26, 2024 (Reuters) - The Senate.", year_hint=2019) == "2024-04-26"


def test_dateline_without_a_year_needs_a_hint() -> None:
    text = "BEIJING, April 26 (Reuters) - China said on Friday it would expand trade talks."
    assert dateline(text) is None
    assert dateline(text, year_hint=2024) == "2024-04-26"


def test_dateline_not_at_the_start() -> None:
    assert dateline("The Senate passed the bill on April 26, 2024, after a long debate.") is None
    assert dateline("Reporters were told that BEIJING, April 26 (Reuters) - was the line.") is None


@pytest.mark.parametrize("text", [
    "Officials spoke. WASHINGTON, April 26, 2024 (Reuters) - The Senate passed the bill.",
    "Officials in the capital said on Friday, April 26, 2024 - a day after the vote - that talks would go on.",
])
def test_dateline_after_other_words_is_not_a_dateline(text: str) -> None:
    assert dateline(text) is None


def test_dateline_with_an_impossible_day() -> None:
    assert dateline("OSLO, Feb. 30, 2024 (Reuters) - Nothing happened.") is None
    assert dateline("OSLO, Feb. 29, 2024 (Reuters) - Something happened.") == "2024-02-29"


# -- document dates through the pipeline ------------------------------------------------------------------

DATELINED = ("WASHINGTON, April 26, 2024 (Reuters) - The senator said on Thursday that the committee will vote "
             "next week on the harbor bill, which has been stalled for nearly 18 months.")
UNDATED = ("The minister arrived on Saturday and will leave next week, officials said in a short statement "
           "to reporters outside the ministry.")
STORY = ("The port authority said yesterday that the new cranes will arrive next month, after nearly 18 months "
         "of delays. Traffic has grown since 2012, and in recent months the queues have become longer.")


def _times(doc: dyad.Document) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in doc.times]


def test_extract_takes_the_date_from_a_dateline() -> None:
    doc = dyad.extract(DATELINED)
    assert doc.published == "2024-04-26"  # a Friday
    notes = [n for n in doc.notes if n.stage == "time"]
    assert len(notes) == 1 and "2024-04-26" in notes[0].message and "dateline" in notes[0].message
    times = dict(_times(doc))
    assert times["Thursday"] == "2024-04-25"
    assert times["next week"] == "2024-W18"
    assert times["nearly 18 months"] == "P18M"
    for t in doc.times:
        assert doc.text[t.start:t.end] == t.text
        s = doc.sentences[t.sentence]
        assert s.start <= t.start and t.end <= s.end


def test_metadata_date_wins_over_the_dateline() -> None:
    doc = dyad.extract(DATELINED, published="2024-05-03")
    assert doc.published == "2024-05-03"
    assert not [n for n in doc.notes if n.stage == "time"]
    assert dict(_times(doc))["Thursday"] == "2024-05-02"


def test_front_matter_date_is_used(tmp_path: Path) -> None:
    path = write(tmp_path / "port.txt", front_matter(STORY, published="2024-04-24", title="Cranes"))
    doc = dyad.extract_file(path)
    assert doc.published == "2024-04-24"
    times = dict(_times(doc))
    assert times["yesterday"] == "2024-04-23"
    assert times["next month"] == "2024-05"


def test_front_matter_date_wins_over_the_dateline(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.txt", front_matter(DATELINED, published="2024-05-03"))
    doc = dyad.extract_file(path)
    assert doc.published == "2024-05-03"
    assert dict(_times(doc))["Thursday"] == "2024-05-02"


def test_manifest_date_wins_over_front_matter(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "port.txt", front_matter(STORY, published="2024-04-24"))
    write(tmp_path / "docs" / "plain.txt", UNDATED)
    manifest = write(tmp_path / "docs" / "list.csv", "path,published,source\n"
                                                      "port.txt,2024-05-10,Harbor Light Gazette\n"
                                                      "plain.txt,2024-04-27,Harbor Light Gazette\n")
    docs = {d.doc_id: d for d in dyad.extract_many(manifest=manifest) if isinstance(d, dyad.Document)}
    assert set(docs) == {"port", "plain"}
    port, plain = docs["port"], docs["plain"]
    assert port.published == "2024-05-10"
    assert dict(_times(port))["yesterday"] == "2024-05-09"
    assert dict(_times(port))["next month"] == "2024-06"
    assert plain.published == "2024-04-27"  # a Saturday
    assert dict(_times(plain)) == {"Saturday": "2024-04-27", "next week": "2024-W18"}


def test_html_meta_date_is_used(tmp_path: Path) -> None:
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Cranes delayed | Harbor Light Gazette</title>
<meta property="og:title" content="Cranes delayed">
<meta property="article:published_time" content="2024-04-24T08:30:00+00:00">
</head><body>
<article><h1>Cranes delayed</h1>
<p>{STORY}</p>
<p>The harbor master said the cranes were last inspected in the first quarter and would be tested again
before the summer season opens to visitors.</p>
</article></body></html>
"""
    path = write(tmp_path / "cranes.html", html)
    (doc,) = list(dyad.extract_many([path]))
    assert isinstance(doc, dyad.Document)
    assert doc.published == "2024-04-24"
    times = dict(_times(doc))
    assert times["yesterday"] == "2024-04-23"
    assert times["first quarter"] == "2024-Q1"


def test_no_date_leaves_relative_expressions_unresolved() -> None:
    doc = dyad.extract(UNDATED)
    assert doc.published is None
    assert _times(doc) == [("Saturday", None), ("next week", None)]
    assert all(t.precision is None and t.range is None for t in doc.times)
    notes = [n.message for n in doc.notes if n.stage == "time"]
    assert len(notes) == 1 and "unresolved" in notes[0]


def test_no_date_still_resolves_absolute_expressions() -> None:
    doc = dyad.extract("The treaty was signed on 2019-06-14 and has been in force for nearly five years, "
                       "while talks on a second one continued last week.")
    assert doc.published is None
    assert _times(doc) == [("2019-06-14", "2019-06-14"), ("nearly five years", "P5Y"), ("last week", None)]
    assert [n.stage for n in doc.notes].count("time") == 1


def test_non_english_document_gets_no_times() -> None:
    text = ("Le ministre des Affaires étrangères a rencontré son homologue le 2024-04-23 à Paris. Les deux hommes "
            "ont parlé du commerce, de la pêche et de la sécurité en Europe, selon un porte-parole du ministère.")
    doc = dyad.extract(text)
    assert doc.language == "fr"
    assert doc.times == ()
    notes = [n.message for n in doc.notes if n.stage == "time"]
    assert len(notes) == 1 and "not run" in notes[0] and "'fr'" in notes[0]
    assert "times" in doc.done


def test_time_stage_on_its_own() -> None:
    stage = TimeStage()
    assert stage.name == "time"
    assert stage.requires == frozenset({"sentences"})
    assert {"times", "published"} <= stage.assigns
    assert stage.languages == frozenset({"en"})


# -- storage ----------------------------------------------------------------------------------------------

@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setattr(cli.out, "_width", 200)
    monkeypatch.setattr(cli.err, "_width", 200)
    return CliRunner()


def test_ingest_stores_times(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write(folder / "port.txt", front_matter(STORY, published="2024-04-24", title="Cranes"))
    write(folder / "plain.txt", UNDATED)
    db = tmp_path / "t.duckdb"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"
    assert "Time expressions" in result.stdout

    with dyad.open_store(db, read_only=True) as store:
        rows = store.con.execute(
            "SELECT d.doc_id, t.idx, t.text, t.value, t.precision, t.range_start, t.range_end, t.rule "
            "FROM times t JOIN documents d ON d.doc_key = t.doc_key ORDER BY d.doc_id, t.idx").fetchall()
        port = store.get("port")
        plain = store.get("plain")
    d = dt.date
    assert rows == [
        ("plain", 0, "Saturday", None, None, None, None, "weekday"),
        ("plain", 1, "next week", None, None, None, None, "unit_shift"),
        ("port", 0, "yesterday", "2024-04-23", "day", None, None, "relative_day"),
        ("port", 1, "next month", "2024-05", "month", None, None, "unit_shift"),
        ("port", 2, "nearly 18 months", "P18M", "duration", None, None, "duration"),
        ("port", 3, "since 2012", "2012", "year", d(2012, 1, 1), d(2024, 4, 24), "since"),
        ("port", 4, "in recent months", "PAST_REF", "vague", rows[6][5], d(2024, 4, 24), "vague"),
    ]
    assert isinstance(rows[6][5], dt.date) and rows[6][5] < d(2024, 4, 24)

    fresh = {x.doc_id: x for x in dyad.extract_many([folder]) if isinstance(x, dyad.Document)}
    assert port is not None and plain is not None
    assert port.times == fresh["port"].times
    assert plain.times == fresh["plain"].times
    assert port.published == "2024-04-24"


# -- the output contract -------------------------------------------------------------------------------------

def test_extract_output_validates_against_the_schema(validator: Any) -> None:
    docs = [dyad.extract(STORY, published="2024-04-24"), dyad.extract(DATELINED), dyad.extract(UNDATED)]
    for doc in docs:
        rec = to_record(doc)
        errors = sorted(validator.iter_errors(rec), key=str)
        assert not errors, [e.message for e in errors]
    first = to_record(docs[0])["times"]
    ranged = [t for t in first if t["range"] is not None]
    assert ranged, "no time with a range in the sample"
    for t in ranged:
        assert isinstance(t["range"], list) and len(t["range"]) == 2
        for day in t["range"]:
            dt.date.fromisoformat(day)
    assert {"sentence", "start", "end", "text", "value", "precision", "range", "rule"} <= set(first[0])
    assert [t["value"] for t in to_record(docs[2])["times"]] == [None, None]


def test_cli_extract_output_has_times(runner: CliRunner, tmp_path: Path, validator: Any) -> None:
    path = write(tmp_path / "port.txt", front_matter(STORY, published="2024-04-24"))
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"
    (rec,) = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert not list(validator.iter_errors(rec))
    assert ("since 2012", ["2012-01-01", "2024-04-24"]) in [(t["text"], t["range"]) for t in rec["times"]]
