"""The living specification: every scenario in ``features/*.feature`` run as a test (pytest-bdd).

The features are one per principle (distinction, indiscriminate attacks, proportionality,
precautions), written in a lawyer's words; the steps that read them are in ``tests/steps/``. Feature
paths are relative to ``bdd_features_base_dir`` (``features/`` under the repository root, set in
``pyproject.toml``), so the tests run the same from any working directory.
"""

from pytest_bdd import scenarios

try:  # the repository root on sys.path (python -m pytest from the root)
    from tests.steps.incident_steps import *  # noqa: F401,F403  (step definitions and fixtures)
except ModuleNotFoundError:  # only tests/ on sys.path (pytest's rootdir-relative import of this module)
    from steps.incident_steps import *  # type: ignore[no-redef]  # noqa: F401,F403

scenarios(".")
