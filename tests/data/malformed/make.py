"""Write the corpus of malformed files: one per bug the fuzzing run of issue 15 found.
`python tests/data/malformed/make.py` rewrites them (they are committed; all are small —
the zip bomb is 40 KB on disk). The huge one-line file is made by the test itself."""
from __future__ import annotations

import random
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import hostile as H


def build() -> dict[str, bytes]:
    text = (H.ROOT / "seeds" / "ru" / "000_814850e4c9e980b5.txt").read_text(encoding="utf-8")
    ru = (text[:3000].rstrip() + " закон").encode()
    kk_units, units = H.KK_LINES[:20], H.honest_units(20)
    rnd = random.Random(15)
    damaged = bytearray(ru)
    for pos in (1001, 2501, 4001):        # a byte that can never start or continue UTF-8
        damaged[pos] = 0xFF
    files = {
        # garbage that was stored as KZ-1048 mojibake
        "random_bytes.txt": bytes(rnd.randrange(0x20, 0x100) for _ in range(4000)),
        "damaged_utf8_ru.txt": bytes(damaged),
        "mojibake_saved_as_utf8.txt": ru.decode("utf-8", "ignore").encode("utf-8").decode("cp1251", "replace")
                                        .encode("utf-8"),
        "truncated_utf8_ru.txt": ru[:-1],             # cut inside the last Cyrillic letter
        "nul_bytes.txt": ru[:3001] + b"\x00\x00\x00" + ru[3001:],
        # importers: the wrong languages or garbage
        "swapped.tmx": H.tmx([(r, k) for k, r in units]).encode(),
        "control_chars.tmx": H.tmx([("\ufffd\ufffd", "\ufffd")] * 10).encode(),
        "xinclude.tmx": H.tmx(units[:2]).replace(
            "<body>", '<body><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" '
                      'parse="text"/>').encode(),
        "english.tbx": H.tbx([("competent authority", "zuständige Behörde"), ("the Parties", "die Parteien"),
                              ("state service", "Staatsdienst"), ("civil society", "Zivilgesellschaft")]).encode(),
        "swapped.tsv": "".join(f"{r}\t{k}\n" for k, r in units[:10]).encode(),
        "missing_column.tsv": "".join(f"{k}\t{r}\n" if i % 2 else f"{k}\n"
                                      for i, (k, r) in enumerate(zip(H.KK_TERMS, H.RU_TERMS))).encode(),
        "cr_in_cell.csv": ("kk,ru\n" + "".join(f"{k}\r{k},{r}\n" for k, r in zip(H.KK_TERMS, H.RU_TERMS)))
                          .encode(),
        # DOCX: damaged, encrypted, exotic compression, odd list levels, a zip bomb
        "damaged_deflate.docx": H.damage_deflate(H.docx(kk_units * 5), "word/document.xml"),
        "encrypted.docx": H.set_flag(H.docx(kk_units), "word/document.xml", flag=0x1),
        "bzip2.docx": H.docx(kk_units, method=zipfile.ZIP_BZIP2),
        "ilvl_not_a_number.docx": H.docx(kk_units, ilvl="one"),
        "zip_bomb.docx": H.zip_bomb(40),
        "zip_bomb_lying_header.docx": H.set_declared_size(H.zip_bomb(4), "word/numbering.xml", 3_000_000_000),
    }
    return files


if __name__ == "__main__":
    for name, data in build().items():
        (HERE / name).write_bytes(data)
        print(f"{name:32} {len(data):>8,} bytes")
