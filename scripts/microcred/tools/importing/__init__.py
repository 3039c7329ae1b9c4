"""Drafting records from what providers already have: a spreadsheet (spreadsheet.py, one row a
credential), a CTDL graph (ctdl.py) or an Open Badges 3.0 Achievement (ob3.py)."""
