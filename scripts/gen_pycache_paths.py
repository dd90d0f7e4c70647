"""Expected PEP 3147/488 cache paths for taipan-bytecode's pycache tests,
computed by CPython 3.11's importlib (run it with CPython 3.11):

    gen_pycache_paths.py > crates/taipan-bytecode/tests/data/pycache_paths.txt

One case per line, fields separated by tabs, `-` for "no prefix":

    cache   SOURCE  OPTIMIZATION  PREFIX  RESULT
    source  PYC     PREFIX        RESULT

RESULT is the path, or `ValueError: <message>`. CPython's tag
`cpython-311` is replaced by Taipan's `taipan-311`, and the working
directory (used for relative sources under a prefix) by `/CWD`.
"""
import importlib.util
import os
import sys

assert sys.version_info[:2] == (3, 11), "generate with CPython 3.11"

SOURCES = [
    "/a/b/c.py", "rel/d.py", "x.py", "/x.py", "foo", ".hidden", "a.b.py", "/a/b/",
    "", "/a/b.c/d.py", "pkg/__init__.py", "/usr/lib/python3.11/os.py", "a//b.py",
    "/a/b/c.pyw", "./e.py", "../f.py", "/a/.g.py",
]
OPTIMIZATIONS = ["", "1", "2", "x-1"]
PREFIXES = [None, "/tmp/pfx", "/tmp/pfx/", "rel-pfx", "/"]
CACHES = [
    "/a/b/__pycache__/c.taipan-311.pyc", "/a/b/__pycache__/c.taipan-311.opt-1.pyc",
    "/a/b/__pycache__/c.taipan-311.opt-2.pyc", "__pycache__/x.taipan-311.pyc",
    "/a/b/c.taipan-311.pyc", "/a/b/__pycache__/c.pyc", "/a/b/__pycache__/c.a.b.c.pyc",
    "/a/b/__pycache__/c.taipan-311.o-1.pyc", "/a/b/__pycache__/c.taipan-311.opt-_.pyc",
    "/tmp/pfx/a/b/c.taipan-311.pyc", "/tmp/pfx/a/b/__pycache__/c.taipan-311.pyc",
    "/tmp/pfxx/a/c.taipan-311.pyc", "/tmp/pfx/c.taipan-311.opt-2.pyc",
]


def outcome(thunk):
    try:
        result = thunk()
    except ValueError as e:
        result = f"ValueError: {e}"
    return result.replace("cpython-311", "taipan-311").replace(os.getcwd(), "/CWD")


def main():
    for prefix in PREFIXES:
        sys.pycache_prefix = prefix
        for source in SOURCES:
            for opt in OPTIMIZATIONS:
                result = outcome(lambda: importlib.util.cache_from_source(source, optimization=opt))
                print("cache", source, opt, prefix or "-", result, sep="\t")
        for cache in CACHES:
            result = outcome(lambda: importlib.util.source_from_cache(cache))
            print("source", cache, prefix or "-", result, sep="\t")


main()
