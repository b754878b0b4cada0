"""Pages of prevention: the campaign list, a campaign with its figures, and the forms that keep them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from strom.accounts.policies import actor_for
from strom.network.languages import language_name
from strom.prevention import queries, services
from strom.prevention.forms import ActivityForm, CampaignForm, FilterForm, MaterialForm
from strom.prevention.policies import can_manage, require_managing
from strom.prevention.vocabularies import Channel, TargetGroup


def _apply_error(form, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names when the form has it, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, messages_)


@login_required
@require_GET
def campaign_list(request):
    actor = actor_for(request)
    form = FilterForm(request.GET or None)
    filters = queries.Filters(**form.cleaned_data) if form.is_valid() else queries.Filters()
    page = queries.campaign_page(actor, filters, request.GET.get("after"))
    contacts = queries.contacts_by_campaign(page.campaigns)
    rows = [(c, contacts[c.code]) for c in page.campaigns]
    query = request.GET.copy()
    if page.next_cursor:
        query["after"] = page.next_cursor
    return render(request, "prevention/list.html", {
        "form": form, "rows": rows, "can_create": can_manage(actor),
        "next_query": query.urlencode() if page.next_cursor else ""})


def _labels(codes, vocabulary) -> list[str]:
    return [str(vocabulary(code).label) for code in codes if code in vocabulary.values]


@login_required
@require_GET
def campaign_detail(request, campaign_id):
    actor = actor_for(request)
    campaign = queries.get_campaign_for(actor, campaign_id)
    contacts = queries.contacts_by_campaign([campaign])
    manages = can_manage(actor, campaign)
    figures = queries.figures_for(campaign)
    return render(request, "prevention/detail.html", {
        "campaign": campaign, "figures": figures, "manages": manages,
        "by_channel": [(Channel(c).label if c in Channel.values else c, n, reached)
                       for c, n, reached in figures.by_channel],
        "contacts": contacts[campaign.code],
        "target_groups": _labels(campaign.target_groups, TargetGroup),
        "channels": _labels(campaign.channels, Channel),
        "materials": [(m, language_name(m.language)) for m in campaign.materials.all()],
        "activity_form": ActivityForm(prefix="activity") if manages else None,
        "material_form": MaterialForm(prefix="material") if manages else None,
    })


def _form_page(request, form, campaign=None):
    return render(request, "prevention/form.html", {"form": form, "campaign": campaign})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    actor = actor_for(request)
    require_managing(actor)
    form = CampaignForm(request.POST or None, organisation=actor.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.create_campaign(actor, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The campaign has been saved with the code %(code)s.")
                             % {"code": campaign.code})
            return redirect("prevention:detail", campaign.pk)
    return _form_page(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request, campaign_id):
    actor = actor_for(request)
    campaign = queries.campaign_to_manage(actor, campaign_id)
    form = CampaignForm(request.POST or None, organisation=actor.organisation,
                        initial=CampaignForm.initial_from(campaign))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_campaign(actor, campaign, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The campaign has been saved.") if changed else _("Nothing was changed."))
            return redirect("prevention:detail", campaign.pk)
    return _form_page(request, form, campaign)


def _part_page(request, campaign, form, heading):
    return render(request, "prevention/part_form.html", {"campaign": campaign, "form": form, "heading": heading})


@login_required
@require_POST
def activity_add(request, campaign_id):
    actor = actor_for(request)
    campaign = queries.campaign_to_manage(actor, campaign_id)
    form = ActivityForm(request.POST, prefix="activity")
    if form.is_valid():
        try:
            services.add_activity(actor, campaign, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The activity has been added."))
            return redirect("prevention:detail", campaign.pk)
    return _part_page(request, campaign, form, _("Add an activity"))


@login_required
@require_POST
def activity_remove(request, campaign_id, activity_id):
    actor = actor_for(request)
    campaign = queries.campaign_to_manage(actor, campaign_id)
    activity = get_object_or_404(campaign.activities.all(), pk=activity_id)
    services.remove_activity(actor, campaign, activity, request=request)
    messages.success(request, _("The activity has been removed."))
    return redirect("prevention:detail", campaign.pk)


@login_required
@require_POST
def material_add(request, campaign_id):
    actor = actor_for(request)
    campaign = queries.campaign_to_manage(actor, campaign_id)
    form = MaterialForm(request.POST, prefix="material")
    if form.is_valid():
        try:
            services.add_material(actor, campaign, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The material has been added."))
            return redirect("prevention:detail", campaign.pk)
    return _part_page(request, campaign, form, _("Add a material"))


@login_required
@require_POST
def material_remove(request, campaign_id, material_id):
    actor = actor_for(request)
    campaign = queries.campaign_to_manage(actor, campaign_id)
    material = get_object_or_404(campaign.materials.all(), pk=material_id)
    services.remove_material(actor, campaign, material, request=request)
    messages.success(request, _("The material has been removed."))
    return redirect("prevention:detail", campaign.pk)
