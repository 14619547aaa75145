"""Time and memory of refusing or reading large and hostile inputs (issue 15), each in a
fresh process so that peak RSS is that command's own:

    python benchmarks/hostile_input.py            # about a minute

- a 100,000-unit TMX (36 MB): read and check the sides (load_tmx), and `saikes import-tmx`;
- a 45 MB file of one line: refused by the line-length limit (the file limit raised to 60 MB);
- a .docx whose numbering.xml inflates to 40 MB from 40 KB, and one whose header claims 3 GB.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import hostile as H

MEASURE = """
import resource, sys, time
start = time.perf_counter()
outcome = "read"
try:
{body}
except Exception as exc:
    outcome = type(exc).__name__ + ": " + str(exc)[:90]
print(f"{{time.perf_counter() - start:.2f}} s, peak RSS {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}} MB"
      f" — {{outcome}}")
"""


def measure(label: str, body: str, env=None) -> None:
    code = MEASURE.format(body="\n".join("    " + line for line in body.strip().splitlines()))
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full_env, check=False)
    print(f"{label:58} {(out.stdout or out.stderr).strip().splitlines()[-1]}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        units = H.honest_units(40)
        tmx = tmp / "big.tmx"
        tmx.write_text(H.tmx([units[i % len(units)] for i in range(100_000)]), encoding="utf-8")
        print(f"100,000-unit TMX: {tmx.stat().st_size / 1e6:.0f} MB")
        measure("read and check a 100,000-unit TMX (load_tmx)",
                f"from align.exports import load_tmx\nc, _ = load_tmx({str(tmx)!r})\noutcome = f'{{len(c.units):,}} units'")
        measure("saikes import-tmx of it (read, check, store)",
                f"from align.cli.main import main\nassert main(['--db', {str(tmp / 'w.db')!r}, 'import-tmx', "
                f"{str(tmx)!r}, '--name', 'big']) == 0")
        line = tmp / "one_line.txt"
        line.write_bytes(("Тараптар уәкілетті органдар арқылы ынтымақтасады " * 500_000)[:24_000_000].encode())
        print(f"one-line file: {line.stat().st_size / 1e6:.0f} MB")
        measure("a one-line file refused by the line limit",
                f"from align.text.pipeline import load_document\nload_document({str(line)!r}, 'kk')",
                env={"SAIKES_LIMIT_FILE_MB": "60"})
        bomb = tmp / "bomb.docx"
        bomb.write_bytes(H.zip_bomb(40))
        measure(f"a zip bomb .docx ({bomb.stat().st_size // 1024} KB, numbering.xml 40 MB)",
                f"from align.text.read import read_file\nread_file({str(bomb)!r})")
        liar = tmp / "liar.docx"
        liar.write_bytes(H.set_declared_size(H.zip_bomb(4), "word/numbering.xml", 3_000_000_000))
        measure("a .docx whose numbering.xml claims 3 GB",
                f"from align.text.read import read_file\nread_file({str(liar)!r})")


if __name__ == "__main__":
    t = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - t:.0f} s")
