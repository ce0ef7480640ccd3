"""Views of the platforms app, one module per area; urls.py imports the modules."""
