"""Forms for partnerships; the services validate again (partnership_services.py), forms give the shape."""

from __future__ import annotations

from django import forms
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from strom.accounts.models import User
from strom.network.models import ActionPointStatus, Organisation, PartnershipRole
from strom.network.partnership_queries import possible_owners
from strom.network.partnership_services import MAX_DOCUMENT_BYTES
from strom.web.forms import StromForm

NO_PERSONAL_DATA = _("Do not write anything that identifies a person assisted; that belongs in the case.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class Form(StromForm):
    """Inputs in error also point at their message (partnership_fields.html gives it the id)."""

    def full_clean(self):
        super().full_clean()
        for name in self._errors or {}:
            if name in self.fields:
                field = self.fields[name]
                auto_id = self[name].auto_id
                described = [f"{auto_id}_helptext"] if field.help_text else []
                field.widget.attrs["aria-describedby"] = " ".join([*described, f"{auto_id}_errors"])


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text,
                           input_formats=["%Y-%m-%d"])


def text_area(label, *, required=False, help_text="", rows=4):
    return forms.CharField(label=label, required=required, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


class PartnershipForm(Form):
    name = forms.CharField(label=_("Name of the partnership"), max_length=250,
                           help_text=_("For example: Riga cooperation group against trafficking."))


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organisation):
        place = organisation.municipality.name if organisation.municipality else organisation.country.name
        return f"{organisation.name} ({place})"


class MemberForm(Form):
    organisation = OrganisationChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    role = forms.ChoiceField(label=_("Role in the group"), choices=PartnershipRole.choices,
                             initial=PartnershipRole.MEMBER)
    contribution = text_area(_("What they bring"), help_text=_("Services, expertise or resources the "
                                                               "organisation contributes to the group."))
    active_from = date_field(_("Member from"))
    active_to = date_field(_("Member until"), required=False,
                           help_text=_("Leave empty while the organisation takes part."))

    def __init__(self, *args, partnership=None, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        if member is not None:
            del self.fields["organisation"]
        else:
            # Organisations of the municipality's country first; partners from abroad are rarer.
            abroad = Case(When(country=partnership.municipality.country.code, then=Value(0)), default=Value(1))
            self.fields["organisation"].queryset = (
                Organisation.objects.filter(is_active=True)
                .exclude(pk__in=partnership.members.values("organisation_id"))
                .select_related("municipality").order_by(abroad, "name", "id"))
            self.fields["active_from"].initial = timezone.localdate()

    @staticmethod
    def initial_from(member) -> dict:
        return {"role": member.role, "contribution": member.contribution, "active_from": member.active_from,
                "active_to": member.active_to}


class AgreementForm(Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    signed = date_field(_("Signed on"), required=False)
    valid_from = date_field(_("Valid from"))
    valid_to = date_field(_("Valid until"), required=False,
                          help_text=_("Leave empty for an agreement without an end date."))
    document = forms.FileField(
        label=_("Document"), required=False,
        help_text=_("PDF, OpenDocument text (.odt) or Word (.docx), at most 10 MB. Only members of the "
                    "partnership can download it."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.odt,.docx,application/pdf,"
                                               "application/vnd.oasis.opendocument.text,application/"
                                               "vnd.openxmlformats-officedocument.wordprocessingml.document"}))

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].widget = forms.FileInput(attrs=self.fields["document"].widget.attrs)
        if agreement is not None and agreement.document:
            self.fields["document"].help_text = _("Choose a file only to replace the current document. "
                                                  "PDF, .odt or .docx, at most 10 MB.")

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and document.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The document is larger than 10 MB."))
        return document

    @staticmethod
    def initial_from(agreement) -> dict:
        return {"title": agreement.title, "signed": agreement.signed, "valid_from": agreement.valid_from,
                "valid_to": agreement.valid_to}


class MeetingForm(Form):
    starts = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput(),
                                 input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                 help_text=_("Local time of the municipality."))
    place = forms.CharField(label=_("Place"), max_length=250, required=False,
                            help_text=_("An address or a video call; the link is shown to members only."))
    agenda = text_area(_("Agenda"), help_text=NO_PERSONAL_DATA, rows=6)
    minutes = text_area(_("Minutes"), help_text=NO_PERSONAL_DATA, rows=10)

    def __init__(self, *args, new=False, **kwargs):
        super().__init__(*args, **kwargs)
        if new:
            del self.fields["minutes"]

    @staticmethod
    def initial_from(meeting) -> dict:
        return {"starts": meeting.starts, "place": meeting.place, "agenda": meeting.agenda,
                "minutes": meeting.minutes}


class DecisionForm(Form):
    text = text_area(_("Decision"), required=True, help_text=NO_PERSONAL_DATA)


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return str(user)


class ActionPointForm(Form):
    text = text_area(_("What is to be done"), required=True, help_text=NO_PERSONAL_DATA)
    owner = OwnerChoiceField(label=_("Who does it"), queryset=User.objects.none(),
                             help_text=_("Someone who works for a member of the partnership."))
    due = date_field(_("Due date"))
    status = forms.ChoiceField(label=_("Status"), choices=ActionPointStatus.choices)
    done = date_field(_("Done on"), required=False, help_text=_("Today, if left empty when it is done."))

    def __init__(self, *args, partnership, action_point=None, **kwargs):
        super().__init__(*args, **kwargs)
        owners = possible_owners(partnership)
        if action_point is not None and action_point.owner_id:
            # Someone who has left the group keeps the points she has until they are given to another.
            owners = (User.objects.filter(Q(pk__in=owners.values("pk")) | Q(pk=action_point.owner_id))
                      .order_by("display_name", "username"))
        self.fields["owner"].queryset = owners
        if action_point is None:
            del self.fields["status"], self.fields["done"]

    @staticmethod
    def initial_from(action_point) -> dict:
        return {"text": action_point.text, "owner": action_point.owner_id, "due": action_point.due,
                "status": action_point.status, "done": action_point.done}


class StatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionPointStatus.choices)
    done = date_field(_("Done on"), required=False, help_text=_("Today, if left empty when it is done."))
