"""The machine a benchmark ran on, in one line, printed beside the figures it measured (the
README quotes both): cores this process may use, CPU model, memory, system, Python, and the load
average when the run started (figures from a busy machine are not figures of the code).

    from machine import describe   # a script in benchmarks/ (its folder is on sys.path)
    print(f"measured on: {describe()}")
"""

from __future__ import annotations

import os
import platform
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.0f} GB RAM"
    except OSError:
        pass
    return "RAM unknown"


def describe() -> str:
    """The machine in a line: ``2 cores (Intel(R) Xeon(R) Processor), 23 GB RAM, Linux 6.18,
    Python 3.11.7, load 0.31 at start``."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 0
    try:
        load = f"load {os.getloadavg()[0]:.2f} at start"
    except OSError:
        load = "load unknown"
    release = ".".join(platform.release().split(".")[:2])
    return (f"{cores} core{'s' if cores != 1 else ''} ({_cpu_model()}), {_memory_gb()}, "
            f"{platform.system()} {release}, Python {platform.python_version()}, {load}")


if __name__ == "__main__":
    print(describe())
