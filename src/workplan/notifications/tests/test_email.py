"""The same events by e-mail: after the commit, per the user's address and choices, worded for
the recipient when sent; SMTP in production, files in the data folder in the demo."""

import os
import subprocess
import sys

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import translation

from workplan.exchange.sample import load_sample
from workplan.notifications.actions import update_profile
from workplan.notifications.models import Notification
from workplan.reporting import actions


@pytest.fixture
def addresses(asec, idn):
    for user in (asec, idn):
        update_profile(user, email=f"{user.username}@example.org", topics=ALL, actor=user)


ALL = ["review", "outcome", "messages", "actions", "reminders"]


def test_it_e_mails_an_event_once_the_change_is_committed(
    addresses, activity, submit, idn, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks() as callbacks:
        update = submit(activity, by=idn)
    assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    [mail] = mailoutbox
    assert mail.to == ["asec@example.org"]
    assert mail.subject == (
        f"Work Plan Monitor: Update submitted for review: {activity.code} Coast guard"
        " information exchange (Indonesia, H1 2024)"
    )
    assert "Dear Ayu Prameswari," in mail.body
    assert f"http://127.0.0.1:8000/updates/{update.pk}/" in mail.body
    assert "“Updates submitted for review” is ticked on your profile" in mail.body
    assert "http://127.0.0.1:8000/profile/" in mail.body
    assert Notification.objects.get(recipient__username="asec").emailed_at is not None


def test_it_e_mails_the_reviewers_comment_with_a_returned_update(
    addresses, activity, submit, asec, idn, django_capture_on_commit_callbacks, mailoutbox
):
    update = submit(activity, by=idn)
    with django_capture_on_commit_callbacks(execute=True):
        actions.return_update(update, "Name the units that took part.", actor=asec)
    [mail] = mailoutbox
    assert mail.to == ["idn@example.org"]
    assert mail.subject.startswith("Work Plan Monitor: Update returned to your party: ")
    assert "“Name the units that took part.”" in mail.body


def test_a_user_with_no_e_mail_is_told_in_the_app_only(
    activity, submit, asec, idn, django_capture_on_commit_callbacks, mailoutbox
):
    update = submit(activity, by=idn)
    with django_capture_on_commit_callbacks(execute=True):
        actions.return_update(update, "Name the units.", actor=asec)
    assert mailoutbox == []
    notification = idn.notifications.get()
    assert (notification.kind, notification.emailed_at) == ("update_returned", None)


def test_it_does_not_e_mail_a_topic_the_user_turned_off(
    addresses, activity, submit, asec, idn, django_capture_on_commit_callbacks, mailoutbox
):
    update_profile(idn, email="idn@example.org", topics=["reminders"], actor=idn)
    update = submit(activity, by=idn)
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_comment(update, "Which units?", actor=asec)
        actions.return_update(update, "Name the units.", actor=asec)
    assert mailoutbox == []
    assert len(idn.notifications.all()) == 2


def test_it_e_mails_nothing_about_a_record_hidden_before_the_e_mail_left(
    addresses, activity, submit, asec, idn, hide_from_indonesia, django_capture_on_commit_callbacks,
    mailoutbox,
):  # fmt: skip
    update = submit(activity, by=idn)
    with django_capture_on_commit_callbacks() as callbacks:
        actions.return_update(update, "Name the units.", actor=asec)
    hide_from_indonesia(activity)
    for callback in callbacks:
        callback()
    assert mailoutbox == []


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_a_failed_e_mail_leaves_the_step_done_and_is_logged(
    addresses, activity, submit, asec, idn, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    update = submit(activity, by=idn)
    with django_capture_on_commit_callbacks(execute=True):
        actions.return_update(update, "Name the units.", actor=asec)
    update.refresh_from_db()
    assert update.status == "returned"
    assert idn.notifications.get().emailed_at is None
    assert "the mail server is down" in caplog.text


def test_the_sample_history_is_told_in_the_app_and_e_mailed_to_no_one(
    plan, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        load_sample(plan)
    assert mailoutbox == []
    asec = Notification.objects.filter(recipient__username="asec")
    assert asec.filter(kind="update_submitted").exists()


def _settings(tmp_path, **env) -> list[str]:
    names = ["EMAIL_BACKEND", "EMAIL_FILE_PATH", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_SSL"]
    code = f"from django.conf import settings as s; print({', '.join('s.' + n for n in names)})"
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("WORKPLAN_EMAIL")}
    env = {
        **inherited,
        "WORKPLAN_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "workplan.settings",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return result.stdout.split() or [result.stderr.strip().splitlines()[-1]]


def test_the_demo_writes_e_mail_as_files_in_the_data_folder(tmp_path):
    backend, path, *_ = _settings(tmp_path)
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert path == str(tmp_path / "outbox")


def test_production_sends_through_the_smtp_server_of_the_environment(tmp_path):
    found = _settings(
        tmp_path,
        WORKPLAN_PRODUCTION="true",
        WORKPLAN_SECRET_KEY="x" * 60,
        WORKPLAN_EMAIL_HOST="smtp.example.org",
        WORKPLAN_EMAIL_PORT="465",
        WORKPLAN_EMAIL_USE_SSL="true",
    )
    assert found[0] == "django.core.mail.backends.smtp.EmailBackend"
    assert found[2:] == ["smtp.example.org", "465", "True"]


def test_it_refuses_smtp_settings_asking_for_both_tls_and_ssl(tmp_path):
    found = _settings(tmp_path, WORKPLAN_EMAIL_USE_TLS="true", WORKPLAN_EMAIL_USE_SSL="true")
    assert "not both" in found[0]


def test_a_japanese_speaking_recipient_is_e_mailed_in_japanese(
    addresses, activity, submit, asec, idn, django_capture_on_commit_callbacks, mailoutbox
):
    asec.language = "ja"
    asec.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        submit(activity, by=idn)
    [mail] = mailoutbox
    assert mail.subject.startswith("作業計画モニター: 審査のため提出された進捗報告: ")
    assert "Ayu Prameswari 様" in mail.body
    assert "プロフィールで「審査のため提出された進捗報告」にチェックが入っているため" in mail.body
    assert "Dear" not in mail.body


def test_a_recipient_who_never_chose_a_language_is_e_mailed_in_english_whoever_acts(
    addresses, activity, submit, idn, django_capture_on_commit_callbacks, mailoutbox
):
    with translation.override("ja"), django_capture_on_commit_callbacks(execute=True):
        submit(activity, by=idn)
    [mail] = mailoutbox
    assert mail.subject.startswith("Work Plan Monitor: Update submitted for review: ")
    assert "Dear Ayu Prameswari," in mail.body
