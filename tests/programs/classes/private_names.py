class Account:
    def __init__(self):
        self.__secret = 42
        self._internal = 1
    def reveal(self):
        return self.__secret
    def __dunder__(self):
        return "not mangled"
a = Account()
print(a.reveal(), a._internal, a._Account__secret, a.__dunder__())
try:
    a.__secret
except AttributeError as e:
    print("AttributeError:", e)
class Sub(Account):
    def peek(self):
        try:
            return self.__secret
        except AttributeError as e:
            return "AttributeError: " + str(e)
print(Sub().peek())
print(sorted(k for k in vars(a)))
class M:
    __x = "class private"
    def get(self):
        return M.__x, self.__x
print(M().get(), hasattr(M, "_M__x"))
