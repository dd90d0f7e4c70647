# gen.throw(C) where calling C does not give an exception instance.
class E(Exception):
    def __new__(cls, *args, **kwargs):
        return cls


def boring():
    yield


g = boring()
try:
    g.throw(E)
except TypeError as e:
    print('TypeError', str(e).split(' at ')[0].replace(__name__, 'M'))
print(next(g, 'exhausted'))


def catching():
    try:
        yield
    except TypeError as e:
        print('caught inside:', 'should have returned an instance' in str(e))
        yield 'after'


g = catching()
next(g)
print(g.throw(E))
