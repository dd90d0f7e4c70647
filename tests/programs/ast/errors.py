# compile() of malformed AST objects: CPython's TypeError/ValueError messages
# (conversion first, then validation); never a crash.
import ast
import re

L = dict(lineno=1, col_offset=0)


def attempt(tree, mode='exec'):
    try:
        compile(tree, '<x>', mode)
        print('ok')
    except (TypeError, ValueError, OverflowError, RecursionError, SyntaxError) as e:
        print(type(e).__name__, re.sub(' at 0x[0-9a-f]+', '', str(e)))


def mod(*stmts):
    return ast.Module(body=list(stmts), type_ignores=[])


def ex(e):
    return ast.Expr(e, **L)


def name(id, ctx=None):
    return ast.Name(id, ctx or ast.Load(), **L)


def const(v):
    return ast.Constant(v, **L)


attempt(ast.Module())
attempt(ast.Module(body=None, type_ignores=[]))
attempt(mod(ast.Expr(**L)))
attempt(mod(ast.Expr(None, **L)))
attempt(mod(ast.Expr(ast.Name('x', ast.Load()))))
attempt(mod(ex(name('x'))))
attempt(mod(ex(name('x', ast.Store()))))
attempt(mod(ex(ast.Name(3, ast.Load(), **L))))
attempt(mod(ex(ast.Name('x', None, **L))))
attempt(mod(ex(ast.Name('x', ast.Add(), **L))))
attempt(mod(3))
attempt(mod(ex(3)))
attempt(mod(ex(const([1]))))
attempt(ast.Module(body=[ex(const(1))]))
attempt(ast.Module(body=(ex(const(1)),), type_ignores=[]))
attempt(mod(ast.FunctionDef('f', ast.arguments([], [], None, [], [], None, []), [], [], **L)))
attempt(mod(ast.Expr(ast.Constant(1, lineno='a', col_offset=0), **L)))
attempt(ast.Expression(const(1)), 'exec')
attempt(ast.Expression(const(1)), 'eval')
attempt(ex(const(1)), 'eval')
attempt(mod(ex(const(1))), 'bad')
attempt(mod(ex(const(2 ** 100))))
attempt(mod(ex(const((1, 2, (3, 'a'))))))
attempt(mod(ex(const((1, [2])))))
attempt(mod(ex(ast.BinOp(const(1), ast.Add, const(1), **L))))
attempt(mod(ast.ImportFrom('x', [ast.alias('y', **L)], -1, **L)))
attempt(mod(ast.Expr(const(1), lineno=2 ** 40, col_offset=0)))
attempt(mod(ast.Expr(const(1), lineno=True, col_offset=0)))
attempt(mod(ex(ast.Dict([None], [], **L))))
attempt(mod(ex(ast.Compare(const(1), [], [], **L))))
attempt(mod(ex(ast.Compare(const(1), [ast.Eq()], [const(1), const(2)], **L))))
attempt(mod(ast.If(const(1), [], [], **L)))
attempt(mod(ast.Assign([name('x')], const(1), **L)))
attempt(mod(ast.Assign([], const(1), **L)))
attempt(mod(ast.Delete([name('x', ast.Load())], **L)))
attempt(mod(ast.Global([], **L)))
attempt(mod(ex(name('None'))))
attempt(mod(ex(ast.Constant(1, kind=3, **L))))
attempt(mod(ex(ast.BoolOp(ast.And(), [const(1)], **L))))
attempt(mod(ast.Try([ast.Pass(**L)], [], [], [], **L)))
attempt(mod(ast.Try([ast.Pass(**L)], [], [ast.Pass(**L)], [ast.Pass(**L)], **L)))
attempt(mod(ast.Raise(None, const(1), **L)))
attempt(mod(ast.AnnAssign(ast.Attribute(name('a'), 'b', ast.Store(), **L), name('int'), None, 1, **L)))
attempt(mod(ex(ast.NamedExpr(const(1), const(2), **L))))
attempt(mod(ex(ast.ListComp(name('x'), [], **L))))
attempt(mod(ex(ast.Lambda(ast.arguments([], [], None, [], [], None, [const(1)]), const(1), **L))))
attempt(mod(ex(ast.Lambda(ast.arguments([], [], None, [ast.arg('k', **L)], [], None, []), const(1), **L))))
attempt(mod(ast.Assign([ast.BinOp(const(1), ast.Add(), const(1), **L)], const(1), **L)))
attempt(mod(ast.Match(name('x'), [], **L)))
attempt(mod(ast.Match(name('x'), [ast.match_case(ast.MatchAs(ast.MatchAs(**L), None, **L), None, [ast.Pass(**L)])], **L)))
attempt(mod(ast.Match(name('x'), [ast.match_case(ast.MatchStar('a', **L), None, [ast.Pass(**L)])], **L)))
attempt(mod(ast.Match(name('x'), [ast.match_case(ast.MatchSingleton(3, **L), None, [ast.Pass(**L)])], **L)))
attempt(mod(ast.Match(name('x'), [ast.match_case(ast.MatchOr([], **L), None, [ast.Pass(**L)])], **L)))
attempt(mod(ast.Match(name('x'), [ast.match_case(ast.MatchValue(name('y'), **L), None, [ast.Pass(**L)])], **L)))
attempt(mod(ast.Match(name('x'), [ast.match_case(ast.MatchAs(None, '_', **L), None, [ast.Pass(**L)])], **L)))
attempt(mod(ast.With([], [ast.Pass(**L)], **L)))
attempt(mod(ast.ImportFrom('x', [ast.alias('y', **L)], **L)))
attempt(ast.Interactive([ex(const(1))]), 'single')
attempt(ast.Expression(ast.Starred(name('x'), ast.Load(), **L)), 'eval')


class E(ast.expr):
    pass


attempt(mod(ex(E(**L))))

# a cycle and a deep chain: RecursionError, not a crash
b = ast.BinOp(name('x'), ast.Add(), name('y'), **L)
b.left = b
attempt(ast.Expression(b), 'eval')
deep = name('x')
for _ in range(100000):
    deep = ast.UnaryOp(ast.Not(), deep, **L)
attempt(ast.Expression(deep), 'eval')
lst = []
lst.append(ast.If(const(1), lst, [], **L))
attempt(mod(*lst))
