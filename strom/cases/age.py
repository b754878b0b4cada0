"""Is a person to be treated as a child? Pure.

The CoE Convention (Art. 10(3)) and Directive 2011/36/EU (Art. 13(2)) presume a person of uncertain
age to be a child until an assessment says otherwise. Here that means: a disputed age always counts
as a child; a known birth date gives the age; an estimated age counts from the day it was estimated
(and ages with the years); with nothing known we cannot say (None), and the forms ask for one.
"""

from __future__ import annotations

from datetime import date

ADULT_AGE = 18


def years_between(start: date, end: date) -> int:
    """Whole years from `start` to `end` (a birthday on 29 February counts on 1 March in other years)."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def age_on(today: date, *, birth_date: date | None = None, estimated_age: int | None = None,
           estimated_on: date | None = None) -> int | None:
    if birth_date is not None:
        return years_between(birth_date, today)
    if estimated_age is not None:
        return estimated_age + (years_between(estimated_on, today) if estimated_on else 0)
    return None


def treated_as_child(today: date, *, age_disputed: bool, birth_date: date | None = None,
                     estimated_age: int | None = None, estimated_on: date | None = None) -> bool | None:
    if age_disputed:
        return True
    age = age_on(today, birth_date=birth_date, estimated_age=estimated_age, estimated_on=estimated_on)
    return None if age is None else age < ADULT_AGE


def age_group(today: date, *, age_disputed: bool, birth_date: date | None = None, estimated_age: int | None = None,
              estimated_on: date | None = None) -> str:
    """"child", "adult" or "unknown" (the values of models.AgeGroup): what a referral may share instead of
    the birth date. "unknown" is treated as a child by whoever receives it."""
    child = treated_as_child(today, age_disputed=age_disputed, birth_date=birth_date, estimated_age=estimated_age,
                             estimated_on=estimated_on)
    return "unknown" if child is None else "child" if child else "adult"
