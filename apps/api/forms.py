from django import forms

from apps.api.models import ApiToken
from apps.api.services import MAX_TOKENS_PER_USER


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=60,
        help_text="What it is for, e.g. “watch app” or “my spreadsheet script”.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        if ApiToken.objects.filter(user=self.user).count() >= MAX_TOKENS_PER_USER:
            raise forms.ValidationError(
                f"You have {MAX_TOKENS_PER_USER} tokens already. Revoke one you no longer use."
            )
        return super().clean()
