class Both:
    def __repr__(self):
        return "Both()"
    def __str__(self):
        return "both-str"
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"
class OnlyStr:
    def __str__(self):
        return "only-str"
for o in (Both(), OnlyRepr()):
    print(str(o), repr(o), f"{o}", f"{o!r}", [o], (o,), {"k": o})
o = OnlyStr()
print(str(o), repr(o).startswith("<__main__.OnlyStr object at 0x"), [o][0] is o)
print(repr(Both), str(OnlyRepr), repr(object).startswith("<class"))
class Bad:
    def __repr__(self):
        return 5
try:
    repr(Bad())
except TypeError as e:
    print("TypeError:", e)
