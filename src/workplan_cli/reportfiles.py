"""Reading a work-plan report from disk: plain text in UTF-8 or GB18030/GBK, or a Word .docx."""

from __future__ import annotations

import os
from pathlib import Path

from workplan_cli.errors import ReportImportError
from workplan_cli.i18n import ImportMsg

MAX_REPORT_BYTES = 50 * 1024 * 1024


MAX_REPORT_CHARS = 5_000_000  # a work plan is tens of thousands of characters; import reads in linear time


def read_report(path: Path) -> tuple[str, str]:
    """The report's text and how it was read (an encoding name, or "docx").

    Only a regular file is read (a FIFO or /dev/zero named as a report would never end), at most
    MAX_REPORT_BYTES of it, and a text longer than MAX_REPORT_CHARS is refused.
    """
    import stat

    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ReportImportError(ImportMsg.NOT_REGULAR, path=path)
            if info.st_size > MAX_REPORT_BYTES:
                raise ReportImportError(ImportMsg.TOO_LARGE, path=path, mib=MAX_REPORT_BYTES // 1024 // 1024)
            data = stream.read(MAX_REPORT_BYTES + 1)
    except OSError as err:
        raise ReportImportError(ImportMsg.CANNOT_READ, path=path, reason=err) from None
    if path.suffix.lower() == ".docx" or data.startswith(b"PK\x03\x04"):
        text, how = _docx_text(path), "docx"
    else:
        text, how = decode_text(data, path)
    if len(text) > MAX_REPORT_CHARS:
        raise ReportImportError(ImportMsg.TOO_LONG, path=path, count=len(text), limit=MAX_REPORT_CHARS)
    return text, how


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """UTF-8 (with or without a BOM) when it decodes as such, else GB18030 (a superset of GBK and GB2312).

    UTF-8 is tried first because a GBK text almost never decodes as valid UTF-8, while any byte
    string decodes as some GB18030; a file that is neither is refused rather than garbled.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as err:
        raise ReportImportError(ImportMsg.NOT_TEXT, path=path, byte=err.start) from None
    if "\x00" in text:
        raise ReportImportError(ImportMsg.BINARY, path=path)
    return text, "gb18030"


# A .docx is untrusted input: a zip whose parts are XML. Before python-docx opens it, check it is a
# zip at all, that it would not expand past these limits (a zip bomb), and that no XML part has a
# DOCTYPE (entity expansion, external entities): Word never writes one.
MAX_DOCX_PARTS = 2000
MAX_DOCX_EXPANDED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 200


def check_docx(path: Path) -> None:
    """Refuse a .docx that is not a zip, would expand too far, or holds a DOCTYPE, reading in bounded memory."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReportImportError(ImportMsg.NOT_A_ZIP, path=path) from None
    with archive:
        parts = archive.infolist()
        expanded = sum(part.file_size for part in parts)
        packed = sum(part.compress_size for part in parts) or 1
        if len(parts) > MAX_DOCX_PARTS or expanded > MAX_DOCX_EXPANDED or expanded / packed > MAX_DOCX_RATIO:
            raise ReportImportError(
                ImportMsg.ZIP_BOMB, path=path, expanded=expanded, parts=len(parts), ratio=expanded // packed
            )
        for part in parts:
            if not part.filename.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(part) as stream:
                    head = stream.read(4096)
                    while chunk := stream.read(1024 * 1024):
                        if b"<!DOCTYPE" in chunk or b"<!ENTITY" in chunk:
                            head += b"<!DOCTYPE"
                            break
            except (zipfile.BadZipFile, OSError, ValueError, EOFError):
                raise ReportImportError(ImportMsg.DAMAGED_DOCX, path=path, part=part.filename) from None
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ReportImportError(ImportMsg.DOCTYPE, path=path, part=part.filename)


def _docx_text(path: Path) -> str:
    """Paragraph texts, one per line, tables included in document order."""
    check_docx(path)
    import docx  # python-docx, imported only here: `due` never pays for it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        raise ReportImportError(ImportMsg.UNREADABLE_DOCX, path=path) from None
    lines = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in child.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tc"):
                    lines.append("".join(node.text or "" for node in row.iter() if node.tag.endswith("}t")))
    return "\n".join(lines)
