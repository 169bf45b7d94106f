"""docsection.py - put one bench's section into docs/performance.md.

The section is text, whose first line is its "## " heading: it replaces
the section of that heading (up to the next "## " heading), or is added
at the end when the file has none."""


def write_section(path, text):
    heading = text.split("\n", 1)[0]
    try:
        with open(path, encoding="utf-8") as f:
            doc = f.read()
    except FileNotFoundError:
        doc = ""
    text = text.rstrip("\n") + "\n"
    start = doc.find(heading + "\n")
    if start < 0:
        doc = doc.rstrip("\n") + "\n\n" + text
    else:
        end = doc.find("\n## ", start + 1)
        doc = doc[:start] + text + ("\n" + doc[end + 1:] if end >= 0 else "")
    with open(path, "w", encoding="utf-8") as f:
        f.write(doc)
