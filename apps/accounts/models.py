import zoneinfo
from functools import cache, cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from apps.accounts import equipment
from apps.accounts.managers import UserManager
from apps.accounts.units import KG, STORED_PLACES, UNIT_CHOICES

MONDAY = 0
SUNDAY = 6
WEEK_START_CHOICES = [(MONDAY, "Monday"), (SUNDAY, "Sunday")]
WEEKDAY_CHOICES = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


@cache
def timezone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_timezone_name(value: str) -> None:
    if value not in timezone_names():
        raise ValidationError(
            "“%(value)s” is not a timezone Legwork knows. Use a name like Europe/London.",
            params={"value": value},
        )


def validate_own_weights(value) -> None:
    """A list of at most 40 loads in kilograms, each above 0 and up to 500 kg."""
    if not isinstance(value, list):
        raise ValidationError("List the weights, e.g. [8, 12, 16] (kilograms).")
    if len(value) > equipment.MAX_OWN_WEIGHTS:
        raise ValidationError(f"List at most {equipment.MAX_OWN_WEIGHTS} weights.")
    try:
        equipment.weights_kg(value, KG, places=STORED_PLACES)
    except ValueError as error:
        raise ValidationError(str(error)) from None


def default_timezone() -> str:
    return settings.LEGWORK_DEFAULT_TIMEZONE


class User(AbstractUser):
    """A runner (or a staff member). The login is the email; the training preferences live here
    too, so every page gets them with the user it already loads, at no extra query."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    name = models.CharField("display name", max_length=150, blank=True)

    unit = models.CharField("units", max_length=2, choices=UNIT_CHOICES, default=KG)
    timezone = models.CharField(
        max_length=64, default=default_timezone, validators=[validate_timezone_name]
    )
    week_start = models.PositiveSmallIntegerField(choices=WEEK_START_CHOICES, default=MONDAY)
    weekly_goal = models.PositiveSmallIntegerField(
        "sessions per week",
        default=2,
        validators=[MinValueValidator(2), MaxValueValidator(7)],
        help_text="The article asks for at least two.",
    )
    min_rest_days = models.PositiveSmallIntegerField(
        "minimum rest days between sessions",
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(3)],
    )
    rest_timer_seconds = models.PositiveSmallIntegerField(
        "rest between sets (seconds)",
        default=90,
        validators=[MinValueValidator(10), MaxValueValidator(600)],
    )
    long_run_weekday = models.PositiveSmallIntegerField(
        "long-run day", choices=WEEKDAY_CHOICES, null=True, blank=True
    )
    race_date = models.DateField("next race", null=True, blank=True)

    # What the runner trains with (apps/accounts/equipment.py): one preset per kind, or their
    # own weights, kept in kilograms like every load.
    dumbbells = models.CharField(
        max_length=10, choices=equipment.DUMBBELL_CHOICES, default=equipment.RACK
    )
    own_dumbbells_kg = models.JSONField(
        "your dumbbells", default=list, blank=True, validators=[validate_own_weights]
    )
    kettlebells = models.CharField(
        max_length=10, choices=equipment.KETTLEBELL_CHOICES, default=equipment.FULL_RANGE
    )
    own_kettlebells_kg = models.JSONField(
        "your kettlebells", default=list, blank=True, validators=[validate_own_weights]
    )
    barbell = models.CharField(
        max_length=10, choices=equipment.BARBELL_CHOICES, default=equipment.PLATES
    )
    own_barbell_kg = models.JSONField(
        "your barbell loads", default=list, blank=True, validators=[validate_own_weights]
    )

    class Theme(models.TextChoices):
        SYSTEM = "system", "Same as my device"
        LIGHT = "light", "Light"
        DARK = "dark", "Dark"

    theme = models.CharField(
        "light or dark", max_length=6, choices=Theme.choices, default=Theme.SYSTEM
    )

    # What a runner sets on the settings page: the form, the API's me/ and the JSON export all
    # carry exactly these.
    PREFERENCE_FIELDS = (
        "name",
        "unit",
        "timezone",
        "week_start",
        "weekly_goal",
        "min_rest_days",
        "rest_timer_seconds",
        "long_run_weekday",
        "race_date",
        "dumbbells",
        "own_dumbbells_kg",
        "kettlebells",
        "own_kettlebells_kg",
        "barbell",
        "own_barbell_kg",
        "theme",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    @cached_property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)
