# A class-dict key whose __eq__ assigns __bases__ while an attribute is
# being looked up: the lookup goes on over the MRO it started with.
class MyKey:
    def __hash__(self):
        return hash('mykey')

    def __eq__(self, other):
        X.__bases__ = (Base2,)
        return False


class Base:
    mykey = 'from Base'
    mykey2 = 'from Base'


class Base2:
    mykey = 'from Base2'
    mykey2 = 'from Base2'


X = type('X', (Base,), {MyKey(): 5})
print(X.mykey)
print(X.mykey2)
print([c.__name__ for c in X.__mro__])
