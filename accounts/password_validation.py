from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's validator with a Czech message: Django 5.2 changed the msgid and its Czech catalogue lags behind."""

    def get_error_message(self):
        return ngettext(
            "Heslo je příliš krátké. Musí mít alespoň %(min_length)d znak.",
            "Heslo je příliš krátké. Musí mít alespoň %(min_length)d znaků.",
            self.min_length,
        ) % {"min_length": self.min_length}
