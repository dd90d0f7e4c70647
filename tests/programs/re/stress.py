# Deep nesting and long subjects (the engine keeps its backtracking stack on
# the heap) and patterns that backtrack a lot but finish.
import re

n = 200000
s = 'ab' * n
print(len(re.match(r'(?:ab)*', s).group()), len(re.match(r'(?:a|b)*', s).group()))
print(len(re.match(r'(a|b)*?$', s).group()), re.match(r'(ab)*', s).span(1))
print(len(re.match(r'(?:(a)|(b))*', s).group()), re.match(r'(?:(a)|(b))*', s).span(2))
print(re.search(r'(?:a|b)*c', 'ab' * 2000))
print(len(re.findall(r'(?:ab)+?', s[:20000])), len(re.sub(r'b', 'c', s)), len(re.split(r'a', s)))
deep = '(' * 300 + 'a' + ')' * 300
m = re.match(deep, 'a')
print(m.span(), m.span(300), len(m.groups()))
nest = '(?:' * 300 + 'a' + ')*' * 300
print(re.match(nest, 'aaaa').span())
alt = '|'.join('w%d' % i for i in range(3000))
print(re.search(alt, 'x w2999 y').group(), re.compile(alt).groups)
print(re.match(r'(a+)+b', 'a' * 18), re.match(r'(x+x+)+y', 'x' * 14))
print(re.match(r'^(\w+\s?)*$', 'an example sentence that fails!'))
print(re.fullmatch(r'(?:a|aa)*', 'a' * 1000).span())
print(re.match(r'(.*)(.*)(.*)(.*)(.*)x', 'a' * 40))
print(len(re.findall(r'\b\w+\b', 'word ' * 50000)))
print(re.match(r'(?:a{1,1000}){1,1000}b', 'a' * 300 + 'b').span())
