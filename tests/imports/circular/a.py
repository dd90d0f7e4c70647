print('a starts')
import b
A = 'A'
print('a ends, b.B =', b.B)
