r = a.b.c
