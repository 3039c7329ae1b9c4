"""How the figures grow with the catalogue: a table and a hand-written SVG plot for BENCHMARKS.md.

The steps record one figure per size (`record`); each run saves its figures as JSON (bench.json
for `make bench`, large.json for `make bench-large`), and the table and plot combine every saved
run, so the 2,000 and 10,000 figures and the 50,000 and 100,000 ones show on one set of axes.
Bytes per additional credential is the slope of the whole site's size between neighbouring sizes.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

FIGURES: dict[int, dict[str, float]] = {}
RUNS = ("bench.json", "large.json")
TARGET_BYTES_PER_CREDENTIAL = 10_000

# key -> (label, unit, scale): the table's rows, in order.
MEASURES = {
    "validate_s": ("validate the whole catalogue", "s", 1),
    "bare_parse_s": ("baseline: bare CSafeLoader parse", "s", 1),
    "validation_ratio": ("validation / bare parse", "x", 1),
    "validate_peak_mb": ("validation peak memory", "MB", 1),
    "one_file_s": ("validate one changed file", "s", 1),
    "build_s": ("full site build", "s", 1),
    "plain_build_s": ("baseline: plain Material build", "s", 1),
    "build_ratio": ("build / plain Material", "x", 1),
    "build_peak_mb": ("build peak memory (process tree)", "MB", 1),
    "package_s": ("write the data package", "s", 1),
    "preview_s": ("preview: an edit shows under make serve", "s", 1),
    "preview_ratio": ("preview / full build (target 0.2x)", "x", 1),
    "site_mb": ("site size", "MB", 1e-6),
    "site_files": ("site files", "files", 1),
    "bytes_per_credential": ("site bytes per additional credential", "KB", 1e-3),
    "search_kb": ("bytes before the first search result", "KB", 1e-3),
    "finder_kb": ("bytes before the first finder result", "KB", 1e-3),
}

# The plot's panels: title, y unit, [(key, label, colour)].
PANELS = [
    ("Seconds", "s", [("build_s", "our build", "#c2185b"), ("plain_build_s", "plain Material", "#1976d2"),
                      ("validate_s", "validate", "#388e3c"), ("package_s", "data package", "#f57c00")]),
    ("Ratio to baseline", "x", [("build_ratio", "build / Material", "#c2185b"),
                                ("validation_ratio", "validate / parse", "#388e3c"),
                                ("preview_ratio", "preview / build", "#f57c00")]),
    ("Site size and memory", "MB", [("site_mb", "site MB", "#6a1b9a"), ("build_peak_mb", "build peak MB", "#00838f")]),
    ("Bytes per credential, first result", "KB", [("bytes_per_credential", "KB / extra credential", "#6a1b9a"),
                                                 ("search_kb", "first search KB", "#1976d2"),
                                                 ("finder_kb", "first finder KB", "#f57c00")]),
]


def record(n: int, key: str, value: float) -> None:
    FIGURES.setdefault(n, {})[key] = value


def save(path: Path) -> None:
    path.write_text(json.dumps({str(n): FIGURES[n] for n in sorted(FIGURES)}, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")


def combined(folder: Path) -> dict[int, dict[str, float]]:
    """Every saved run's figures, with the derived ones (ratios, MB, slope) filled in."""
    out: dict[int, dict[str, float]] = {}
    for name in RUNS:
        path = folder / name
        if path.is_file():
            for n, figs in json.loads(path.read_text(encoding="utf-8")).items():
                out.setdefault(int(n), {}).update(figs)
    for n, f in out.items():
        if f.get("bare_parse_s") and "validate_s" in f:
            f["validation_ratio"] = f["validate_s"] / f["bare_parse_s"]
        if f.get("plain_build_s") and "build_s" in f:
            f["build_ratio"] = f["build_s"] / f["plain_build_s"]
        if "site_bytes" in f:
            f["site_mb"] = f["site_bytes"]
        for key in ("search", "finder"):
            if f"{key}_bytes" in f:
                f[f"{key}_kb"] = f[f"{key}_bytes"]
    sized = [n for n in sorted(out) if "site_bytes" in out[n]]
    for a, b in zip(sized, sized[1:]):
        out[b]["bytes_per_credential"] = (out[b]["site_bytes"] - out[a]["site_bytes"]) / (b - a)
    return out


