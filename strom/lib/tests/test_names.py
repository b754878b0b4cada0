"""Duplicate detection by name (strom/lib/names.py) against a synthetic, seeded test set.

The acceptance of issue 5: at least 90% of 200 name variants found, no false match among 1,000
distinct people, only digests leave the module. The measured figures are printed (pytest -s) and
written in docs/_proposed_duplicates.md.
"""

from __future__ import annotations

import collections
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strom.lib import names
from strom.lib.names import digests, match_keys, normalise_name, possible_match
from strom.lib.tests.synthetic_names import KINDS, base_and_variants, distinct_people

SEED = 2026  # any seed will do: over seeds 0-59 recall was 90.5-96% and no false match occurred


def keys_of(person):
    return match_keys(person.given, person.family, person.other, person.year, year_estimated=person.year_estimated)


@pytest.fixture(scope="module")
def variants():
    return base_and_variants(SEED)


@pytest.fixture(scope="module")
def distinct():
    return distinct_people(SEED)


def test_the_test_set_has_200_variants_of_every_kind_and_1000_distinct_people(variants, distinct):
    assert len(variants) == 200 and len(distinct) == 1000
    assert set(collections.Counter(kind for kind, _b, _v in variants).values()) <= {28, 29}
    assert {kind for kind, _b, _v in variants} == set(KINDS)
    assert sum(base != variant for _kind, base, variant in variants) >= 190  # a few systems agree on a name


def test_recall_is_at_least_90_percent(variants):
    found = collections.Counter()
    for kind, base, variant in variants:
        found[kind] += possible_match(keys_of(variant), keys_of(base))
    recall = sum(found.values()) / len(variants)
    print(f"\nrecall {recall:.1%}: " + ", ".join(f"{kind} {found[kind]}" for kind in KINDS))
    assert recall >= 0.9
    # every kind but typos is nearly always found; typos in the first or last letters are not
    assert all(found[kind] >= 26 for kind in KINDS if kind != "typo")


def test_no_false_match_among_1000_distinct_people(distinct):
    keys = [keys_of(person) for person in distinct]
    holders = collections.defaultdict(set)
    for i, person_keys in enumerate(keys):
        for key in person_keys.stored:
            holders[key].add(i)
    false = {tuple(sorted((i, j))) for i, person_keys in enumerate(keys)
             for key in person_keys.probes for j in holders.get(key, ()) if j != i}
    print(f"\nfalse matches among {len(distinct)}: {len(false)}")
    assert not false, [(distinct[i], distinct[j]) for i, j in sorted(false)][:5]


def test_matching_is_symmetric_on_the_test_set(variants):
    for _kind, base, variant in variants:
        assert possible_match(keys_of(base), keys_of(variant)) == possible_match(keys_of(variant), keys_of(base))


@pytest.mark.parametrize(("a", "b"), [
    (("Jānis", "Bērziņš"), ("Janis", "Berzins")),
    (("Иван", "Иванов"), ("Ivans", "Ivanovs")),
    (("Иван", "Иванов"), ("Ivanas", "Ivanovas")),
    (("Дмитрий", "Щукин"), ("Dmitrijs", "Ščukins")),
    (("Дмитрий", "Щукин"), ("Dmitriy", "Shchukin")),
    (("Дмитрий", "Щукин"), ("Dmitrij", "Szczukin")),
    (("Юлия", "Жукова"), ("Julija", "Žukova")),
    (("Юлия", "Жукова"), ("Yuliya", "Zhukova")),
    (("Юлия", "Жукова"), ("Iuliia", "Zukova")),
    (("Фёдор", "Хабаров"), ("Fyodor", "Khabarov")),
    (("Фёдор", "Хабаров"), ("Fiodor", "Chabarow")),
    (("Олег", "Гуменюк"), ("Oleh", "Humeniuk")),
    (("Наталья", "Васильева"), ("Natal'ya", "Vasil'yeva")),
    (("Søren", "Mæland"), ("Soeren", "Maeland")),
    (("Łukasz", "Wiśniewski"), ("Lukasz", "Wisniewski")),
    (("Jürgen", "Müller"), ("Juergen", "Mueller")),
    (("Tõnu", "Põder"), ("Tonu", "Poder")),
    (("Nguyễn Văn", "An"), ("An", "Nguyen Van")),
])
def test_spellings_of_one_name_meet(a, b):
    assert possible_match(match_keys(*a, birth_year=1990), match_keys(*b, birth_year=1990))


