"""The meeting report's words and tables, as text: what both writers (Word, `pack_docx`, and
PDF, `pack_pdf`) put on the page, so the two files say the same thing in the same order.

Each table comes with its columns' widths in centimetres (17 cm between the margins of an A4
page) and the sentence shown instead when it has no row.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from workplan.core.formats import date_label, number_label
from workplan.reporting.health import Health

TEXT_WIDTH = 17.0  # cm between the margins
HEALTH = dict(Health.choices)


def overdue_mark() -> str:
    """Said after an action's due date when it is overdue."""
    return _(" — OVERDUE")


def page_of(number, count) -> str:
    """The words at the foot of a page; `number` and `count` may be Word's fields."""
    return _("Page %(number)s of %(count)s") % {"number": number, "count": count}


@dataclass
class TableText:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]  # cm
    empty: str = ""  # said instead of an empty table; "" to show the empty table


def heading(pack, number: int) -> str:
    return f"{number}. {pack.sections[number - 1]}"


def running_header(pack) -> str:
    """The line at the head of every page: the report's classification, meeting and cut-off."""
    return _("%(marking)s · %(meeting)s · as of %(day)s") % {
        "marking": pack.marking,
        "meeting": pack.meeting,
        "day": date_label(pack.cutoff),
    }


def cover_lines(pack) -> list[str]:
    """The cover's lines under the meeting's name ("" for a blank line)."""
    meeting = pack.meeting
    return [
        meeting.body.name,
        meeting.dates_label,
        meeting.venue_label,
        _("Chair: %(party)s") % {"party": meeting.chair} if meeting.chair else "",
        "",
        _("Meeting report"),
        _("Work plan: %(plan)s") % {"plan": meeting.plan},
        pack.state_line,
        pack.interval_line,
        "",
    ]


def health_text(counts: dict) -> str:
    return (
        ", ".join(
            f"{label} {counts[value]}" for value, label in Health.choices if counts.get(value)
        )
        or "—"
    )


def code(activity) -> str:
    """An activity's code, with its classification when above public."""
    return f"{activity.code} [{activity.mark}]" if getattr(activity, "mark", "") else activity.code


def cut(text: str, length: int = 240) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def number(value) -> str:
    if value is None or value == "":
        return "—"
    return number_label(Decimal(value))


# 1. Summary


def figures(pack) -> TableText:
    rows = [[str(label), value if isinstance(value, str) else number_label(value)]
            for label, value in pack.figures]  # fmt: skip
    return TableText([_("Figure"), _("Value")], rows, [12, 5])


def top_risks(pack) -> TableText:
    rows = [
        [code(a), a.title, a.lead_party.code, HEALTH[a.health], date_label(a.planned_end)]
        for a in pack.top_risks
    ]
    headers = [_("Code"), _("Activity"), _("Lead"), _("Health"), _("Planned end")]
    return TableText(headers, rows, [3.6, 7.0, 1.4, 2.2, 2.8], _("No activity is at risk."))


def decisions_needed(pack) -> list[str]:
    return pack.decisions_needed or [_("Nothing awaits a decision.")]


def top_risks_heading() -> str:
    return _("Top risks")


def decisions_needed_heading() -> str:
    return _("What needs a decision")


def distribution_lead() -> str:
    return _("Distribution. ")


# 2. Progress by area


def areas(pack) -> TableText:
    rows = [
        [area.name, "—" if percent is None else f"{percent}%", health_text(counts)]
        for area, percent, counts in pack.areas
    ]
    headers = [_("Priority area"), _("Progress"), _("Health of its activities")]
    return TableText(headers, rows, [5, 2.5, 9.5])


def chart_caption(pack) -> str:
    return _("Figure 1. Progress by priority area (weighted, in percent), as of %(day)s.") % {
        "day": date_label(pack.cutoff)
    }


# 3. Reporting compliance


def compliance_intro(pack) -> str:
    board = pack.compliance
    if not board or not board.items:
        return _("No update had fallen due by %(day)s.") % {"day": date_label(pack.cutoff)}
    return _(
        "Updates owed by the lead parties, and where they stood at the end of %(day)s: sent "
        "(submitted or accepted) of those owed, and how many were overdue."
    ) % {"day": date_label(board.as_of)}


def compliance(pack) -> TableText | None:
    board = pack.compliance
    if not board or not board.items:
        return None
    headers = [_("Party")] + [
        _("%(period)s (due %(day)s)") % {"period": p.name, "day": date_label(p.due_date)}
        for p in board.periods
    ]
    rows = [[party.name] + [compliance_cell(cell) for cell in cells] for party, cells in board.rows]
    rest = (TEXT_WIDTH - 4.4) / len(board.periods)
    return TableText(headers, rows, [4.4] + [rest] * len(board.periods))


