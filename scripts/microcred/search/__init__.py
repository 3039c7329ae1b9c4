"""Site search: a static index written at build time (index.py) from each record page's words
(text.py), read by docs/assets/search.js."""
