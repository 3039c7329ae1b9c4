"""Every web address the catalogue points at, for the weekly link check (`microcred links`).

The output is a Markdown file, one section per record, so a link checker (lychee, in
.github/workflows/links.yml) can read it and its report says which record a broken link is in.
Nothing here touches the network: checking is the link checker's job, away from pull requests.
"""
from __future__ import annotations

# Where a record keeps web addresses, by kind: (field path, label). `[]` walks a list's items.
URL_FIELDS = {
    "provider": (("website",),),
    "qualification": (("url",), ("sources", "[]")),
    "credential": (("url",), ("sources", "[]"), ("vet_credit", "[]", "evidence_url")),
}


def _values(data, path: tuple) -> list[str]:
    if not path:
        return [data] if isinstance(data, str) else []
    head, rest = path[0], path[1:]
    if head == "[]":
        return [v for item in (data if isinstance(data, list) else []) for v in _values(item, rest)]
    return _values(data.get(head), rest) if isinstance(data, dict) else []


def record_links(kind: str, data: dict) -> list[str]:
    """A record's web addresses, in field order, without repeats."""
    found: list[str] = []
    for path in URL_FIELDS[kind]:
        found += _values(data, path)
    return list(dict.fromkeys(found))


def _safe(url: str) -> str:
    # The schema allows any non-space character after https://; < and > would end a Markdown autolink.
    return url.replace("<", "%3C").replace(">", "%3E")


def links_markdown(catalogue) -> str:
    """Every record's links as Markdown: a heading per record, an autolink per address."""
    sections = []
    records = [("provider", f"providers/{pid}", p.data) for pid, p in catalogue.providers.items()]
    records += [("qualification", f"qualifications/{qid}", q.data) for qid, q in catalogue.qualifications.items()]
    records += [("credential", f"credentials/{gid}", c.data) for gid, c in catalogue.credentials.items()]
    for kind, name, data in records:
        urls = record_links(kind, data)
        if urls:
            sections.append(f"## catalogue/{name}.yaml\n\n" + "\n".join(f"- <{_safe(u)}>" for u in urls) + "\n")
    return "# Links in the catalogue\n\n" + "\n".join(sections)
