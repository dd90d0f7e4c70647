a.b: int = 1
c.d: int
