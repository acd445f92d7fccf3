"""The boilerplate cleaner: one test per rule, negative tests for body text, paragraphs, removal records."""

from __future__ import annotations

import pytest

from conftest import EN_1, EN_2, EN_3
from dyad.text.clean import clean

BODY = f"{EN_1}\n\n{EN_2}"


def _rules(raw: str, **kw: str | None) -> list[tuple[str, str]]:
    return list(clean(raw, **kw).removed)


# -- the rules -----------------------------------------------------------------------------------

def test_nav_lines() -> None:
    raw = f"Skip to main content\n\nHome | World | Full Site Menu | Business\n\nAdvertisement\n\n{BODY}\n\nShare"
    result = clean(raw)
    assert result.text == BODY
    assert list(result.removed) == [
        ("nav", "Skip to main content"), ("nav", "Home | World | Full Site Menu | Business"),
        ("nav", "Advertisement"), ("nav", "Share")]


def test_read_more_line() -> None:
    raw = f"{EN_1}\n\nRead More: Why the eastern quay floods every winter\n\n{EN_2}"
    result = clean(raw)
    assert result.text == BODY
    assert list(result.removed) == [("read_more", "Read More: Why the eastern quay floods every winter")]


@pytest.mark.parametrize("bullet", ["- ", "• ", ""])
def test_related_heading_and_the_list_after_it(bullet: str) -> None:
    heads = ["Ten lighthouses worth a winter visit", "The quiet return of the oyster beds",
             "How one village saved its ferry"]
    listing = "\n".join(bullet + h for h in heads)
    raw = f"{EN_1}\n\nMore Must-Reads from Tidewater\n\n{listing}\n\n{EN_2}"
    result = clean(raw)
    assert result.text == BODY
    assert list(result.removed) == [("related", "More Must-Reads from Tidewater")] + [
        ("related", bullet + h) for h in heads]


def test_related_list_at_the_end_then_contact_line() -> None:
    raw = (f"{BODY}\n\nMost Popular\n\n- Lighthouse keeper retires after forty years\n"
           "- Storm closes the coastal road again\n\nContact us at letters@tidewater.example.")
    result = clean(raw)
    assert result.text == BODY
    assert [r for r, _ in result.removed] == ["related", "related", "related", "contact"]


@pytest.mark.parametrize("line", [
    "Contact us at letters@tidewater.example",
    "Write to Odile Brenner at odile.brenner@tidewater.example",
    "Questions? newsdesk@tidewater.example",
    "Follow us on Mastodon for more coastal news",
    "© 2024 Tidewater Courier. All rights reserved.",
])
def test_contact_lines(line: str) -> None:
    result = clean(f"{BODY}\n\n{line}")
    assert result.text == BODY
    assert list(result.removed) == [("contact", line)]


@pytest.mark.parametrize("caption", [
    "Fishing boats crowd the old harbor at dawn. | REUTERS",
    "Fishermen unload their catch at the quay on Tuesday. (AP Photo/Ana Lindqvist)",
    "A ferry leaves the eastern pier in heavy rain. Photo: Getty Images",
    "The harbor wall after the storm / Getty Images",
])
def test_photo_captions_with_credits(caption: str) -> None:
    result = clean(f"{EN_1}\n\n{caption}\n\n{EN_2}")
    assert result.text == BODY
    assert list(result.removed) == [("caption", caption)]


def test_caption_repeated_without_its_credit_goes_too() -> None:
    raw = (f"{EN_1}\n\nFishing boats crowd the old harbor at dawn. | REUTERS\n\n{EN_2}\n\n"
           f"Fishing boats crowd the old harbor at dawn.\n\n{EN_3}")
    result = clean(raw)
    assert result.text == f"{EN_1}\n\n{EN_2}\n\n{EN_3}"
    assert list(result.removed) == [("caption", "Fishing boats crowd the old harbor at dawn. | REUTERS"),
                                    ("caption", "Fishing boats crowd the old harbor at dawn.")]


def test_verbatim_repeated_short_line_keeps_the_first_copy() -> None:
    pull = "“We will not wait another winter.”"
    raw = f"{EN_1}\n\n{pull}\n\n{EN_2}\n\n{pull}\n\n{EN_3}"
    result = clean(raw)
    assert result.text == f"{EN_1}\n\n{pull}\n\n{EN_2}\n\n{EN_3}"
    assert list(result.removed) == [("repeated", pull)]


