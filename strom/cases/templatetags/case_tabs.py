from django import template

from strom.cases.tabs import tabs_for

register = template.Library()


@register.inclusion_tag("cases/tabs.html")
def case_tabs(case, current):
    """`{% case_tabs case "overview" %}` — the sections of this case, the current one marked."""
    return {"tabs": tabs_for(case, current)}
