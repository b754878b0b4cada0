"""The CTDC records and k-anonymisation (pure)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strom.cases.age import age_on
from strom.interchange import ctdc, exports
from strom.interchange.ctdc import UNKNOWN, age_band, ctdc_record, default_steps, k_anonymise

QI = ctdc.QUASI_IDENTIFIERS


@pytest.mark.parametrize(("age", "band"), [
    (0, "0--8"), (8, "0--8"), (9, "9--17"), (17, "9--17"), (18, "18--20"), (20, "18--20"), (21, "21--23"),
    (23, "21--23"), (24, "24--26"), (26, "24--26"), (27, "27--29"), (29, "27--29"), (30, "30--38"), (38, "30--38"),
    (39, "39--47"), (47, "39--47"), (48, "48+"), (90, "48+"), (None, UNKNOWN), (-1, UNKNOWN),
])
def test_age_bands_are_ctdcs(age, band):
    assert age_band(age) == band


def test_age_at_registration_from_birth_date_or_estimate():
    # the export counts ages with strom.cases.age.age_on (whole years, as everywhere in Strom)
    assert age_on(date(2018, 6, 1), birth_date=date(2000, 6, 2)) == 17
    assert age_on(date(2018, 6, 1), birth_date=date(2000, 6, 1)) == 18
    assert age_on(date(2023, 5, 5), estimated_age=30, estimated_on=date(2020, 1, 1)) == 33
    assert age_on(date(2023, 5, 5)) is None


def test_an_estimated_age_counts_whole_years_not_calendar_years():
    """Estimated 17 on 1 December 2023, registered on 10 January 2024: still 17, a child."""
    person = SimpleNamespace(pseudonym="P", gender="Feminine", citizenships=[], languages=[], estimated_age=17,
                             age_estimated_on=date(2023, 12, 1), birth_date="")
    case = SimpleNamespace(person=person, places=SimpleNamespace(all=list), decisions=SimpleNamespace(all=list),
                           exploitation_forms=[], means_of_control=[], industry="", stage="identification",
                           closure_reason="", created=datetime(2024, 1, 10, 12, tzinfo=UTC))
    row = exports._ctdc_row(case, with_identity=False)
    assert row["age"] == 17
    record = ctdc_record(row)
    assert (record["ageBroad"], record["majorityStatus"]) == ("9--17", "Minor")


def test_a_record_in_ctdcs_columns():
    row = {"age": 16, "gender": "Feminine", "citizenships": ["UA", "MD"], "exploitation_country": "LV",
           "exploitation_forms": ["sexual", "begging", "organ_removal"], "means_of_control": ["PhysicalThreats"],
           "registered": date(2024, 3, 1)}
    record = ctdc_record(row)
    assert record == {"yearOfRegistration": "2024", "gender": "Female", "ageBroad": "9--17", "majorityStatus": "Minor",
                      "citizenship": "UA", "CountryOfExploitation": "LV", "isForcedLabour": 1, "isSexualExploit": 1,
                      "isOtherExploit": 1, "typeOfExploitConcatenated": "Forced labour;Sexual exploitation;Other",
                      "meansOfControlConcatenated": "Threats", "RecruiterRelationship": UNKNOWN}
    assert set(record) == set(ctdc.HEADER)
    empty = ctdc_record({})
    assert empty["ageBroad"] == empty["citizenship"] == empty["typeOfExploitConcatenated"] == UNKNOWN


def _records(n, **fields):
    base = {"yearOfRegistration": "2024", "gender": "Female", "ageBroad": "21--23", "citizenship": "UA",
            "CountryOfExploitation": "LV", "typeOfExploitConcatenated": "Forced labour"}
    return [{**base, **fields} for _ in range(n)]


def test_large_groups_are_released_unchanged():
    result = k_anonymise(_records(12), QI, 10)
    assert result.records == _records(12)
    assert result.report() == {"k": 10, "released": 12, "generalised": [], "suppressed": 0, "withheld": 0}


def test_generalising_comes_before_suppressing():
    # Two bands of six adults each: one step (adult) makes a group of twelve, nobody is suppressed.
    records = _records(6, ageBroad="21--23") + _records(6, ageBroad="30--38")
    result = k_anonymise(records, QI, 10, steps=default_steps("LV"))
    assert result.generalised == ["ageBroad"] and result.suppressed == 0
    assert {r["ageBroad"] for r in result.records} == {"18+"}


def test_countries_become_own_other_eu_or_outside_the_eu():
    records = (_records(5, citizenship="UA") + _records(5, citizenship="BY") + _records(10, citizenship="LV")
               + _records(5, citizenship="LT") + _records(5, citizenship="EE"))
    result = k_anonymise(records, QI, 10, steps=default_steps("LV"))
    assert "citizenship" in result.generalised
    assert Counter(r["citizenship"] for r in result.records) == {"Outside the EU": 10, "Own country": 10,
                                                                 "Other EU": 10}


def test_what_is_still_rare_is_suppressed_then_withheld_when_still_rare():
    records = _records(30) + _records(3, gender="Male", yearOfRegistration="2019")
    result = k_anonymise(records, QI, 10, steps=[], max_suppressed=0)
    assert result.suppressed == 3 and result.withheld == 3 and len(result.records) == 30
    records = _records(30) + _records(12, gender=UNKNOWN, ageBroad=UNKNOWN, citizenship=UNKNOWN,
                                      CountryOfExploitation=UNKNOWN, typeOfExploitConcatenated=UNKNOWN,
                                      yearOfRegistration=UNKNOWN) + _records(3, gender="Male")
    result = k_anonymise(records, QI, 10, steps=[], max_suppressed=0)
    assert result.suppressed == 3 and result.withheld == 0 and len(result.records) == 45


def test_k_must_be_positive():
    with pytest.raises(ValueError):
        k_anonymise([], QI, 0)


values = st.fixed_dictionaries({
    "yearOfRegistration": st.sampled_from(["2015", "2019", "2021", "2024"]),
    "gender": st.sampled_from(["Female", "Male", UNKNOWN]),
    "ageBroad": st.sampled_from(["0--8", "9--17", "18--20", "30--38", "48+", UNKNOWN]),
    "citizenship": st.sampled_from(["LV", "LT", "UA", "VN", "NG", UNKNOWN]),
    "CountryOfExploitation": st.sampled_from(["LV", "DE", "GB", UNKNOWN]),
    "typeOfExploitConcatenated": st.sampled_from(["Forced labour", "Sexual exploitation", UNKNOWN]),
    "meansOfControlConcatenated": st.sampled_from(["Threats", UNKNOWN]),
})


@settings(max_examples=150, deadline=None)
@given(st.lists(values, max_size=120), st.integers(min_value=1, max_value=15),
       st.sampled_from([0.0, 0.05, 0.5]))
def test_every_released_combination_occurs_at_least_k_times(records, k, budget):
    result = k_anonymise(records, QI, k, steps=default_steps("LV"), max_suppressed=budget)
    counts = Counter(tuple(r[name] for name in QI) for r in result.records)
    assert all(count >= k for count in counts.values())
    assert len(result.records) + result.withheld == len(records)
    # Values outside the quasi-identifiers are never changed, and records are not invented.
    assert Counter(r["meansOfControlConcatenated"] for r in result.records) <= Counter(
        r["meansOfControlConcatenated"] for r in records)
    assert records == [dict(r) for r in records]  # the input is left alone
