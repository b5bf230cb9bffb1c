"""What the dashboard shows of the change history."""

from django.urls import reverse


def recent_changes(client, plan) -> str:
    page = client.get(reverse("overview:dashboard", args=[plan.pk])).content.decode()
    return page.split('id="recent-heading"', 1)[1].split("</section>", 1)[0]


def test_recent_changes_name_the_activities_the_user_may_see(client, plan, idn, make_activity):
    make_activity(title="Boarding course in Batam")
    client.force_login(idn)
    assert "Boarding course in Batam" in recent_changes(client, plan)


def test_recent_changes_leave_out_another_partys_restricted_activity(
    client, plan, idn, make_activity
):
    make_activity(title="Informant handling", lead="VNM", partners=[], classification="restricted")
    make_activity(title="Boarding course in Batam")
    client.force_login(idn)
    shown = recent_changes(client, plan)
    assert "Boarding course in Batam" in shown
    assert "Informant handling" not in shown


def test_recent_changes_show_the_newest_ten(client, plan, asec, make_activity):
    for number in range(12):
        make_activity(title=f"Course number {number:02d}")
    client.force_login(asec)
    shown = recent_changes(client, plan)
    assert "Course number 11" in shown
    assert "Course number 01" not in shown
