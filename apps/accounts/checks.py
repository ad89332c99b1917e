"""Deploy checks of the accounts (`manage.py check --deploy` runs them)."""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning


@register(Tags.security, deploy=True)
def check_signup_hides_registered_emails(app_configs, **kwargs):
    # allauth can only answer a sign-up for a registered address like a new one when a new
    # account waits for its confirmation mail: with "optional", a new runner is signed in at
    # once, and a registered address must be refused on the form instead (docs/production.md).
    verification = getattr(settings, "ACCOUNT_EMAIL_VERIFICATION", "optional")
    prevented = getattr(settings, "ACCOUNT_PREVENT_ENUMERATION", True)
    if verification != "mandatory" or not prevented:
        return [
            CheckWarning(
                "The sign-up page tells anyone whether an email address is registered.",
                hint="Set ACCOUNT_EMAIL_VERIFICATION=mandatory (docs/production.md).",
                id="legwork.W010",
            )
        ]
    return []
