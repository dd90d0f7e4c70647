# '%*d' / '%.*d' with huge counts fail fast as in CPython.
import sys

for fmt, args in [('%.*d', (sys.maxsize, 1)), ('%.*d', (2**31 - 1, 1)), ('%.*f', (sys.maxsize, 1.0)),
                  ('%*d', (sys.maxsize, 1)), ('%.*d', (-5, 42)), ('%*d', (-4, 7)), ('%.2147483647d', (1,))]:
    try:
        print(repr(fmt % args))
    except (OverflowError, MemoryError, ValueError) as e:
        print(fmt, type(e).__name__, e)
for fmt, args in [(b'%.*d', (sys.maxsize, 1)), (b'%.*d', (2**31 - 1, 1)), (b'%*d', (sys.maxsize, 1)),
                  (b'%.*x', (3, 42)), (b'%*d', (5, 7))]:
    try:
        print(repr(fmt % args))
    except (OverflowError, MemoryError, ValueError) as e:
        print(fmt, type(e).__name__, e)
