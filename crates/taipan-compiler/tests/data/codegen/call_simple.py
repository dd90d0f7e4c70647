f()
f(a)
f(a, b)
