import pytest

from apps.training import demo
from bench.catalogue import Runner

# Two small history sizes: the counts must be the same at both (and the benchmark checks 1 and
# 20 years). Weeks, not years, to keep the suite fast.
HISTORY_WEEKS = (3, 12)


@pytest.fixture(params=HISTORY_WEEKS, ids=lambda weeks: f"{weeks}-weeks")
def history(request, routine, runner, settings) -> Runner:
    """A runner with a generated history and a half-done draft, signed in through the
    benchmark's URLconf (the site plus the baseline page)."""
    settings.ROOT_URLCONF = "bench.urls"
    demo.seed_history(user=runner, weeks=request.param, seed=5, open_draft=True)
    return Runner.of(runner)
