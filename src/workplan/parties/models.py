"""The parties to a work plan: ASEAN member states, dialogue partners, the Secretariat."""

from django.core.validators import RegexValidator
from django.db import models


class Party(models.Model):
    """A government or body that is a party to work plans: a member state, a partner, ASEC."""

    class Kind(models.TextChoices):
        MEMBER_STATE = "member_state", "ASEAN member state"
        DIALOGUE_PARTNER = "dialogue_partner", "Dialogue partner"
        SECRETARIAT = "secretariat", "ASEAN Secretariat"

    code = models.CharField(
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3,4}$", "Use an ISO 3166 alpha-3 code or ASEC.")],
        help_text="ISO 3166 alpha-3 code, or ASEC for the ASEAN Secretariat.",
    )
    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    member_since = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return self.name
