import datetime

import pytest

from workplan.plans.actions import create_plan


@pytest.fixture
def laundering_plan(plan):
    """A second plan, on money laundering, with the parties of the default plan."""
    fields = {
        "title": "ASEAN Work Plan against Money Laundering 2025-2030",
        "short_title": "Money laundering 2025-2030",
        "start_date": datetime.date(2025, 1, 1),
        "end_date": datetime.date(2030, 12, 31),
    }
    areas = [
        {
            "key": "money-laundering",
            "name": "Money laundering",
            "code_prefix": "AML",
            "keywords": [r"money\s+laundering", r"proceeds\s+of\s+crimes?"],
        },
        {"key": "asset-recovery", "name": "Asset recovery", "code_prefix": "ARC"},
    ]
    return create_plan(fields, parties=plan.parties.all(), areas=areas)
