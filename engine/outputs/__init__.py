"""What the engine writes for people, from one context.

``context`` gathers the assessments into one plain dict; ``markdown`` renders the memo from it through
Jinja2 templates; ``html`` (the memo as a page, and the trace explorer) and ``word`` (.docx) render the
same content. ``templates/`` holds every word and layout, the Word template, the page styles and the
skeleton incident file that ``ihl init`` writes. Files are written by :mod:`engine.output`.
"""
