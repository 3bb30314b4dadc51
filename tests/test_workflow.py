"""The GitHub Pages workflow cannot run here; these tests read it as GitHub would and check that it
builds strictly, publishes with GitHub's Pages actions, keeps the offline zip and asks for no more
permission than each job needs."""
from __future__ import annotations

import shlex

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "the workflow is not a YAML mapping"
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(job) if "uses" in step]


def commands(job: dict) -> list[list[str]]:
    return [shlex.split(line) for step in steps(job) for line in str(step.get("run", "")).splitlines() if line.strip()]


def step_using(job: dict, action: str) -> dict:
    return next(step for step in steps(job) if step.get("uses", "").split("@")[0] == action)


def test_runs_on_push_to_main(workflow: dict) -> None:
    # PyYAML reads the bare key `on` as True.
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]


def test_every_action_is_pinned_to_a_version(workflow: dict) -> None:
    for job in workflow["jobs"].values():
        for step in steps(job):
            if "uses" in step:
                assert "@" in step["uses"], step["uses"]


def test_build_installs_builds_strictly_and_checks_links(workflow: dict) -> None:
    build = workflow["jobs"]["build"]
    run = commands(build)
    assert ["pip", "install", "-e", "."] in run
    mkdocs_builds = [cmd for cmd in run if cmd[:2] == ["mkdocs", "build"]]
    assert len(mkdocs_builds) == 2 and all("--strict" in cmd for cmd in mkdocs_builds)
    assert [cmd[:2] for cmd in run].count(["worth", "check-links"]) == 2


def test_the_site_url_comes_from_configure_pages_so_the_site_works_under_a_sub_path(workflow: dict) -> None:
    build = workflow["jobs"]["build"]
    configure = step_using(build, "actions/configure-pages")
    public = next(step for step in steps(build) if "SITE_URL" in step.get("env", {}))
    assert f"steps.{configure['id']}.outputs.base_url" in public["env"]["SITE_URL"]
    assert steps(build).index(configure) < steps(build).index(public)


def test_the_offline_zip_is_built_and_kept(workflow: dict) -> None:
    build = workflow["jobs"]["build"]
    offline = next(step for step in steps(build) if step.get("env", {}).get("OFFLINE") == "true")
    zip_path = offline["env"]["OFFLINE_ZIP"]
    kept = step_using(build, "actions/upload-artifact")
    assert kept["with"]["path"] == zip_path
    assert kept["with"].get("if-no-files-found") == "error"


def test_pages_artifact_is_the_public_build_and_deploy_publishes_it(workflow: dict) -> None:
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    public = next(step for step in steps(build) if "SITE_URL" in step.get("env", {}))
    public_build = shlex.split(public["run"])
    site_dir = public_build[public_build.index("--site-dir") + 1]
    assert step_using(build, "actions/upload-pages-artifact")["with"]["path"] == site_dir
    assert "actions/deploy-pages" in uses(deploy)
    assert deploy["needs"] in ("build", ["build"])
    assert deploy["environment"]["name"] == "github-pages"


def test_the_tests_pass_before_anything_is_built_or_published(workflow: dict) -> None:
    test, build = workflow["jobs"]["test"], workflow["jobs"]["build"]
    assert ["bash", ".ci/run"] in commands(test)  # what CI runs: set-up, then the README's tests
    assert build["needs"] in ("test", ["test"])
    assert workflow["jobs"]["deploy"]["needs"] in ("build", ["build"])


def test_least_permissions(workflow: dict) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    # building only reads: the code, and the Pages settings for the site's address
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["jobs"]["test"]["permissions"] == {"contents": "read"}


def test_one_deploy_at_a_time(workflow: dict) -> None:
    assert workflow["concurrency"]["group"]
    assert workflow["concurrency"].get("cancel-in-progress") is False
