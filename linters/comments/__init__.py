"""Comments core, outside MkDocs: provider settings, when threads close, the threads manifest and
the Isso gate that enforces closing on the server (hiding a form does not stop a direct POST)."""
