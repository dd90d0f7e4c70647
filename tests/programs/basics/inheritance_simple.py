class A:
    def hi(self):
        return "A"
class B(A):
    pass
print(B().hi())
