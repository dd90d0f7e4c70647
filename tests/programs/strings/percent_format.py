print("%s %r %d %i %f %5.2f %-5d| %05d %x %X %o %e %g %%" % ("s", "r", 42, 7, 1.5, 3.14159, 3, 42, 255, 255, 8, 12345.6789, 0.0001))
print("%(a)s-%(b)d" % {"a": "x", "b": 5})
print("%s" % (1, ) , "%s" % [1, 2], "%s %s" % ("a", "b"))
print("%c%c" % (65, "b"), "%.3s" % "abcdef", "%*d|" % (5, 42), "%-*d|" % (5, 42))
print("%+d %+d % d" % (5, -5, 5), "%#x %#o" % (255, 8))
print("%s" % None, "%s" % True, "%d" % True, "%d" % 3.9, "%r" % "q")
print("%.0f %.1f %.10f" % (2.5, 0.05, 1 / 3))
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s %s" % ("a",))
except TypeError as e:
    print("TypeError:", e)
