"""The encoded law: one YAML file per principle, read by :mod:`engine.rulebook`.

``60_war_crimes.yaml`` sets out the elements of war crimes, read for the forum of ``forums/``;
``treaties/status.yaml`` holds the dated treaty status of attacking states used to decide which
treaty articles bind the attacker (see :mod:`engine.law`).
"""
