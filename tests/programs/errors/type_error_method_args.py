class C:
    def method(self, x):
        return x
C().method()
