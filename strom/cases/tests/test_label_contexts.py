"""One English word, two meanings: the case stage "Closed" and the payer "State" carry a context, so a
language can tell them from opening hours' "Closed" and a referral's "State"."""

from django.utils import translation

from strom.assistance.vocabularies import Payer
from strom.cases.stages import Stage


def test_the_stage_and_the_payer_are_translated_apart_from_their_homonyms():
    with translation.override("de"):
        assert str(Stage.CLOSED.label) == "Abgeschlossen"
        assert translation.gettext("Closed") == "Geschlossen"  # opening hours
        assert str(Payer.STATE.label) == "Staat"
        assert translation.gettext("State") == "Status"  # a referral's state
