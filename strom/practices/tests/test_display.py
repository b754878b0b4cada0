"""Which language of a practice a reader sees (pure)."""

import pytest

from strom.practices.display import also_in, base_language, choose_language


@pytest.mark.parametrize(("code", "base"), [("en", "en"), ("en-gb", "en"), ("nb-NO", "nb"), ("no", "nb"),
                                            ("pt_BR", "pt"), ("", "")])
def test_base_language(code, base):
    assert base_language(code) == base


@pytest.mark.parametrize(("available", "wanted", "original", "chosen"), [
    (["en", "lv"], "lv", "en", "lv"),  # the reader's language
    (["en", "lv"], "de", "en", "en"),  # else the original
    (["lv", "en"], "de", "lv", "lv"),
    (["pl", "en"], "de", "fi", "en"),  # the original is missing: English
    (["pl", "lt"], "de", "fi", "pl"),  # else the first there is
    (["nb", "en"], "no", "en", "nb"),  # Norwegian reads Bokmål
    (["en", "de"], "de-at", "en", "de"),
    ([], "en", "en", None),
])
def test_choose_language(available, wanted, original, chosen):
    assert choose_language(available, wanted, original) == chosen


def test_also_in_lists_the_others_in_a_stable_order():
    assert also_in(["lv", "en", "de"], "en") == ["de", "lv"]
    assert also_in(["en"], "en") == []
    assert also_in(["lv", "en"], None) == ["en", "lv"]
