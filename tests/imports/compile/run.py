# Runs `python -m MODULE ARGS` in this process (runpy), optionally with
# sys.stdin read from a file (`--stdin=FILE`), then lists the compiled
# files now under the current directory (cache tag shown as <tag>, with
# the flags word of each header) and exits with the module's status.
import os, runpy, sys

args = sys.argv[1:]
if args[0].startswith('--stdin='):
    sys.stdin = open(args.pop(0).split('=', 1)[1])
module = args.pop(0)
sys.argv = [module] + args
status = 0
try:
    runpy.run_module(module, run_name='__main__', alter_sys=True)
except SystemExit as e:
    status = e.code
tag = sys.implementation.cache_tag
for root, dirs, files in sorted(os.walk('.')):
    dirs.sort()
    for f in sorted(files):
        if f.endswith('.pyc'):
            path = os.path.join(root, f)
            with open(path, 'rb') as fp:
                flags = int.from_bytes(fp.read(8)[4:], 'little')
            print('pyc:', path.replace(tag, '<tag>'), 'flags', flags)
sys.exit(status)
