#!/usr/bin/env python
"""Recognition Desk's command-line entry point."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    from config.errors import run_reporting_setting_errors

    run_reporting_setting_errors(lambda: execute_from_command_line(sys.argv))


if __name__ == "__main__":
    main()
