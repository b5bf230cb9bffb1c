"""Password rules as ASVS 5.0 asks: at least 12 characters (set in settings), at most 128
accepted, common passwords refused, no rules on which kinds of characters."""

from django.core.exceptions import ValidationError

MAXIMUM = 128


class MaximumLengthValidator:
    def validate(self, password, user=None):
        if len(password) > MAXIMUM:
            raise ValidationError(
                f"This password is too long: use at most {MAXIMUM} characters.",
                code="password_too_long",
            )

    def get_help_text(self):
        return f"Your password can be up to {MAXIMUM} characters; a long passphrase is good."
