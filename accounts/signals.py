"""Sign-ins, sign-outs and failed sign-ins go to the access log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.models import AccessEvent, AccessLog


def _client(request):
    if request is None:
        return {"ip_address": None, "user_agent": ""}
    return {
        "ip_address": request.META.get("REMOTE_ADDR") or None,
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
    }


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs):
    AccessLog.objects.create(event=AccessEvent.SIGNED_IN, user=user, username=user.get_username(), **_client(request))


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs):
    if user is not None:
        AccessLog.objects.create(
            event=AccessEvent.SIGNED_OUT, user=user, username=user.get_username(), **_client(request)
        )


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    AccessLog.objects.create(
        event=AccessEvent.SIGN_IN_FAILED, username=str(credentials.get("username", ""))[:150], **_client(request)
    )
