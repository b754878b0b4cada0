"""Strom's URLs plus one empty page: the floor of the home page case (see cases.home_page)."""

from django.http import HttpResponse
from django.urls import include, path


def empty(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/empty/", empty), path("", include("strom.urls"))]
