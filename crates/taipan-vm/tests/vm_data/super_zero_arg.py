class A:
    def __init__(self, v):
        self.v = v
class B(A):
    def __init__(self, v):
        print("B init")
        s = super()
        print(s)
        s.__init__(v * 2)
        print(self.__dict__)
b = B(2)
print(b.v)