def compliance_cell(cell) -> str:
    if not cell.expected:
        return "—"
    overdue = cell.counts.get("overdue")
    sent = _("%(sent)s of %(expected)s") % {"sent": cell.sent, "expected": cell.expected}
    return sent + (_(" · %(count)s overdue") % {"count": overdue} if overdue else "")


def has_overdue(cell: str) -> bool:
    """Whether a compliance cell counts overdue updates."""
    said = re.escape(_(" · %(count)s overdue")).replace(re.escape("%(count)s"), r"\d+")
    return re.search(said + "$", cell) is not None


# 4. Activities, 5. completed, 6. indicators


def activities(pack) -> TableText:
    rows = [
        [
            code(activity),
            activity.title,
            activity.lead_party.code,
            HEALTH[activity.health] if activity.health else _("Cancelled"),
            f"{activity.progress}%",
            "; ".join(changes) or _("no change"),
        ]
        for activity, changes in pack.activities
    ]
    if pack.previous:
        changed = _("Changed since the %(meeting)s") % {"meeting": pack.previous}
    else:
        changed = _("Changed since the plan began")
    headers = [_("Code"), _("Activity"), _("Lead"), _("Health"), _("Progress"), changed]
    widths = [3.2, 4.8, 1.3, 2.2, 1.9, 3.6]
    return TableText(headers, rows, widths, _("No activity to report."))


def completed(pack) -> TableText:
    rows = []
    for activity in pack.completed:
        last = activity.accepted[0] if activity.accepted else None
        note = f"{last.period}: {cut(last.update.narrative)}" if last else "—"
        ended = date_label(activity.actual_end) if activity.actual_end else "—"
        rows.append([code(activity), activity.title, activity.lead_party.code, ended, note])
    headers = [_("Code"), _("Activity"), _("Lead"), _("Ended"), _("Last accepted update")]
    empty = _("No activity was completed in this interval.")
    return TableText(headers, rows, [3.2, 4.8, 1.3, 2.4, 5.3], empty)


def indicators(pack) -> TableText:
    rows = [
        [
            code(row.activity),
            row.indicator.name,
            number(row.indicator.baseline),
            number(row.indicator.target),
            number(row.latest),
            row.change,
        ]
        for row in pack.indicators
    ]
    headers = [_("Activity"), _("Indicator"), _("Baseline"), _("Target"), _("Latest accepted"),
               pgettext("indicator", "Change")]  # fmt: skip
    widths = [3.2, 5.0, 2.0, 2.0, 2.8, 2.0]
    return TableText(headers, rows, widths, _("No indicator is recorded."))


# 7. The meeting cycle


def actions(pack) -> TableText:
    rows = []
    for action, is_overdue, note in pack.actions:
        owners = ", ".join(party.code for party in action.owners.all())
        due = date_label(action.due_on) if action.due_on else _("not set")
        rows.append(
            [
                action.text,
                owners,
                due + (overdue_mark() if is_overdue else ""),
                action.get_status_display(),
                str(action.agenda_item.meeting),
                note or "—",
            ]
        )
    headers = [_("Action"), _("Owners"), _("Due"), _("Status"), _("Decided at"), _("Follow-up")]
    widths = [4.4, 1.6, 2.6, 2.2, 3.0, 3.2]
    return TableText(headers, rows, widths, _("No action item was open."))


def open_actions_heading() -> str:
    return _("Open action items")


def decisions_heading() -> str:
    return _("Decisions")


def decisions(pack) -> TableText:
    rows = [
        [
            str(decision.agenda_item.meeting),
            decision.text,
            "; ".join(
                _("%(action)s: %(status)s")
                % {"action": a.text, "status": str(a.get_status_display()).lower()}
                for a in actions
            )
            or "—",
        ]
        for decision, actions in pack.decisions
    ]
    empty = _("No decision of an earlier meeting is recorded.")
    headers = [_("Meeting"), _("Decision"), _("Follow-up")]
    return TableText(headers, rows, [3.4, 8.0, 5.6], empty)


# 8. Amendments, 9. funding, 10. agenda


def amendments(pack) -> TableText:
    rows = [
        [amendment.get_kind_display(), amendment.description, amendment.adopted_label]
        for amendment in pack.amendments
    ]
    headers = [pgettext("amendment", "Change"), _("Description"), _("Status")]
    return TableText(headers, rows, [2.5, 9.5, 5], _("No amendment is recorded."))


def funding(pack) -> TableText:
    rows = [
        [
            row.source,
            number_label(row.activities),
            number_label(row.completed),
            f"{row.currency} {number_label(round(row.budget))}" if row.currency else "—",
        ]
        for row in pack.funding
    ]
    headers = [_("Source"), _("Activities"), _("Completed"), _("Budget")]
    return TableText(headers, rows, [7.5, 2.5, 2.5, 4.5], _("No activity to report."))


def no_agenda() -> str:
    return _("No agenda is recorded for this meeting.")
