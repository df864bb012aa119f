"""The specification's pure rules: no Django, no database, tested with plain pytest and hypothesis.

One module per part of the specification (``criteria``, ``questions``, ``timeline``, ...); the
services, forms and views beside them import from here. The import-linter contract ``pure-rules``
in ``pyproject.toml`` keeps Django out."""
