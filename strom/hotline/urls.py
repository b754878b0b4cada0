from strom.hotline import crisis_urls

app_name = "hotline"
urlpatterns: list = []
urlpatterns += crisis_urls.urlpatterns  # crisis view, job-offer check, escalation (hotline-crisis)
