import secrets

from django import forms
from django.core.validators import RegexValidator


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=60,
        help_text="What it is for, e.g. “watch app” or “my spreadsheet script”.",
    )
    # One per rendered form: the page shows the new secret without a redirect (it is stored
    # nowhere), so a reload re-sends the POST; stored with the token, the nonce makes one token
    # per form however often it is sent (services.token_create).
    nonce = forms.CharField(
        widget=forms.HiddenInput,
        min_length=16,
        max_length=64,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", "Reload the page and try again.")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["nonce"] = secrets.token_urlsafe(24)
