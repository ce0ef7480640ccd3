import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "svl.settings")
# The web server connects as the application's database role, never the maintenance role (svl/settings.py).
os.environ.setdefault("SVL_DATABASE_ROLE", "app")
application = get_wsgi_application()
