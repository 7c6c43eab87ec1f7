"""Writes a DOCX with python-docx, a real producer of Word files, from blocks
read as JSON on stdin (tests/formats.rs sends them): headings by Word's heading
styles, list items by its "List Number" and "List Bullet" styles (numbered by
the style, not typed), tables as Word tables. Usage: make_docx.py OUT.docx"""

import json
import sys

import docx


def main(out):
    document = docx.Document()
    for block in json.load(sys.stdin):
        kind = block["kind"]
        if kind == "heading":
            document.add_heading(block["text"], level=min(block["level"], 9))
        elif kind == "para":
            document.add_paragraph(block["text"])
        elif kind == "item":
            style = "List Number" if block["number"] is not None else "List Bullet"
            if block["depth"] > 0:
                style += " 2"
            document.add_paragraph(block["text"], style=style)
        elif kind == "table":
            rows = block["rows"]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for row, cells in zip(table.rows, rows):
                for cell, text in zip(row.cells, cells):
                    cell.text = text
    document.save(out)


if __name__ == "__main__":
    main(sys.argv[1])
