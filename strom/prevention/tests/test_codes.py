"""The pure rules of campaign codes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strom.prevention import codes


@pytest.mark.parametrize(("typed", "code"), [
    ("SAFE-WORK-26", "SAFE-WORK-26"),
    (" safe work_26 ", "SAFE-WORK-26"),
    ("safe--work  26", "SAFE-WORK-26"),
    ("Drošs darbs", "DROSS-DARBS"),
    ("Łódź", "ODZ"),  # ł has no decomposition: dropped, the rest stays readable
    ("code: X1!", "CODE-X1"),
    ("-abc-", "ABC"),
    ("", ""),
])
def test_normalise(typed, code):
    assert codes.normalise(typed) == code


@pytest.mark.parametrize(("code", "valid"), [
    ("ABC", True), ("SAFE-WORK-26", True), ("A" * 20, True), ("AB", False), ("A" * 21, False),
    ("safe", False), ("-ABC", False), ("ABC-", False), ("AB--C", False), ("ÄBC", False), ("AB C", False),
])
def test_is_valid(code, valid):
    assert codes.is_valid(code) is valid


def test_suggest_takes_two_meaningful_words_and_the_year():
    assert codes.suggest("Safe work abroad", 2026) == "SAFE-WORK-26"
    assert codes.suggest("The safety of the young", 2027) == "SAFETY-YOUNG-27"
    assert codes.suggest("Information campaigns everywhere", 2026) == "INFORMAT-CAMPAIGN-26"


def test_suggest_without_latin_letters_falls_back():
    assert codes.suggest("Безопасная работа", 2026) == "CAMPAIGN-26"
    assert codes.suggest("2026", 2026) == "CAMPAIGN-26"


def test_suggest_avoids_taken_codes():
    assert codes.suggest("Safe work abroad", 2026, {"SAFE-WORK-26"}) == "SAFE-WORK-26-2"
    assert codes.suggest("Safe work abroad", 2026, {"SAFE-WORK-26", "SAFE-WORK-26-2"}) == "SAFE-WORK-26-3"


def test_suggest_shortens_a_long_code_to_add_the_number():
    first = codes.suggest("Informational campaigning", 2026)
    assert first == "INFORMAT-CAMPAIGN-26" and len(first) == 20
    second = codes.suggest("Informational campaigning", 2026, {first})
    assert second == "INFORMAT-CAMPAIGN-2"  # cut at 20 characters: the year gives way to the number
    assert second.startswith(first[:16])  # what services.taken_codes relies on


def test_suggest_gives_up_only_when_every_number_is_taken():
    class Everything:
        def __contains__(self, item):
            return True

    with pytest.raises(ValueError):
        codes.suggest("Safe work", 2026, Everything())


@settings(max_examples=60)
@given(st.text(max_size=80), st.integers(min_value=2000, max_value=2099))
def test_every_suggestion_is_a_valid_code(title, year):
    assert codes.is_valid(codes.suggest(title, year))


@settings(max_examples=60)
@given(st.text(max_size=40))
def test_normalising_twice_changes_nothing(text):
    once = codes.normalise(text)
    assert codes.normalise(once) == once
