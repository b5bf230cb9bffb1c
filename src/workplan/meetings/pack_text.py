"""The meeting report's words and tables, as text: what both writers (Word, `pack_docx`, and
PDF, `pack_pdf`) put on the page, so the two files say the same thing in the same order.

Each table comes with its columns' widths in centimetres (17 cm between the margins of an A4
page) and the sentence shown instead when it has no row.
"""

from dataclasses import dataclass
from decimal import Decimal

from workplan.core.formats import date_label
from workplan.reporting.health import Health

TEXT_WIDTH = 17.0  # cm between the margins
HEALTH = dict(Health.choices)
OVERDUE = " — OVERDUE"  # after an action's due date


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
    return f"{pack.marking} · {pack.meeting} · as of {date_label(pack.cutoff)}"


def cover_lines(pack) -> list[str]:
    """The cover's lines under the meeting's name ("" for a blank line)."""
    meeting = pack.meeting
    return [
        meeting.body.name,
        meeting.dates_label,
        meeting.venue_label,
        f"Chair: {meeting.chair}" if meeting.chair else "",
        "",
        "Meeting report",
        f"Work plan: {meeting.plan}",
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
    return format(Decimal(value).normalize(), "f")


# 1. Summary


def figures(pack) -> TableText:
    return TableText(["Figure", "Value"], [[k, str(v)] for k, v in pack.figures], [12, 5])


def top_risks(pack) -> TableText:
    rows = [
        [code(a), a.title, a.lead_party.code, HEALTH[a.health], date_label(a.planned_end)]
        for a in pack.top_risks
    ]
    headers = ["Code", "Activity", "Lead", "Health", "Planned end"]
    return TableText(headers, rows, [3.6, 7.0, 1.4, 2.2, 2.8], "No activity is at risk.")


def decisions_needed(pack) -> list[str]:
    return pack.decisions_needed or ["Nothing awaits a decision."]


# 2. Progress by area


def areas(pack) -> TableText:
    rows = [
        [area.name, "—" if percent is None else f"{percent}%", health_text(counts)]
        for area, percent, counts in pack.areas
    ]
    headers = ["Priority area", "Progress", "Health of its activities"]
    return TableText(headers, rows, [5, 2.5, 9.5])


def chart_caption(pack) -> str:
    return (
        f"Figure 1. Progress by priority area (weighted, in percent), as of "
        f"{date_label(pack.cutoff)}."
    )


# 3. Reporting compliance


def compliance_intro(pack) -> str:
    board = pack.compliance
    if not board or not board.items:
        return f"No update had fallen due by {date_label(pack.cutoff)}."
    return (
        "Updates owed by the lead parties, and where they stood at the end of "
        f"{date_label(board.as_of)}: sent (submitted or accepted) of those owed, and how many "
        "were overdue."
    )


def compliance(pack) -> TableText | None:
    board = pack.compliance
    if not board or not board.items:
        return None
    headers = ["Party"] + [f"{p.name} (due {date_label(p.due_date)})" for p in board.periods]
    rows = [[party.name] + [compliance_cell(cell) for cell in cells] for party, cells in board.rows]
    rest = (TEXT_WIDTH - 4.4) / len(board.periods)
    return TableText(headers, rows, [4.4] + [rest] * len(board.periods))


def compliance_cell(cell) -> str:
    if not cell.expected:
        return "—"
    overdue = cell.counts.get("overdue")
    return f"{cell.sent} of {cell.expected}" + (f" · {overdue} overdue" if overdue else "")


# 4. Activities, 5. completed, 6. indicators


def activities(pack) -> TableText:
    rows = [
        [
            code(activity),
            activity.title,
            activity.lead_party.code,
            HEALTH[activity.health] if activity.health else "Cancelled",
            f"{activity.progress}%",
            "; ".join(changes) or "no change",
        ]
        for activity, changes in pack.activities
    ]
    since = f"the {pack.previous}" if pack.previous else "the plan began"
    headers = ["Code", "Activity", "Lead", "Health", "Progress", f"Changed since {since}"]
    widths = [3.2, 4.8, 1.3, 2.2, 1.9, 3.6]
    return TableText(headers, rows, widths, "No activity to report.")


def completed(pack) -> TableText:
    rows = []
    for activity in pack.completed:
        last = activity.accepted[0] if activity.accepted else None
        note = f"{last.period}: {cut(last.update.narrative)}" if last else "—"
        ended = date_label(activity.actual_end) if activity.actual_end else "—"
        rows.append([code(activity), activity.title, activity.lead_party.code, ended, note])
    headers = ["Code", "Activity", "Lead", "Ended", "Last accepted update"]
    empty = "No activity was completed in this interval."
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
    headers = ["Activity", "Indicator", "Baseline", "Target", "Latest accepted", "Change"]
    widths = [3.2, 5.0, 2.0, 2.0, 2.8, 2.0]
    return TableText(headers, rows, widths, "No indicator is recorded.")


# 7. The meeting cycle


def actions(pack) -> TableText:
    rows = []
    for action, is_overdue, note in pack.actions:
        owners = ", ".join(party.code for party in action.owners.all())
        due = date_label(action.due_on) if action.due_on else "not set"
        rows.append(
            [
                action.text,
                owners,
                due + (OVERDUE if is_overdue else ""),
                action.get_status_display(),
                str(action.agenda_item.meeting),
                note or "—",
            ]
        )
    headers = ["Action", "Owners", "Due", "Status", "Decided at", "Follow-up"]
    widths = [4.4, 1.6, 2.6, 2.2, 3.0, 3.2]
    return TableText(headers, rows, widths, "No action item was open.")


def decisions(pack) -> TableText:
    rows = [
        [
            str(decision.agenda_item.meeting),
            decision.text,
            "; ".join(f"{a.text}: {a.get_status_display().lower()}" for a in actions) or "—",
        ]
        for decision, actions in pack.decisions
    ]
    empty = "No decision of an earlier meeting is recorded."
    return TableText(["Meeting", "Decision", "Follow-up"], rows, [3.4, 8.0, 5.6], empty)


# 8. Amendments, 9. funding, 10. agenda


def amendments(pack) -> TableText:
    rows = [
        [amendment.get_kind_display(), amendment.description, amendment.adopted_label]
        for amendment in pack.amendments
    ]
    headers = ["Change", "Description", "Status"]
    return TableText(headers, rows, [2.5, 9.5, 5], "No amendment is recorded.")


def funding(pack) -> TableText:
    rows = [
        [
            row.source,
            str(row.activities),
            str(row.completed),
            f"{row.currency} {row.budget:,.0f}" if row.currency else "—",
        ]
        for row in pack.funding
    ]
    headers = ["Source", "Activities", "Completed", "Budget"]
    return TableText(headers, rows, [7.5, 2.5, 2.5, 4.5], "No activity to report.")


NO_AGENDA = "No agenda is recorded for this meeting."
