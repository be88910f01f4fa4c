#!/usr/bin/env python3
"""Time an edit in `stele serve`: change one data value of a site written by generate.py
and measure until the served Dutch page shows it.

    python3 benches/serve_edit.py STELE_BINARY SITE_DIR LOG_FILE

Prints two numbers in seconds: the fastest of five edits from writing the file to the page
showing the new value, and the fastest rebuild the server itself reported ("Rebuilt ... in
N ms"). Python 3.11 standard library only.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request

EDITED = re.compile(r'^(item_1: \{date: "[0-9-]+", count: )[0-9]+\}', re.M)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def main() -> int:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    binary, site, log_path = sys.argv[1:4]
    port = free_port()
    url = f"http://127.0.0.1:{port}/nl/p1/index.html"
    data = f"{site}/content/data/facts.yaml"
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [binary, "serve", "--site", site, "--port", str(port)], stdout=log, stderr=log
        )
        try:
            deadline = time.time() + 600
            while True:
                try:
                    fetch(url)
                    break
                except OSError:
                    if time.time() > deadline or server.poll() is not None:
                        sys.exit("stele serve did not start; see " + log_path)
                    time.sleep(0.2)
            latencies = []
            for value in (111111, 222222, 333333, 444444, 555555):
                with open(data, encoding="utf-8") as file:
                    text = file.read()
                text, count = EDITED.subn(rf"\g<1>{value}}}", text, count=1)
                if count != 1:
                    sys.exit("could not find item_1 in " + data)
                # The Dutch page groups thousands with a dot.
                shown = f"{value // 1000}.{value % 1000:03d}"
                start = time.time()
                with open(data, "w", encoding="utf-8") as file:
                    file.write(text)
                while shown not in fetch(url):
                    if time.time() - start > 120:
                        sys.exit("the edit never showed up; see " + log_path)
                    time.sleep(0.001)
                latencies.append(time.time() - start)
                time.sleep(1.0)
        finally:
            server.terminate()
            server.wait()
    with open(log_path, encoding="utf-8") as log:
        rebuilds = [int(ms) for ms in re.findall(r"^Rebuilt .* in (\d+) ms", log.read(), re.M)]
    rebuild = f"{min(rebuilds) / 1000:.3f}" if rebuilds else "n/a"
    print(f"{min(latencies):.3f} {rebuild}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
