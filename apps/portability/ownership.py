"""The one way in to a runner's pending import by id, for the pages and the API alike: another
runner's id is a 404 (in the API, its JSON error)."""

from django.shortcuts import get_object_or_404

from apps.accounts.models import User
from apps.portability.models import PendingImport


def pending_import_owned_or_404(user: User, pk: int | str, *, with_content: bool) -> PendingImport:
    """The runner's pending import; its uploaded file (`content`, possibly megabytes) is read
    only `with_content`."""
    pending = PendingImport.objects.filter(user=user)
    if not with_content:
        pending = pending.defer("content")
    return get_object_or_404(pending, pk=pk)
