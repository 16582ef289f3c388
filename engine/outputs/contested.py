"""The standing reference *Contested points of law* (``docs/contested-points.md``): every contested
point the rules mark, in full, with the readings of each interpretive position and their sources.

The memo names only the points that bear on its findings, each in a sentence or two
(:mod:`engine.outputs.context`); this reference holds the full texts, so that a lawyer can attach it to
any memo. It is generated from the rules' ``contested`` notes (``rules/*.yaml``) and the position files
(``rules/positions/``) by :func:`reference`, and a test checks that the file in ``docs/`` is up to date.
Regenerate it with ``python -m engine.outputs.contested > docs/contested-points.md``.
"""

from __future__ import annotations

from typing import Any

from engine import rulebook, settings
from engine.outputs import context, markdown


def _data() -> dict[str, Any]:
    """``{principles: [{title, points: [{id, title, question, contested, brief, citations}]}],
    positions: [{name, title, summary, readings: [{point, value, summary, sources, verified}]}]}``:
    the principles in reading order, each with its rules that carry a contested note."""
    book = rulebook.load()
    principles = []
    for p in book.principles:
        points = [{"id": r.id, "title": r.title, "question": " ".join(r.question.split()),
                   "contested": context.prose(" ".join(r.contested.split()), book),
                   "brief": " ".join(r.contested_brief.split()) if r.contested_brief else None,
                   "citations": [c.label() for c in r.citations]}
                  for r in p.rules if r.contested]
        if points:
            principles.append({"title": p.title, "points": points})
    positions = [{"name": name, "title": pos.title, "summary": " ".join(pos.summary.split()),
                  "readings": [{"point": point, "value": r.value, "summary": " ".join(r.summary.split()),
                                "sources": r.sources, "verified": r.verified}
                               for point, r in sorted(pos.readings.items())]}
                 for name, pos in sorted(settings.positions().items())]
    return {"principles": principles, "positions": positions}


def reference() -> str:
    """The reference as Markdown (deterministic: same rules, same bytes)."""
    return markdown.render("contested.md.j2", _data())


if __name__ == "__main__":
    print(reference(), end="")
