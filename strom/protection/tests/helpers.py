"""Test helpers: cases in several countries, opened through the cases service by the Riga case manager."""

from __future__ import annotations

from strom.accounts.policies import actor_for_user
from strom.cases.tests.helpers import open_shelter_case
from strom.network.models import Municipality

TOWNS = {"LV": "Rīga", "LT": "Vilnius", "EE": "Tallinn", "DE": "Berlin", "PL": "Kraków", "FI": "Helsinki"}


def town(network, country: str) -> Municipality:
    if country == "LV":
        return network.riga
    if country == "LT":
        return network.vilnius
    return Municipality.objects.get_or_create(country=country, name=TOWNS[country],
                                              defaults={"name_en": TOWNS[country], "region": TOWNS[country]})[0]


def case_in(network, country: str, **person):
    fields = {}
    if person:
        from strom.cases.tests.helpers import PERSON

        fields["person"] = {**PERSON, **person}
    return open_shelter_case(network, municipality=town(network, country), **fields)


def manager(network):
    return actor_for_user(network.case_manager)
