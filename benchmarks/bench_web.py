"""The web page: median submit-to-answer time over 20 questions and the server's memory.

    python benchmarks/bench_web.py [--rounds 20] [--home DIR]

Starts ``precedent serve`` on a free port (the shipped corpus, the real bundled model; a fresh
data directory unless --home), drives it with tests/browser/e2e.mjs in Debian's chromium
(install with ``bash .ci/install-browser-deps.sh``), then reads the server's RSS from
/proc/<pid>/status. Submit-to-answer is measured in the page, from the Enter keydown to the frame
after the answer is in the DOM (target: median <= 300 ms). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import free_port, rss_mb  # noqa: E402  (benchmarks/serving.py)

ROOT = Path(__file__).resolve().parent.parent
E2E = ROOT / "tests" / "browser" / "e2e.mjs"
UPLOAD = """Widget Resolution

The General Assembly,

1. Decides to convene a working group on imaginary widgets for testing purposes;

2. Requests the Secretary-General to report on zebra crossings for migrants at its next session;

3. Notes that the phrase <img src=x onerror=window.__pwned=1> stays plain text;
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--home", default=None, help="data directory (default: a fresh temporary one)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-web-"))
    home = Path(args.home) if args.home else work / "home"
    port = free_port()
    env = dict(os.environ, PRECEDENT_HOME=str(home), PYTHONUNBUFFERED="1")
    log = open(work / "serve.log", "wb")
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "precedent.ui.cli", "serve", "--port",
                             str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        while True:
            if proc.poll() is not None:
                print((work / "serve.log").read_text()[-2000:], file=sys.stderr)
                return 1
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() - t0 > 300:
                print("server did not start in 300 s", file=sys.stderr)
                return 1
            time.sleep(0.5)
        startup = time.monotonic() - t0
        idle_rss = rss_mb(proc.pid)
        (work / "widget.txt").write_text(UPLOAD, encoding="utf-8")
        run = subprocess.run(["node", str(E2E), f"http://127.0.0.1:{port}/",
                              str(work / "widget.txt"),
                              str(work / "screenshot.png"), "--rounds", str(args.rounds)],
                             cwd=E2E.parent, capture_output=True, text=True, timeout=900)
        rss = rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()
    result = (json.loads(run.stdout.strip().splitlines()[-1]) if run.stdout.strip()
              else {"ok": False})
    if not result.get("ok"):
        print(run.stderr[-2000:], file=sys.stderr)
    print(json.dumps({"ok": result.get("ok", False), "rounds": args.rounds,
                      "median_submit_to_answer_ms": result.get("median_ms"),
                      "median_driver_round_trip_ms": result.get("median_wall_ms"),
                      "times_ms": result.get("times_ms"), "startup_s": round(startup, 1),
                      "server_rss_mb_idle": round(idle_rss), "server_rss_mb_after": round(rss),
                      "load_average": os.getloadavg()}))
    return 0 if result.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
