o.m()
o.m(a, b)
o.m(a, k=1)
