"""A lifter moving from Hevy decides, in the preview, what each of the file's lifts becomes: a
barbell squat joins the routine's squat, band squats are left out; the preview says what that
imports before anything is written, and the import does exactly that."""

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP
from tests.e2e.test_moving_in_and_out import SAMPLES, open_import, sign_up


def test_a_runner_chooses_what_each_lift_becomes_before_importing(page, site, screenshot):
    sign_up(page, site, "from.hevy@example.com")
    open_import(page)
    page.get_by_label("Export file").set_input_files(SAMPLES / "hevy_lift_variants.csv")
    page.get_by_role("button", name="Check the file").click()

    # Three sessions, eleven sets; only Goblet Squat and Deadlift (Dumbbell) are the routine's.
    expect(page.get_by_test_id("preview-sessions")).to_have_text("3")
    expect(page.get_by_test_id("preview-sets")).to_have_text("11")
    expect(page.get_by_label("Goblet Squat")).to_have_value("routine:squat")
    expect(page.get_by_label("Squat (Barbell)")).to_have_value("own")
    screenshot(page, "import-choices")

    page.get_by_label("Squat (Barbell)").select_option("routine:squat")
    page.get_by_label("Squat (Band)").select_option("skip")
    page.get_by_role("button", name="Save choices and update the preview").click()
    expect(page.get_by_text("Your choices are saved")).to_be_visible()
    expect(page.get_by_test_id("preview-sessions")).to_have_text("2")
    expect(page.get_by_test_id("preview-sets")).to_have_text("9")
    expect(page.get_by_role("cell", name="left out, as you chose")).to_be_visible()
    page.set_viewport_size(DESKTOP)
    screenshot(page, "import-choices-saved")

    page.get_by_role("button", name="Import 2 sessions").click()
    expect(page.get_by_text("Imported 2 sessions and 9 sets.")).to_be_visible()
