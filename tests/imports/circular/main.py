import a
print('main sees', a.A, a.b.B, a.b.a_at_import)
try:
    import c
except ImportError as e:
    print(type(e).__name__, str(e).replace(__file__.rsplit('/', 1)[0], 'DIR'))
import sys
print('c' in sys.modules, 'd' in sys.modules)
