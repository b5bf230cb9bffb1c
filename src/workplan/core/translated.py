"""Facts of a plan given in several languages (its title, areas and commitments): the text as
written is the record; `translations` adds the same text in other languages, shown to readers
of those languages and to no one else."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _


def validate_translations(value) -> None:
    """{"ja": {"title": "…"}, "id": {"title": "…"}}: languages we serve, texts not empty."""
    from django.conf import settings

    languages = dict(settings.LANGUAGES)
    if not isinstance(value, dict):
        raise ValidationError(_("Give the translations as {language: {field: text}}."))
    for language, texts in value.items():
        if language not in languages:
            raise ValidationError(
                _("“%(language)s” is not one of %(languages)s.")
                % {"language": language, "languages": ", ".join(languages)}
            )
        if not isinstance(texts, dict) or not all(
            isinstance(text, str) and text.strip() for text in texts.values()
        ):
            raise ValidationError(
                _("The %(language)s texts must be words, none empty.")
                % {"language": languages[language]}
            )


class Translated(models.Model):
    translations = models.JSONField(
        default=dict,
        blank=True,
        validators=[validate_translations],
        help_text=gettext_lazy("The same texts in other languages: {“ja”: {“title”: “…”}}."),
        verbose_name=gettext_lazy("translations"),
    )

    class Meta:
        abstract = True

    def localized(self, field: str) -> str:
        """The field in the reader's language when it is given, else as written."""
        language = (get_language() or "").split("-")[0]
        return (self.translations.get(language) or {}).get(field) or getattr(self, field)
