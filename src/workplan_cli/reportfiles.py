"""Reading a work-plan report from disk: plain text in UTF-8 or GB18030/GBK, or a Word .docx."""

from __future__ import annotations

import os
from pathlib import Path

from workplan_cli.errors import ReportImportError
from workplan_cli.i18n import os_reason_zh

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
                raise ReportImportError(
                    f"{path}: not a regular file; give the report's .txt or .docx file",
                    f"{path}：不是普通文件；请给出报告的 .txt 或 .docx 文件",
                )
            if info.st_size > MAX_REPORT_BYTES:
                raise ReportImportError(
                    f"{path}: larger than {MAX_REPORT_BYTES // 1024 // 1024} MiB; is it a report?",
                    f"{path}：超过 {MAX_REPORT_BYTES // 1024 // 1024} MiB，这是报告吗？",
                )
            data = stream.read(MAX_REPORT_BYTES + 1)
    except OSError as err:
        raise ReportImportError(
            f"{path}: cannot read: {err.strerror}", f"{path}：无法读取：{os_reason_zh(err)}"
        ) from None
    if path.suffix.lower() == ".docx" or data.startswith(b"PK\x03\x04"):
        text, how = _docx_text(path), "docx"
    else:
        text, how = decode_text(data, path)
    if len(text) > MAX_REPORT_CHARS:
        raise ReportImportError(
            f"{path}: {len(text)} characters of text, more than {MAX_REPORT_CHARS}; is it a report?",
            f"{path}：正文有 {len(text)} 个字符，超过 {MAX_REPORT_CHARS}，这是报告吗？",
        )
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
        raise ReportImportError(
            f"{path}: neither UTF-8 nor GB18030/GBK text (byte {err.start}); save it as UTF-8",
            f"{path}：既不是 UTF-8 也不是 GB18030/GBK 文本（第 {err.start} 字节）；请另存为 UTF-8",
        ) from None
    if "\x00" in text:
        raise ReportImportError(f"{path}: looks like a binary file, not a report", f"{path}：像是二进制文件，不是报告")
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
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise ReportImportError(
            f"{path}: not a .docx file (not a zip archive: {err}); save the report as .docx or .txt",
            f"{path}：不是 .docx 文件（不是 zip 压缩包）；请另存为 .docx 或 .txt",
        ) from None
    with archive:
        parts = archive.infolist()
        expanded = sum(part.file_size for part in parts)
        packed = sum(part.compress_size for part in parts) or 1
        if len(parts) > MAX_DOCX_PARTS or expanded > MAX_DOCX_EXPANDED or expanded / packed > MAX_DOCX_RATIO:
            raise ReportImportError(
                f"{path}: refused: it would expand to {expanded} bytes in {len(parts)} parts "
                f"({expanded // packed}x its size); a zip bomb is not a report",
                f"{path}：已拒绝：解压后将达 {expanded} 字节、{len(parts)} 个部件"
                f"（{expanded // packed} 倍），不像是报告",
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
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
                raise ReportImportError(
                    f"{path}: a damaged .docx ({part.filename}: {err})", f"{path}：.docx 文件已损坏（{part.filename}）"
                ) from None
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ReportImportError(
                    f"{path}: refused: {part.filename} declares a DOCTYPE or entities, which Word never writes",
                    f"{path}：已拒绝：{part.filename} 含 DOCTYPE 或实体声明（Word 不会生成）",
                )


def _docx_text(path: Path) -> str:
    """Paragraph texts, one per line, tables included in document order."""
    check_docx(path)
    import docx  # python-docx, imported only here: `due` never pays for it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as err:
        raise ReportImportError(
            f"{path}: not a readable .docx file ({err})", f"{path}：不是可读取的 .docx 文件"
        ) from None
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
