"""The tools around a pull request: editor schemas, pre-commit hooks and the CI workflow.

Editors check a data file against the JSON Schema its first line names, so every data file must
name the right one, and the schemas must accept the real data and refuse what the validator
refuses. The pre-commit hooks must be local and pinned (so they work offline once installed),
and the workflow must validate, build strictly, test and publish only from main.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from macros.kb.data import model
from macros.kb.data.load import load_file

from .conftest import DATA, ROOT, copy_data
from .test_bad_inputs import CORPUS, write_entry

SCHEMAS = DATA / "schemas"


def _validator(rtype: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / f"{rtype}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_every_data_file_names_its_schema_on_the_first_line():
    wrong = []
    for rtype in model.RECORD_TYPES:
        line = f"# yaml-language-server: $schema=../schemas/{rtype}.schema.json"
        for path in sorted((DATA / rtype).glob("*.yml")):
            if path.read_text(encoding="utf-8").split("\n", 1)[0] != line:
                wrong.append(path.relative_to(DATA).as_posix())
            assert (path.parent / "../schemas" / f"{rtype}.schema.json").resolve().is_file()
    assert wrong == []
    assert sum(1 for _ in DATA.glob("*/*.yml")) > 10


def test_the_schemas_accept_every_real_data_file():
    errors = []
    for rtype in model.RECORD_TYPES:
        validator = _validator(rtype)
        for path in sorted((DATA / rtype).glob("*.yml")):
            loaded, problems = load_file(path)
            assert loaded is not None, problems
            errors += [f"{path.name}: {e.json_path}: {e.message}"
                       for e in validator.iter_errors(loaded.data)]
    assert errors == []


@pytest.mark.parametrize("name", ["missing-required-field", "wrong-type", "wrong-type-list",
                                  "wrong-choice", "unknown-field-typo", "empty-value"])
def test_the_schemas_refuse_what_the_validator_refuses(name, tmp_path):
    entry = next(e for e in CORPUS if e["name"] == name)
    path = write_entry(entry, tmp_path)
    loaded, _ = load_file(path)
    assert list(_validator("cases").iter_errors(loaded.data))


def test_the_modelines_command_finds_and_fixes_a_missing_line(tmp_path):
    data = copy_data(tmp_path)
    place = sorted((data / "places").glob("*.yml"))[0]
    place.write_text(place.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    cmd = [sys.executable, str(ROOT / "scripts" / "kb.py"), "modelines", "--data-dir", str(data)]
    found = subprocess.run(cmd, capture_output=True, text=True)
    assert found.returncode == 1 and f"{place.name}:1:1: the first line must be" in found.stderr
    assert subprocess.run([*cmd, "--fix"], capture_output=True).returncode == 0
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    assert place.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/places.schema.json\n")


# --- pre-commit ---------------------------------------------------------------------------------

CONFIG = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
HOOKS = [hook for repo in CONFIG["repos"] for hook in repo["hooks"]]


def test_pre_commit_hooks_are_local_and_pinned():
    assert [repo["repo"] for repo in CONFIG["repos"]] == ["local"]
    for hook in HOOKS:
        assert hook["language"] in ("system", "python"), hook["id"]
        for dep in hook.get("additional_dependencies", []):
            assert "==" in dep, dep
    schema_hooks = {h["id"]: h for h in HOOKS if h["entry"].startswith("check-jsonschema")}
    for rtype in model.RECORD_TYPES:
        hook = schema_hooks[f"schema-{rtype}"]
        assert hook["entry"].endswith(f"data/schemas/{rtype}.schema.json")
        assert hook["files"] == rf"^data/{rtype}/[^/]+\.yml$"
    assert {"yamllint", "kb-validate", "kb-modelines", "kb-schemas"} <= {h["id"] for h in HOOKS}


@pytest.mark.parametrize("hook_id", ["yamllint", "schema-cases", "kb-modelines", "kb-schemas",
                                     "kb-validate"])
def test_each_pre_commit_hook_passes_on_the_repository(hook_id):
    hook = next(h for h in HOOKS if h["id"] == hook_id)
    argv = hook["entry"].split()
    # the tools are in .venv (pyproject.toml's dev group): beside this Python, on PATH or not
    here = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = str(ROOT / argv[0]) if "/" in argv[0] else shutil.which(argv[0], path=here)
    if found is None or not Path(found).exists():
        pytest.skip(f"{argv[0]} is not installed")
    argv[0] = found
    files = []
    if hook.get("pass_filenames", True):
        pattern = hook.get("files", r"\.ya?ml$")
        # as pre-commit passes them: the files git tracks (not .venv-zensical's or a build's)
        tracked = subprocess.run(["git", "ls-files", "-z", "*.yml", "*.yaml"], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout
        files = sorted(name for name in tracked.split("\0")
                       if name and re.search(pattern, name))
    result = subprocess.run([*argv, *files], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- CI --------------------------------------------------------------------------------------

def test_the_workflow_validates_builds_strictly_tests_and_publishes_from_main():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    triggers = flow.get("on", flow.get(True))
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = " ".join(str(s.get("run", "")) + str(s.get("uses", ""))
                     for s in flow["jobs"]["check"]["steps"])
    for needed in ("kb validate", "mkdocs build --strict", ".ci/run",
                   "SOURCE_DATE_EPOCH", "upload-pages-artifact"):
        assert needed in steps, needed
    publish = flow["jobs"]["publish"]
    assert "refs/heads/main" in publish["if"] and publish["needs"] == "check"
    # a daily rebuild keeps "open as of" fresh; a build for publishing has public addresses
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]
    build = next(s for s in flow["jobs"]["check"]["steps"] if "mkdocs build" in s.get("run", ""))
    assert build["env"]["KB_PUBLISH"] == "1" and "KB_SITE_URL" in build["env"]
    assert any("deploy-pages" in s.get("uses", "") for s in publish["steps"])
    assert flow["permissions"] == {"contents": "read"}


def test_the_pull_request_template_has_the_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 6
    for needed in ("scripts/validate.py", "--strict", "cites", "own words", "named"):
        assert needed in text, needed
