class C:
    def m(self, *, __a=1):
        return __a
