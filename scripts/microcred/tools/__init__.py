"""Tools for providers and maintainers beside the pipeline: new records from the schema
(scaffold), who owns which files (ownership), the catalogue's web addresses (links)."""
