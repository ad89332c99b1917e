from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A personal API token for a runner's own scripts. Only a SHA-256 hash of the secret is
    stored: the secret is shown once, when the token is created, and can never be read back."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=60, help_text="What the token is for, e.g. “watch app”.")
    # The first characters of the secret, so a runner can tell their tokens apart.
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # The one-time value of the settings form that made it: one token per rendered form, however
    # often it is sent (empty for tokens made otherwise).
    form_nonce = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "form_nonce"],
                condition=~models.Q(form_nonce=""),
                name="one_token_per_form",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