@pytest.mark.parametrize("sep", ["* * *", "———", "###", "~~~~", "•"])
def test_separators(sep: str) -> None:
    result = clean(f"{EN_1}\n\n{sep}\n\n{EN_2}")
    assert result.text == BODY
    assert list(result.removed) == [("separator", sep)]


def test_masthead_title_and_author_line_with_a_known_title() -> None:
    title = "Harbor moorings approved after two-year delay"
    raw = f"Tidewater Courier\nCoasts and Harbors\n\n{title}\n\nMarisol Quent\n\n{BODY}"
    result = clean(raw, title=title)
    assert result.text == BODY
    assert result.title == title
    assert result.author == "Marisol Quent"
    assert list(result.removed) == [("masthead", "Tidewater Courier"), ("masthead", "Coasts and Harbors"),
                                    ("title", title), ("byline", "Marisol Quent")]


def test_known_title_matches_despite_punctuation_and_case() -> None:
    result = clean(f"HARBOR MOORINGS APPROVED — AFTER TWO-YEAR DELAY\n\n{BODY}",
                   title="Harbor moorings approved after two-year delay")
    assert result.text == BODY
    assert result.title == "Harbor moorings approved after two-year delay"
    assert [r for r, _ in result.removed] == ["title"]


def test_by_line_under_a_guessed_title() -> None:
    raw = f"Harbor moorings approved after two-year delay\n\nBy Jane Roe and Tom Vale\n\n{BODY}"
    result = clean(raw)
    assert result.text == BODY
    assert result.title == "Harbor moorings approved after two-year delay"
    assert result.author == "Jane Roe and Tom Vale"
    assert list(result.removed) == [("title", "Harbor moorings approved after two-year delay"),
                                    ("byline", "By Jane Roe and Tom Vale")]


def test_by_line_with_a_known_title_not_in_the_text() -> None:
    result = clean(f"By Jane Roe\n\n{BODY}", title="Moorings approved")
    assert result.text == BODY
    assert result.author == "Jane Roe"
    assert list(result.removed) == [("byline", "By Jane Roe")]


def test_by_line_first_without_a_title() -> None:
    result = clean(f"By Jane Roe\n\n{BODY}")
    assert result.text == BODY
    assert result.author == "Jane Roe"
    assert result.title is None


def test_author_known_from_metadata_removes_the_name_line() -> None:
    result = clean(f"Marisol Quent\n\n{BODY}", title="Moorings approved", author="Marisol Quent")
    assert result.text == BODY
    assert list(result.removed) == [("byline", "Marisol Quent")]


def test_title_guessed_from_a_first_headline_line() -> None:
    result = clean(f"Harbor moorings approved after long delay\n\n{BODY}")
    assert result.title == "Harbor moorings approved after long delay"
    assert result.author is None
    assert result.text == BODY
    assert list(result.removed) == [("title", "Harbor moorings approved after long delay")]


def test_no_title_guessed_from_a_sentence() -> None:
    result = clean(f"The vote was close.\n\n{BODY}")
    assert result.title is None
    assert result.text == f"The vote was close.\n\n{BODY}"
    assert result.removed == ()


def test_known_title_is_kept_when_not_in_the_text() -> None:
    result = clean(BODY, title="Something else entirely")
    assert result.title == "Something else entirely"
    assert result.text == BODY


# -- what must be kept ---------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Residents who want to read more about the plan can visit the town hall, where the drawings hang until Friday.",
    "Read more carefully, the plan shows that the eastern berths will be reserved for the oldest fishing families.",
    "The commission's secretary, who can be reached at secretary@harbor.example for questions about the plan, "
    "said the public comment period would run for six more weeks before any final vote was taken.",
    "Related projects on the western quay have been postponed until the regional funding is secured.",
    "A statement carried by Reuters on Tuesday said the regional government supported the harbor plan.",
    "The mayor, speaking at length to reporters after the meeting, said the town had waited too long for this "
    "decision and that the moorings would bring back the fishing fleet that left a decade ago, along with the "
    "jobs and the shops that depended on it.",
    "Photographs of the old harbor, taken by residents over a century, will be shown in the library next month.",
])
def test_body_sentences_are_kept(line: str) -> None:
    raw = f"{EN_1}\n\n{line}\n\n{EN_2}"
    result = clean(raw)
    assert result.text == raw
    assert result.removed == ()


@pytest.mark.parametrize("line", [
    "She said the plan was the work of many hands and that no single person should take the credit by herself, "
    "whatever the council decides next month!",
    "Who deserves the credit: the mayor, the council or the fishermen who kept protesting?",
])
def test_body_sentences_mentioning_credit_are_kept(line: str) -> None:
    raw = f"{EN_1}\n\n{line}\n\n{EN_2}"
    result = clean(raw)
    assert result.removed == ()
    assert result.text == raw


