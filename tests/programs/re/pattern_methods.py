# re.Pattern: match/fullmatch/search with pos and endpos, findall, finditer,
# split, sub/subn (templates, callables, count), scanner, attributes, repr,
# equality, copying.
import re, copy

p = re.compile(r'(\w)(\d)?')
print(p.pattern, p.flags, p.groups, p.groupindex, type(p).__name__, type(p).__module__)
print(p.match('a1b'), p.match('a1b', 1), p.match('a1b', 2), p.match('a1b', 5), p.match('a1b', -3))
print(p.fullmatch('a1'), p.fullmatch('a1b'), p.fullmatch('a1b', 0, 2), p.fullmatch('a1b', endpos=1))
print(p.search('  a1'), p.search('  a1', 3), p.search('  a1', pos=3, endpos=3), p.search(string='x'))
print(re.compile('').match('abc', 2, 1), re.compile('a').search('abc', 2, 1))
print(re.compile(r'a|').fullmatch('a'), re.compile(r'a*?').fullmatch('aa'), re.compile(r'(?:a|ab)').fullmatch('ab'))
print(p.findall('a1 b c3'), re.findall(r'\d', 'a1b22'), re.findall(r'(a)(b)?', 'ab a'))
print(re.findall(r'', 'ab'), re.findall(r'\b', 'ab cd'), p.findall('a1 b2 c3', 3, 6))
print([m.group() for m in re.finditer(r'\d+', 'a12b3c456')], [m.span() for m in p.finditer('a1 b2', 1)])
print(re.split(r'\W+', 'Words, words, words.'), re.split(r'(\W+)', 'Words, words, words.'))
print(re.split(r'\W+', 'Words, words, words.', 1), re.split(r'\W+', 'Words, words, words.', maxsplit=2))
print(re.split(r'[a-f]+', '0a3B9', flags=re.I), re.split(r'(a)|b', 'xaybz'), re.split(r'x*', 'axbc'))
print(re.split(r'\b', 'a b'), re.split(r'(?=b)', 'abab'), re.split('', 'ab'), re.split(r'\d', ''))
print(re.sub(r'\d', '#', 'a1b22'), re.sub(r'\d', '#', 'a1b22', 2), re.sub(r'\d', '#', 'a1b22', count=1))
print(re.subn(r'\d', '#', 'a1b22'), re.subn(r'x', '-', 'abc'), re.sub(r'\d', '#', 'a1b2', -1))
print(re.sub(r'(\w+)=(\w+)', r'\2=\1', 'a=b c=d'), re.sub(r'(?P<k>\w+)', r'<\g<k>>', 'x y'))
print(re.sub(r'(\w)', r'\g<1>\g<0>', 'ab'), re.sub(r'a', r'\n\t\\', 'xa'), re.sub(r'(a)|b', r'[\1]', 'ab'))
print(re.sub(r'\d+', lambda m: str(int(m.group()) * 2), 'a1 b20 c300'))
print(re.sub(r'x', lambda m: None, 'axbx') if False else re.sub(r'x', lambda m: '', 'axbx'))
print(re.sub(r'', '-', 'abc'), re.sub(r'x*', '-', 'abxd'), re.sub(r'(?=b)', '^', 'abab'))
print(re.sub(rb'\d', b'#', b'a1b2'), re.sub(rb'(\w)', rb'\1\1', b'ab'), re.subn(rb'a', lambda m: b'A', b'aa'))
print(re.sub('a', 'b', 'aaa', flags=re.I), re.sub(r'\s+', ' ', '  a \n b  '))
class S(str):
    pass
print(repr(re.sub('a', 'b', S('xyz'))), type(re.sub('a', 'b', S('xyz'))).__name__, type(re.match('x', S('xy')).group()).__name__)
print(re.sub(b'a', b'b', bytearray(b'aa')), re.findall(rb'a', memoryview(b'aba')), re.match(rb'a', bytearray(b'ab')).group())
sc = re.compile(r'\d').scanner('a1b2')
print(sc.search(), sc.search(), sc.search(), sc.search(), sc.pattern)
sc = re.compile(r'\d').scanner('12a3')
print(sc.match(), sc.match(), sc.match(), sc.match())
print(repr(re.compile('a')), repr(re.compile('a', re.I | re.M | re.S | re.X)), repr(re.compile(b'a')))
print(repr(re.compile('a', re.A)), repr(re.compile(b'a', re.L)), repr(re.compile('x' * 300))[-20:])
print(repr(re.compile("it's")), repr(re.compile('a', re.DEBUG & 0 | re.U)))
a, b = re.compile('x+'), re.compile('x+')
print(a == b, a != b, hash(a) == hash(b), a == re.compile('x+', re.I), a == re.compile(b'x+'), a == 'x+')
print(copy.copy(a) is a, copy.deepcopy(a) is a, re.Pattern[str], re.Match[bytes])
print(re.compile(r'(?P<n>a)(b)(?P<m>c)').groupindex, re.compile(r'(?P<n>a)').groupindex['n'])
try:
    re.compile(r'(?P<n>a)').groupindex['n'] = 2
except TypeError as e:
    print('TypeError', e)
print(re.compile(r'a', re.I).flags, re.compile(rb'a').flags, re.compile(r'(?x) a # c').match('a'))
print(re.escape('a.b*c'), re.match(re.escape('1+1=2'), '1+1=2'))
print(re.purge(), hasattr(re, 'template'))
import weakref
p = re.compile('weak+')
r = weakref.ref(p)
print(r() is p, weakref.proxy(p).pattern)
re.purge()
del p
print(r())
for obj in (re.match('a', 'a'), re.compile('a').scanner('a')):
    try:
        weakref.ref(obj)
    except TypeError as e:
        print('TypeError', e)
