"""Tools for the Open Microcredential Catalogue.

Data flows one way: files -> documents (load) -> problems (schema, rules) -> Catalogue (model)
-> pages and data files (render, package). Each step is its own module.
"""
