"""An area's keywords, the words the statement reader looks for: regular expressions that each
need some words to match."""

import pytest
from django.core.exceptions import ValidationError

from workplan.plans.models import PriorityArea


def keyword_problems(keywords) -> list[str]:
    area = PriorityArea(key="money-laundering", name="Money laundering", code_prefix="AML",
                        keywords=keywords)  # fmt: skip
    with pytest.raises(ValidationError) as error:
        area.full_clean(exclude=["plan"], validate_unique=False, validate_constraints=False)
    return error.value.message_dict["keywords"]


@pytest.mark.parametrize(
    ("keywords", "problem"),
    [
        ([r"money\s+laundering", " "], "Give a list of keywords, none of them empty."),
        ("money laundering", "Give a list of keywords, none of them empty."),
        (["launder(ing"], "“launder(ing” is not a regular expression: missing ), unterminated "
                          "subpattern at position 7."),
        (["(?:money)?"], "“(?:money)?” matches an empty text; it must need some words."),
    ],
)  # fmt: skip
def test_it_refuses_keywords_the_reader_cannot_use(keywords, problem):
    assert keyword_problems(keywords) == [problem]


def test_it_takes_regular_expressions_that_need_words():
    area = PriorityArea(key="money-laundering", name="Money laundering", code_prefix="AML",
                        keywords=[r"money\s+laundering", r"launder(?:ed|ing)?"])  # fmt: skip
    area.full_clean(exclude=["plan"], validate_unique=False, validate_constraints=False)
