# Subclasses of builtin types keep the builtin's behaviour for what they
# do not override, and use their own override where they do.


class L(list):
    pass


class D(dict):
    def __missing__(self, key):
        return key * 2


class LoudList(list):
    def __getitem__(self, i):
        return ("loud", list.__getitem__(self, i))

    def __len__(self):
        return 99


class T(tuple):
    def __lt__(self, other):
        return "T.lt"


class S(str):
    def __add__(self, other):
        return "S.add"


class F(float):
    def __neg__(self):
        return "F.neg"


class I(int):
    def __bool__(self):
        return False


l = L([3, 1, 2])
print(l[0], len(l), sorted(l), 2 in l, l + [4], l * 2, list(reversed(l)), bool(L()))
d = D(a=1)
print(d["a"], d["zz"], len(d), "a" in d)
ll = LoudList([5, 6])
print(ll[1], len(ll), list(ll), bool(LoudList()))
print(T((1, 2)) < (3,), (3,) > T((1, 2)), T((1,)) == (1,), hash(T((1, 2))) == hash((1, 2)))
print(S("a") + "b", "b" + S("a"), S("x") * 3, S("abc")[1])
print(-F(2.5), F(2.5) + 1, abs(F(-1.5)))
print(bool(I(5)), I(5) + 1, not I(3))
L.__getitem__ = lambda self, i: "patched"
print(l[0], [1, 2][0])
del L.__getitem__
print(l[0])
