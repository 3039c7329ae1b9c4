"""The one way HTML is made: Jinja2 templates in render/templates/, with autoescaping on, so
every value printed in a template is escaped unless it is `text.description_html`'s output.

The environment is made once per process and its templates compiled on first use (a build
renders thousands of pages from a dozen templates).
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from ..caches import cached
from ..completeness import FRAMEWORK_NAMES, Completeness
from . import facts
from .page import Page
from .text import Link, description_html, number, plural

TEMPLATES = Path(__file__).parent / "templates"


class Links:
    """Several links in one cell or list item, separated by commas or line breaks."""
    __slots__ = ("items", "lines", "empty")

    def __init__(self, items, lines: bool = False, empty: str = ""):
        self.items, self.lines, self.empty = list(items), lines, empty


@cached
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False, cache_size=-1)
    # `tojson` (JSON-LD in a <script>) is Jinja's own HTML-safe JSON: <, >, & and ' as \u escapes.
    # Strict JSON: a non-finite number stops the build instead of printing `Infinity`.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "allow_nan": False, "ensure_ascii": False,
                                         "separators": (",", ":")}
    env.globals.update(facts=facts, plural=plural, framework_names=FRAMEWORK_NAMES, standards_section=standards_section)
    env.filters.update(number=number, description=description_html)
    env.tests.update(link=lambda v: isinstance(v, Link), links=lambda v: isinstance(v, Links),
                     list=lambda v: isinstance(v, list))
    return env


@cached(maxsize=4096)
def standards_section(report: Completeness) -> Markup:
    """A credential page's "Against the standards" section (partials/completeness.html): the same
    for every listing that states the same elements, so rendered once for each different report
    (a fifth of the record pages' render time when it was rendered for each). Bounded: a
    catalogue whose every listing states a different set costs a render each, as before, and
    no more memory than 4,096 sections."""
    return render_fragment("partials/completeness.html", report=report)


def script_json(data) -> str:
    """JSON for a <script type="application/ld+json">: the environment's strict, sorted JSON with
    <, >, & and ' as \\u escapes, so no text in it can close the script."""
    return str(htmlsafe_json_dumps(data, **environment().policies["json.dumps_kwargs"]))


def table_row(cells: list, row_headers: bool = False) -> Markup:
    """A row of a credential table as partials/tables.html's `table_row` writes it, for a row kept
    from one build to the next (listing.credential_table)."""
    return Markup(environment().get_template("partials/tables.html").module.table_row(cells, row_headers))


def render_fragment(template: str, **context) -> Markup:
    """Part of a page from `template`, as markup another template prints as it is (a row that
    `mkdocs serve` keeps from one build to the next)."""
    return Markup(environment().get_template(template).render(**context))


def render_page(template: str, *, url: str, title: str, description: str = "", css_class: str = "",
                searchable: bool = False, jsonld=None, **context) -> Page:
    """A page from `template` (which extends layout.html); `here` in the template is its URL;
    `jsonld` (a dict) goes into the page's head."""
    html = environment().get_template(template).render(
        here=url, title=title, css_class=css_class, searchable=searchable, **context)
    return Page(url=url, title=title, description=description or "", html=html, searchable=searchable,
                jsonld=script_json(jsonld) if jsonld else "")
