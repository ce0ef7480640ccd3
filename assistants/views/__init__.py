"""Views of the assistants app, one module per area; urls.py imports the modules."""
