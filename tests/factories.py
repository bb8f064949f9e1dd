"""factory_boy factories for the test cast and the domain rows."""

import factory

from accounts.models import User
from accounts.roles import user_set_role

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    clearance = "UNCLASSIFIED"
    noforn_release = False
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        user_set_role(self, extracted or "desk officer")
        if create:
            self.save()
