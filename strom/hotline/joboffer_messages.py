# ruff: noqa: E501 — the strings must stay whole for gettext and match the data file.
"""The job-offer checklist's questions and advice, marked for makemessages.

The checklist is data (data/joboffer.toml); gettext needs the English strings in code to collect them.
tests/test_joboffer.py keeps this list and the data file in step."""

from django.utils.translation import gettext_noop

MESSAGES = (
    gettext_noop('Can the employer be found and checked independently (a registered company, an address and a phone number you found yourself, not only through the recruiter)?'),
    gettext_noop("Look the employer up in the destination country's business register before you leave. A job that cannot be checked is a warning sign."),
    gettext_noop('If an agency or recruiter is involved: can it be found and checked the same way?'),
    gettext_noop("Ask for the agency's full name, registration number and address, and check them yourself. Do not rely on a social-media page or a phone number alone."),
    gettext_noop('Is the agency licensed or registered to recruit for work in that country, where a licence is required?'),
    gettext_noop("Check the agency's licence where the country's contacts below say. In your own country, the public employment service can tell you which agencies are licensed."),
    gettext_noop('Will you have a written contract before you leave?'),
    gettext_noop('Do not travel without a signed written contract that names the employer, the work, the wage, the hours and the place.'),
    gettext_noop('Is the contract in a language you read and understand?'),
    gettext_noop('Ask for the contract in your language, or have it translated by someone you trust before you sign.'),
    gettext_noop('Is the job free of any fee to the agency or recruiter?'),
    gettext_noop('Licensed employment agencies must not charge workers fees for finding a job (ILO Convention No. 181, Art. 7). A fee, or a debt for travel and placement, is a warning sign.'),
    gettext_noop('Will you keep your own passport and documents at all times?'),
    gettext_noop('No employer, agency or landlord may keep your passport. Keep copies and leave one with someone you trust at home.'),
    gettext_noop('Do you know where you will live, what it costs and whether it is taken from your wage?'),
    gettext_noop('Ask for the address and the cost of the housing in writing. Housing tied to the job and paid from the wage is a common way to create debt.'),
    gettext_noop('Do you know who to call in the destination country if something goes wrong (labour rights, emergency 112), and does someone at home know where you will be?'),
    gettext_noop("Save the contacts below and the emergency number 112 in your phone, and leave the employer's address with someone at home."),
)
