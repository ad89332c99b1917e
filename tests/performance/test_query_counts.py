"""Every main page renders in a fixed number of SQL queries whatever the history size
(docs/performance.md): asserted exactly at two history sizes, so a regression fails CI."""

import pytest

from bench.catalogue import PAGES

PAGES_BY_LABEL = {page.label: page for page in PAGES}

# Warm requests (the second one), signed in: the session and the user are the first two.
EXPECTED_QUERIES = {
    "baseline": 2,
    # session, user, history version (the week's summary is cached), the open draft
    "home": 4,
    "routine": 3,  # session, user, content version (the routine is cached)
    "exercise": 3,  # session, user, content version (the move is cached)
    # session, user, the draft, its sets and skips, the content version (the routine is
    # cached), choices, last time's sets
    "player (draft)": 8,
    "history p1": 3,  # session, user, history version (the page's content is cached)
    "session": 4,  # session, user, the runner's session, history version
    "progress": 3,  # session, user, history version (the page's content is cached)
    "api sessions": 3,  # session, user, history version (the page is cached)
    "api sets": 3,  # session, user, history version (the page is cached)
    "api weeks (1 year)": 3,  # session, user, history version (the answer is cached)
    "api summary": 3,
}


@pytest.mark.parametrize("label", EXPECTED_QUERIES)
def test_a_page_costs_a_fixed_number_of_queries(label, history, client, django_assert_num_queries):
    page = PAGES_BY_LABEL[label]
    url = page.url(history)
    headers = {"HTTP_ACCEPT": "application/json"} if page.api else {}
    client.force_login(history.user)
    client.get(url, **headers)

    with django_assert_num_queries(EXPECTED_QUERIES[label]):
        response = client.get(url, **headers)

    assert response.status_code == 200
