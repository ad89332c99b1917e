"""check --deploy says when the sign-up page can tell whether an address is registered."""

from apps.accounts.checks import check_signup_hides_registered_emails


def test_check_deploy_warns_while_new_accounts_skip_verification(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"

    assert [w.id for w in check_signup_hides_registered_emails(None)] == ["legwork.W010"]


def test_check_deploy_warns_when_enumeration_prevention_is_off(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    settings.ACCOUNT_PREVENT_ENUMERATION = False

    assert [w.id for w in check_signup_hides_registered_emails(None)] == ["legwork.W010"]


def test_check_deploy_is_quiet_with_mandatory_verification(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"

    assert check_signup_hides_registered_emails(None) == []
