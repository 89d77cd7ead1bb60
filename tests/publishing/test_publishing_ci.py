"""CI for the organisation: GitHub Actions and GitLab CI use the README's commands,
publish internally (not GitHub Pages), and every language has its reviewers."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from sites import ROOT, languages

WORKFLOW = ROOT / ".github" / "workflows" / "handbook.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
BUILD = ".venv/bin/handbook build"
PART = '.venv/bin/handbook build --share "$SHARE" --part-dir parts'  # one CI matrix job's share, "K/N"
GITLAB_PART = '.venv/bin/handbook build --share "$CI_NODE_INDEX/$CI_NODE_TOTAL" --part-dir parts'  # job K of N
ASSEMBLE = ".venv/bin/handbook build --from-parts parts"
# GitLab's build step: the parts' assembly with HANDBOOK_MATRIX, else the one build.
GITLAB_BUILD = f'if [ -n "${{HANDBOOK_MATRIX:-}}" ]; then {ASSEMBLE}; else {BUILD}; fi'
CARD_PDF = ".venv/bin/handbook card-pdf --site site"
INSTALL = "sh tools/venv pdf"  # the pdf extra: Playwright for the card PDFs, no test tools

def readme_test_command() -> str:
    """The command between README.md's test-command markers, as .ci/run reads it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- test-command -->\s*```sh\n(.*?)\n```\s*<!-- /test-command -->", text, re.S)
    assert block, "README.md has no test-command block"
    return block.group(1).strip()

def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads a bare `on` as true
    return data

def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]

def uses(job: dict) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]

def flatten(script) -> list[str]:
    out = []
    for line in script:
        out.extend(flatten(line) if isinstance(line, list) else [line.strip()])
    return out

# --- README and .ci/run ------------------------------------------------------------

