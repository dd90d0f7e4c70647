"""BaseExceptionGroup/ExceptionGroup: constructor checks and class choice,
message/exceptions, str, derive, split, subgroup, nesting, subclasses."""
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
t(lambda: BaseExceptionGroup('m'))
t(lambda: BaseExceptionGroup(1, []))
t(lambda: BaseExceptionGroup('m', 1))
t(lambda: BaseExceptionGroup('m', []))
t(lambda: BaseExceptionGroup('m', [1]))
t(lambda: BaseExceptionGroup('m', [ValueError()], x=1))
t(lambda: ExceptionGroup('m', [KeyboardInterrupt()]))
t(lambda: type(BaseExceptionGroup('m', [ValueError()])))
t(lambda: type(BaseExceptionGroup('m', (ValueError(),KeyboardInterrupt()))))
t(lambda: BaseExceptionGroup('m', {1: 2}))
eg = ExceptionGroup('m', [ValueError(1), TypeError(2)])
t(lambda: eg.split(1))
t(lambda: eg.split((1,)))
t(lambda: eg.subgroup(ValueError) is eg)
t(lambda: eg.subgroup(Exception) is eg)
t(lambda: eg.subgroup(ValueError))
t(lambda: eg.split(ValueError))
t(lambda: eg.split((ValueError, TypeError))[0] is eg)
t(lambda: eg.split(lambda e: isinstance(e, TypeError)))
t(lambda: eg.split(OSError))
t(lambda: eg.subgroup(OSError))
class MyEG(ExceptionGroup): pass
t(lambda: MyEG('m', [KeyboardInterrupt()]))
t(lambda: type(MyEG('m', [ValueError()])))
t(lambda: ExceptionGroup.__mro__)
t(lambda: BaseExceptionGroup.__mro__)
t(lambda: ExceptionGroup.__bases__)
t(lambda: issubclass(ExceptionGroup, Exception))
t(lambda: eg.args)
t(lambda: (eg.message, eg.exceptions))
t(lambda: str(ExceptionGroup('x', [ValueError()])))
t(lambda: str(eg))
t(lambda: ExceptionGroup('x', (ValueError(),)).args)
def f():
    eg.message = 1
t(f)
def f():
    eg.exceptions = 1
t(f)
t(lambda: BaseExceptionGroup.__new__(BaseExceptionGroup, 'x'))
t(lambda: ExceptionGroup[int])
t(lambda: eg.derive([KeyError(3)]))
t(lambda: type(eg.derive([KeyboardInterrupt()])))
nested = ExceptionGroup('outer', [ValueError(1), ExceptionGroup('inner', [TypeError(2), ValueError(3)]), KeyError(4)])
m, r = nested.split(ValueError)
print(repr(m), repr(r))
print(repr(nested.subgroup(lambda e: isinstance(e, ExceptionGroup) and e.message == 'inner')))
try:
    raise nested
except ExceptionGroup as caught:
    caught.add_note('a note')
    caught.__cause__ = KeyError('c')
    m, r = caught.split(TypeError)
    print(m.__traceback__ is caught.__traceback__, m.__cause__, m.__notes__, m.__notes__ is caught.__notes__)
class DerivedEG(ExceptionGroup):
    def __new__(cls, message, excs, code):
        obj = super().__new__(cls, message, excs)
        obj.code = code
        return obj
    def derive(self, excs):
        return DerivedEG(self.message, excs, self.code)
d = DerivedEG('d', [ValueError(1), TypeError(2)], 42)
m, r = d.split(ValueError)
print(type(m).__name__, m.code, repr(m), type(r).__name__, r.code)
class BadDerive(ExceptionGroup):
    def derive(self, excs):
        return 1
t(lambda: BadDerive('b', [ValueError(), TypeError()]).split(ValueError))
print(isinstance(eg, Exception), isinstance(BaseExceptionGroup('x', [KeyboardInterrupt()]), Exception))
