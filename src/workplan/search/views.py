from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.shortcuts import render

from workplan.core import access
from workplan.core.api import CountedUpTo
from workplan.search.kinds import BY_KEY, KINDS, Kind
from workplan.search.query import SearchForm, Terms, matching, snippet

FIRST = 5  # results of each kind on the page of every kind
PAGE = 20  # results on the page of one kind
# Each kind counts its matches up to this many; above, the page says "more than 1,000", so
# counting a common word stops there instead of counting every match.
COUNT_LIMIT = 1_000


class SearchPages(CountedUpTo):
    limit = COUNT_LIMIT


@dataclass
class Result:
    title: str
    url: str
    snippet: str


@dataclass
class Group:
    kind: Kind
    count: int
    results: list[Result]
    page: Page | None = None
    exact: bool = True


@login_required
def search(request):
    """Every kind of record the user may see whose words match, grouped by kind; `kind` pages
    through one kind. Each group costs two queries (its count, its rows): the same at any size."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    kind = BY_KEY.get(request.GET.get("kind", ""))
    context = {"form": form, "kind": kind, "groups": []}
    if not form.is_bound:
        return render(request, "search/results.html", context)
    if not form.is_valid():
        return render(request, "search/results.html", context, status=400)
    terms = Terms.of(form.cleaned_data["q"])
    if kind:
        context["groups"] = [_page(request, kind, terms)]
    else:
        context["groups"] = [_first(request, kind, terms) for kind in KINDS]
    context["total"] = sum(group.count for group in context["groups"])
    context["exact"] = all(group.exact for group in context["groups"])
    return render(request, "search/results.html", context)


def _rows(request, kind: Kind, terms: Terms):
    rows = kind.model._default_manager.select_related(*kind.related)
    rows = access.restrict(rows, request.user).filter(pk__in=matching(terms, kind.key))
    return rows.order_by(*kind.order)


def _first(request, kind: Kind, terms: Terms) -> Group:
    counted = SearchPages(_rows(request, kind, terms), FIRST)
    found = list(counted.object_list[:FIRST]) if counted.count else []
    results = [_result(kind, row, terms) for row in found]
    return Group(kind, counted.count, results, exact=counted.is_exact)


def _page(request, kind: Kind, terms: Terms) -> Group:
    page = SearchPages(_rows(request, kind, terms), PAGE).get_page(request.GET.get("page"))
    results = [_result(kind, row, terms) for row in page.object_list]
    return Group(kind, page.paginator.count, results, page, exact=page.paginator.is_exact)


def _result(kind: Kind, row, terms: Terms) -> Result:
    return Result(kind.title(row), kind.url(row), snippet(kind.text(row), terms))
