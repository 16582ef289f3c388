"""The encoded law: one YAML file per principle, read by :mod:`engine.rulebook`.

The numbers show the pipeline: the presumptions (05), the
findings against the attacking party (10-79), the findings against the defending party on its own
conduct (80-89), and the elements of war crimes (90-99), read for the forum of ``forums/``. The last two
read the attack's findings (and the record) and never decide them, so they run once, on the record itself, and not in
the re-runs of the attack (:attr:`engine.rulebook.Rulebook.attack`);
``treaties/status.yaml`` holds the dated treaty status of attacking states used to decide which
treaty articles bind the attacker (see :mod:`engine.law`).
"""
