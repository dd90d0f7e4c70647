# Printing after closing sys.stdout raises ValueError (uncaught here).
import sys
print('before')
sys.stdout.flush()
sys.stdout.close()
print(sys.stdout.closed, file=sys.stderr)
print('after')
