names = [ZeroDivisionError, KeyError, IndexError, ValueError, TypeError, NameError, UnboundLocalError,
         AttributeError, RecursionError, StopIteration, GeneratorExit, KeyboardInterrupt, SystemExit,
         NotImplementedError, FileNotFoundError, UnicodeDecodeError, OverflowError, AssertionError,
         ModuleNotFoundError, LookupError, ArithmeticError, OSError, RuntimeError, Exception]
for cls in names:
    print(cls.__name__, [c.__name__ for c in cls.__mro__])
print(issubclass(KeyError, LookupError), issubclass(UnboundLocalError, NameError), issubclass(SystemExit, Exception))
print(isinstance(ZeroDivisionError(), ArithmeticError), IOError is OSError, EnvironmentError is OSError)
