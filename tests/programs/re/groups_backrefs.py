# MARK, GROUPREF (with IGNORECASE), GROUPREF_EXISTS, named groups, lastindex
# and lastgroup, nested and optional groups.
import re

def show(pattern, text, flags=0):
    try:
        m = re.search(pattern, text, flags)
        if m is None:
            print(repr(pattern), repr(text), None)
        else:
            print(repr(pattern), repr(text), m.group(), m.groups(), m.groupdict(), m.lastindex, m.lastgroup, m.regs)
    except Exception as e:
        print(repr(pattern), type(e).__name__, e)

show(r'(a)(b)(c)', 'xabc')
show(r'(a)|(b)', 'b')
show(r'(?P<first>\w+) (?P<last>\w+)', 'Jane Doe')
show(r'(?P<x>a)(?P<y>b)?', 'ac')
show(r'((a)(b))', 'ab')
show(r'(a(b(c)))', 'abc')
show(r'(a)?(b)', 'b')
show(r'(\w)\1', 'hello')
show(r'(\w+) \1', 'the the end')
show(r'(?P<w>\w+) (?P=w)', 'go go')
show(r'(a)|\1', 'x')
show(r'(a)?\1', 'b')
show(r'(?i)(ab)\1', 'abAB')
show(r'(ab)\1', 'abAB', re.I)
show(r'(?i)(σ)\1', 'σΣ')
show(r'(?i)(σ)\1', 'σς')
show(rb'(?i)(ab)\1', b'abAB')
show(r'(\d)(?(1)a|b)', '1a')
show(r'(\d)?(?(1)a|b)', 'b')
show(r'(\d)?x(?(1)a|b)', 'xb')
show(r'(?P<q>")?\w+(?(q)")', '"abc"')
show(r'(?P<q>")?\w+(?(q)")', 'abc"')
show(r'(<)?\w+(?(1)>)', '<tag>')
show(r'(a)(?(1)b)', 'ab')
show(r'(?:(a)|b)(?(1)c|d)', 'bd')
show(r'(a)|b', 'b')
show(r'(?:(a)|(b)|(c))+', 'abc')
show(r'(?:(a)|(b))*', 'ab')
show(r'(?P<a>x)|(?P<b>y)', 'y')
show(r'(x)(?P<n>y)(z)', 'xyz')
show(r'()', 'a')
show(r'(a*)b\1', 'aabaa')
show(r'(a*)+b\1', 'aaba')
show(r'(?:(a)|b)*\1', 'abba')
show(r'^(?:(a)|(b))*$', 'aba')
show(r'(a)(?:(b)|c)*', 'abcb')
show(r'((a)|b)+', 'ab')
show(r'(.)(?=(.))', 'xy')
show(r'(?!(a))b', 'b')
show(r'(a)(?!(b))', 'ac')
show(r'(?:(?!(b))a)+', 'aa')
m = re.match(r'(?P<a>1)(?P<b>2)?(3)', '13')
print(m.group(0), m.group(1), m.group('a'), m.group(2), m.group('b'), m.group(3))
print(m.group(1, 'a', 3), m[0], m['a'], m[3], m.groups('-'), m.groupdict('-'), m.groupdict(default=0))
print(m.start(), m.end(), m.span(), m.start(2), m.end('b'), m.span(3), m.span('a'))
for bad in (4, -1, 'c', 10**30, 1.5, None):
    try:
        print(m.group(bad))
    except Exception as e:
        print(type(e).__name__, e)
print(m.group(True), m[False])
