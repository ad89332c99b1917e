"""Light and dark colours, for dark and dim rooms: the same contrast in both, computed
from the custom properties of static/css/app.css (WCAG 2.x contrast ratio)."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "app.css").read_text()

# (text, background) pairs the pages use.
TEXT_ON_BACKGROUND = [
    ("ink", "paper"),
    ("ink", "card"),
    ("muted", "paper"),
    ("muted", "card"),
    ("muted", "accent-soft"),
    ("accent", "paper"),
    ("accent", "card"),
    ("accent", "accent-soft"),
    ("accent-ink", "accent"),
    ("accent-ink", "accent-hover"),
    ("header-ink", "header"),
    ("header", "header-ink"),
    ("ink", "accent-soft"),
    ("ink", "warn-soft"),
    ("ink", "ok-soft"),
    ("ink", "danger-soft"),
    ("warn", "card"),
    ("warn", "warn-soft"),
    ("danger", "card"),
    ("danger", "danger-soft"),
    ("ok", "card"),
    ("ok", "ok-soft"),
    ("paper", "ink"),
    ("paper", "ok"),
]


def _block(selector: str) -> dict[str, str]:
    start = CSS.index(selector + " {") + len(selector) + 2
    body = CSS[start : CSS.index("}", start)]
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", body))


LIGHT = _block(":root")
DARK = _block(':root[data-theme="dark"]')
DARK_BY_PREFERENCE = _block(':root:not([data-theme="light"])')


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_ratio_matches_the_wcag_examples():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_the_device_preference_and_the_chosen_dark_theme_are_the_same_colours():
    assert DARK_BY_PREFERENCE == DARK


def test_dark_defines_every_colour_light_does():
    assert set(DARK) == set(LIGHT)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("text", "background"), TEXT_ON_BACKGROUND)
def test_body_text_has_at_least_4_5_to_1_contrast(theme, text, background):
    colours = LIGHT if theme == "light" else DARK
    ratio = contrast(colours[text], colours[background])
    assert ratio >= 4.5, f"{text} on {background} in {theme}: {ratio:.2f}"


# Where a form field or a focus ring can sit: cards, the page, and the tinted boxes (a suggestion,
# a done set, a warning, an error).
SURFACES = ["card", "paper", "accent-soft", "ok-soft", "warn-soft", "danger-soft"]

# (outline, background) pairs of the focus rings drawn on the darker parts of the page: the
# header (and the skip link over it), the rest timer (ink) and the hold timer (accent).
FOCUS_ON_DARK_PARTS = [
    ("header-focus", "header"),
    ("paper", "ink"),
    ("paper", "accent"),
    ("paper", "ok"),
]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("background", SURFACES)
def test_field_borders_stand_out_at_3_to_1(theme, background):
    colours = LIGHT if theme == "light" else DARK
    ratio = contrast(colours["field-line"], colours[background])
    assert ratio >= 3, f"field-line on {background} in {theme}: {ratio:.2f}"


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("background", SURFACES)
def test_the_focus_ring_stands_out_at_3_to_1(theme, background):
    colours = LIGHT if theme == "light" else DARK
    ratio = contrast(colours["focus"], colours[background])
    assert ratio >= 3, f"focus on {background} in {theme}: {ratio:.2f}"


def test_the_light_focus_ring_and_field_borders_stand_out_on_plain_white():
    assert contrast(LIGHT["focus"], "#ffffff") >= 3
    assert contrast(LIGHT["field-line"], "#ffffff") >= 3


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("outline", "background"), FOCUS_ON_DARK_PARTS)
def test_the_focus_ring_on_the_header_and_timers_stands_out_at_3_to_1(theme, outline, background):
    colours = LIGHT if theme == "light" else DARK
    ratio = contrast(colours[outline], colours[background])
    assert ratio >= 3, f"{outline} on {background} in {theme}: {ratio:.2f}"


def test_the_focus_rings_use_these_colours():
    assert ":focus-visible { outline: 3px solid var(--focus);" in CSS
    assert (
        ".site-header :focus-visible, .skip-link:focus-visible "
        "{ outline-color: var(--header-focus); }" in CSS
    )
    assert (
        ".rest-timer :focus-visible, .hold-timer :focus-visible { outline-color: var(--paper); }"
        in CSS
    )
