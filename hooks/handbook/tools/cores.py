"""How many cores this process may use: those it may run on (its CPU affinity), and no
more than its cgroup's CPU limit allows (a container's --cpus, a Kubernetes pod's
limits.cpu), which the affinity does not show: a CI runner's container can see every
core of its host and may use two. Python reads neither limit for us (os.cpu_count()
counts the host's; os.process_cpu_count(), from 3.13, the affinity)."""
from __future__ import annotations

import math
import os

CGROUP = "/sys/fs/cgroup"  # where cgroup v2 is mounted (Debian 11 and later, current Docker and Kubernetes)


def available_cores(cgroup_root: str = CGROUP, own_cgroup: str = "/proc/self/cgroup") -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    limit = cgroup_cpu_limit(cgroup_root, own_cgroup)
    return max(1, min(cores, limit)) if limit else cores


def cgroup_cpu_limit(cgroup_root: str = CGROUP, own_cgroup: str = "/proc/self/cgroup") -> int | None:
    """The CPUs this process's cgroup (v2) may use, rounded up, or None: no limit, or no
    cgroup v2. The smallest limit of its group and the groups above it counts; each
    cpu.max holds "QUOTA PERIOD" in microseconds, or "max PERIOD"."""
    try:
        with open(own_cgroup, encoding="utf-8") as handle:
            path = next((line[3:].strip() for line in handle if line.startswith("0::")), "/")
    except OSError:
        path = "/"
    parts = [part for part in path.split("/") if part]
    limits = [_limit(os.path.join(cgroup_root, *parts[:depth], "cpu.max")) for depth in range(len(parts), -1, -1)]
    return min((limit for limit in limits if limit), default=None)


def _limit(cpu_max: str) -> int | None:
    try:
        with open(cpu_max, encoding="utf-8") as handle:
            quota, period = handle.read().split()[:2]
        return None if quota == "max" else max(1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError, ZeroDivisionError):
        return None
