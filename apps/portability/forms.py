from django import forms
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from apps.accounts.models import validate_timezone_name
from apps.accounts.units import UNIT_CHOICES
from apps.portability.reading import MAX_IMPORT_BYTES, size_message

WARMUP_CHOICES = [
    ("keep", "Keep them, marked as warm-up sets"),
    ("skip", "Leave them out"),
]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Export file",
        help_text=(
            "The CSV export of Strong, Hevy or FitNotes, or Legwork's own JSON export; "
            f"up to {MAX_IMPORT_BYTES // 1024 // 1024} MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.json,.txt,text/csv,application/json"}
        ),
    )
    unit = forms.ChoiceField(
        label="Weights in the file are in",
        choices=UNIT_CHOICES,
        widget=forms.RadioSelect,
        help_text="Used only when the file does not say (Strong's comma-separated export).",
    )
    warmups = forms.ChoiceField(
        label="Warm-up sets", choices=WARMUP_CHOICES, initial="keep", widget=forms.RadioSelect
    )
    restore_profile = forms.BooleanField(
        label="Also restore my settings from a Legwork export",
        required=False,
        help_text="Units, timezone, week start, goals and rest timer, as they were exported.",
    )

    def __init__(self, *args, refusal: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.refusal = refusal

    def clean(self):
        if self.refusal:
            # The upload was refused before or while reading it, so "file" is missing: say why.
            self.errors.pop("file", None)
            self.add_error("file", self.refusal)
        return super().clean()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(size_message(upload.size))
        if upload.size == 0:
            raise forms.ValidationError("The file is empty.")
        return upload


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        max_length=256,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To be sure it is you.",
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Nothing was deleted.")
        return password


class SizeLimitedUpload(FileUploadHandler):
    """Counts an upload's bytes and stops reading it once it passes `limit`: the rest of the
    request is read and thrown away, nothing is kept. `received_too_much` is then the count."""

    def __init__(self, request, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.received_too_much: int | None = None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.received_too_much = self._total_size()
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def _total_size(self) -> int:
        length = self.request.META.get("CONTENT_LENGTH") or ""
        return int(length) if length.isdigit() else self.received


class ExerciseChoicesForm(forms.Form):
    """The preview's choice for each exercise name of the file: one of the routine's moves, the
    runner's own exercise, or left out. Built from the preview's summary (the names and the
    moves it lists), so showing it costs no query."""

    OWN = "own"
    SKIP = "skip"

    def __init__(self, *args, summary: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        moves = [(f"routine:{move['slug']}", move["name"]) for move in summary.get("moves", [])]
        options = [
            ("Routine move", moves),
            (self.OWN, "Keep as my own exercise"),
            (self.SKIP, "Leave out"),
        ]
        self.rows: list[tuple[dict, forms.BoundField]] = []
        self.keys: dict[str, str] = {}
        for index, exercise in enumerate(summary.get("exercises", [])):
            if not exercise.get("choice"):
                continue  # Legwork's JSON names its moves itself
            name = f"exercise-{index}"
            self.fields[name] = forms.ChoiceField(
                label=", ".join(exercise["names"]), choices=options, initial=exercise["choice"]
            )
            self.keys[name] = exercise["key"]
            self.rows.append((exercise, self[name]))

    def is_bound_with_choices(self) -> bool:
        return self.is_bound and any(name in self.data for name in self.keys)

    def choices(self) -> dict[str, str]:
        """The names' keys (as the summary lists them) to the chosen option."""
        return {self.keys[name]: self.cleaned_data[name] for name in self.keys}


class ImportTimezoneForm(forms.Form):
    """The timezone a pending import reads the file's wall-clock times in."""

    timezone = forms.CharField(
        label="Read the file's times in",
        max_length=64,
        widget=forms.TextInput(attrs={"list": "timezone-names", "autocomplete": "off"}),
        help_text="The timezone the phone was set to when you trained, e.g. Europe/London.",
        validators=[validate_timezone_name],
    )
