# input() reads sys.stdin and prompts on sys.stdout when they are replaced.
import io
import sys

real_out = sys.stdout
sys.stdin = io.StringIO('first line\nsecond\nlast without newline')
captured = io.StringIO()
sys.stdout = captured
a = input('name? ')
b = input()
c = input(42)
try:
    input('more? ')
except EOFError as e:
    d = 'EOFError: ' + str(e)
sys.stdout = real_out
print([a, b, c, d])
print(repr(captured.getvalue()))


class Odd:
    def readline(self):
        return 17

    def fileno(self):
        raise OSError('no')


sys.stdin = Odd()
try:
    input()
except TypeError as e:
    print('TypeError', e)
sys.stdin = None
try:
    input()
except RuntimeError as e:
    print('RuntimeError', e)
