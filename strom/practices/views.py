"""Pages of the practices library: search and list, a practice in the reader's language, the forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from strom.accounts.policies import actor_for
from strom.network.languages import is_language_code, language_name
from strom.practices import queries, services
from strom.practices.display import choose_language
from strom.practices.forms import FactsForm, PracticeForm, SearchForm, TranslationForm, WordsForm
from strom.practices.policies import can_manage, require_managing
from strom.practices.vocabularies import ChainStage, ExploitationForm, TargetGroup
from strom.prevention.views import _labels


def _apply_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, messages_)


def _languages(codes) -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in codes]


@login_required
@require_GET
def practice_list(request):
    actor = actor_for(request)
    form = SearchForm(request.GET or None)
    filters = queries.Filters(**form.cleaned_data) if form.is_valid() else queries.Filters()
    page = queries.practice_page(actor, filters, get_language(), request.GET.get("after"))
    query = request.GET.copy()
    if page.next_cursor:
        query["after"] = page.next_cursor
    rows = [(row, _languages(row.others)) for row in page.rows]
    return render(request, "practices/list.html", {
        "form": form, "rows": rows, "searching": filters != queries.Filters(),
        "can_create": can_manage(actor), "next_query": query.urlencode() if page.next_cursor else ""})


@login_required
@require_GET
def practice_detail(request, practice_id):
    actor = actor_for(request)
    practice = queries.get_practice_for(actor, practice_id)
    texts = {t.language: t for t in practice.texts.all()}
    asked = request.GET.get("language", "")
    language = asked if asked in texts else choose_language(texts, get_language(), practice.original_language)
    text = texts.get(language)
    return render(request, "practices/detail.html", {
        "practice": practice, "text": text, "language": language_name(language) if language else "",
        "language_code": language, "original": language == practice.original_language,
        "others": _languages(sorted(code for code in texts if code != language)),
        "target_groups": _labels(practice.target_groups, TargetGroup),
        "exploitation_forms": _labels(practice.exploitation_forms, ExploitationForm),
        "chain_stages": _labels(practice.chain_stages, ChainStage),
        "manages": can_manage(actor),
    })


@login_required
@require_http_methods(["GET", "POST"])
def practice_create(request):
    actor = actor_for(request)
    require_managing(actor)
    form = PracticeForm(request.POST or None, initial={"original_language": "en"})
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.create_practice(actor, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The practice has been added to the library."))
            return redirect("practices:detail", practice.pk)
    return render(request, "practices/form.html", {"form": form, "heading": _("New practice")})


def _to_manage(request, practice_id):
    actor = actor_for(request)
    practice = queries.get_practice_for(actor, practice_id)
    require_managing(actor, practice)
    return actor, practice


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request, practice_id):
    actor, practice = _to_manage(request, practice_id)
    form = FactsForm(request.POST or None, initial=FactsForm.initial_from(practice))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_facts(actor, practice, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The practice has been saved.") if changed else _("Nothing was changed."))
            return redirect("practices:detail", practice.pk)
    return render(request, "practices/form.html", {"form": form, "practice": practice,
                                                   "heading": _("Edit the facts of the practice")})


@login_required
@require_http_methods(["GET", "POST"])
def text_edit(request, practice_id, language):
    """Edit the text in one language; `new` as the language adds a translation."""
    actor, practice = _to_manage(request, practice_id)
    adding = language == "new"
    text = None if adding else queries.text_of(practice, language)
    if not adding and text is None:
        raise Http404
    form_class = TranslationForm if adding else WordsForm
    initial = {} if adding else {f: getattr(text, f) for f in services.TEXT_FIELDS}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        words = dict(form.cleaned_data)
        chosen = words.pop("language", language)
        if adding and queries.text_of(practice, chosen) is not None:
            form.add_error("language", _("The practice has a text in this language: edit that one."))
        else:
            try:
                services.save_text(actor, practice, chosen, request=request, **words)
            except ValidationError as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("The text has been saved."))
                return redirect(f"{practice.get_absolute_url()}?language={chosen}")
    heading = _("Add a translation") if adding else _("Edit the text in %(language)s") % {
        "language": language_name(language)}
    return render(request, "practices/form.html", {"form": form, "practice": practice, "heading": heading})


@login_required
@require_POST
def text_remove(request, practice_id, language):
    actor, practice = _to_manage(request, practice_id)
    if not is_language_code(language) or queries.text_of(practice, language) is None:
        raise Http404
    try:
        services.remove_text(actor, practice, language, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The text has been removed."))
    return redirect("practices:detail", practice.pk)
