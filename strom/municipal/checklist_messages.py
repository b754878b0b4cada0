# ruff: noqa: E501 — the strings must stay whole for gettext and match the data file.
"""The municipal checklist's wording (title, levels, areas, items), marked for makemessages.

The checklist is data (data/checklist_v*.toml); gettext needs the English strings in code to collect them.
tests/test_checklist_and_api.py keeps this list and the data files in step."""

from django.utils.translation import gettext_noop

MESSAGES = (
    gettext_noop('Municipal self-assessment against trafficking in human beings'),
    gettext_noop('None: nothing in place.'),
    gettext_noop('Ad hoc: done by some people, sometimes, without a written basis.'),
    gettext_noop('Formal: written down, assigned and in use.'),
    gettext_noop('Formal and reviewed: in use and reviewed in the last twelve months.'),
    gettext_noop('Mandate'),
    gettext_noop('The municipality has named a focal point for trafficking in human beings.'),
    gettext_noop('The council has adopted a policy or plan against trafficking.'),
    gettext_noop('The municipal budget has a line for the work against trafficking.'),
    gettext_noop('Local mapping'),
    gettext_noop('A local mapping (populations at risk, social and economic trends, places where victims may be met, traffickers, enablers and users, services and capacities) exists and was updated within 24 months.'),
    gettext_noop('Partnership'),
    gettext_noop('A multidisciplinary group brings together social services, child protection, police, labour inspection, health, schools, housing, migration, NGOs and the hotline.'),
    gettext_noop('The group works under a written agreement and meets regularly.'),
    gettext_noop('Referral'),
    gettext_noop('A written local referral procedure leads from the first signal to the national contact point.'),
    gettext_noop('A contact is reachable 24 hours a day, 7 days a week.'),
    gettext_noop('Rules on consent and data sharing are agreed between the partners.'),
    gettext_noop('The directory of services is complete and verified.'),
    gettext_noop('Interpreters can be called in when needed.'),
    gettext_noop('Identification'),
    gettext_noop('Frontline workers use structured identification tools.'),
    gettext_noop('Frontline staff are trained to recognise trafficking.'),
    gettext_noop('A protocol for children who may be victims is in place.'),
    gettext_noop('Assistance'),
    gettext_noop('Safe accommodation is arranged.'),
    gettext_noop('Emergency funds can be released quickly.'),
    gettext_noop('Health care and psychological care are available.'),
    gettext_noop('Pathways lead to housing, education and employment.'),
    gettext_noop('People are followed up after assistance, against re-victimisation.'),
    gettext_noop('Prevention'),
    gettext_noop('Prevention reaches the groups at risk.'),
    gettext_noop('Schools take part in prevention.'),
    gettext_noop('The hotline is promoted locally.'),
    gettext_noop('Administrative approach'),
    gettext_noop('Inspections check for signs of trafficking.'),
    gettext_noop('Licensing (e.g. of bars, massage parlours, employment agencies) takes trafficking into account.'),
    gettext_noop('Monitoring'),
    gettext_noop('The municipality keeps statistics on the cases it meets.'),
    gettext_noop('The work is reviewed every year.'),
    gettext_noop('The municipality knows what assisting a victim costs it.'),
)
