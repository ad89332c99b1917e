"""The progress rules' values in words, for templates: {% load progress_words %}, then
{{ status|week_summary }}. Each filter is a function of apps/progress/wording.py, which the API
uses too, so a page and the API say the same thing."""

from django import template

from apps.progress import wording

register = template.Library()

register.filter("week_summary", wording.week_summary)
register.filter("next_day_headline", wording.next_day_headline)
register.filter("next_day_reasons", wording.next_day_reasons)
register.filter("taper_reason", wording.taper_reason)
register.filter("totals_label", wording.totals_label)
