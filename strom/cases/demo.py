"""Demo cases for the demo network (`manage.py load_demo`): synthetic people, never real ones.

Every name is marked as a demo ("Demo …", family name "Sample"), contacts are not reachable, and each
person has a fixed pseudonym so that loading again finds the case instead of opening another one.
Cases are opened and moved through the ordinary services, acting as the demo case managers, so that
the audit trail and the histories look as they would in use.
"""

from __future__ import annotations

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.cases import duplicates, services
from strom.cases.models import Person

# pseudonym, case manager, municipality (local name), person, case, then the stages it moved through
DEMO_CASES = [
    ("Amber-Heron-1001", "case.manager", "Rīga",
     {"given_names": "Demo Ilze", "family_names": "Sample", "birth_date": "1996-03-14", "gender": "Feminine",
      "citizenships": ["LV"], "languages": ["lv", "ru"], "contact_safety": "as_instructed",
      "contact": "+371 0000 0001 (not a real number)",
      "safe_contact_instructions": "Text first; call only between 10:00 and 12:00.", "documents_status": "held"},
     {"exploitation_forms": ["sexual"], "means_of_control": ["FalsePromises", "DebtBondage"],
      "risk_flags": ["exploiters_in_contact"],
      "places": [{"kind": "recruitment", "country": "LV", "place": "Rīga"},
                 {"kind": "exploitation", "country": "DE", "place": "Berlin"}]},
     [("screening", "Indicators found at the first interview."),
      ("presumed_victim", "Reasonable grounds confirmed by the police."),
      ("short_term_assistance", "Moved to the shelter; reflection period started.")]),
    ("Cedar-Lark-1002", "case.manager", "Rīga",
     {"given_names": "Demo Andrii", "family_names": "Sample", "estimated_age": 16, "age_disputed": True,
      "gender": "Masculine", "citizenships": ["UA"], "languages": ["uk", "ru"], "interpreter_needed": True,
      "documents_status": "withheld", "documents_note": "Passport kept by the employer."},
     {"exploitation_forms": ["labour"], "industry": "F", "means_of_control": ["WithholdsDocuments",
                                                                             "TakesEarnings"],
      "risk_flags": ["child"], "places": [{"kind": "exploitation", "country": "LV", "place": "Pierīga"}]},
     [("screening", "Referred by the labour inspectorate after a site visit.")]),
    ("Willow-Finch-1003", "case.manager", "Rīga",
     {"given_names": "Demo Thi", "family_names": "Sample", "birth_date": "1990-11-02", "gender": "Feminine",
      "citizenships": ["VN"], "languages": ["vi"], "interpreter_needed": True, "documents_status": "missing"},
     {"exploitation_forms": ["domestic_servitude"], "industry": "T", "means_of_control": ["PsychologicalAbuse"]},
     []),
    ("Frost-Otter-1004", "caritas.case", "Vilnius",
     {"given_names": "Demo Jonas", "family_names": "Sample", "birth_date": "1985-07-21", "gender": "Masculine",
      "citizenships": ["LT"], "languages": ["lt", "en"], "documents_status": "held"},
     {"exploitation_forms": ["labour"], "industry": "A",
      "places": [{"kind": "exploitation", "country": "GB", "place": "Lincolnshire"}]},
     [("screening", "Returned from abroad; called the hotline."),
      ("presumed_victim", "Reasonable grounds."),
      ("short_term_assistance", "Emergency accommodation arranged."),
      ("long_term_inclusion", "Job training started.")]),
    ("Linden-Swan-1005", "caritas.case", "Vilnius",
     {"given_names": "Demo Olena", "family_names": "Sample", "birth_date": "2001-01-09", "gender": "Feminine",
      "citizenships": ["UA"], "languages": ["uk"], "documents_status": "unknown"},
     {"exploitation_forms": ["forced_marriage"], "risk_flags": ["family_at_risk"]},
     [("screening", "Signal from a school social worker."),
      ("not_a_victim", "No trafficking; referred to the family violence service.")]),
    # A near-duplicate of Linden-Swan-1005 (Vilnius, Caritas): the same synthetic person with her given
    # name transliterated the Polish way, opened in Riga. Its person page shows "a possible match is
    # held by Caritas Lithuania", and opening "Demo Olena Sample" born 2001 again shows the warning.
    ("Aspen-Plover-1006", "case.manager", "Rīga",
     {"given_names": "Demo Ołena", "family_names": "Sample", "birth_date": "2001-01-09", "gender": "Feminine",
      "citizenships": ["UA"], "languages": ["uk", "pl"], "documents_status": "held"},
     {"exploitation_forms": ["labour"], "industry": "C"},
     [("screening", "Came to the shelter from a factory in Pierīga; says she was helped in Vilnius before.")]),
]


def load_demo_cases(municipalities: dict) -> int:
    """Open the demo cases that do not exist yet; returns how many were opened."""
    opened = 0
    for pseudonym, username, place, person, case_fields, moves in DEMO_CASES:
        if Person.objects.filter(pseudonym=pseudonym).exists():
            continue
        actor = actor_for_user(User.objects.get(username=username))
        fields = dict(case_fields)
        known = duplicates.find_possible_duplicates(actor, person)  # as the page does; the demo opens anyway
        case = services.open_case(actor, person=dict(person), municipality=municipalities[place],
                                  team=[actor.user], possible_duplicates=known.count, **fields)
        Person.objects.filter(pk=case.person_id).update(pseudonym=pseudonym)  # the fixed demo pseudonym
        for stage, why in moves:
            services.change_stage(actor, case, to_stage=stage, why=why)
        opened += 1
    _key_older_demo_people()
    return opened


def _key_older_demo_people() -> None:
    """Demo people opened before duplicate detection existed get their keys and age group now."""
    for person in Person.objects.filter(pseudonym__in=[row[0] for row in DEMO_CASES], name_keys__isnull=True,
                                        identity_erased_at__isnull=True):
        duplicates.store_name_keys(person)
        services.refresh_age_group(person)
