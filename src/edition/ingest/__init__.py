"""Raw source texts → TEI: the `edition ingest` machinery."""
