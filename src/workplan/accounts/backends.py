"""Authentication that loads a user's party with the user: every page shows it."""

from django.contrib.auth.backends import ModelBackend

from workplan.accounts.models import User


class UserWithPartyBackend(ModelBackend):
    def get_user(self, user_id):
        user = User.objects.select_related("party").filter(pk=user_id).first()
        return user if user and self.user_can_authenticate(user) else None
