def my_gen():
    yield 1
g = my_gen()
print(g.__name__, g.__qualname__, type(g).__name__, repr(g).startswith("<generator object my_gen at 0x"))
class K:
    def method_gen(self):
        yield self
print(K().method_gen().__qualname__)
ge = (x for x in [])
print(ge.__name__, ge.__qualname__)
print(hasattr(g, "send"), hasattr(g, "throw"), hasattr(g, "close"), hasattr(g, "__next__"))
print(g.gi_code.co_name, g.gi_frame is not None)
next(g)
print(g.gi_frame.f_lineno if g.gi_frame else None)
