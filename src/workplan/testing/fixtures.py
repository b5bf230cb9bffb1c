"""The shared cast of the test suite: the default plan, the demo roles, and an activity maker.

Loaded as a pytest plugin (see conftest.py), so every test can say
`def test_it_hides_restricted_rows(idn, vnm, make_activity)`.
"""

import datetime

import pytest

# Django is set up by pytest-django after plugins load, so models are imported in the fixtures.
PASSWORD = "a-long-test-password"


@pytest.fixture
def plan(db):
    """The default ASEAN-Japan plan, loaded as `workplan load-plan` does."""
    from workplan.exchange.default_plan import load_default_plan

    return load_default_plan()[0]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing is slow on purpose; the suite checks behaviour, not hashing cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def two_step_not_required(settings):
    """Most stories are not about two-step sign-in; its own tests turn the requirement on."""
    settings.MFA_REQUIRED_ROLES = []


@pytest.fixture(autouse=True)
def site_language_after_each_test():
    """A request in another language leaves it active in the thread (LocaleMiddleware never
    deactivates): the next test starts in the site's language again, as a new request would."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def uploads_in_a_temporary_folder(settings, tmp_path):
    """Evidence files written by tests never land in the real data folder."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


class _PartiesByCode:
    def __getitem__(self, code):
        from workplan.parties.models import Party

        return Party.objects.get(code=code)


@pytest.fixture
def parties(plan):
    """Parties by code, looked up when asked: parties["VNM"]."""
    return _PartiesByCode()


def _user(username, role, code, first_name, last_name):
    from workplan.accounts.actions import create_user
    from workplan.parties.models import Party

    party = Party.objects.get(code=code) if code else None
    return create_user(
        username, PASSWORD, role=role, party=party, first_name=first_name, last_name=last_name
    )


@pytest.fixture
def asec(plan):
    """The ASEAN Secretariat officer."""
    return _user("asec", "secretariat", "ASEC", "Ayu", "Prameswari")


@pytest.fixture
def idn(plan):
    """Indonesia's focal point."""
    return _user("idn", "focal_point", "IDN", "Dewi", "Lestari")


@pytest.fixture
def jpn(plan):
    """Japan's focal point."""
    return _user("jpn", "focal_point", "JPN", "Kenji", "Sato")


@pytest.fixture
def vnm(plan):
    """Viet Nam's focal point."""
    return _user("vnm", "focal_point", "VNM", "Lan", "Nguyen")


@pytest.fixture
def viewer(plan):
    """The demo viewer: an official of Thailand who follows the plan."""
    return _user("viewer", "viewer", "THA", "Somchai", "Boonmee")


@pytest.fixture
def vnm_viewer(plan):
    """An official of Viet Nam who follows the plan but does not report."""
    return _user("vnm-viewer", "viewer", "VNM", "Minh", "Tran")


@pytest.fixture
def outsider(plan):
    """A focal point of a party that is not a party of the plan."""
    from workplan.accounts.actions import create_user
    from workplan.parties.models import Party

    party = Party.objects.create(code="KOR", name="Republic of Korea", kind="dialogue_partner")
    return create_user("kor", PASSWORD, role="focal_point", party=party)


@pytest.fixture
def make_activity(plan, parties, asec):
    """Makes an activity through the create action; keyword arguments change the defaults."""
    from workplan.plans.actions import create_activity
    from workplan.plans.models import Activity

    def make(**overrides):
        area = plan.areas.get(key=overrides.pop("area", "sea-piracy"))
        data = {
            "title": "Joint patrol workshop",
            "description": "A workshop.",
            "area": area,
            "commitments": [area.commitments.first()],
            "lead_party": parties[overrides.pop("lead", "IDN")],
            "partner_parties": [parties[code] for code in overrides.pop("partners", ["JPN"])],
            "modality": Activity.Modality.WORKSHOP,
            "planned_start": datetime.date(2024, 3, 1),
            "planned_end": datetime.date(2024, 6, 30),
            "status": Activity.Status.PLANNED,
            "classification": Activity.Classification.INTERNAL,
        }
        data.update(overrides)
        return create_activity(plan, data, actor=asec)

    return make


def activity_form_data(activity=None, **overrides) -> dict:
    """What the activity form posts; `activity` supplies its current values."""
    data = {
        "title": "Coast guard boarding course",
        "code": "",
        "description": "",
        "modality": "training",
        "planned_start": "2025-02-01",
        "planned_end": "2025-03-31",
        "status": "planned",
        "classification": "internal",
        "budget_amount": "",
        "budget_currency": "",
        "funding_source": "",
        "actual_start": "",
        "actual_end": "",
        "weight": "1",
    }
    if activity:
        data.update(
            title=activity.title,
            code=activity.code,
            area=activity.area_id,
            lead_party=activity.lead_party_id,
            partner_parties=[p.pk for p in activity.partner_parties.all()],
            commitments=[c.pk for c in activity.commitments.all()],
            planned_start=activity.planned_start.isoformat(),
            planned_end=activity.planned_end.isoformat(),
            version=activity.version,
        )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
