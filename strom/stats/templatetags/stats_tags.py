"""Template helpers of the statistics pages: a figure's chart and its table's cells."""

from django import template

from strom.stats.charts import bar_chart
from strom.stats.figures import SUPPRESSED_MARK

register = template.Library()


@register.simple_tag
def chart_of(figure):
    return bar_chart(figure.series(), SUPPRESSED_MARK)

