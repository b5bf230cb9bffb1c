"""Settings read from environment variables: typed, defaulted, and loud about a bad value."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from workplan.envconf import env_bool, env_int, env_list

NAME = "WORKPLAN_TEST_SETTING"


@pytest.fixture(autouse=True)
def unset(monkeypatch):
    """Each test starts with the variable unset, whatever the shell has."""
    monkeypatch.delenv(NAME, raising=False)


@pytest.mark.parametrize("raw", ["1", "true", "yes", "on", "TRUE", " Yes "])
def test_it_reads_words_for_yes_as_true(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    assert env_bool(NAME, False) is True


@pytest.mark.parametrize("raw", ["0", "false", "no", "off", "OFF"])
def test_it_reads_words_for_no_as_false(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    assert env_bool(NAME, True) is False


@pytest.mark.parametrize("default", [True, False])
def test_it_uses_the_default_flag_when_the_variable_is_blank(monkeypatch, default):
    monkeypatch.setenv(NAME, " ")

    assert env_bool(NAME, default) is default


@pytest.mark.parametrize("default", [True, False])
def test_it_uses_the_default_flag_when_the_variable_is_unset(default):
    assert env_bool(NAME, default) is default


def test_it_refuses_a_flag_that_is_neither_yes_nor_no_naming_the_variable(monkeypatch):
    monkeypatch.setenv(NAME, "maybe")

    with pytest.raises(ImproperlyConfigured, match=f"^{NAME} must be true or false.*'maybe'"):
        env_bool(NAME, False)


def test_it_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv(NAME, "42")

    assert env_int(NAME, 7) == 42


def test_it_uses_the_default_number_when_the_variable_is_unset():
    assert env_int(NAME, 7) == 7


def test_it_uses_the_default_number_when_the_variable_is_blank(monkeypatch):
    monkeypatch.setenv(NAME, "  ")

    assert env_int(NAME, 7) == 7


@pytest.mark.parametrize("raw", ["forty", "4.5", "12abc"])
def test_it_refuses_a_number_that_is_not_whole_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    with pytest.raises(ImproperlyConfigured, match=f"^{NAME} must be a whole number"):
        env_int(NAME, 7)


def test_it_refuses_a_number_below_the_minimum_naming_the_variable(monkeypatch):
    monkeypatch.setenv(NAME, "0")

    with pytest.raises(ImproperlyConfigured, match=f"^{NAME} must be at least 1, not 0"):
        env_int(NAME, 7, minimum=1)


def test_it_accepts_a_number_equal_to_the_minimum(monkeypatch):
    monkeypatch.setenv(NAME, "1")

    assert env_int(NAME, 7, minimum=1) == 1


def test_it_reads_a_list_split_on_commas_without_blanks_or_spaces(monkeypatch):
    monkeypatch.setenv(NAME, " example.org, www.example.org ,, ")

    assert env_list(NAME, ["localhost"]) == ["example.org", "www.example.org"]


def test_it_uses_the_default_list_when_the_variable_is_unset():
    assert env_list(NAME, ["localhost"]) == ["localhost"]


def test_it_reads_an_empty_variable_as_an_empty_list(monkeypatch):
    monkeypatch.setenv(NAME, "")

    assert env_list(NAME, ["localhost"]) == []
