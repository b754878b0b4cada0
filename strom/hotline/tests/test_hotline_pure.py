"""The pure cores: caller references, figure tables, month series, the default language."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from strom.hotline.defaults import default_language
from strom.hotline.figures import month_table, months_between, table
from strom.hotline.reference import ALPHABET, LENGTH, display_reference, new_reference, normalise_reference


def test_alphabet_has_nothing_to_mishear():
    for confusable in "0O1IL5S2Z8BUV":
        assert confusable not in ALPHABET
    assert len(set(ALPHABET)) == len(ALPHABET)


def test_new_reference_uses_the_alphabet_only():
    chooser = random.Random(7).choice
    codes = {new_reference(chooser) for _ in range(200)}
    assert all(len(code) == LENGTH and set(code) <= set(ALPHABET) for code in codes)
    assert len(codes) > 190  # random, not a counter


@given(st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH))
def test_a_read_out_code_reads_back(code):
    assert normalise_reference(display_reference(code)) == code
    assert normalise_reference(" " + display_reference(code).lower() + " ") == code


def test_what_cannot_be_a_reference():
    assert normalise_reference("") is None
    assert normalise_reference("K7M-4P") is None  # too short
    assert normalise_reference("K7M-4PXX") is None  # too long
    assert normalise_reference("K0M-4PX") is None  # 0 is never given out
    assert normalise_reference("+37255512345") is None  # a phone number is not a reference
    assert normalise_reference("k7m 4px") == "K7M4PX"
    assert display_reference("K7M4PX") == "K7M-4PX"


def test_table_keeps_vocabulary_order_zero_rows_and_unknown_codes():
    rows = table({"b": 3, "x": 1}, [("a", "A"), ("b", "B")])
    assert [(row.key, row.label, row.count) for row in rows] == [("a", "A", 0), ("b", "B", 3), ("x", "x", 1)]
    assert [row.share for row in rows] == [0, 0.75, 0.25]
    assert [row.key for row in table({"b": 3}, [("a", "A"), ("b", "B")], keep_empty=False)] == ["b"]
    assert table({}, [("a", "A")])[0].share is None


def test_unknown_codes_by_count_then_name():
    assert [row.key for row in table({"q": 1, "p": 1, "z": 5}, [])] == ["z", "p", "q"]


def test_months_between_crosses_the_year():
    assert months_between(date(2025, 11, 20), date(2026, 2, 3)) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert months_between(date(2026, 3, 5), date(2026, 3, 6)) == [date(2026, 3, 1)]
    assert months_between(date(2026, 3, 5), date(2026, 2, 6)) == []


def test_month_table_fills_empty_months():
    rows = month_table({date(2026, 1, 1): 4}, date(2025, 12, 1), date(2026, 2, 28))
    assert [(row.key, row.count) for row in rows] == [("2025-12", 0), ("2026-01", 4), ("2026-02", 0)]


def test_default_language():
    assert default_language("ru", "EE") == "ru"  # the operator's last contact wins
    assert default_language(None, "EE") == "et"
    assert default_language("", "LT") == "lt"
    assert default_language(None, "") == ""
