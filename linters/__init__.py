"""Byline's editorial core: posts, authors, rules and reports. It never imports mkdocs."""
