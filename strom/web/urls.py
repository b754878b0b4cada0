from django.urls import path

from strom.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
