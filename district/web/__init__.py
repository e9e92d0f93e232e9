"""The district's web pages for people: sign-in, roles, the pages, in English and Spanish.

One module per job: settings (declared once), i18n (Babel catalogs, locale formats), csrf
(the form token), pages (the routes and their queries). Templates are Jinja2 with autoescape
on, so visitor text is always shown as text; every asset is served from static/ by the app.
"""
