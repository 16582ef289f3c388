"""ihl-engine: assess attacks in armed conflict against international humanitarian law.

The pipeline, one module per step, data flowing one way:
``load`` (incident file → :class:`~engine.model.IncidentFile`) → ``facts`` (element facts) →
``infer`` (durable_rules via ``adapter``, with a trace) → ``findings`` → ``assessment`` (one per
account) → ``outputs`` (one context; Markdown, Word and HTML memos, the HTML trace explorer).
:mod:`engine.api` is the Python entry point; :mod:`engine.cli` is a thin shell over it.
"""

__version__ = "0.1.0"
