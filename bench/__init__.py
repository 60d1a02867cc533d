"""``make bench``: how fast objector writes letters, measured on the machine it runs on.

Not part of the test suite: speed is measured here, never asserted in tests. Run
``make bench`` (or ``python -m bench`` in the virtual environment); it prints a table and
writes every figure as JSON to bench/results.json.
"""
