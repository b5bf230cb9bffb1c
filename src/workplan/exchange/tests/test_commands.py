"""The `workplan` commands: load-plan, load-sample, createuser, and the hyphenated names."""

import io
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from workplan.accounts.models import User
from workplan.cli import main
from workplan.meetings.models import Meeting
from workplan.plans.models import WorkPlan

PASSWORD = "a-long-enough-passphrase"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def password_on_stdin(monkeypatch):
    """Types a password on standard input, as `--password-stdin` reads it."""

    def type_password(password: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))

    return type_password


@pytest.mark.django_db
def test_it_loads_the_plan_then_keeps_it_on_a_second_run():
    first = run("load_plan")
    second = run("load_plan")

    assert first.startswith("Loaded plan: SOMTC + Japan Work Plan")
    assert second.startswith("Kept the existing plan: SOMTC + Japan Work Plan")
    assert WorkPlan.objects.count() == 1


@pytest.mark.django_db
def test_it_loads_the_sample_and_prints_the_demo_accounts_and_password():
    output = run("load_sample")

    assert "Sample activities added: 25" in output
    assert "Demo accounts, password 'workplan-demo':" in output
    for username in ("asec", "idn", "jpn", "vnm", "viewer"):
        assert f"  {username} " in output
    assert "Lan Nguyen (Focal point, Viet Nam)" in output
    assert (
        "Second plan: SOMTC + China Work Plan on Combating Transnational Crime (Sample)" in output
    )
    second = WorkPlan.objects.get(short_title="SOMTC + China Work Plan (Sample)")
    assert second.activities.filter(is_sample=True).count() == 4
    assert WorkPlan.objects.count() == 2


@pytest.mark.django_db
def test_the_sample_has_an_ammtc_of_the_default_plan_note_the_second_plan_once():
    run("load_sample")
    run("load_sample")

    second = WorkPlan.objects.get(short_title="SOMTC + China Work Plan (Sample)")
    ammtc = Meeting.objects.get(body__key="AMMTC", number=17)
    assert ammtc.plan.short_title == "SOMTC + Japan Work Plan 2023-2027"
    assert list(ammtc.noted_plans.all()) == [second]
    assert list(Meeting.objects.serving(second)) == [ammtc]
    assert ammtc.version == 2


@pytest.mark.django_db
def test_it_refuses_to_load_the_sample_when_sample_data_is_not_allowed(settings):
    settings.ALLOW_SAMPLE_DATA = False

    with pytest.raises(CommandError, match="never loaded in production"):
        run("load_sample")

    assert not User.objects.exists()


def test_it_creates_a_focal_point_of_viet_nam_with_a_password_from_stdin(
    parties, password_on_stdin
):
    password_on_stdin(PASSWORD)

    output = run(
        "createuser", "lan", "--role", "focal_point", "--party", "vnm", "--password-stdin",
        "--first-name", "Lan", "--last-name", "Nguyen",
    )  # fmt: skip

    user = User.objects.get(username="lan")
    assert (user.role, user.party) == (User.Role.FOCAL_POINT, parties["VNM"])
    assert user.check_password(PASSWORD)
    assert "Created Lan Nguyen (Focal point, Viet Nam)." in output


def test_it_refuses_an_unknown_party_naming_its_code(plan, password_on_stdin):
    password_on_stdin(PASSWORD)

    with pytest.raises(CommandError, match="no party has the code 'XYZ'"):
        run("createuser", "lan", "--role", "focal_point", "--party", "XYZ", "--password-stdin")

    assert not User.objects.filter(username="lan").exists()


def test_it_refuses_a_too_short_password_stating_the_rule(plan, password_on_stdin):
    password_on_stdin("short")

    with pytest.raises(CommandError, match="at least 12 characters"):
        run("createuser", "lan", "--role", "focal_point", "--party", "VNM", "--password-stdin")

    assert not User.objects.filter(username="lan").exists()


def test_it_refuses_a_focal_point_without_a_party(plan, password_on_stdin):
    password_on_stdin(PASSWORD)

    with pytest.raises(CommandError, match="A focal point must belong to a party"):
        run("createuser", "lan", "--role", "focal_point", "--password-stdin")

    assert not User.objects.filter(username="lan").exists()


def test_it_refuses_two_different_passwords_typed_at_the_prompt(plan, monkeypatch):
    typed = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))

    with pytest.raises(CommandError, match="The two passwords differ"):
        run("createuser", "lan", "--role", "viewer", "--party", "VNM")

    assert not User.objects.filter(username="lan").exists()


# transactional_db: a command run from the command line closes the database connection when it
# ends, which would end the test's transaction on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_it_runs_commands_spelled_with_hyphens(capsys):
    main(["workplan", "load-plan"])

    assert capsys.readouterr().out.startswith("Loaded plan: SOMTC + Japan Work Plan")
    assert WorkPlan.objects.count() == 1
