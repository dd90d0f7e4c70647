f(**k)
f(a, **k)
f(a, b=1, **k, c=2)
