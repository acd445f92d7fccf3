"""Language identification."""

from __future__ import annotations

import pytest

import dyad
from conftest import ARTICLE, DE, EN_B, EN_C, FR
from dyad.text.language import detect

ES = ("El ministro de Asuntos Exteriores se reunió el martes con su homólogo en Madrid. Los dos políticos "
      "hablaron sobre comercio y seguridad en Europa. Volverán a reunirse la próxima primavera, según un "
      "portavoz del ministerio.")
ZH = ("外交部长周二在北京会见了来访的同行。两位官员讨论了贸易和地区安全问题。"
      "据外交部发言人说，他们计划明年春天再次会面。")
EN_NO_FUNCTION_WORDS = ("Ministers discuss fishing quotas. Talks continue Tuesday. Negotiators expect progress soon, "
                        "officials say. Fleets wait. Prices climb. Harbors stay quiet.")


@pytest.mark.parametrize("text", [ARTICLE, EN_B, EN_C, EN_NO_FUNCTION_WORDS, " ".join([ARTICLE] * 10)])
def test_english(text: str) -> None:
    lang, score = detect(text)
    assert lang == "en"
    assert 0.0 < score <= 1.0


@pytest.mark.parametrize("text, code", [(FR, "fr"), (DE, "de"), (ES, "es"), (ZH, "zh")])
def test_other_languages(text: str, code: str) -> None:
    lang, score = detect(text)
    assert lang == code
    assert 0.5 < score <= 1.0


@pytest.mark.parametrize("text", ["", "Hello there.", "Bonjour", "Ja.", "12 34 56", "   "])
def test_very_short_text_is_unknown(text: str) -> None:
    assert detect(text) == (None, 0.0)


def test_language_stage_keeps_a_given_language() -> None:
    doc = dyad.extract(FR, language="fr")
    assert doc.language == "fr"
    assert dyad.extract(FR).language == "fr"


def test_language_stage_records_the_score() -> None:
    doc = dyad.extract(DE)
    assert doc.language == "de"
    assert doc.language_score is not None and 0.5 < doc.language_score <= 1.0
