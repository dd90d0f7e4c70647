"""CPython 3.11 reads Taipan's code objects (issue 3's interop check).

Usage: check_marshal_interop.py LISTFILE

LISTFILE has one line per compiled source: `SOURCE<TAB>MARSHALFILE`, where
MARSHALFILE holds `marshal.dumps` of the code object Taipan compiled from
SOURCE, or `-` when Taipan refused to compile SOURCE (CPython must refuse
it too). For each compiled one, this script
- loads it with CPython's `marshal.loads`;
- disassembles it (and every nested code object) with CPython's `dis`;
- compiles SOURCE with CPython and pairs the two trees of code objects
  (same shape: nested code constants in order) to count how many have
  identical `co_code`.
It prints one line per failure and a summary line:
`loaded L/N dis_ok D/N code_objects C co_code_identical I wrongly_rejected W`.
"""
import dis
import io
import marshal
import sys


def code_tree(code):
    """The code object and its nested ones, depth first in co_consts order."""
    out = [code]
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            out.extend(code_tree(const))
    return out


def compiles(source):
    with open(source, "rb") as f:
        data = f.read()
    try:
        compile(data, source, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def main():
    lines = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8")]
    pairs = [(source, dumped) for source, dumped in lines if dumped != "-"]
    wrongly_rejected = 0
    for source, dumped in lines:
        if dumped == "-" and compiles(source):
            print(f"REJECTED BY TAIPAN, COMPILED BY CPYTHON {source}")
            wrongly_rejected += 1
    loaded = dis_ok = objects = identical = 0
    for source, dumped in pairs:
        try:
            with open(dumped, "rb") as f:
                code = marshal.loads(f.read())
        except Exception as e:  # noqa: BLE001 - report any failure to load
            print(f"LOAD FAILED {source}: {type(e).__name__}: {e}")
            continue
        loaded += 1
        try:
            dis.dis(code, file=io.StringIO())
            for c in code_tree(code):
                list(c.co_positions())
                list(c.co_lines())
        except Exception as e:  # noqa: BLE001
            print(f"DIS FAILED {source}: {type(e).__name__}: {e}")
            continue
        dis_ok += 1
        with open(source, "rb") as f:
            reference = compile(f.read(), code.co_filename, "exec", dont_inherit=True)
        ours, theirs = code_tree(code), code_tree(reference)
        objects += len(ours)
        if len(ours) == len(theirs):
            identical += sum(a.co_code == b.co_code for a, b in zip(ours, theirs))
    print(f"loaded {loaded}/{len(pairs)} dis_ok {dis_ok}/{len(pairs)} "
          f"code_objects {objects} co_code_identical {identical} wrongly_rejected {wrongly_rejected}")


if __name__ == "__main__":
    main()
