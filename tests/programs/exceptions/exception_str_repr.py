for e in [ValueError(), ValueError("x"), ValueError("x", "y"), ValueError(1), KeyError("k"), KeyError(1),
          IndexError("i"), TypeError(None), OSError(2, "msg"), OSError("only"), StopIteration(5),
          SystemExit(2), Exception([1, 2]), ZeroDivisionError("division by zero"), UnicodeError("u"),
          AttributeError("a"), NameError("n"), RuntimeError(""), Exception(())]:
    print(type(e).__name__, "|", str(e), "|", repr(e), "|", e.args)