def test_repeated_long_paragraph_is_not_a_repeated_line_removal() -> None:
    long = " ".join([EN_1] * 3)  # over the caption length: not a short line
    raw = f"{long}\n\n{EN_2}\n\n{long}"
    assert clean(raw).text == raw


# -- paragraphs ----------------------------------------------------------------------------------

WRAPPED = [
    "The harbor commission met on Monday to approve a plan",
    "for new moorings along the eastern quay, a project that",
    "has been delayed for two years because of a dispute over",
    "who should pay for the dredging of the shipping channel.",
]


def test_hard_wrapped_paragraph_is_joined() -> None:
    raw = "Harbor plan approved\n\n" + "\n".join(WRAPPED) + "\n\nThe vote was close."
    result = clean(raw, title="Harbor plan approved")
    assert result.text == " ".join(WRAPPED) + "\n\nThe vote was close."


def test_hyphenated_line_break_is_joined_without_the_hyphen() -> None:
    lines = ["The commission met on Monday to approve new moor-",
             "ings along the eastern quay after two years in which",
             "the dredging dispute had stalled every other decision."]
    result = clean(f"{EN_1}\n\n" + "\n".join(lines))
    assert result.text == (f"{EN_1}\n\nThe commission met on Monday to approve new moorings along the eastern quay "
                           "after two years in which the dredging dispute had stalled every other decision.")


def test_hard_wrapped_first_paragraph_keeps_its_first_line() -> None:
    result = clean("\n".join(WRAPPED) + "\n\nThe vote was close.")
    assert result.title is None
    assert result.text == " ".join(WRAPPED) + "\n\nThe vote was close."


def test_lines_of_a_block_that_is_not_wrapped_stay_separate_paragraphs() -> None:
    raw = "The commission approved the plan.\nThe mayor welcomed the vote.\nFishermen said they were relieved."
    result = clean(raw)
    assert result.text == ("The commission approved the plan.\n\nThe mayor welcomed the vote.\n\n"
                           "Fishermen said they were relieved.")


def test_list_items_are_not_joined() -> None:
    items = ["- the eastern berths open in June for the boats that", "- the western berths open later this year when"]
    result = clean(f"{EN_1}\n\n" + "\n".join(items) + "\n")
    assert result.text == f"{EN_1}\n\n{items[0]}\n\n{items[1]}"


def test_whitespace_is_normalised() -> None:
    raw = f"\ufeff  {EN_1.replace(' ', '  ', 3)}\u200b \r\n\r\n\r\n\t{EN_2}\u00a0\n"
    assert clean(raw).text == BODY


def test_everything_removed_gives_empty_text() -> None:
    result = clean("Skip to main content\n\nAdvertisement\n\n* * *")
    assert result.text == ""
    assert [r for r, _ in result.removed] == ["nav", "nav", "separator"]


def test_removed_records_each_rule_and_summary() -> None:
    raw = (f"Skip to main content\n\n{EN_1}\n\nRead More: Lighthouses of the north coast\n\n"
           f"The quay at dawn. | REUTERS\n\n* * *\n\n{EN_2}\n\nContact us at desk@tidewater.example")
    result = clean(raw)
    assert result.text == BODY
    assert [r for r, _ in result.removed] == ["nav", "read_more", "caption", "separator", "contact"]
    assert [line for _, line in result.removed] == [
        "Skip to main content", "Read More: Lighthouses of the north coast", "The quay at dawn. | REUTERS",
        "* * *", "Contact us at desk@tidewater.example"]
    assert result.summary() == "caption×1, contact×1, nav×1, read_more×1, separator×1"


def test_clean_stage_records_a_note() -> None:
    import dyad

    doc = dyad.extract(f"Skip to main content\n\n{BODY}\n\nAdvertisement")
    assert doc.text == BODY
    assert [n.message for n in doc.notes if n.stage == "clean"] == ["removed 2 lines: nav×2"]


def test_document_that_is_all_furniture_is_skipped() -> None:
    import dyad
    from dyad.errors import SkippedInput

    with pytest.raises(SkippedInput) as info:
        dyad.extract("Skip to main content\n\nAdvertisement\n\nShare")
    assert info.value.skip.reason == "empty after cleaning"
    assert info.value.skip.detail == "removed: nav×3"
