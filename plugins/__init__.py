"""MkDocs plugins: thin adapters that hand Material's blog what the ``linters`` core decides."""