def test_ci_run_executes_exactly_the_readme_command(tmp_path):
    """.ci/run's own extraction, run on the real README, yields the README's command."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    extraction = re.search(r"command=\$\((.*)\)\n", script).group(1)
    done = subprocess.run(["bash", "-c", extraction], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == readme_test_command()
    assert ".venv/bin/python -m pytest" in readme_test_command() and "nginx" in readme_test_command()
    assert os.access(ROOT / ".ci" / "run", os.X_OK)

# --- GitHub Actions ---------------------------------------------------------------------

def test_github_tests_every_pull_request_with_the_readme_command():
    data = workflow()
    assert "pull_request" in data["on"] and data["on"]["push"]["branches"] == ["main"]
    test = data["jobs"]["test"]
    assert re.fullmatch(r"python:3\.11\.\d+-bookworm", test["container"]), "Debian, as the README's apt-get expects"
    assert ".ci/run" in runs(test)
    assert any(u.startswith("actions/setup-node@") for u in uses(test)), "the README's command needs npm"
    checkout = next(s for s in test["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, "last-updated dates need the full history"
    install_git = test["steps"].index(next(s for s in test["steps"] if "install" in s.get("run", "") and "git" in s["run"]))
    assert install_git < test["steps"].index(checkout), "git before checkout, or there is no .git"
    assert data["permissions"] == {} and test["permissions"] == {"contents": "read"}

def test_github_publishes_from_main_internally_not_on_pages():
    data = workflow()
    publish = data["jobs"]["publish"]
    assert publish["needs"] == ["test", "parts"]  # parts: only with HANDBOOK_MATRIX (test_the_ci_matrix...)
    assert "refs/heads/main" in publish["if"] and "pull_request" in publish["if"]
    assert "needs.test.result == 'success'" in publish["if"]
    assert publish["env"]["HANDBOOK_CARD_PDF"] == "true"
    commands = runs(publish)
    assert BUILD in commands and CARD_PDF in commands
    assert commands.index(BUILD) < commands.index(CARD_PDF)
    upload = next(s for s in publish["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"
    deploy = next(s for s in publish["steps"] if "rsync -" in s.get("run", ""))
    assert deploy["if"] == "env.DEPLOY_HOST != ''" and "secrets.HANDBOOK_DEPLOY_HOST" in publish["env"]["DEPLOY_HOST"]
    assert publish["environment"] == "intranet"  # its secrets: only for the branches the environment allows
    assert "StrictHostKeyChecking=yes" in deploy["run"]
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "deploy-pages" not in text and "pages: write" not in text and "github-pages" not in text

# --- GitLab CI ------------------------------------------------------------------------

def test_gitlab_tests_merge_requests_and_publishes_pages_from_the_default_branch():
    data = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert re.fullmatch(r"python:3\.11\.\d+-bookworm", data["image"])
    assert str(data["variables"]["GIT_DEPTH"]) == "0"
    test = data["test"]
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in test["rules"]
    assert ".ci/run" in flatten(test["script"])
    pages = data["pages"]
    assert pages["rules"][-1] == {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["variables"]["HANDBOOK_CARD_PDF"] == "true"
    script = flatten(pages["script"])
    assert script.index(GITLAB_BUILD) < script.index(CARD_PDF) < script.index("rm -rf public && mv site public")
    deploy = data["deploy-intranet"]
    assert deploy["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $HANDBOOK_DEPLOY_HOST"}]
    script = flatten(deploy["script"])
    assert GITLAB_BUILD in script and CARD_PDF in script and any(line.startswith("rsync") for line in script)

def test_both_ci_systems_install_and_build_alike():
    github = workflow()["jobs"]["publish"]
    gitlab = flatten(yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["pages"]["script"])
    assert INSTALL in runs(github) and INSTALL in gitlab
    publishing = (ROOT / "deploy" / "README.md").read_text(encoding="utf-8")  # linked from README.md
    for command in (INSTALL, CARD_PDF):
        assert command in runs(github) and command in gitlab and command in publishing
    assert BUILD in runs(github) and GITLAB_BUILD in gitlab and BUILD in publishing


def test_the_ci_matrix_builds_a_part_per_job_and_publish_assembles_them():
    """Optional (HANDBOOK_MATRIX): one job per share of the languages builds its part; the
    publishing job assembles, checks and publishes them; without it, one job builds all."""
    jobs = workflow()["jobs"]
    parts, publish = jobs["parts"], jobs["publish"]
    assert "vars.HANDBOOK_MATRIX != ''" in parts["if"] and parts["needs"] == "test"
    assert parts["strategy"]["matrix"]["share"] == "${{ fromJSON(vars.HANDBOOK_MATRIX || '[\"\"]') }}"
    assert parts["env"]["SHARE"] == "${{ matrix.share }}"
    assert PART in runs(parts) and parts["permissions"] == {"contents": "read"}
    upload = next(s for s in parts["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "parts/" and upload["with"]["name"].startswith("handbook-part-")
    assert parts["env"]["HANDBOOK_CARD_PDF"] == publish["env"]["HANDBOOK_CARD_PDF"]  # built as publish builds
    steps = {s["name"]: s for s in publish["steps"] if "name" in s}
    assert steps["Build"]["if"] == "vars.HANDBOOK_MATRIX == ''" and steps["Build"]["run"] == BUILD
    download = steps["Download the parts"]
    assert download["if"] == "vars.HANDBOOK_MATRIX != ''" and download["with"]["pattern"] == "handbook-part-*"
    assert steps["Check, report and assemble the parts"]["run"] == ASSEMBLE
    assert "needs.parts.result == 'skipped'" in publish["if"] and "!cancelled()" in publish["if"]
    # The parts are assembled only for the address they were built for: the whole job has it.
    assert publish["env"]["HANDBOOK_SITE_URL"] == parts["env"]["HANDBOOK_SITE_URL"] == "${{ vars.HANDBOOK_SITE_URL }}"
    assert not [s["name"] for s in publish["steps"] if "HANDBOOK_SITE_URL" in s.get("env", {})]

    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    job = gitlab["parts"]
    assert all("$HANDBOOK_MATRIX" in rule["if"] for rule in job["rules"])
    assert type(job["parallel"]) is int and job["parallel"] >= 2  # jobs that share mkdocs.yml's languages
    assert GITLAB_PART in flatten(job["script"]) and job["artifacts"]["paths"] == ["parts/"]
    for name in ("pages", "deploy-intranet"):
        assert {"job": "parts", "optional": True} in gitlab[name]["needs"]
    # One job publishes, and the parts are built for its address. Set in the scripts: a
    # project's CI/CD variable HANDBOOK_SITE_URL would win over a job's `variables`.
    assert gitlab["pages"]["rules"][0] == {"if": "$HANDBOOK_DEPLOY_HOST", "when": "never"}
    assert "HANDBOOK_SITE_URL" not in str(gitlab["pages"].get("variables")) + str(job["rules"]) + str(job.get("variables"))
    pages_script, part_script = flatten(gitlab["pages"]["script"]), flatten(job["script"])
    assert pages_script[0] == 'export HANDBOOK_SITE_URL="$CI_PAGES_URL/"'
    address = 'if [ -z "${HANDBOOK_DEPLOY_HOST:-}" ]; then export HANDBOOK_SITE_URL="$CI_PAGES_URL/"; fi'
    assert part_script.index(address) == part_script.index(GITLAB_PART) - 1
    assert f"then {ASSEMBLE}; else {BUILD}; fi" in GITLAB_BUILD
    publishing = (ROOT / "deploy" / "README.md").read_text(encoding="utf-8")
    assert "HANDBOOK_MATRIX" in publishing and ASSEMBLE in publishing
    assert PART in publishing and GITLAB_PART in publishing

def _deploy_scripts() -> dict[str, str]:
    """Each CI file's copy to the intranet server, from its path check on, as a shell script."""
    github = next(s for s in workflow()["jobs"]["publish"]["steps"] if "rsync -" in s.get("run", ""))["run"]
    gitlab = flatten(yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["deploy-intranet"]["script"])
    start = next(i for i, line in enumerate(gitlab) if line.startswith('case "$HANDBOOK_DEPLOY_PATH"'))
    return {"github": github, "gitlab": "\n".join(gitlab[start:])}


@pytest.mark.parametrize("path, copied", [
    ("/var/www/handbook", True), ("", False), ("/", False), ("//", False), ("/./", False), ("var/www/handbook", False)])
@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_the_copy_to_the_intranet_refuses_a_path_rsync_delete_would_empty(tmp_path, ci, path, copied):
    """rsync --delete empties what the deploy path names: a missing or relative one (a
    secret not set, mistyped) must stop the job before rsync runs. The job's script runs
    here with a stand-in rsync that records what it was asked to do."""
    bin_dir, home = tmp_path / "bin", tmp_path / "home"
    bin_dir.mkdir(), home.mkdir()
    (bin_dir / "rsync").write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$HOME/rsync-args"\n', encoding="utf-8")
    (bin_dir / "rsync").chmod(0o755)
    key = tmp_path / "key"
    key.write_text("not a key\n", encoding="utf-8")
    prefix = "DEPLOY_" if ci == "github" else "HANDBOOK_DEPLOY_"
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}", "HOME": str(home), f"{prefix}HOST": "web.intranet.test",
           f"{prefix}USER": "handbook", f"{prefix}PATH": path, f"{prefix}KNOWN_HOSTS": "web.intranet.test ssh-ed25519 AAAA",
           f"{prefix}KEY": "not a key" if ci == "github" else str(key)}
    done = subprocess.run(["sh", "-e", "-c", _deploy_scripts()[ci]], env=env, capture_output=True, text=True)
    args = home / "rsync-args"
    if copied:
        assert done.returncode == 0, done.stderr
        assert args.read_text(encoding="utf-8").splitlines()[-2:] == ["site/", "handbook@web.intranet.test:/var/www/handbook/"]
    else:
        assert done.returncode == 1 and not args.exists()
        assert "DEPLOY_PATH must be the web root's absolute path, such as /var/www/handbook" in done.stderr


def _pattern(pattern: str) -> re.Pattern:
    """A CODEOWNERS (gitignore-style) pattern as a regular expression over repository paths."""
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    regex = ""
    i = 0
    while i < len(body):
        if body.startswith("**/", i):
            regex += "(?:.*/)?"
            i += 3
        elif body[i] == "*":
            regex += "[^/]*"
            i += 1
        else:
            regex += re.escape(body[i])
            i += 1
    regex = ("^" if anchored else "^(?:.*/)?") + regex
    return re.compile(regex + ("/.*$" if pattern.endswith("/") else "(?:/.*)?$"))

def owners(path: str, codeowners: Path = ROOT / "CODEOWNERS") -> list[str]:
    """The owners of ``path``: the last matching line wins, as on GitHub and GitLab."""
    found: list[str] = []
    for line in codeowners.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *names = line.split()
            if _pattern(pattern).match(path):
                found = names
    return found

def test_every_language_has_its_reviewers():
    docs = ROOT / "docs"
    sources = [str(p.relative_to(ROOT)) for p in docs.rglob("*.md")]
    assert sources
    config_languages = languages()
    for path in sources:
        lang = Path(path).suffixes[-2][1:] if len(Path(path).suffixes) > 1 else "en"
        assert owners(path) == [f"@org/handbook-{lang}"], path
    for entry in config_languages:  # a language in mkdocs.yml without a line here fails
        assert f"@org/handbook-{entry['locale']}" in (ROOT / "CODEOWNERS").read_text(encoding="utf-8")
    for path in ("mkdocs.yml", "hooks/card.py", "hooks/handbook/tools/cli.py", "overrides/main.html", "tests/sites.py",
                 "pyproject.toml", "docs/assets/handbook.css", "README.md"):
        assert owners(path) == ["@org/handbook-maintainers"], path
    for path in (".github/workflows/handbook.yml", ".gitlab-ci.yml", "deploy/nginx/handbook.conf"):
        assert owners(path) == ["@org/handbook-maintainers", "@org/intranet-web"], path
    # One file for both forges: each would prefer a copy in its own folder over it.
    assert not [p for p in (".github/CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS") if (ROOT / p).exists()]


def test_every_pinned_dependency_runs_on_debian_12s_own_python():
    """The README's commands must work on Debian 12's python3 (3.11.2): every release the
    handbook and its test extra pin admits that version. (Unpinned dependencies of those
    resolve to releases for the Python that installs them.)"""
    from importlib.metadata import distribution

    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet

    pins = [Requirement(line) for line in distribution("social-media-handbook").requires or []]
    refused = []
    for pin in pins:
        dist = distribution(pin.name)
        assert str(pin.specifier) == f"=={dist.version}", f"{pin} is pinned and installed as pinned"
        if not SpecifierSet(dist.metadata.get("Requires-Python") or "").contains("3.11.2"):
            refused.append(f"{pin}: Requires-Python {dist.metadata['Requires-Python']}")
    assert len(pins) >= 10 and refused == []


# --- the CI files' own safety ------------------------------------------------------

def test_ci_files_are_valid_and_the_workflow_has_no_zizmor_finding():
    """Both CI files against their schemas (bundled with check-jsonschema), and zizmor on
    the workflow, offline: a change that breaks or weakens them fails here."""
    import sys

    bin_dir = Path(sys.executable).parent
    for schema, path in (("vendor.github-workflows", WORKFLOW), ("vendor.gitlab-ci", GITLAB),
                         ("vendor.dependabot", ROOT / ".github" / "dependabot.yml")):
        done = subprocess.run([str(bin_dir / "check-jsonschema"), "--builtin-schema", schema, str(path)],
                              capture_output=True, text=True)
        assert done.returncode == 0, f"{path.name}: {done.stdout}{done.stderr}"
    done = subprocess.run([str(bin_dir / "zizmor"), "--offline", "--min-severity", "medium", "--format", "plain",
                           str(WORKFLOW)], capture_output=True, text=True)
    assert done.returncode == 0 and "No findings to report" in done.stdout + done.stderr, done.stdout + done.stderr
    # Every action is pinned to a commit, with its version in a comment; every job asks for its permissions.
    lines = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines and all(re.search(r"uses: [\w-]+/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line) for line in lines), lines
    data = workflow()
    assert all("permissions" in job for job in data["jobs"].values())
    checkouts = [s for job in data["jobs"].values() for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)
    assert re.fullmatch(r"python:3\.11\.\d+-bookworm", yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["image"])
