f(x)(y)
a.b().c()
