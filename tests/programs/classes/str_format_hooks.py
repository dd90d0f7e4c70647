class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        if spec == "short":
            return f"${self.cents // 100}"
        return f"${self.cents / 100:{spec or '.2f'}}"
    def __str__(self):
        return format(self)
    def __repr__(self):
        return f"Money({self.cents})"
m = Money(123456)
print(str(m), repr(m), f"{m}", f"{m:short}", f"{m:,.1f}", "{:short}".format(m), format(m, ".0f"))
print([m], f"{[m]}", "%s %r" % (m, m))
