"""traceback.format_exception_only/TracebackException on groups, and
py_compile reporting a SyntaxError (goes through traceback's notes check)."""
import traceback
import py_compile
import os
import tempfile

eg = ExceptionGroup('eg', [ValueError(1), ExceptionGroup('inner', [TypeError(2)])])
print(''.join(traceback.format_exception_only(eg)), end='')
te = traceback.TracebackException.from_exception(eg)
print(te.exc_type.__name__, len(te.exceptions), [e.exc_type.__name__ for e in te.exceptions])
print(''.join(traceback.format_exception_only(None)), end='')
with tempfile.TemporaryDirectory() as d:
    bad = os.path.join(d, 'bad.py')
    with open(bad, 'w') as f:
        f.write('x = (1,\n')
    try:
        py_compile.compile(bad, doraise=True)
    except py_compile.PyCompileError as e:
        print(e.exc_type_name, e.msg.replace(d, '<dir>'))
