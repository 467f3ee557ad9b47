"""A real Isso server for tests: ``byline comments serve`` (Isso's own app behind Byline's gate) on
127.0.0.1, with moderation on, a throw-away database, the admin page enabled with a known password,
and Isso's guards raised so one test client may post several comments (Isso's ``direct-reply``
limit counts per IP per thread, for ever). Started and stopped by pid, never by name."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ADMIN_PASSWORD = "byline-test-admin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_isso_config(folder: Path, site_origin: str, port: int) -> Path:
    """Isso's own ini file, as an operator would write it (see docs/guide/reference-comments.md, "Running Isso in production")."""
    path = folder / "isso.cfg"
    path.write_text(
        f"""[general]
dbpath = {folder / "comments.db"}
host = {site_origin}
notify = stdout

[server]
listen = http://127.0.0.1:{port}
public-endpoint = http://127.0.0.1:{port}

[moderation]
enabled = true

[admin]
enabled = true
password = {ADMIN_PASSWORD}

[guard]
enabled = true
ratelimit = 100
direct-reply = 100
""",
        encoding="utf-8",
    )
    return path


class IssoServer:
    """``with IssoServer(folder, site_origin, manifest) as isso: isso.url``"""

    def __init__(self, folder: Path, site_origin: str, manifest: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = write_isso_config(folder, site_origin, self.port)
        self.manifest = manifest
        self.log = folder / "isso.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.env: dict[str, str] | None = None  # the server's environment (default: this process')

    def command(self) -> list[str]:
        return [sys.executable, "-m", "byline.cli", "comments", "serve", "--isso-config", str(self.config), "--manifest", str(self.manifest)]

    def start(self) -> None:
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT, cwd=Path(__file__).resolve().parents[2],
                                            env=self.env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Isso exited with {self.process.returncode}:\n{self.log.read_text(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Isso did not listen on {self.url} within 30 s:\n{self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def __enter__(self) -> IssoServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
