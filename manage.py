#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "svl.settings")
    # The development web server connects as the application's database role, like gunicorn (svl/wsgi.py); every
    # other command is maintenance (migrations, demo data, backups) and connects as the role that owns the schema.
    os.environ.setdefault("SVL_DATABASE_ROLE", "app" if sys.argv[1:2] == ["runserver"] else "maintenance")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
