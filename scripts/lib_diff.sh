#!/usr/bin/env bash
# Shows the full difference between CPython 3.11 and taipan_parser on one file:
# `python3.11 -m ast -a FILE` (stdout and stderr) against
# `target/release/examples/dump_ast FILE`. FILE may be a path, or a path
# relative to CPython's Lib/ as tests/lib_corpus.rs prints it.
#
#   scripts/lib_diff.sh test/test_grammar.py [--mode eval]
#
# Environment: TAIPAN_PYTHON (default: python3), TAIPAN_STDLIB.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -ge 1 ] || { sed -n '2,9p' "$0"; exit 2; }
file="$1"; shift
mode=exec
if [ "${1:-}" = "--mode" ] || [ "${1:-}" = "-m" ]; then mode="$2"; fi
py="${TAIPAN_PYTHON:-python3}"
py="$("$py" -c 'import sys; print(sys.executable)')"
if [ ! -e "$file" ]; then
    lib="${TAIPAN_STDLIB:-$("$py" -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')}"
    file="$lib/$file"
fi
dump="$root/target/release/examples/dump_ast"
(cd "$root" && cargo build --release -q -p taipan-parser --example dump_ast)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# CPython prints a traceback on error: keep only the SyntaxError's own lines.
"$py" -m ast -a -m "$mode" "$file" >"$tmp/cpython" 2>"$tmp/cpython.err" || true
"$py" - "$tmp/cpython.err" "$file" >>"$tmp/cpython" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines(True)
head = '  File "%s", line' % sys.argv[2]
starts = [i for i, l in enumerate(lines) if l.startswith(head)]
sys.stdout.write("".join(lines[starts[-1]:] if starts else lines[-1:]))
PY
"$dump" --mode "$mode" "$file" >"$tmp/taipan" 2>&1 || true
if diff -u --label "CPython: python -m ast -a $file" --label "taipan: dump_ast $file" "$tmp/cpython" "$tmp/taipan"; then
    echo "identical: $file"
fi
