"""`make bench`: speed and memory of the catalogue's tools on generated catalogues.

Every figure stands next to a baseline measured in the same run on the same files, because these
machines are noisy: a ratio to a baseline means more than a number of seconds. Each step runs in
its own process, so its peak memory (max RSS) is its own. Results go to BENCHMARKS.md.

    python benchmarks/run.py [--sizes 2000 10000] [--out BENCHMARKS.md]
    python benchmarks/run.py --large    # `make bench-large`: 50,000 and 100,000 into benchmarks/large.md

Each run also saves its figures (benchmarks/bench.json or large.json) and redraws
benchmarks/growth.svg from every saved run; BENCHMARKS.md carries large.md and the growth table.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import growth  # noqa: E402  (the figures per size, the growth table and plot)
from growth import record  # noqa: E402


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    returncode: int


def _tree_rss_mb(root: int) -> tuple[float, float]:
    """Resident memory of a process and all its descendants now, from /proc, and the root's own
    high-water mark since it started its program (VmHWM: it holds the peak between samples)."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()  # after "pid (comm)"
        except OSError:
            continue
        pid = int(entry.name)
        parent[pid], rss[pid] = int(fields[1]), int(fields[21])
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, ppid in parent.items() if ppid in tree} - tree
        grew = bool(more)
        tree |= more
    high = 0.0
    try:
        with open(f"/proc/{root}/status", encoding="ascii", errors="replace") as f:
            high = next((int(line.split()[1]) / 1024 for line in f if line.startswith("VmHWM:")), 0.0)
    except OSError:
        pass
    return sum(rss.get(pid, 0) for pid in tree) * os.sysconf("SC_PAGE_SIZE") / 2**20, high


