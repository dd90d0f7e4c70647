# PYTHONPATH entries as sys.path shows them: absolute and normalised, an
# empty entry naming the current directory.
import os
import sys

here = os.getcwd()
for entry in sys.path[1:]:
    if not os.path.relpath(entry, here).startswith(".."):
        print(os.path.isabs(entry), os.path.relpath(entry, here), entry.endswith("/"))
import mm
import pk

print(pk.V, mm.W)
print(os.path.relpath(pk.__file__, here), os.path.relpath(mm.__spec__.origin, here))
finder = sys.path_importer_cache[os.path.join(here, "lib1")]
print(type(finder).__name__, os.path.relpath(finder.path, here))
