f(*a)
f(a, *b)
f(*a, *b)