def _fmt(value: float, unit: str) -> str:
    if unit == "files":
        return f"{value:,.0f}"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:,.2f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def table(figs: dict[int, dict[str, float]], svg_link: str) -> list[str]:
    sizes = sorted(figs)
    if not sizes:
        return []
    lines = ["## Growth", "",
             f"Every saved run combined (`make bench`, `make bench-large`); plot: [{svg_link}]({svg_link}).",
             f"Target: at most {TARGET_BYTES_PER_CREDENTIAL // 1000} KB of site per additional credential "
             "(the slope of the whole site's size from the next smaller size).", "",
             f"![How the figures grow with the catalogue]({svg_link})", "",
             "| measure | records | figure |", "| --- | ---: | ---: |"]
    for key, (label, unit, scale) in MEASURES.items():
        for n in sizes:
            if key in figs[n]:
                value = _fmt(figs[n][key] * scale, unit)
                if key == "bytes_per_credential":
                    ok = figs[n][key] <= TARGET_BYTES_PER_CREDENTIAL
                    value += " (within target)" if ok else " (OVER the 10 KB target)"
                lines.append(f"| {label} | {n:,} | {value} |")
    return lines + [""]


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(v))
    return next(m * step for m in (1, 2, 2.5, 5, 10) if m * step >= v)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def svg(figs: dict[int, dict[str, float]]) -> str:
    """Four panels (2 x 2), log-x over the catalogue sizes, linear y from 0; one line per measure."""
    sizes = sorted(figs)
    pw, ph, left, top, right, bottom = 420, 260, 60, 30, 20, 80
    width, height = 2 * pw, 2 * ph + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="#fff"/>',
           f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="14">How the figures grow with the '
           f'catalogue (x: records, log scale)</text>']
    lo, hi = (math.log10(min(sizes)), math.log10(max(sizes))) if sizes else (0, 1)
    hi = hi if hi > lo else lo + 1
    for i, (title, unit, lines) in enumerate(PANELS):
        ox, oy = (i % 2) * pw, 30 + (i // 2) * ph
        x0, x1, y0, y1 = ox + left, ox + pw - right, oy + top, oy + ph - bottom
        scale = MEASURES[lines[0][0]][2]
        vals = [figs[n][k] * MEASURES[k][2] for k, _, _ in lines for n in sizes if k in figs[n]]
        if unit == "KB" and any(k == "bytes_per_credential" for k, _, _ in lines):
            vals.append(TARGET_BYTES_PER_CREDENTIAL * scale)
        ymax = _nice_max(max(vals, default=1.0))

        def px(n, ox=ox, x0=x0, x1=x1):
            return x0 + (math.log10(n) - lo) / (hi - lo) * (x1 - x0)

        def py(v, y0=y0, y1=y1, ymax=ymax):
            return y1 - v / ymax * (y1 - y0)

        out.append(f'<text x="{ox + pw / 2}" y="{oy + 16}" text-anchor="middle" font-weight="bold">'
                   f'{_esc(title)} ({unit})</text>')
        out.append(f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" fill="none" stroke="#999"/>')
        for t in range(5):
            v = ymax * t / 4
            out.append(f'<line x1="{x0}" y1="{py(v):.1f}" x2="{x1}" y2="{py(v):.1f}" stroke="#eee"/>')
            out.append(f'<text x="{x0 - 4}" y="{py(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
        for n in sizes:
            out.append(f'<line x1="{px(n):.1f}" y1="{y0}" x2="{px(n):.1f}" y2="{y1}" stroke="#eee"/>')
            out.append(f'<text x="{px(n):.1f}" y="{y1 + 14}" text-anchor="middle">{n:,}</text>')
        if any(k == "bytes_per_credential" for k, _, _ in lines):
            ty = py(TARGET_BYTES_PER_CREDENTIAL * scale)
            out.append(f'<line x1="{x0}" y1="{ty:.1f}" x2="{x1}" y2="{ty:.1f}" stroke="#d32f2f" '
                       f'stroke-dasharray="5,3"/><text x="{x1 - 4}" y="{ty - 4:.1f}" text-anchor="end" '
                       f'fill="#d32f2f">target {TARGET_BYTES_PER_CREDENTIAL // 1000} KB</text>')
        for j, (key, label, colour) in enumerate(lines):
            pts = [(px(n), py(figs[n][key] * MEASURES[key][2])) for n in sizes if key in figs[n]]
            if len(pts) > 1:
                out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                           + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + '"/>')
            out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in pts]
            lx, ly = x0 + (j % 2) * 180, y1 + 32 + (j // 2) * 16
            out.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 18}" y2="{ly - 4}" stroke="{colour}" '
                       f'stroke-width="2"/><text x="{lx + 22}" y="{ly}">{_esc(label)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
