from django.contrib.auth.backends import ModelBackend

from accounts.models import User


class OrganisationModelBackend(ModelBackend):
    """Loads the user with their organisation in one query: every page shows the organisation's name."""

    def get_user(self, user_id):
        try:
            user = User._default_manager.select_related("organisation").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
