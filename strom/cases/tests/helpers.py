"""Shared test helpers for the cases app: a case of the Riga shelter opened through the service."""

from __future__ import annotations

from strom.accounts.policies import actor_for_user
from strom.cases import services

PERSON = {"given_names": "Testa", "family_names": "Personae", "birth_date": "1999-04-12",
          "gender": "Feminine", "citizenships": ["UA"], "languages": ["uk", "ru"], "interpreter_needed": True,
          "contact": "+371 2000 0000", "contact_safety": "as_instructed",
          "safe_contact_instructions": "Only call between 10 and 12", "documents_status": "withheld"}


def open_shelter_case(network, **overrides):
    fields = {"person": dict(PERSON), "municipality": network.riga, "exploitation_forms": ["labour"],
              "industry": "F", "means_of_control": ["DebtBondage"], "risk_flags": ["exploiters_in_contact"],
              "team": [network.case_manager],
              "places": [{"kind": "recruitment", "country": "UA", "place": "Lviv region"},
                         {"kind": "exploitation", "country": "LV", "place": "Rīga"}]}
    fields.update(overrides)
    return services.open_case(actor_for_user(network.case_manager), **fields)
