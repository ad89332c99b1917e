"""A runner leaves Strong for Legwork and back out again, in the browser: sign up, import a
Strong export (preview, confirm), find the sessions in history, export JSON, delete the account,
sign up again and import the export: the same sessions come back."""

import json
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP

SAMPLES = Path(__file__).resolve().parents[1] / "portability" / "samples"
PASSWORD = "a-long-pass-phrase-9"


def sign_up(page, site, email: str) -> None:
    page.goto(f"{site}/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    main_nav = page.get_by_role("navigation", name="Main")
    expect(main_nav.get_by_role("link", name="Progress", exact=True)).to_be_visible()


def open_import(page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Import from Strong, Hevy, FitNotes or Legwork").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import your history")


def test_a_runner_moves_in_from_strong_and_back_out_without_losing_a_set(
    page, site, screenshot, tmp_path
):
    sign_up(page, site, "from.strong@example.com")
    open_import(page)
    page.get_by_label("Export file").set_input_files(SAMPLES / "strong_comma_lb.csv")
    page.get_by_label("Pounds (lb)").check()
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check before importing")
    expect(page.get_by_test_id("preview-sessions")).to_have_text("3")
    expect(page.get_by_test_id("preview-sets")).to_have_text("22")
    # Each name gets a choice; a lift that is not the routine's own stays the runner's.
    expect(page.get_by_label("Bench Press (Barbell)")).to_have_value("own")
    expect(page.get_by_label("Goblet Squat")).to_have_value("routine:squat")
    expect(page.get_by_role("cell", name="line 21")).to_be_visible()
    screenshot(page, "import-preview")
    page.get_by_role("button", name="Import 3 sessions").click()
    expect(page.get_by_text("Imported 3 sessions and 22 sets.")).to_be_visible()

    page.get_by_role("link", name="See them in your history").click()
    expect(page.get_by_role("link", name="Mon 3 Mar 2025")).to_be_visible()
    page.get_by_role("link", name="Mon 3 Mar 2025").click()
    expect(page.get_by_role("heading", name="Bench Press (Barbell)")).to_be_visible()
    expect(page.get_by_text("Squat (Barbell): Depth was good")).to_be_visible()
    screenshot(page, "imported-session")

    page.goto(f"{site}/settings/")
    page.get_by_role("link", name="Delete my account").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download JSON").click()
    exported = tmp_path / "legwork.json"
    download.value.save_as(exported)
    document = json.loads(exported.read_text())
    assert sum(len(session["sets"]) for session in document["sessions"]) == 22

    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page.get_by_text("That is not your password. Nothing was deleted.")).to_be_visible()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page.get_by_text("Your account and all your training data are deleted.")).to_be_visible()

    sign_up(page, site, "back.again@example.com")
    open_import(page)
    page.get_by_label("Export file").set_input_files(exported)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_test_id("preview-sets")).to_have_text("22")
    page.get_by_role("button", name="Import 3 sessions").click()
    expect(page.get_by_text("Imported 3 sessions and 22 sets.")).to_be_visible()
    page.set_viewport_size(DESKTOP)
    screenshot(page, "imported-again")

    page.goto(f"{site}/settings/import/")
    page.get_by_label("Export file").set_input_files(exported)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("Nothing new to import from this file.")).to_be_visible()
    expect(page.get_by_text("3 sessions in this file are already in Legwork")).to_be_visible()


def test_a_bad_file_gets_a_clear_message_beside_the_field(page, site):
    sign_up(page, site, "bad.file@example.com")
    open_import(page)
    page.get_by_label("Export file").set_input_files(
        files=[
            {"name": "photo.csv", "mimeType": "text/csv", "buffer": b"\x89PNG\r\n\x1a\n\x00\x00"}
        ]
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("This is not a CSV or JSON text file")).to_be_visible()
