"""Step definitions for the Gherkin features in ``features/`` (the living specification).

``phrases.yaml`` maps a lawyer's phrases to incident fields; ``incident_steps.py`` holds the few
generic steps that read those phrases, build an incident file, run it through the real loader and the
engine, and check the findings.
"""
