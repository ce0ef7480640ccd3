"""Random input for the user management forms (accounts/forms.py) through their views."""

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.forms import UserCreateForm, UserEditForm, UserPasswordForm
from accounts.models import User
from tests.property.fuzz import SHARED_FIXTURES, check_submission, form_data

pytestmark = pytest.mark.django_db


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_user_create(data, org_admin, client_of):
    post = data.draw(form_data(UserCreateForm()))
    if data.draw(st.booleans(), label="password typed twice"):
        post["password2"] = post.get("password1", "")
    valid = UserCreateForm(post).is_valid()
    check_submission(client_of(org_admin), reverse("users:create"), post, valid=valid)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_user_edit(data, org_admin, apk, client_of):
    # A fresh instance each time: a ModelForm's validation writes the posted values onto its instance.
    post = data.draw(form_data(UserEditForm(instance=User.objects.get(pk=apk.pk), acting_user=org_admin)))
    valid = UserEditForm(post, instance=User.objects.get(pk=apk.pk), acting_user=org_admin).is_valid()
    check_submission(client_of(org_admin), reverse("users:edit", args=[apk.pk]), post, valid=valid)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_user_password(data, org_admin, apk, client_of):
    post = data.draw(form_data(UserPasswordForm(user=apk)))
    if data.draw(st.booleans(), label="password typed twice"):
        post["password2"] = post.get("password1", "")
    valid = UserPasswordForm(post, user=apk).is_valid()
    check_submission(client_of(org_admin), reverse("users:password", args=[apk.pk]), post, valid=valid)
