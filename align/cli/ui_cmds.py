"""`saikes ui`: start the Streamlit review app over a workspace."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from ..errors import SaikesError

APP = Path(__file__).resolve().parents[1] / "ui" / "app.py"


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (1-65535)")
    return port


def streamlit_command(port: int | None, address: str | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP),
           "--server.headless", "true",
           "--browser.gatherUsageStats", "false",
           "--server.maxUploadSize", "10",
           "--client.toolbarMode", "minimal",
           "--global.developmentMode", "false"]
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
    env = dict(os.environ, SAIKES_DB=db, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    print(f"saikes review app on http://{args.address or 'localhost'}:{args.port or 8501} "
          f"— workspace {db} (Ctrl+C stops it)", flush=True)
    cmd = streamlit_command(args.port, args.address)
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
    s.add_argument("--port", type=port_number, default=None, help="port to listen on (default 8501)")
    s.add_argument("--address", default=None, help="address to listen on (default: all)")
    s.set_defaults(func=cmd_ui)

