"""The import pages: upload, a preview naming each problem, a corrected upload, confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workplan.core.tests.hostile_files import with_laughs
from workplan.exchange.tests.sheets import row, workbook
from workplan.plans.models import Activity


def upload(path) -> SimpleUploadedFile:
    return SimpleUploadedFile("register.xlsx", path.read_bytes())


@pytest.fixture
def import_page(plan):
    return reverse("exchange:activity_import", args=[plan.pk])


def test_it_previews_a_bad_file_then_imports_the_corrected_one(
    client, plan, idn, import_page, tmp_path
):
    client.force_login(idn)
    bad = workbook(tmp_path / "bad.xlsx", [row(lead_party="Indonesai")])

    preview = client.post(import_page, {"file": upload(bad)})

    assert preview.status_code == 200
    assert b"Nothing was imported." in preview.content
    assert (
        "Row 2, Lead party: &#x27;Indonesai&#x27; is not a party of this plan; did you mean "
        "&#x27;Indonesia&#x27; (IDN)?"
    ) in preview.content.decode()
    assert not Activity.objects.exists()

    good = workbook(tmp_path / "good.xlsx", [row(), row(title="Second course")])
    preview = client.post(import_page, {"file": upload(good)})
    assert preview.context["report"].counts["create"] == 2
    assert b"Import 2 activities" in preview.content
    assert not Activity.objects.exists()

    done = client.post(
        reverse("exchange:activity_import_confirm", args=[plan.pk]),
        {"token": preview.context["token"]},
    )

    assert done.status_code == 302
    assert Activity.objects.count() == 2
    listed = client.get(done.url)
    assert b"Import done: 2 created, 0 updated, 0 unchanged." in listed.content


def test_it_names_a_workbook_that_declares_entities_instead_of_failing(
    client, plan, idn, import_page, tmp_path
):
    good = workbook(tmp_path / "register.xlsx", [row(title="A laughing course")]).read_bytes()
    laughing = with_laughs(good, "xl/worksheets/sheet1.xml", b"A laughing course")
    client.force_login(idn)

    response = client.post(import_page, {"file": SimpleUploadedFile("register.xlsx", laughing)})

    assert response.status_code == 200
    assert (
        "its part xl/worksheets/sheet1.xml declares a document type or entities (&lt;!DOCTYPE, "
        "&lt;!ENTITY), which Word and Excel never write."
    ) in response.content.decode()
    assert b"Nothing was imported." in response.content
    assert not Activity.objects.exists()


def test_it_keeps_an_upload_to_the_user_who_sent_it(client, plan, idn, jpn, import_page, tmp_path):
    client.force_login(idn)
    preview = client.post(import_page, {"file": upload(workbook(tmp_path / "r.xlsx", [row()]))})
    client.force_login(jpn)

    response = client.post(
        reverse("exchange:activity_import_confirm", args=[plan.pk]),
        {"token": preview.context["token"]},
    )

    assert response.status_code == 404
    assert not Activity.objects.exists()


def test_it_refuses_a_viewer_the_import(client, plan, viewer, import_page):
    client.force_login(viewer)
    assert client.get(import_page).status_code == 403


def test_it_asks_for_a_file(client, plan, idn, import_page):
    client.force_login(idn)
    response = client.post(import_page, {})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_it_links_import_and_exports_from_the_register(client, plan, idn):
    client.force_login(idn)
    page = client.get(reverse("plans:activity_list", args=[plan.pk]), {"status": "planned"})
    html = page.content.decode()
    assert reverse("exchange:activity_import", args=[plan.pk]) in html
    for fmt in ("xlsx", "csv", "json"):
        assert f"{reverse('exchange:activity_export', args=[plan.pk, fmt])}?status=planned" in html


# An edit made between the preview and the confirmation


def test_it_never_undoes_an_edit_made_between_preview_and_confirmation(
    client, plan, vnm, asec, make_activity, tmp_path
):
    from workplan.exchange.tests.sheets import edit, exported
    from workplan.plans.actions import update_activity

    ours, theirs = make_activity(lead="VNM"), make_activity(lead="VNM", title="Patrol drill")
    path = exported(plan, tmp_path / "register.xlsx")
    edit(path, {(2, "Title"): "Renamed by Viet Nam", (3, "Title"): "Drill renamed"})
    client.force_login(vnm)
    preview = client.post(
        reverse("exchange:activity_import", args=[plan.pk]), {"file": upload(path)}
    )
    assert preview.context["report"].counts["update"] == 2
    update_activity(
        theirs, {"description": "Written by the Secretariat."},
        expected_version=theirs.version, actor=asec,
    )  # fmt: skip
    confirm = reverse("exchange:activity_import_confirm", args=[plan.pk])

    again = client.post(confirm, {"token": preview.context["token"]})

    theirs.refresh_from_db()
    ours.refresh_from_db()
    assert theirs.description == "Written by the Secretariat."
    assert (ours.title, theirs.title) == ("Joint patrol workshop", "Patrol drill")
    assert again.status_code == 200
    page = again.content.decode()
    assert f"{theirs.code} was changed by {asec}" in page
    assert "since your preview" in page
    assert "Import 1 activity" in page

    done = client.post(confirm, {"token": again.context["token"]})

    assert done.status_code == 302
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.title == "Renamed by Viet Nam"
    assert (theirs.title, theirs.description) == ("Patrol drill", "Written by the Secretariat.")
