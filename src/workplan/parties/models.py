"""The parties to a work plan: ASEAN member states, dialogue partners, the Secretariat."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_names(value) -> None:
    """A list of names, each written out (not empty)."""
    if not isinstance(value, list) or not all(isinstance(n, str) and n.strip() for n in value):
        raise ValidationError(_("Give a list of names, none of them empty."))


class Party(models.Model):
    """A government or body that is a party to work plans: a member state, a partner, ASEC."""

    class Kind(models.TextChoices):
        MEMBER_STATE = "member_state", _("ASEAN member state")
        DIALOGUE_PARTNER = "dialogue_partner", _("Dialogue partner")
        SECRETARIAT = "secretariat", _("ASEAN Secretariat")

    code = models.CharField(
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3,4}$", _("Use an ISO 3166 alpha-3 code or ASEC."))],
        help_text=_("ISO 3166 alpha-3 code, or ASEC for the ASEAN Secretariat."),
        verbose_name=_("code"),
    )
    name = models.CharField(max_length=100, unique=True, verbose_name=_("name"))
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    member_since = models.DateField(null=True, blank=True, verbose_name=_("member since"))
    aliases = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_names],
        help_text=_(
            "Other names texts and people use for the party: short and long forms, former "
            "names, adjectives, codes (Vietnam, Socialist Republic of Viet Nam, Vietnamese, VN)."
        ),
        verbose_name=_("aliases"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return self.name
