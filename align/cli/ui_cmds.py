"""`saikes ui`: start the Streamlit review app over a workspace."""
from __future__ import annotations

import argparse
import errno
import os
import socket
import subprocess
import sys
from pathlib import Path

from ..errors import SaikesError

APP = Path(__file__).resolve().parents[1] / "ui" / "app.py"
LOCAL = "127.0.0.1"
DEFAULT_PORT = 8501


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (1-65535)")
    return port


def check_port_free(address: str, port: int) -> None:
    """Refuse a port another program listens on, before Streamlit half-starts on it."""
    try:
        infos = socket.getaddrinfo(address, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise SaikesError(f"cannot listen on '{address}': no such address on this machine") from None
    family, _, _, _, sockaddr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)     # as the server itself does
        try:
            probe.bind(sockaddr)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise SaikesError(f"port {port} on {address} is already in use (another saikes ui, or "
                                  f"another program); choose a free one with --port") from None
            raise SaikesError(f"cannot listen on {address}:{port} ({exc.strerror})") from None


def streamlit_command(port: int | None, address: str | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP),
           "--server.headless", "true",
           "--browser.gatherUsageStats", "false",
           "--server.maxUploadSize", "10",
           "--client.toolbarMode", "minimal",
           # no tracebacks with server paths in the browser (the server log keeps them)
           "--client.showErrorDetails", "none",
           "--global.developmentMode", "false",
           # a reviewer's server does not reload itself: watching the app's files for
           # changes costs CPU on every rerun
           "--server.fileWatcherType", "none",
           # nor collect all garbage after every rerun: with the glossary and the
           # lemmatizer loaded a full collection costs more than the rerun itself
           "--runner.postScriptGC", "false",
           "--theme.primaryColor", "#1a57b5"]
    if port:
        cmd += ["--server.port", str(port)]
    if address:
        cmd += ["--server.address", address]
    return cmd


def cmd_ui(args) -> int:
    from ..store import Workspace
    if not APP.exists():
        raise SaikesError(f"the review app {APP} is missing from this copy of saikes")
    db = str(Path(args.db).resolve())
    Workspace(db).close()                     # create or migrate it now; report problems here
    address, port = args.address or LOCAL, args.port or DEFAULT_PORT
    check_port_free(address, port)
    env = dict(os.environ, SAIKES_DB=db, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    if address not in (LOCAL, "localhost", "::1"):
        print(f"warning: the app listens on {address}: anyone who can reach this machine on port {port} "
              f"can read and change the workspace — saikes has no login", file=sys.stderr, flush=True)
    print(f"saikes review app on http://{'localhost' if address == LOCAL else address}:{port} "
          f"— workspace {db} (Ctrl+C stops it)", flush=True)
    cmd = streamlit_command(port, address)
    if os.name == "posix":
        # become the server: stopping `saikes ui` (Ctrl+C, kill) stops Streamlit with it
        sys.stdout.flush()
        os.execve(cmd[0], cmd, env)
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 0


def register(sub) -> None:
    s = sub.add_parser("ui", help="open the review app (Streamlit) over the workspace")
    s.add_argument("--db", default=argparse.SUPPRESS, help="workspace file (default: $SAIKES_DB or ./saikes.db)")
    s.add_argument("--port", type=port_number, default=None, help=f"port to listen on (default {DEFAULT_PORT})")
    s.add_argument("--address", default=None,
                   help=f"address to listen on (default {LOCAL}, this machine only; another address lets "
                        f"others on the network in, and the app has no login)")
    s.set_defaults(func=cmd_ui)

