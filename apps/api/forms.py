import secrets

from django import forms
from django.core.validators import RegexValidator

from apps.api.models import ApiToken
from apps.api.services import MAX_TOKENS_PER_USER, TOO_MANY_TOKENS


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=60,
        help_text="What it is for, e.g. “watch app” or “my spreadsheet script”.",
    )
    # One per rendered form: the page shows the new secret without a redirect (it is stored
    # nowhere), so a reload re-sends the POST; the nonce lets the view create the token once.
    nonce = forms.CharField(
        widget=forms.HiddenInput,
        min_length=16,
        max_length=64,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", "Reload the page and try again.")],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not self.is_bound:
            self.initial["nonce"] = secrets.token_urlsafe(24)

    def clean(self):
        if ApiToken.objects.filter(user=self.user).count() >= MAX_TOKENS_PER_USER:
            raise forms.ValidationError(TOO_MANY_TOKENS)
        return super().clean()
