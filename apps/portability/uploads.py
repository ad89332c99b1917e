"""An upload judged by its headers before anything reads its body, for the import page and the
import API alike: a body declared larger than an import can be is refused at once, so none of
it is read, held in memory or written to the server's temporary folder.

A body with no Content-Length (chunked transfer) is never read at all: Django reads at most
Content-Length bytes of a request (`LimitedStream`, 0 when the header is absent), so the cap on
what is read without a length is zero. Such an upload is refused with a message saying why,
rather than answered as if no file had been sent."""

from dataclasses import dataclass

from django.http import HttpRequest
from rest_framework.request import Request

from apps.portability.reading import MAX_IMPORT_BYTES, size_message

# Room for the multipart framing and the form's few other fields around the file itself, so a
# file just under the limit is never refused for its envelope.
FORM_OVERHEAD_BYTES = 64 * 1024
MAX_UPLOAD_BODY_BYTES = MAX_IMPORT_BYTES + FORM_OVERHEAD_BYTES
# More digits than any body under the limit can have (and than int() should be asked to read).
_LENGTH_DIGITS = len(str(MAX_UPLOAD_BODY_BYTES))


@dataclass(frozen=True)
class UploadRefused:
    status: int  # 413 Content Too Large, or 411 Length Required
    message: str


def refusal_before_reading(request: HttpRequest | Request) -> UploadRefused | None:
    """Why this upload is refused, from its headers alone; None when its body may be read."""
    declared = (request.META.get("CONTENT_LENGTH") or "").strip()
    if not declared:
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return UploadRefused(411, length_required_message())
        return None
    if not declared.isdigit():
        return None  # Django reads nothing of a body whose length it cannot read
    if len(declared) > _LENGTH_DIGITS or int(declared) > MAX_UPLOAD_BODY_BYTES:
        size = int(declared) if len(declared) <= 15 else 10**15
        return UploadRefused(413, size_message(size))
    return None


def length_required_message() -> str:
    return (
        "The upload did not say its size (it was sent in chunks, without Content-Length). "
        f"Send the file with its length; Legwork imports files up to "
        f"{MAX_IMPORT_BYTES // 1024 // 1024} MB."
    )
