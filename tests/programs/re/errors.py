# Errors: re.error from the parser (messages and positions), the subject
# type checks done by _sre, bad arguments.
import re

def attempt(f):
    try:
        r = f()
        print('ok', r)
    except Exception as e:
        print(type(e).__name__, e)

for bad in ['(', ')', '[a', 'a**', '(?P<1>a)', r'\1', '(?<=a*)b', 'a{3,2}', '(?z)', r'\p', '*', '(?P=x)', '[z-a]', 'x{99999999999}']:
    attempt(lambda: re.compile(bad))
try:
    re.compile('a(b')
except re.error as e:
    print(e.msg, e.pos, e.pattern, e.lineno, e.colno)
try:
    re.compile('a\n(b')
except re.error as e:
    print(e, e.lineno, e.colno)
attempt(lambda: re.match('a', b'a'))
attempt(lambda: re.match(b'a', 'a'))
attempt(lambda: re.search(rb'a', memoryview(b'xa')).span())
attempt(lambda: re.match('a', 5))
attempt(lambda: re.match('a', None))
attempt(lambda: re.compile('a').match())
attempt(lambda: re.compile('a').match('a', 'x'))
attempt(lambda: re.compile('a').match('a', 0, 1, 2))
attempt(lambda: re.compile('a').match('a', foo=1))
attempt(lambda: re.compile('a').match('a', string='a'))
attempt(lambda: re.compile('a').sub('b'))
attempt(lambda: re.sub('a', 5, 'a'))
attempt(lambda: re.sub('a', lambda m: 5, 'a'))
attempt(lambda: re.sub('a', b'x', 'a'))
attempt(lambda: re.sub('(a)', r'\2', 'a'))
attempt(lambda: re.sub('a', r'\g<x', 'a'))
attempt(lambda: re.split('a', 'bab', 'x'))
attempt(lambda: re.compile(5))
attempt(lambda: re.compile('a', 'b'))
attempt(lambda: re.compile(b'a', re.U))
attempt(lambda: re.compile('a', re.L))
attempt(lambda: re.compile('a', re.A | re.U))
attempt(lambda: re.Pattern())
attempt(lambda: re.compile('(?i)a(?i)b'))
attempt(lambda: re.compile('a(?i)b'))
