"""Run ``mkdocs`` with the time each plugin and hook spends in its events.

    python benchmarks/timed_build.py TIMINGS.json build -f mkdocs.yml -d site --strict

Runs the MkDocs command line unchanged, and writes to TIMINGS.json the CPU and
wall-clock seconds each plugin or hook spent in its own event handlers. Exclusive: the builds that mkdocs-static-i18n starts
from its ``on_post_build`` count for the plugins that handle their events, not
for i18n. Time outside events (reading files,
rendering Markdown and templates) belongs to no plugin and is not listed.
"""
from __future__ import annotations

import atexit
import gc
import json
import os
import sys
from collections import defaultdict
from time import perf_counter, process_time

from mkdocs.plugins import PluginCollection

_cpu: dict[str, float] = defaultdict(float)
_wall: dict[str, float] = defaultdict(float)
_calls: dict[str, int] = defaultdict(int)
_stack: list[list[float]] = []  # [CPU, wall] spent in nested events, per open event
_gc = {"seconds": 0.0, "collections": 0, "start": 0.0}  # Python's cyclic garbage collector


def _gc_callback(phase, info):
    if phase == "start":
        _gc["start"] = perf_counter()
    else:
        _gc["seconds"] += perf_counter() - _gc["start"]
        _gc["collections"] += 1


def _run_event(self, name, item=None, **kwargs):
    """PluginCollection.run_event, timing each handler (same semantics otherwise)."""
    pass_item = item is not None
    for method in self.events[name]:
        origin = self._event_origins.get(method, "<unknown>")
        self._current_plugin = origin
        _stack.append([0.0, 0.0])
        cpu, wall = process_time(), perf_counter()
        try:
            result = method(item, **kwargs) if pass_item else method(**kwargs)
        finally:
            cpu, wall = process_time() - cpu, perf_counter() - wall
            nested_cpu, nested_wall = _stack.pop()
            key = os.path.basename(origin) if origin.endswith(".py") else origin
            _cpu[key] += cpu - nested_cpu
            _wall[key] += wall - nested_wall
            _calls[key] += 1
            if _stack:
                _stack[-1][0] += cpu
                _stack[-1][1] += wall
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def main() -> None:
    out, args = sys.argv[1], sys.argv[2:]

    def dump():
        with open(out, "w", encoding="utf-8") as handle:
            json.dump({"cpu": dict(_cpu), "wall": dict(_wall), "calls": dict(_calls), "gc": _gc}, handle, indent=1)

    atexit.register(dump)
    gc.callbacks.append(_gc_callback)
    PluginCollection.run_event = _run_event
    from mkdocs.__main__ import cli
    cli(args, prog_name="mkdocs")


if __name__ == "__main__":
    main()
