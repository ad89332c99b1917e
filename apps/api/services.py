"""Writes behind personal API tokens: create one (the secret is returned once), revoke one, or
revoke them all (when the runner's password changes)."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.accounts.models import User
from apps.api.models import ApiToken

# "lw_" marks a Legwork token in a script or a leaked log; 32 random bytes make it unguessable.
TOKEN_PREFIX = "lw_"
SHOWN_PREFIX_LENGTH = 8
MAX_TOKENS_PER_USER = 20
TOO_MANY_TOKENS = f"You have {MAX_TOKENS_PER_USER} tokens already. Revoke one you no longer use."


def token_hash(secret: str) -> str:
    """The stored form of a token's secret. A fast hash is right here: the secret is 256 random
    bits, not a password, so there is nothing for a slow hash to protect."""
    return hashlib.sha256(secret.encode()).hexdigest()


class TokenAlreadyCreated(Exception):
    """The form with this nonce made its token already (a reload, or a burst of submits)."""


def token_create(*, user, name: str, form_nonce: str = "") -> tuple[ApiToken, str]:
    """A new token for `user` and its secret, which is never stored and cannot be shown again.
    `form_nonce`, the settings form's one-time value, makes one token per rendered form however
    often and however concurrently it is sent: the others raise TokenAlreadyCreated."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=secret[: len(TOKEN_PREFIX) + SHOWN_PREFIX_LENGTH],
        key_hash=token_hash(secret),
        form_nonce=form_nonce,
    )
    try:
        with transaction.atomic():
            # The runner's row lock makes concurrent submits take turns, so each finds the
            # tokens made before it (by this form, and towards the limit). The unique nonce
            # stands behind it on a database without row locks.
            User.objects.select_for_update().filter(pk=user.pk).first()
            mine = ApiToken.objects.filter(user=user)
            if form_nonce and mine.filter(form_nonce=form_nonce).exists():
                raise TokenAlreadyCreated
            if mine.count() >= MAX_TOKENS_PER_USER:
                raise ValidationError(TOO_MANY_TOKENS)
            token.full_clean()
            token.save()
    except IntegrityError:
        if form_nonce and ApiToken.objects.filter(user=user, form_nonce=form_nonce).exists():
            raise TokenAlreadyCreated from None
        raise
    return token, secret


def token_revoke(*, token: ApiToken) -> None:
    """Revoking deletes the row: a revoked token authenticates nothing, at once."""
    token.delete()


def tokens_revoke_all(*, user) -> int:
    """Revokes every token of the runner's: a new password shuts out whoever had the old one,
    scripts included (docs/api.md, "Tokens"). Returns how many were revoked."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted
