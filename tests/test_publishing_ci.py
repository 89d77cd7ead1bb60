"""CI for the organisation: GitHub Actions and GitLab CI use the README's commands,
publish internally (not GitHub Pages), and every language has its reviewers."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from publishing_support import languages, load_config
from sites import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "handbook.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
BUILD = "python3 -m mkdocs build --strict"
CARD_PDF = "handbook card-pdf --site site"


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


def python3_on_path(tmp_path: Path) -> Path:
    """A folder with a `python3` that is this test run's Python (where mkdocs is installed)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "python3"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return bin_dir


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
    assert "python3 -m pytest" in readme_test_command() and "nginx" in readme_test_command()
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


# --- GitHub Actions ---------------------------------------------------------------------

def test_github_tests_every_pull_request_with_the_readme_command():
    data = workflow()
    assert "pull_request" in data["on"] and data["on"]["push"]["branches"] == ["main"]
    test = data["jobs"]["test"]
    assert test["container"].startswith("python:3.11-bookworm"), "Debian, as the README's apt-get expects"
    assert ".ci/run" in runs(test)
    assert "actions/setup-node@v4" in uses(test), "the README's command needs npm"
    checkout = next(s for s in test["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, "last-updated dates need the full history"
    install_git = test["steps"].index(next(s for s in test["steps"] if "install" in s.get("run", "") and "git" in s["run"]))
    assert install_git < test["steps"].index(checkout), "git before checkout, or there is no .git"
    assert data["permissions"] == {"contents": "read"}


def test_github_publishes_from_main_internally_not_on_pages():
    data = workflow()
    publish = data["jobs"]["publish"]
    assert publish["needs"] == "test"
    assert "refs/heads/main" in publish["if"] and "pull_request" in publish["if"]
    assert publish["env"]["HANDBOOK_CARD_PDF"] == "true"
    commands = runs(publish)
    assert BUILD in commands and CARD_PDF in commands
    assert commands.index(BUILD) < commands.index(CARD_PDF)
    upload = next(s for s in publish["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"
    deploy = next(s for s in publish["steps"] if "rsync -" in s.get("run", ""))
    assert deploy["if"] == "env.DEPLOY_HOST != ''" and "secrets.HANDBOOK_DEPLOY_HOST" in publish["env"]["DEPLOY_HOST"]
    assert "StrictHostKeyChecking=yes" in deploy["run"]
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "deploy-pages" not in text and "pages: write" not in text and "github-pages" not in text


@pytest.mark.parametrize("variable", ["", "https://handbook.intranet.test/"])
def test_github_published_address_step_runs(tmp_path, variable):
    """The step that picks HANDBOOK_SITE_URL, run in bash: the variable, else intranet_url."""
    step = next(s for s in workflow()["jobs"]["publish"]["steps"] if s.get("name") == "Published address")
    env_file = tmp_path / "github_env"
    bin_dir = python3_on_path(tmp_path)
    env = {**os.environ, "GITHUB_ENV": str(env_file), "HANDBOOK_SITE_URL_VAR": variable,
           "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    subprocess.run(["bash", "-e", "-c", step["run"]], cwd=ROOT, env=env, check=True, capture_output=True)
    expected = variable or load_config()["extra"]["organisation"]["intranet_url"]
    assert env_file.read_text(encoding="utf-8") == f"HANDBOOK_SITE_URL={expected}\n"
    if not variable:  # mkdocs.yml unreadable: the step fails instead of publishing with no address
        env_file.unlink()
        broken = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=ROOT / "docs", env=env, capture_output=True)
        assert broken.returncode != 0 and not env_file.exists()


# --- GitLab CI ------------------------------------------------------------------------

def test_gitlab_tests_merge_requests_and_publishes_pages_from_the_default_branch():
    data = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert data["image"].startswith("python:3.11-bookworm")
    assert str(data["variables"]["GIT_DEPTH"]) == "0"
    test = data["test"]
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in test["rules"]
    assert ".ci/run" in flatten(test["script"])
    pages = data["pages"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["variables"]["HANDBOOK_CARD_PDF"] == "true"
    script = flatten(pages["script"])
    assert script.index(BUILD) < script.index(CARD_PDF) < script.index("rm -rf public && mv site public")
    deploy = data["deploy-intranet"]
    assert deploy["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $HANDBOOK_DEPLOY_HOST"}]
    script = flatten(deploy["script"])
    assert BUILD in script and CARD_PDF in script and any(line.startswith("rsync") for line in script)


def test_both_ci_systems_install_and_build_alike():
    github = workflow()["jobs"]["publish"]
    gitlab = flatten(yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["pages"]["script"])
    assert 'python3 -m pip install -e ".[test]"' in runs(github) and 'python3 -m pip install -e ".[test]"' in gitlab
    publishing = (ROOT / "deploy" / "README.md").read_text(encoding="utf-8")  # linked from README.md
    for command in (BUILD, CARD_PDF):
        assert command in runs(github) and command in gitlab and command in publishing


def test_gitlab_published_address_line_runs(tmp_path):
    script = flatten(yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["deploy-intranet"]["script"])
    line = next(l for l in script if l.startswith("HANDBOOK_SITE_URL="))
    assert "export HANDBOOK_SITE_URL" in script
    bin_dir = python3_on_path(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "HANDBOOK_SITE_URL"}
    env["PATH"] = f"{bin_dir}:{os.environ['PATH']}"
    done = subprocess.run(["bash", "-e", "-c", line + '\necho "$HANDBOOK_SITE_URL"'], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == load_config()["extra"]["organisation"]["intranet_url"]
    # A failure to read mkdocs.yml fails the job instead of publishing with no address.
    broken = subprocess.run(["bash", "-e", "-c", line + '\necho "$HANDBOOK_SITE_URL"'], cwd=ROOT / "docs", env=env,
                            capture_output=True, text=True)
    assert broken.returncode != 0 and broken.stdout == ""


# --- review: template and code owners ------------------------------------------------------

def test_pull_request_template_is_a_short_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] .+", template, re.M)
    assert 4 <= len(items) <= 10
    assert BUILD in template and "owner" in template and "handbook translations record" in template
    assert (ROOT / ".gitlab" / "merge_request_templates" / "Default.md").read_text(encoding="utf-8") == template


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


def owners(path: str, codeowners: Path = ROOT / ".github" / "CODEOWNERS") -> list[str]:
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
        assert f"@org/handbook-{entry['locale']}" in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    for path in ("mkdocs.yml", "hooks/card.py", "hooks/handbook/cli.py", "overrides/main.html", "tests/sites.py",
                 "pyproject.toml", "docs/assets/handbook.css", "README.md"):
        assert owners(path) == ["@org/handbook-maintainers"], path
    for path in (".github/workflows/handbook.yml", ".gitlab-ci.yml", "deploy/nginx/handbook.conf"):
        assert owners(path) == ["@org/handbook-maintainers", "@org/intranet-web"], path
    assert (ROOT / ".gitlab" / "CODEOWNERS").read_text(encoding="utf-8") == \
        (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
