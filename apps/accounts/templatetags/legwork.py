"""Template helpers shared by every app: navigation state and loads in the runner's unit."""

from django import template
from django.urls import reverse

from apps.accounts.units import format_load

register = template.Library()

NAV_ITEMS = [
    ("exercises:routine", "Routine", False),
    ("training:train", "Train", True),
    ("training:history", "History", True),
    ("progress:overview", "Progress", True),
    ("settings", "Settings", True),
]


@register.inclusion_tag("partials/nav.html", takes_context=True)
def main_nav(context):
    request = context["request"]
    # Error pages can render before the authentication middleware has run (a bad Host header).
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    items = [
        {"url": reverse(name), "label": label}
        for name, label, private in NAV_ITEMS
        if signed_in or not private
    ]
    matches = [item for item in items if request.path.startswith(item["url"])]
    current = max(matches, key=lambda item: len(item["url"]), default=None)
    for item in items:
        item["current"] = item is current
    return {"items": items}


@register.simple_tag(takes_context=True)
def load_in_unit(context, value_kg):
    """A stored load in the signed-in runner's unit: {% load_in_unit set.load_kg %}."""
    user = context["request"].user
    unit = getattr(user, "unit", "kg")
    return format_load(value_kg, unit)


@register.filter
def accessible(field):
    """Renders a bound field's widget tied to its help text and errors by aria-describedby."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        ids.append(f"{field.auto_id}_errors")
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter(is_safe=True)
def sentence_case(text):
    """allauth's headings and buttons ("Sign Up", "Confirm Email Address") in the site's sentence
    case: each capitalised word after the first is lowercased; acronyms (API, FIT) and the
    project's name are kept."""
    words = str(text).strip().split(" ")
    return " ".join(
        [
            words[0],
            *(
                word.lower() if word.istitle() and word not in PROPER_NOUNS else word
                for word in words[1:]
            ),
        ]
    )


PROPER_NOUNS = frozenset({"Legwork"})
