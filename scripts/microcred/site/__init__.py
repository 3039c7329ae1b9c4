"""The site adapter: the MkDocs plugin (site.plugin) and the Pagefind search index (site.searchindex)."""
