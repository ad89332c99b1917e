import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool, env_int, env_list, env_str

NAME = "LEGWORK_TEST_SETTING"


@pytest.fixture(autouse=True)
def _unset(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)


@pytest.mark.parametrize("helper", [env_bool, env_int, env_list, env_str])
def test_a_missing_variable_gives_the_default(helper):
    default = {env_bool: True, env_int: 7, env_list: ["a"], env_str: "x"}[helper]
    assert helper(NAME, default) == default


@pytest.mark.parametrize("helper", [env_bool, env_int, env_list])
def test_an_empty_variable_gives_the_default(monkeypatch, helper):
    monkeypatch.setenv(NAME, "")
    default = {env_bool: False, env_int: 3, env_list: ["b"]}[helper]
    assert helper(NAME, default) == default


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        ("ON", True),
        ("0", False),
        ("false", False),
        ("No", False),
        ("off", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv(NAME, value)
    assert env_bool(NAME, not expected) is expected


@pytest.mark.parametrize("junk", ["maybe", "2", "truee", "y e s"])
def test_env_bool_refuses_junk(monkeypatch, junk):
    monkeypatch.setenv(NAME, junk)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_bool(NAME, False)


def test_env_int_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv(NAME, "587")
    assert env_int(NAME, 25) == 587


@pytest.mark.parametrize("junk", ["ten", "1.5", "5O", "0x10"])
def test_env_int_refuses_junk(monkeypatch, junk):
    monkeypatch.setenv(NAME, junk)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_int(NAME, 0)


def test_env_list_splits_on_commas_and_trims(monkeypatch):
    monkeypatch.setenv(NAME, " legwork.example.com , 10.0.0.5,,")
    assert env_list(NAME, []) == ["legwork.example.com", "10.0.0.5"]


@pytest.mark.parametrize("junk", [",", " , ,", "a b", "a;b"])
def test_env_list_refuses_junk(monkeypatch, junk):
    monkeypatch.setenv(NAME, junk)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_list(NAME, ["default"])
