"""Drillbook: exercise technique records in YAML, turned into a MkDocs Material site."""
