"""Password rules as ASVS 5.0 asks: at least 12 characters (set in settings), at most 128
accepted, common passwords refused, no rules on which kinds of characters."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAXIMUM = 128


class MaximumLengthValidator:
    def validate(self, password, user=None):
        if len(password) > MAXIMUM:
            raise ValidationError(
                _("This password is too long: use at most %(most)s characters.")
                % {"most": MAXIMUM},
                code="password_too_long",
            )

    def get_help_text(self):
        return _("Your password can be up to %(most)s characters; a long passphrase is good.") % {
            "most": MAXIMUM
        }
