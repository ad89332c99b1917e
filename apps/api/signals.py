"""A new password revokes the runner's API tokens: whoever knew the old password may have made
one, and a token never asks for the password again (docs/api.md, "Tokens")."""

from allauth.account.signals import password_changed, password_reset, password_set
from django.dispatch import receiver

from apps.api import services


@receiver(password_changed, dispatch_uid="api-tokens-revoked-on-password-change")
@receiver(password_reset, dispatch_uid="api-tokens-revoked-on-password-reset")
@receiver(password_set, dispatch_uid="api-tokens-revoked-on-password-set")
def revoke_tokens_on_new_password(sender, request, user, **kwargs) -> None:
    services.tokens_revoke_all(user=user)
