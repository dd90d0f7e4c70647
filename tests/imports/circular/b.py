print('b starts')
import a
a_at_import = hasattr(a, 'A')
B = 'B'
print('b ends')
