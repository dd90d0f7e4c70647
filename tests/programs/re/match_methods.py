# re.Match: group/groups/groupdict/start/end/span/expand/regs, pos, endpos,
# lastindex, lastgroup, re, string, repr, copy, errors.
import re, copy

m = re.compile(r'(?P<word>\w+) (?P<num>\d+)?(x)?').search('  hello 42 rest', 1)
print(m)
print(m.group(), m.group(0), m.group(1, 2), m.group('word', 'num', 3), m[1], m['num'], m[3])
print(m.groups(), m.groups(0), m.groups(default='?'), m.groupdict(), m.groupdict('?'))
print(m.start(), m.end(), m.span(), m.start(1), m.end('num'), m.span(3), m.regs)
print(m.pos, m.endpos, m.lastindex, m.lastgroup, m.re, m.string)
print(m.expand(r'\2:\1'), m.expand(r'\g<word>!\g<0>'), m.expand(r'[\3]'))
print(copy.copy(m) is m, copy.deepcopy(m) is m, type(m).__name__, type(m).__module__)
m = re.match(rb'(a)(b)', b'abc')
print(m, m.groups(), m.expand(rb'\2\1'), m.span(2))
m = re.match(r'(a)|(b)', 'b')
print(m.lastindex, m.lastgroup, m.groups(), m.span(1))
m = re.match(r'(?P<x>a)(?P<y>b)', 'ab')
print(m.lastindex, m.lastgroup)
m = re.match(r'(?P<x>a(?P<y>b))', 'ab')
print(m.lastindex, m.lastgroup)
m = re.match(r'a', 'a')
print(m.lastindex, m.lastgroup, m.groups(), m.groupdict(), m.regs)
m = re.match('x' * 100, 'x' * 100)
print(repr(m))
m = re.match('.*', 'a\'b"c\n')
print(repr(m))
m = re.compile(r'\d+').search('ab123', 1, 4)
print(m, m.pos, m.endpos, m.string)
m = re.match(r'(a)', 'a')
for args in [(2,), ('x',), (-1,), (1, 5), ([],)]:
    try:
        print(m.group(*args))
    except Exception as e:
        print(type(e).__name__, e)
for f in (m.start, m.end, m.span):
    try:
        print(f(2))
    except Exception as e:
        print(type(e).__name__, e)
try:
    m.expand(r'\2')
except Exception as e:
    print(type(e).__name__, e)
try:
    m.expand(r'\g<name>')
except Exception as e:
    print(type(e).__name__, e)
try:
    re.Match()
except TypeError as e:
    print('TypeError', e)
print(bool(m), m[0] == m.group(0))
