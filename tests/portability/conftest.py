from pathlib import Path

import pytest

from apps.portability import services

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


@pytest.fixture
def preview(db):
    """preview(user, content, **options): the pending import the settings page would show.
    Tests that need names matched to the routine's moves ask for the `routine` fixture too."""

    def make(user, content: bytes, **options):
        options.setdefault("unit", user.unit)
        return services.import_preview(
            user=user, content=content, filename=options.pop("filename", "export.csv"), **options
        )

    return make


@pytest.fixture
def imported(preview):
    """imported(user, content, **options): preview then commit, as confirming on the page."""

    def make(user, content: bytes, **options):
        pending = preview(user, content, **options)
        return services.import_commit(user=user, pending=pending)

    return make
