"""From uploaded bytes to a ParsedFile: decode the text, recognise the app that wrote it, and
hand the rows to that app's parser."""

import codecs
import csv
import io
import logging
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from apps.portability.formats import fitnotes, hevy, legwork_json, strong
from apps.portability.records import FileRejected, ParsedFile, rows_message

MAX_IMPORT_BYTES = 10 * 1024 * 1024
# Rows of a CSV import (the header aside), or sessions and sets of a Legwork JSON one. Ten
# years of Strong, two sessions a week, is 30,000 rows; 10 MB of the shortest rows an app writes
# is about 230,000. Counted before any row is parsed (reading a row that cannot be used costs a
# parser far more than counting it), so a file of a million one-character rows is refused in a
# fraction of a second.
MAX_IMPORT_ROWS = 250_000
# The header Legwork's own CSV export writes (apps/portability/exporting.py).
LEGWORK_CSV_MARKER = "exercise_slug"
# The CSV exports Legwork reads, each recognised by its columns, tried in this order.
CSV_FORMATS = (strong, hevy, fitnotes)

logger = logging.getLogger(__name__)


def read_upload(content: bytes, *, unit: str, keep_warmups: bool, zone: ZoneInfo) -> ParsedFile:
    """Read an uploaded export. Raises FileRejected with a message for the runner when the file
    as a whole cannot be used; rows that cannot be used are listed in ParsedFile.skipped."""
    if len(content) > MAX_IMPORT_BYTES:
        raise FileRejected(size_message(len(content)))
    text = decode(content)
    try:
        return _parse(text, unit=unit, keep_warmups=keep_warmups, zone=zone)
    except (ValueError, ArithmeticError):
        # What Python refuses to convert: an integer of more than 4,300 digits (JSON or CSV),
        # a Decimal or a duration beyond any range. No export holds such numbers, so the file as
        # a whole is refused, wherever in it the number is and whichever parser met it. Logged
        # with its traceback, so a parser's own bug would not hide behind this message.
        logger.warning("import refused: a number beyond Python's ranges", exc_info=True)
        raise FileRejected(number_message()) from None


def _parse(text: str, *, unit: str, keep_warmups: bool, zone: ZoneInfo) -> ParsedFile:
    if text.lstrip().startswith(("{", "[")):
        return legwork_json.parse(text, max_entries=MAX_IMPORT_ROWS)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    check_row_count(text, delimiter)
    rows = numbered_rows(text, delimiter)
    try:
        _, header = next(rows)
    except StopIteration:
        raise FileRejected("The file is empty.") from None
    columns = [name.strip().strip('"').strip() for name in header]
    for reader in CSV_FORMATS:
        if reader.recognises(columns):
            return reader.parse(
                columns, rows, unit=unit, keep_warmups=keep_warmups, zone=zone, delimiter=delimiter
            )
    if LEGWORK_CSV_MARKER in columns:
        raise FileRejected(
            "This is Legwork's CSV export, which is for spreadsheets. To bring your history "
            "back, import Legwork's JSON export instead."
        )
    raise FileRejected(
        "This file is not an export Legwork knows. Upload the CSV export of Strong, Hevy or "
        "FitNotes, or Legwork's own JSON export (see the list of formats below)."
    )


def size_message(size: int) -> str:
    return (
        f"The file is {size / 1024 / 1024:.1f} MB; Legwork imports files up to "
        f"{MAX_IMPORT_BYTES // 1024 // 1024} MB. Export a shorter period and import it in parts."
    )


def number_message() -> str:
    return (
        "This file holds a number far too long or too large to be a weight, a count or a time "
        "(an export's numbers have a few digits). Export the file again and upload it unchanged."
    )


def check_row_count(text: str, delimiter: str) -> None:
    """Refuses a CSV of more than MAX_IMPORT_ROWS rows. Counting line breaks bounds the rows
    from above (a quoted note may span lines) at almost no cost; only a file that could be over
    the limit is counted row by row, and that count stops at the limit."""
    if text.count("\n") + text.count("\r") < MAX_IMPORT_ROWS:
        return
    for _ in numbered_rows(text, delimiter):
        pass


def decode(content: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 with one, or Windows-1252, as the
    apps' exports come from phones, Macs and Windows spreadsheets."""
    if not content.strip():
        raise FileRejected("The file is empty.")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileRejected(binary_message())
    sample = text[:65536]
    if any(ord(char) < 32 and char not in "\t\r\n" for char in sample):
        raise FileRejected(binary_message())
    return text


def binary_message() -> str:
    return (
        "This is not a CSV or JSON text file (it may be a spreadsheet, a zip or an image). "
        "Export CSV from the app and upload that file as it is."
    )


def numbered_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """CSV rows with the line each starts on (a quoted note may span lines), blank rows left
    out; FileRejected past MAX_IMPORT_ROWS."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start, count = 1, 0
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                count += 1
                # The header is the first row; MAX_IMPORT_ROWS counts the rows after it.
                if count > MAX_IMPORT_ROWS + 1:
                    raise FileRejected(rows_message(MAX_IMPORT_ROWS))
                yield start, row
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileRejected(f"Line {start} is not valid CSV ({error}).") from None


def supported_formats() -> list[dict]:
    """What the import page and docs/data.md list: each app, its layouts, what is read."""
    return [
        {
            "app": "Strong",
            "how": "Settings → Export data → CSV. All three layouts: comma-separated, "
            "semicolon-separated with units in the headers, and the older one with a unit "
            "on every row.",
        },
        {
            "app": "Hevy",
            "how": "Settings → Export & import data → Export workouts (CSV), in kg or lb.",
        },
        {"app": "FitNotes", "how": "Settings → Spreadsheet export (CSV); one session per day."},
        {"app": "Legwork", "how": "The JSON export from this page's sister page, Export."},
    ]
