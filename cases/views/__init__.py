"""Views of the cases app, one module per area; urls.py imports the modules."""