def measure(cmd: list[str], cwd: Path | None = None, env: dict | None = None,
            allowed: tuple[int, ...] = (0,)) -> Measure:
    """Run a command; its wall time and peak resident memory: the larger of the process's own
    high-water mark and the sum over its whole process tree, sampled every 50 ms (a build that
    runs its search indexer beside itself holds both at once). Not wait4's maximum: a child's counts the
    memory of this runner at the fork, before the command's program replaced it."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree_peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            tree, own = _tree_rss_mb(proc.pid)
            tree_peak[0] = max(tree_peak[0], tree, own)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status = os.waitpid(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in allowed:
        err = proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else ""
        print(f"  ! {' '.join(cmd[:3])}... exited {proc.returncode}\n{err}", file=sys.stderr)
    if proc.stderr:
        proc.stderr.close()
    return Measure(seconds, tree_peak[0], proc.returncode)


def best_of(n: int, cmd: list[str], **kw) -> Measure:
    runs = [measure(cmd, **kw) for _ in range(n)]
    return min(runs, key=lambda m: m.seconds)


BARE_PARSE = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob('*.yaml')):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def bench_validation(catalogue: Path, n: int, rows: list, with_check_jsonschema: bool) -> None:
    py = str(BIN / "python")
    bare = best_of(3, [py, "-c", BARE_PARSE, str(catalogue)])
    ours = best_of(3, [str(BIN / "microcred"), "validate", "--catalogue", str(catalogue), "--format", "json"])
    rows.append((n, "validate the whole catalogue", ours, "bare CSafeLoader parse of the same files", bare))
    record(n, "validate_s", ours.seconds)
    record(n, "validate_peak_mb", ours.peak_mb)
    record(n, "bare_parse_s", bare.seconds)
    if with_check_jsonschema:
        files = sorted(str(p) for p in (catalogue / "credentials").rglob("*.yaml"))
        cj = measure([str(BIN / "check-jsonschema"), "--schemafile", str(ROOT / "schema" / "credential.schema.json"),
                      "--base-uri", (ROOT / "schema" / "credential.schema.json").as_uri(), *files])
        rows.append((n, "validate the whole catalogue", ours, "check-jsonschema, same schema, credentials only", cj))
    one = next((catalogue / "credentials").rglob("*.yaml"))
    single = best_of(5, [str(BIN / "microcred"), "validate", "--catalogue", str(catalogue), str(one)])
    startup = best_of(5, [py, "-c", "import microcred.check"])
    rows.append((n, "validate one changed file", single, "Python start-up + importing the validator", startup))
    record(n, "one_file_s", single.seconds)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; Python {platform.python_version()}"


def fmt(m: Measure) -> str:
    return f"{m.seconds:.2f} s, {m.peak_mb:.0f} MB"


def report(rows: list, extra: list[str], command: str, large: bool, growth: list[str]) -> str:
    lines = [
        "# Benchmarks" + (" at large sizes" if large else ""),
        "",
        f"Written by `make {'bench-large' if large else 'bench'}` (`{command}`); do not edit by hand. "
        "Each figure stands beside a",
        "baseline measured in the same run, on the same generated files (never the real catalogue).",
        "Times are the best of several runs where a step is cheap enough to repeat; memory is the",
        "step's own peak resident set, with any processes it starts (each step is a separate process).",
        "",
        f"Machine: {machine()}.",
        "",
        "| records | what | ours | baseline | baseline figure | ratio |",
        "| ---: | --- | --- | --- | --- | ---: |",
    ]
    for n, what, ours, base_name, base in rows:
        ratio = ours.seconds / base.seconds if base.seconds else float("nan")
        lines.append(f"| {n:,} | {what} | {fmt(ours)} | {base_name} | {fmt(base)} | {ratio:.2f}x |")
    lines += ["", *extra, ""]
    if large:
        return "\n".join(lines)
    lines += [*growth, *carried(LARGE, "Large sizes: not measured yet (`make bench-large`)."),
              *carried(LIGHTHOUSE, "Lighthouse: not measured yet (`make lighthouse`).")]
    return "\n".join(lines)


def refreshed_tail(main: str, growth: list[str]) -> str:
    """BENCHMARKS.md (`main`) with its growth table and carried sections made again after a
    `--large` run, its own rows (2,000 and 10,000) as they were."""
    head = main.split("\n## Growth\n", 1)[0]
    return "\n".join([head, *growth, *carried(LARGE, ""), *carried(LIGHTHOUSE, "")]).rstrip("\n") + "\n"


LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse.md"
LARGE = ROOT / "benchmarks" / "large.md"


def carried(path: Path, missing: str) -> list[str]:
    """Figures another target wrote, carried into BENCHMARKS.md: Lighthouse (`make lighthouse`)
    and the large sizes (`make bench-large`) take too long for every `make bench`."""
    if not path.exists():
        return [missing, ""]
    text = path.read_text(encoding="utf-8").strip().splitlines()
    return ["#" + line if line.startswith("# ") else line for line in text] + [""]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="the sizes too slow for every run, into large.md")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--figures", type=Path, default=ROOT / "benchmarks",
                        help="folder of the saved figures (bench.json, large.json) and growth.svg")
    parser.add_argument("--skip", nargs="*", default=[],
                        help="steps to skip: validation, check-jsonschema, site, package, import, preview, hostile")
    args = parser.parse_args(argv)
    asked_skips = list(args.skip)
    args.sizes = args.sizes or ([50000, 100000] if args.large else [2000, 10000])
    if args.large:
        # The preview's target is set at 2,000 and 10,000; check-jsonschema over 100,000 files
        # would take longer than the rest of the run.
        args.skip = [*args.skip, "preview", "check-jsonschema"]
    args.out = args.out or (LARGE if args.large else ROOT / "BENCHMARKS.md")
    from factory import make_catalogue

    rows: list = []
    extra: list[str] = []
    for n in args.sizes:
        catalogue = args.work / f"catalogue-{n}"
        shutil.rmtree(catalogue, ignore_errors=True)
        print(f"generating {n:,} records ...", flush=True)
        make_catalogue(catalogue, credentials=n)
        if "validation" not in args.skip:
            print(f"validation at {n:,} ...", flush=True)
            bench_validation(catalogue, n, rows, "check-jsonschema" not in args.skip and n == max(args.sizes))
        for name, step in STEPS:
            if name not in args.skip:
                print(f"{name} at {n:,} ...", flush=True)
                step(catalogue, n, rows, extra, args.work)
    if "hostile" not in args.skip:
        print("hostile input ...", flush=True)
        from security_bench import bench_hostile
        bench_hostile(rows, extra, args.work)
    command = "python benchmarks/run.py" + (" --large" if args.large else "") + (
        f" --sizes {' '.join(map(str, args.sizes))}" if args.sizes not in ([2000, 10000], [50000, 100000]) else "") + (
        f" --skip {' '.join(asked_skips)}" if asked_skips else "")
    args.figures.mkdir(parents=True, exist_ok=True)
    growth.save(args.figures / ("large.json" if args.large else "bench.json"))
    figs = growth.combined(args.figures)
    if asked_skips:
        extra.append(f"- Not measured in this run: {', '.join(asked_skips)} (their rows are absent, not passed).")
    (args.figures / "growth.svg").write_text(growth.svg(figs), encoding="utf-8")
    link = os.path.relpath(args.figures / "growth.svg", args.out.resolve().parent)
    text = report(rows, extra, command, args.large, growth.table(figs, Path(link).as_posix()))
    args.out.write_text(text, encoding="utf-8")
    main_report = ROOT / "BENCHMARKS.md"
    if args.large and args.out == LARGE and main_report.is_file():
        main_link = os.path.relpath(args.figures / "growth.svg", ROOT)
        main_report.write_text(refreshed_tail(main_report.read_text(encoding="utf-8"),
                                              growth.table(figs, Path(main_link).as_posix())), encoding="utf-8")
    print(text)
    return 0


def _site(*args):
    from site_bench import bench_site
    bench_site(*args)


def _package(*args):
    from package_bench import bench_package_step
    bench_package_step(*args)


def _import(*args):
    from import_bench import bench_import_step
    bench_import_step(*args)


def _preview(*args):
    from preview_bench import bench_preview
    bench_preview(*args)


# Further steps: (name, function(catalogue, n, rows, extra, workdir)).
STEPS: list = [("site", _site), ("package", _package), ("import", _import), ("preview", _preview)]

if __name__ == "__main__":
    sys.exit(main())
