"""The three roles as groups, and what each may do."""

from django.contrib.auth.models import Group

from accounts.models import Role


def ensure_role_groups() -> dict[str, Group]:
    return {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}


def user_set_role(user, role: str) -> None:
    groups = ensure_role_groups()
    user.groups.set([groups[role]])
    user._role_names = None
