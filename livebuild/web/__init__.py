"""The web application: app factory, API and page views, auth, templates, static files."""
