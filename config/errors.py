"""The error raised for a bad environment setting, and the one-line report of it."""

import sys

from django.core.exceptions import ImproperlyConfigured


class SettingError(ImproperlyConfigured):
    """A setting from the environment is missing or malformed; the message names it."""


def run_reporting_setting_errors(main):
    """Run `main`, turning a bad setting or an unreachable service into one clear line."""
    from django.db.utils import OperationalError as DatabaseUnavailable
    from kombu.exceptions import OperationalError as BrokerUnavailable

    try:
        return main()
    except SettingError as exc:
        message = f"Configuration error: {exc}"
    except DatabaseUnavailable as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        message = f"Configuration error: DATABASE_URL: cannot use the database: {first}"
    except BrokerUnavailable as exc:
        message = f"Configuration error: CELERY_BROKER_URL: cannot reach the broker: {exc}"
    print(message, file=sys.stderr)
    sys.exit(2)
