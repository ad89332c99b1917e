"""Writes behind personal API tokens: create one (the secret is returned once), revoke one."""

import hashlib
import secrets

from django.db import transaction

from apps.api.models import ApiToken

# "lw_" marks a Legwork token in a script or a leaked log; 32 random bytes make it unguessable.
TOKEN_PREFIX = "lw_"
SHOWN_PREFIX_LENGTH = 8
MAX_TOKENS_PER_USER = 20


def token_hash(secret: str) -> str:
    """The stored form of a token's secret. A fast hash is right here: the secret is 256 random
    bits, not a password, so there is nothing for a slow hash to protect."""
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user` and its secret, which is never stored and cannot be shown again."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=secret[: len(TOKEN_PREFIX) + SHOWN_PREFIX_LENGTH],
        key_hash=token_hash(secret),
    )
    with transaction.atomic():
        token.full_clean()
        token.save()
    return token, secret


def token_revoke(*, token: ApiToken) -> None:
    """Revoking deletes the row: a revoked token authenticates nothing, at once."""
    token.delete()
