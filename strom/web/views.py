from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from strom.accounts.policies import actor_for
from strom.web.work import work_for


@login_required
@require_GET
def home(request):
    """"My work": what needs the actor's attention now, across the areas she works in."""
    actor = actor_for(request)
    return render(request, "web/home.html", {"actor": actor, "work": work_for(actor)})


def permission_denied(request, exception=None):
    return render(request, "web/error.html", {"status": 403}, status=403)


def page_not_found(request, exception=None):
    return render(request, "web/error.html", {"status": 404}, status=404)


def server_error(request):
    # No context processors here on purpose: a failing request must not fail again while
    # rendering its error page, and an error page never shows details.
    return HttpResponseServerError(loader.get_template("web/error_500.html").render({}))