@pytest.mark.parametrize(("a", "b"), [
    (("Anna", "Kowalska"), ("Hanna", "Kowalska")),
    (("Ivan", "Petrov"), ("Ivana", "Petrov")),
    (("Maria", "Jonsson"), ("Marta", "Jonsson")),
    (("Oleh", "Savchenko"), ("Oleh", "Shevchenko")),
    (("Anna Maria", "Kowalska"), ("Anna Ewa", "Kowalska")),
    (("Thị Anh", "Lương"), ("Anh Tuấn", "Lương")),
])
def test_different_names_do_not_meet(a, b):
    assert not possible_match(match_keys(*a, birth_year=1990), match_keys(*b, birth_year=1990))


def test_birth_years():
    known = match_keys("Anna", "Kalniņa", birth_year=1990)
    assert not possible_match(known, match_keys("Anna", "Kalniņa", birth_year=1991))
    assert possible_match(known, match_keys("Anna", "Kalnina", birth_year=1991, year_estimated=True))
    assert not possible_match(known, match_keys("Anna", "Kalnina", birth_year=1992, year_estimated=True))
    unknown = match_keys("Anna", "Kalnina")
    assert possible_match(unknown, known) and possible_match(known, unknown)
    assert possible_match(unknown, match_keys("Anna", "Kalniņa"))
    # without a year the whole name must agree: a second given name is not enough
    assert not possible_match(match_keys("Anna Marta", "Kalnina"), known)
    assert not possible_match(match_keys("Anna", "Kalnina", birth_year=1985), known)


def test_a_single_word_gives_no_key():
    assert match_keys("Natasha", "", birth_year=1990) == match_keys("", "", birth_year=1990)
    assert not match_keys("Natasha", "", birth_year=1990).stored


def test_other_names_find_the_name_used_elsewhere():
    alias = match_keys("Anna", "Ivanova", other_names="Natasha", birth_year=1995)
    assert possible_match(alias, match_keys("Наташа", "Иванова", birth_year=1995))


def test_only_digests_leave_the_module():
    keys = match_keys("Anna", "Bērziņa", other_names="Natasha", birth_year=1990)
    assert "ana" not in repr(keys) and "berzin" not in repr(keys)
    found = digests(keys.stored)
    assert len(found) == len(keys.stored)
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest in found)
    assert digests(keys.stored) == found  # deterministic
    assert digests(keys.stored, "another.purpose").isdisjoint(found)


def test_digests_depend_on_the_key(settings):
    keys = match_keys("Anna", "Bērziņa", birth_year=1990).stored
    before = digests(keys)
    settings.BLIND_INDEX_KEY = b"another-blind-index-key-of-32-bytes-or-more"
    assert digests(keys).isdisjoint(before)


def test_keys_are_deterministic(distinct):
    assert [keys_of(p).stored for p in distinct[:50]] == [keys_of(p).stored for p in distinct_people(SEED)[:50]]


def test_normalise_name_examples():
    assert normalise_name("Bērziņa-Ozola, Anna") == "berzina ozola anna"
    assert normalise_name("  ŁUKASZ   Wiśniewski ") == "lukasz wisniewski"
    assert normalise_name("Ol'ga O’Brien") == "olga obrien"
    assert normalise_name("Юлия Щукина") == normalise_name("Yuliya Shchukina")


LATIN = st.text(st.characters(codec="latin-1", categories=("Lu", "Ll", "Zs", "Pd")) | st.sampled_from(
    "āčēģīķļņšūžąęėįųłńśźżõøæåßđșțÅÄÖØÆ -'"), max_size=40)


@given(st.text(max_size=40))
def test_normalise_name_is_idempotent(text):
    once = normalise_name(text)
    assert normalise_name(once) == once
    assert re.fullmatch(r"([a-z]+( [a-z]+)*)?", once)


@given(LATIN)
def test_normalise_name_ignores_diacritics_case_and_normal_form(text):
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    assert normalise_name(text) == normalise_name(plain) == normalise_name(text.upper())
    assert normalise_name(unicodedata.normalize("NFD", text)) == normalise_name(text)


@given(st.text(max_size=20), st.text(max_size=20), st.integers(1900, 2030))
def test_keys_do_not_depend_on_the_order_of_the_fields(first, second, year):
    assert match_keys(first, second, birth_year=year) == match_keys(second, first, birth_year=year)


def test_typo_settings_are_what_the_docs_say():
    assert (names.TYPO_MIN_LENGTH, names.TYPO_FIRST, names.YEAR_WINDOW) == (6, 2, 1)
