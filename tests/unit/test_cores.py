"""The cores `handbook build` uses by default: no more than the cgroup's CPU limit
(handbook.tools.cores), read from a cgroup tree made here."""
from __future__ import annotations

import os

import pytest

from handbook.tools.cores import available_cores, cgroup_cpu_limit


def cgroup(tmp_path, cpu_max: str | None, path: str = "/") -> tuple[str, str]:
    """A cgroup v2 tree whose group ``path`` has ``cpu_max``, and a /proc/self/cgroup naming it."""
    folder = tmp_path / "sys" / path.lstrip("/")
    folder.mkdir(parents=True, exist_ok=True)
    if cpu_max is not None:
        (folder / "cpu.max").write_text(cpu_max + "\n", encoding="utf-8")
    own = tmp_path / "cgroup"
    own.write_text(f"0::{path}\n", encoding="utf-8")
    return str(tmp_path / "sys"), str(own)


@pytest.mark.parametrize("cpu_max, limit", [
    ("200000 100000", 2), ("150000 100000", 2), ("50000 100000", 1), ("100000 100000", 1),
    ("max 100000", None), (None, None), ("", None), ("x 100000", None), ("100000 0", None)])
def test_the_cgroup_limit_is_its_quota_over_its_period_rounded_up(tmp_path, cpu_max, limit):
    assert cgroup_cpu_limit(*cgroup(tmp_path, cpu_max)) == limit


def test_the_limit_of_the_process_own_group_counts(tmp_path):
    root, own = cgroup(tmp_path, "300000 100000", "/system.slice/runner.service")
    (tmp_path / "sys" / "cpu.max").write_text("max 100000\n", encoding="utf-8")  # the root: no limit
    assert cgroup_cpu_limit(root, own) == 3


def test_a_limit_above_the_process_own_group_counts_too(tmp_path):
    root, own = cgroup(tmp_path, "max 100000", "/kubepods/pod1/container")
    (tmp_path / "sys" / "kubepods" / "pod1" / "cpu.max").write_text("200000 100000\n", encoding="utf-8")
    (tmp_path / "sys" / "kubepods" / "cpu.max").write_text("800000 100000\n", encoding="utf-8")
    assert cgroup_cpu_limit(root, own) == 2


def test_the_cores_are_the_fewer_of_the_affinity_and_the_limit(tmp_path):
    affinity = len(os.sched_getaffinity(0))
    assert available_cores(*cgroup(tmp_path, "max 100000")) == affinity
    assert available_cores(*cgroup(tmp_path, f"{(affinity + 3) * 100000} 100000")) == affinity
    assert available_cores(*cgroup(tmp_path, "50000 100000")) == 1
