"""POST /api/v1/imports/ and friends: the same preview-then-commit import as the settings page,
through the same services."""

import dataclasses

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from apps.accounts.units import UNIT_CHOICES
from apps.portability import services, uploads
from apps.portability.forms import WARMUP_CHOICES
from apps.portability.models import PendingImport
from apps.portability.ownership import pending_import_owned_or_404
from apps.portability.reading import MAX_IMPORT_BYTES, size_message
from apps.portability.records import FileRejected


class UploadRefusedError(exceptions.APIException):
    """413 (too large) or 411 (no length), in the API's one error shape, with the message the
    import page shows."""

    default_code = "upload_refused"

    def __init__(self, refused: uploads.UploadRefused) -> None:
        self.status_code = refused.status
        code = "request_too_large" if refused.status == 413 else "length_required"
        super().__init__(refused.message, code=code)


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    unit = serializers.ChoiceField(choices=UNIT_CHOICES, required=False)
    warmups = serializers.ChoiceField(choices=WARMUP_CHOICES, default="keep")
    restore_profile = serializers.BooleanField(default=False)

    def validate_file(self, upload):
        if upload.size > MAX_IMPORT_BYTES:
            raise serializers.ValidationError(size_message(upload.size))
        return upload


class PendingImportSerializer(serializers.ModelSerializer):
    commit_url = serializers.SerializerMethodField()

    class Meta:
        model = PendingImport
        fields = [
            "id",
            "filename",
            "unit",
            "keep_warmups",
            "restore_profile",
            "timezone",
            "summary",
            "created_at",
            "commit_url",
        ]
        read_only_fields = fields

    def get_commit_url(self, pending: PendingImport) -> str:
        return reverse(
            "api-import-commit", kwargs={"pk": pending.pk}, request=self.context.get("request")
        )


class ImportResultSerializer(serializers.Serializer):
    sessions = serializers.IntegerField()
    sets = serializers.IntegerField()
    already_imported = serializers.IntegerField()
    exercises_created = serializers.IntegerField()


class ImportUploadView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    def initial(self, request: Request, *args, **kwargs) -> None:
        # Before authentication: a signed-in browser's CSRF check reads the body, and a body
        # declared too large must not be read at all (apps/portability/uploads.py).
        refused = uploads.refusal_before_reading(request)
        if refused:
            raise UploadRefusedError(refused)
        super().initial(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={201: PendingImportSerializer},
        summary="Upload an export (Strong, Hevy, FitNotes CSV or Legwork JSON) for preview",
    )
    def post(self, request: Request) -> Response:
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        try:
            pending = services.import_preview(
                user=request.user,
                content=data["file"].read(),
                filename=data["file"].name or "",
                unit=data.get("unit") or request.user.unit,
                keep_warmups=data["warmups"] == "keep",
                restore_profile=data["restore_profile"],
            )
        except FileRejected as rejected:
            # The API's one error shape (apps/api/exceptions.py): a 400 naming the field.
            raise serializers.ValidationError({"file": [str(rejected)]}) from rejected
        body = PendingImportSerializer(pending, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class ImportDetailView(APIView):
    @extend_schema(responses={200: PendingImportSerializer}, summary="The preview of an upload")
    def get(self, request: Request, pk: int) -> Response:
        pending = pending_import_owned_or_404(request.user, pk, with_content=False)
        return Response(PendingImportSerializer(pending, context={"request": request}).data)

    @extend_schema(responses={204: None}, summary="Cancel an upload; nothing is imported")
    def delete(self, request: Request, pk: int) -> Response:
        services.import_cancel(
            user=request.user,
            pending=pending_import_owned_or_404(request.user, pk, with_content=False),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ImportProgressSerializer(ImportResultSerializer):
    sessions_in_file = serializers.IntegerField()
    position = serializers.IntegerField(help_text="How many of the file's sessions are handled.")
    commit_url = serializers.CharField(help_text="POST here again to write the next step.")


class ExerciseChoicesSerializer(serializers.Serializer):
    choices = serializers.DictField(
        child=serializers.CharField(max_length=100),
        allow_empty=False,
        help_text="Each exercise name's key (summary.exercises[].key) to `routine:<slug>` (one "
        "of summary.moves), `own` or `skip`. Remembered for the next import from the same app.",
    )


class ImportExercisesView(APIView):
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        request=ExerciseChoicesSerializer,
        responses={200: PendingImportSerializer},
        summary="Choose what the file's exercise names become; the preview is worked out again",
    )
    def post(self, request: Request, pk: int) -> Response:
        pending = pending_import_owned_or_404(request.user, pk, with_content=True)
        body = ExerciseChoicesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.import_choose_exercises(
                user=request.user, pending=pending, choices=body.validated_data["choices"]
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError({"choices": error.message_dict}) from error
        return Response(PendingImportSerializer(pending, context={"request": request}).data)


class ImportTimezoneSerializer(serializers.Serializer):
    timezone = serializers.CharField(
        max_length=64, help_text="The timezone the file's wall-clock times are read in."
    )


class ImportTimezoneView(APIView):
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        request=ImportTimezoneSerializer,
        responses={200: PendingImportSerializer},
        summary="Read the file's times in another timezone; the preview is worked out again",
    )
    def post(self, request: Request, pk: int) -> Response:
        pending = pending_import_owned_or_404(request.user, pk, with_content=True)
        body = ImportTimezoneSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.import_change_timezone(
                user=request.user, pending=pending, timezone_name=body.validated_data["timezone"]
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return Response(PendingImportSerializer(pending, context={"request": request}).data)


class ImportCommitView(APIView):
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        request=None,
        responses={200: ImportResultSerializer, 202: ImportProgressSerializer},
        summary="Import it: 200 when done; 202 with the progress when a large file needs "
        "another step (POST again)",
    )
    def post(self, request: Request, pk: int) -> Response:
        pending = pending_import_owned_or_404(request.user, pk, with_content=True)
        try:
            result = services.import_commit(user=request.user, pending=pending)
        except FileRejected as rejected:
            # The API's one error shape (apps/api/exceptions.py): a 400 naming the field.
            raise serializers.ValidationError({"file": [str(rejected)]}) from rejected
        if result.finished:
            return Response(ImportResultSerializer(result).data)
        progress = {
            **dataclasses.asdict(result),
            "commit_url": reverse("api-import-commit", kwargs={"pk": pk}, request=request),
        }
        return Response(ImportProgressSerializer(progress).data, status=status.HTTP_202_ACCEPTED)
