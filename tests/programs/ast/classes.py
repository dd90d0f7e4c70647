# The _ast classes: hierarchy, _fields, _attributes, __match_args__,
# class-level defaults, __doc__, constructor and __reduce__ semantics.
import _ast
import ast

names = sorted(n for n in dir(_ast) if not n.startswith('__'))
print(len(names))
for name in names:
    cls = getattr(_ast, name)
    if not isinstance(cls, type):
        print(name, cls)
        continue
    own = {k: v for k, v in vars(cls).items() if k in ('end_lineno', 'end_col_offset') or v is None}
    print(name, cls.__module__, [b.__name__ for b in cls.__mro__], cls._fields,
          cls._attributes, getattr(cls, '__match_args__', '-'), sorted(own))
    print('   ', repr(cls.__doc__))

# constructor
n = ast.Name('x')
print(n.__dict__, n.end_lineno, hasattr(n, 'ctx'))
print(ast.Name('x', ast.Load(), lineno=3).__dict__.keys())
for args, kw in [(('x', ast.Load(), 3), {}), (('x',), {'id': 3}), ((1,), {}), ((), {'foo': 1})]:
    cls = ast.Load if args == (1,) else ast.Name
    try:
        print(sorted(cls(*args, **kw).__dict__))
    except TypeError as e:
        print('TypeError', e)
print(ast.Constant(1).kind, ast.ImportFrom('m').level, ast.arguments().vararg)
try:
    ast.Module().body
except AttributeError as e:
    print('AttributeError', e)

# __reduce__, copy, pickle (protocol 0: no framing)
print(ast.Name('a').__reduce__()[1:], ast.Load().__reduce__()[1:])
import copy, pickle
t = ast.parse('f(x, *y, k=1)\n')
print(ast.dump(copy.deepcopy(t), include_attributes=True) == ast.dump(t, include_attributes=True))
print(ast.dump(pickle.loads(pickle.dumps(t, 0))))

# subclasses keep working
class MyName(ast.Name):
    _fields = ('id', 'ctx', 'extra')
m = MyName('a', ast.Load(), 'more')
print(m.extra, isinstance(m, ast.expr), MyName.__mro__[1].__name__)
class Node(ast.AST):
    _fields = ('a', 'b')
print(Node(1, b=2).__dict__)
print(isinstance(ast.parse('x').body[0].value.ctx, ast.Load), ast.Load() is ast.Load())
print(ast.parse('x').body[0].value.ctx is ast.parse('y').body[0].value.ctx)

# __match_args__ is what class patterns use
print(ast.BinOp.__match_args__, ast.Name.__match_args__)
