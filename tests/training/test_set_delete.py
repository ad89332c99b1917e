import pytest

from apps.training import services
from apps.training.models import SetEntry
from tests.factories import SetEntryFactory

pytestmark = pytest.mark.django_db


def test_deleting_a_set_removes_only_that_set():
    entry = SetEntryFactory()
    other = SetEntryFactory(session=entry.session, set_number=entry.set_number + 1)

    services.set_delete(entry=entry)

    assert list(SetEntry.objects.values_list("pk", flat=True)) == [other.pk]
