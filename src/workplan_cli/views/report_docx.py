"""A report as a Word document (.docx) laid out the way government documents are (公文格式).

A4 with the margins of GB/T 9704 (top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm); the title
in 黑体 二号 (22 pt) centred; headings 一、 in 黑体 and （一） in 楷体; body text in 仿宋 三号
(16 pt) with a two-character first-line indent; tables in 仿宋 五号 (10.5 pt) as wide as the text,
their columns fixed so that Word and WPS do not stretch them past the margin; the date on the right.

Fonts are named as Chinese Word installs them (仿宋, 黑体, 楷体). Where one is missing, the font table
tells Word what to substitute: each font carries its English name (FangSong, SimHei, KaiTi) as an
alternative, the GB2312 character set and its family, so Word picks a Chinese font of the same
kind rather than a Latin one; LibreOffice falls back per character to an installed CJK font.
"""

from __future__ import annotations

import io
import re
from typing import Any

from workplan_cli.views.literal import literal
from workplan_cli.views.report_blocks import Block, DateLine, Heading, Paragraph, Subtitle, Table, Title

BODY_FONT, HEADING_FONT, SUBHEADING_FONT, LATIN_FONT = "仿宋", "黑体", "楷体", "Times New Roman"
# name -> (alternative name, family, pitch, panose): what Word needs to substitute a missing font
_FONT_TABLE = {
    "仿宋": ("FangSong", "modern", "fixed", "02010609060101010101"),
    "黑体": ("SimHei", "modern", "fixed", "02010609060101010101"),
    "楷体": ("KaiTi", "modern", "fixed", "02010609060101010101"),
}
PAGE_WIDTH_CM, PAGE_HEIGHT_CM = 21.0, 29.7
MARGINS_CM = {"top": 3.7, "bottom": 3.5, "left": 2.8, "right": 2.6}
TEXT_WIDTH_CM = PAGE_WIDTH_CM - MARGINS_CM["left"] - MARGINS_CM["right"]
MARK_FILLS = {"red": "F4CCCC", "yellow": "FFF2CC", "blue": "DDEBF7"}

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """File text as Word can hold it: control characters (not allowed in XML) shown as \\xNN."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m[0]):02x}", literal(text))


def _set_fonts(target: Any, east_asian: str, size_pt: float, *, bold: bool = False) -> None:
    """Set a style's or run's font: Latin text in Times New Roman, Chinese in ``east_asian``."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = target.font
    font.name = LATIN_FONT
    font.size = Pt(size_pt)
    font.bold = bold
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _font_table(document: Any) -> None:
    """Declare the Chinese fonts with their alternatives, character set and family (see above)."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    part = document.part.part_related_by(RELATIONSHIP_TYPE.FONT_TABLE)
    fonts = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alternative}"/><w:panose1 w:val="{panose}"/>'
        f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, (alternative, family, pitch, panose) in _FONT_TABLE.items()
    )  # constant names only: nothing from a plan file goes into this XML
    part._blob = part.blob.replace(b"</w:fonts>", fonts.encode() + b"</w:fonts>")


def _styles(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    normal = document.styles["Normal"]
    _set_fonts(normal, BODY_FONT, 16)
    normal.paragraph_format.line_spacing = Pt(28)  # 公文: 22 lines a page at 三号
    normal.paragraph_format.space_after = Pt(0)
    title = document.styles["Title"]
    _set_fonts(title, HEADING_FONT, 22)
    title.font.color.rgb = None
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    title.paragraph_format.line_spacing = Pt(36)
    title_rpr = title.element.get_or_add_rPr()
    for child in list(title_rpr):  # the template's title has a blue rule and letter spacing: not ours
        if child.tag.endswith(("}spacing", "}kern", "}color")):
            title_rpr.remove(child)
    title_ppr = title.element.get_or_add_pPr()
    for child in list(title_ppr):
        if child.tag.endswith("}pBdr"):
            title_ppr.remove(child)
    for name, font in (("Heading 1", HEADING_FONT), ("Heading 2", SUBHEADING_FONT)):
        style = document.styles[name]
        _set_fonts(style, font, 16)
        style.font.color.rgb = None
        style.font.italic = False
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.first_line_indent = Pt(32)
        style.paragraph_format.line_spacing = Pt(28)


def _page(document: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    section.top_margin, section.bottom_margin = Cm(MARGINS_CM["top"]), Cm(MARGINS_CM["bottom"])
    section.left_margin, section.right_margin = Cm(MARGINS_CM["left"]), Cm(MARGINS_CM["right"])


def _paragraph(document: Any, block: Paragraph) -> None:
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    if block.indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    if block.lead:
        lead = paragraph.add_run(_clean(block.lead))
        _set_fonts(lead, HEADING_FONT if block.lead.strip().endswith("：") else BODY_FONT, 16)
    paragraph.add_run(_clean(block.text))


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _cannot_split(row: Any) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _table(document: Any, block: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    table = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(block.widths) or 1.0
    widths = [Cm(TEXT_WIDTH_CM * w / total) for w in block.widths]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    header = table.rows[0]
    header.repeat_table_header = True  # printed again at the top of each page the table runs onto
    for r, values in enumerate((block.columns, *block.rows)):
        row = table.rows[r]
        _cannot_split(row)  # a row is never cut across pages (the header was: 应完 | 成)
        mark = block.marks[r - 1] if r and r - 1 < len(block.marks) else ""
        for c, value in enumerate(values):
            cell = row.cells[c]
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.line_spacing = 1.0
            if r == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif c in block.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if r == 0:
                paragraph.paragraph_format.keep_with_next = True  # the header stays with the first row
            run = paragraph.add_run(_clean(value))
            _set_fonts(run, HEADING_FONT if r == 0 else BODY_FONT, 10.5)
            if r == 0:
                _shade(cell, "E7E6E6")
            elif mark in MARK_FILLS and c == 0:
                _shade(cell, MARK_FILLS[mark])
    document.add_paragraph()


def render_docx(blocks: list[Block]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    _page(document)
    _styles(document)
    _font_table(document)
    for block in blocks:
        if isinstance(block, Title):
            document.add_paragraph(_clean(block.text), style="Title")
            document.core_properties.title = _clean(block.text)
        elif isinstance(block, Subtitle):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_fonts(paragraph.add_run(_clean(block.text)), SUBHEADING_FONT, 16)
        elif isinstance(block, Heading):
            document.add_paragraph(_clean(block.text), style=f"Heading {block.level}")
        elif isinstance(block, Paragraph):
            _paragraph(document, block)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, DateLine):
            document.add_paragraph()
            paragraph = document.add_paragraph(_clean(block.text))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64)  # 右空四字, as GB/T 9704 places the date
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
