"""The demo cast that `load_demo` creates, one per role and clearance."""

from dataclasses import dataclass

from accounts.models import Clearance, Role, User
from accounts.roles import user_set_role


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    clearance: str


DEMO_USERS = (
    DemoUser("analyst", "analyst-demo-2026", Role.ANALYST, Clearance.SECRET),
    DemoUser("officer", "officer-demo-2026", Role.DESK_OFFICER, Clearance.CONFIDENTIAL),
    DemoUser("guest", "guest-demo-2026", Role.DESK_OFFICER, Clearance.UNCLASSIFIED),
)


def demo_users_create() -> list[User]:
    """Create or reset the demo users; running it again restores their logins."""
    users = []
    for demo in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=demo.username)
        user.clearance = demo.clearance
        user.set_password(demo.password)
        user.save()
        user_set_role(user, demo.role)
        users.append(user)
    return users
