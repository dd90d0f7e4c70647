class Plain:
    pass
print(Plain.__doc__, Plain.__module__, Plain.__name__, Plain.__qualname__, Plain.__bases__)
class Slotted:
    __slots__ = ("a",)
print(hasattr(Slotted(), "__dict__"), hasattr(Plain(), "__dict__"), Slotted.__slots__)
class Outer:
    class Inner:
        class Deepest:
            pass
print(Outer.Inner.__qualname__, Outer.Inner.Deepest.__qualname__, Outer.Inner.Deepest.__name__)
def factory():
    class Local:
        pass
    return Local
print(factory().__qualname__, factory() is factory())
print(type(Plain()).__name__, Plain().__class__.__name__, Plain.__class__.__name__)
print(sorted(k for k in Plain.__dict__ if k in ("__module__", "__dict__", "__weakref__", "__doc__")))
