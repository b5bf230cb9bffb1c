"""The one way to ask for activities: shared by the register page, and later the API and exports."""

import datetime

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from workplan.core import extensions
from workplan.core.filters import SearchFilter
from workplan.core.forms import QuickSelect
from workplan.parties.models import Party
from workplan.plans.models import Activity, Commitment, PriorityArea

# The slot whose count `reporting.tally` keeps, and the filters it keeps it by.
ACTIVITY_COUNT = "plans.activities"
KEPT_COUNTS = {"area", "lead_party", "status"}


class ActivityFilter(django_filters.FilterSet):
    """Filters of the activity register; querysets of choices are limited to the plan."""

    q = SearchFilter(method="search", label=_("Search"))
    area = django_filters.ModelChoiceFilter(
        queryset=PriorityArea.objects.none(), label=_("Priority area"), widget=QuickSelect
    )
    commitment = django_filters.ModelChoiceFilter(
        queryset=Commitment.objects.none(),
        method="served_commitment",
        label=_("Commitment"),
        widget=QuickSelect,
    )
    lead_party = django_filters.ModelChoiceFilter(
        queryset=Party.objects.none(), label=_("Lead party"), widget=QuickSelect
    )
    partner_party = django_filters.ModelChoiceFilter(
        queryset=Party.objects.none(),
        method="partner",
        label=_("Partner party"),
        widget=QuickSelect,
    )
    status = django_filters.ChoiceFilter(
        choices=Activity.Status.choices, label=_("Status"), widget=QuickSelect
    )
    year = django_filters.ChoiceFilter(
        method="in_year", label=_("Year"), empty_label=_("Any"), widget=QuickSelect
    )
    state = django_filters.ChoiceFilter(
        choices=[("archived", _("Archived only")), ("all", _("Active and archived"))],
        method="archive_state",
        empty_label=_("Active"),
        label=_("Archive"),
        widget=QuickSelect,
    )

    class Meta:
        model = Activity
        fields = [
            "q",
            "area",
            "commitment",
            "lead_party",
            "partner_party",
            "status",
            "year",
            "state",
        ]

    def __init__(self, data=None, *args, plan, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.plan = plan
        self.filters["area"].queryset = plan.areas.all()
        self.filters["commitment"].queryset = Commitment.objects.filter(area__plan=plan)
        self.filters["lead_party"].queryset = plan.parties.all()
        self.filters["partner_party"].queryset = plan.parties.all()
        years = range(plan.start_date.year, plan.end_date.year + 1)
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]
        for name in ("area", "commitment", "lead_party", "partner_party", "status"):
            self.filters[name].extra["empty_label"] = _("Any")

    @property
    def form(self):
        """The filters' form; both party lists are offered from the plan's parties, read once
        (and not again when the plan's parties were fetched with it)."""
        if not hasattr(self, "_form"):
            form = super().form
            parties = [
                ("", _("Any")),
                *((party.pk, str(party)) for party in self.plan.parties.all()),
            ]
            for name in ("lead_party", "partner_party"):
                form.fields[name].widget.choices = parties
        return self._form

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.is_valid() or not self.form.cleaned_data.get("state"):
            queryset = queryset.filter(archived_at__isnull=True)
        return queryset

    def known_count(self, reader) -> int | None:
        """How many active activities match, from the count another app keeps (the tallies of
        `reporting`), when only the area, lead party and status are chosen; else None, and the
        rows are counted."""
        if self.is_bound and not self.form.is_valid():
            return None
        cleaned = self.form.cleaned_data if self.is_bound else {}
        chosen = {name: value for name, value in cleaned.items() if value}
        if not set(chosen) <= KEPT_COUNTS:
            return None
        return extensions.known_count(ACTIVITY_COUNT, plan=self.plan, reader=reader, **chosen)

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(code__icontains=word) | Q(title__icontains=word) | Q(description__icontains=word)
            )
        return queryset

    def served_commitment(self, queryset, name, value):
        served = Activity.commitments.through.objects.filter(
            activity_id=OuterRef("pk"), commitment_id=value.pk
        )
        # An activity serves only commitments of its own area (`relation_problems`). Saying so
        # lets the database read the area's rows in code order, where a commitment's
        # activities lie together, instead of the whole register.
        return queryset.filter(Exists(served), area_id=value.area_id)

    def partner(self, queryset, name, value):
        partners = Activity.partner_parties.through.objects.filter(
            activity_id=OuterRef("pk"), party_id=value.pk
        )
        return queryset.filter(Exists(partners))

    def in_year(self, queryset, name, value):
        first, last = datetime.date(int(value), 1, 1), datetime.date(int(value), 12, 31)
        return queryset.filter(planned_start__lte=last, planned_end__gte=first)

    def archive_state(self, queryset, name, value):
        return queryset.filter(archived_at__isnull=False) if value == "archived" else queryset
