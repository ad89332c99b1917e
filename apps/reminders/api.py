"""/api/v1/reminders/: the calendar feed and the weekly nudge, validated exactly as the reminder
settings page validates them (ReminderSettingsForm runs on every write), through the same
services."""

import datetime as dt
import re

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.common import VALIDATION_ERROR_EXAMPLE, StrictModelSerializer, validated_by_form
from apps.reminders import services
from apps.reminders.forms import ReminderSettingsForm
from apps.reminders.models import ReminderSettings
from apps.reminders.views import feed_url

LOCAL_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


@extend_schema_field({"type": "string", "pattern": LOCAL_TIME.pattern, "example": "18:30"})
class LocalTimeField(serializers.CharField):
    """A wall-clock time in the runner's timezone, "HH:MM": not OpenAPI's `time` format, which
    carries a UTC offset a weekly local time cannot have."""

    default_error_messages = {"invalid_time": "Enter a time as HH:MM, e.g. 18:30."}

    def __init__(self, **kwargs):
        super().__init__(trim_whitespace=False, **kwargs)

    def to_internal_value(self, data) -> dt.time:
        text = super().to_internal_value(data)
        if not LOCAL_TIME.fullmatch(text):
            self.fail("invalid_time")
        return dt.time.fromisoformat(text)

    def to_representation(self, value: dt.time) -> str:
        return value.strftime("%H:%M")


class ReminderSettingsSerializer(StrictModelSerializer):
    nudge_time = LocalTimeField(
        required=False, help_text="The nudge's local time (HH:MM) in the runner's timezone."
    )
    feed_url = serializers.SerializerMethodField(
        help_text="The private calendar address (.ics) to subscribe to; null while the feed "
        "is off. Anyone with it sees the runner's plan: reset it with POST feed-secret/."
    )

    class Meta:
        model = ReminderSettings
        fields = [*ReminderSettings.FORM_FIELDS, "feed_url"]
        extra_kwargs = {
            "nudge_weekday": {"help_text": "The nudge's day: 0 = Monday ... 6 = Sunday."},
            "paused_until": {
                "help_text": "No nudge up to and including this date (today to a year ahead)."
            },
        }

    def get_feed_url(self, reminder_settings: ReminderSettings) -> str | None:
        return feed_url(self.context["request"], reminder_settings)

    def validate(self, attrs: dict) -> dict:
        return validated_by_form(
            ReminderSettingsForm, self.instance, attrs, ReminderSettings.FORM_FIELDS
        )

    def update(self, instance: ReminderSettings, validated_data: dict) -> ReminderSettings:
        return services.reminders_update(user=instance.user, **validated_data)


REMINDERS_EXAMPLE = OpenApiExample(
    "Feed and Thursday nudge on",
    value={
        "feed_enabled": True,
        "feed_past_sessions": False,
        "nudge_enabled": True,
        "nudge_weekday": 3,
        "nudge_time": "18:30",
        "paused_until": None,
        "feed_url": "https://legwork.example/reminders/feed/Zk3…Q.ics",
    },
    response_only=True,
)


class RemindersView(generics.RetrieveUpdateAPIView):
    serializer_class = ReminderSettingsSerializer

    def get_object(self) -> ReminderSettings:
        return services.reminder_settings_of(self.request.user)

    @extend_schema(
        summary="Your calendar feed and weekly nudge",
        description="Whether the feed and the nudge are on, the nudge's day and local time, a "
        "pause, and the feed's private address.",
        examples=[REMINDERS_EXAMPLE],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Replace your reminder settings",
        description="Fields left out keep their value. Validated like the reminders page.",
        examples=[REMINDERS_EXAMPLE, VALIDATION_ERROR_EXAMPLE],
    )
    def put(self, request, *args, **kwargs):
        return super().put(request, *args, **kwargs)

    @extend_schema(
        summary="Change some reminder settings",
        description='Send only what changes, e.g. `{"nudge_enabled": false}` or '
        '`{"paused_until": "2027-08-31"}`. Validated like the reminders page.',
        examples=[REMINDERS_EXAMPLE, VALIDATION_ERROR_EXAMPLE],
    )
    def patch(self, request, *args, **kwargs):
        return super().patch(request, *args, **kwargs)


class FeedSecretView(APIView):
    @extend_schema(
        request=None,
        responses={200: ReminderSettingsSerializer},
        summary="Reset the feed's secret address",
        description="The old address answers 404 from now on; the new one is `feed_url`.",
        examples=[REMINDERS_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        reminder_settings = services.feed_secret_reset(user=request.user)
        return Response(
            ReminderSettingsSerializer(reminder_settings, context={"request": request}).data
        )
