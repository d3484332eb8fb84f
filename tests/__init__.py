"""The tests. Imported before tests/conftest.py and every test module.

Where PYTHONDONTWRITEBYTECODE is set (as it is on this workplace's machines), pytest would rewrite the
assertions of every test module, and Python compile plandiff and the test helpers, afresh in every
xdist worker on every run (0.6 s of CPU per worker): here they are kept in their ``__pycache__``
folders (ignored by git), as they are without the variable.
"""

import sys

sys.dont_write_bytecode = False
