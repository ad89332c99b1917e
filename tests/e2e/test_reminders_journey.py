import urllib.error
import urllib.request

from icalendar import Calendar
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD, UserFactory


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_runner_subscribes_to_the_feed_turns_on_the_nudge_and_resets_the_address(
    page, site, screenshot
):
    UserFactory(email="feed.runner@example.com")
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email").fill("feed.runner@example.com")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    page.goto(f"{site}/settings/")
    page.get_by_role("link", name="Calendar feed and weekly nudge").click()
    page.get_by_label("Put my plan in a calendar feed").check()
    page.get_by_label("Email me a weekly nudge").check()
    page.get_by_label("Day").select_option("Thursday")
    page.get_by_label("Time").fill("07:30")
    page.get_by_role("button", name="Save reminders").click()
    expect(page.get_by_text("Reminders saved.")).to_be_visible()
    screenshot(page, "reminders-settings")

    feed_url = page.get_by_role("textbox", name="Feed address").input_value()
    status, body = fetch(feed_url)
    assert status == 200
    events = list(Calendar.from_ical(body).walk("VEVENT"))
    assert events
    assert all(str(event["summary"]) == "Strength session" for event in events)
    assert {event.decoded("dtstart").strftime("%H:%M") for event in events} == {"07:30"}

    page.get_by_role("button", name="Reset the address").click()
    expect(page.get_by_text("The feed has a new address")).to_be_visible()
    assert fetch(feed_url)[0] == 404
    assert fetch(page.get_by_role("textbox", name="Feed address").input_value())[0] == 200
