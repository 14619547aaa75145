"""Reading parts of a zip archive (a .docx) that may be hostile: every entry's header is
checked before a byte is inflated — encryption, compression method, declared size,
compression ratio, number of entries — and reading stops at the declared size, so a
numbering.xml that claims 2 KB and inflates to 3 GB costs 2 KB.

zipfile itself verifies the CRC when an entry is read to its end; damaged deflate data
raises zlib.error. Both reach the caller's `align.guard.reading` as one line.
"""
from __future__ import annotations

import io
import zipfile

from ..errors import InputError
from ..limits import exceeded, limit

# Methods zipfile inflates and Word writes: stored and deflated. bzip2 and lzma would
# decompress, but no Word writes them, and they are the zip bomb's favourites; 99 is AES.
METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}
METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "lzma", 99: "AES encryption"}
SMALL = 1 << 20      # parts under 1 MB may compress any amount (a blank numbering.xml does)


class Archive:
    def __init__(self, data: bytes, name: str):
        self.name = name
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise InputError(f"{name}: not a .docx file (it is not a zip archive)") from None
        count = len(self.zip.infolist())
        if count > limit("zip_entries"):
            raise exceeded("zip_entries", name, count)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.zip.close()

    def has(self, part: str) -> bool:
        return part in self.zip.NameToInfo

    def read(self, part: str) -> bytes:
        info = self.zip.getinfo(part)
        self._check(info)
        most = info.file_size
        with self.zip.open(info) as stream:
            data = stream.read(most + 1)
        if len(data) != most:
            raise InputError(f"cannot read {self.name}: the file is damaged ({part} is "
                             f"{len(data):,} bytes, its header says {most:,})")
        return data

    def _check(self, info: zipfile.ZipInfo) -> None:
        part, name = info.filename, self.name
        if info.flag_bits & 0x1:
            raise InputError(f"cannot read {name}: the file is encrypted (password protected); "
                             f"save it without a password")
        if info.compress_type not in METHODS:
            method = METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
            raise InputError(f"cannot read {name}: {part} is compressed with {method}, which Word "
                             f"does not use; save the document again from Word")
        if info.file_size > limit("xml_part_mb") * 1024 * 1024:
            raise exceeded("xml_part_mb", f"{name} ({part})", info.file_size // (1024 * 1024))
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > SMALL and ratio > limit("zip_ratio"):
            raise exceeded("zip_ratio", f"{name} ({part} inflates)", round(ratio))
