import sys
DIR = __file__.rsplit('/', 1)[0] if '/' in __file__ else ''
def attempt(src):
    try:
        exec(src, {'__name__': '__main__'})
    except Exception as e:
        print(type(e).__name__ + ':', str(e).replace(DIR, 'DIR'), '| name =', getattr(e, 'name', '-'))
attempt('import nosuchmodule')
attempt('import pkg.nosuch')
attempt('import pkg.mod.deeper')
attempt('from pkg import nosuch')
attempt('from . import x')
attempt('from .. import x')
attempt("__import__('')")
attempt("__import__('x', level=-1)")
attempt("__import__(42)")
sys.modules['blocked'] = None
attempt('import blocked')
attempt("import pkg.inner.rel")
attempt("import pkg.failing")
print('pkg.failing' in sys.modules, 'pkg.inner.rel' in sys.modules)
attempt("import pkg.syntaxerr")
