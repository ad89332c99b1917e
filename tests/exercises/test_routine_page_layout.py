"""The routine page reads in order: "or" comes before the alternative it offers, and an
option's note is left out when its summary already says it."""

from django.urls import reverse

from apps.exercises.selectors import note_beyond_summary


def test_or_comes_before_each_alternative(client, routine):
    html = client.get(reverse("exercises:routine")).text

    assert '<h3><span class="tag tag--alt">or</span> <a href="/routine/kettlebell-swing/">' in html
    assert '<h3><span class="tag tag--alt">or</span> <a href="/routine/pallof-press/">' in html
    assert '<span class="tag tag--alt">or</span></h3>' not in html


def test_the_first_option_of_a_slot_has_no_or(client, routine):
    html = client.get(reverse("exercises:routine")).text

    assert '<h3><a href="/routine/deadlift/">' in html


def test_a_note_the_summary_already_says_is_not_repeated(client, routine):
    html = client.get(reverse("exercises:routine")).text

    assert "in running season. <em>In running season.</em>" not in html
    assert "in running season.</p>" in html


def test_a_note_that_adds_something_is_kept():
    summary = "The hinge on one leg: balance and glutes, good as a warm-up drill."
    note = "Lighter, on one leg: a warm-up drill."
    assert note_beyond_summary(note, summary) == note


def test_a_note_whose_every_word_the_summary_says_is_dropped():
    summary = "The hinge made explosive: power for the push-off, in running season."
    assert note_beyond_summary("In running season.", summary) == ""
    assert note_beyond_summary("", summary) == ""
