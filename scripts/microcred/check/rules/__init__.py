"""Every rule beyond the schema, one module per family; importing this package registers them all.

Rules run in the order registered here (the per-file cap keeps a file's first problems), so a new
family goes at the end unless its problems should be read first.
"""
from . import records, stacking, vet, delivery, dates, bounds, text, urls  # noqa: F401  (register)
