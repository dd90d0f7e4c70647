print("%5s|%-5s|%.2s|%5.1s|" % ("abc", "abc", "abc", "abc"))
print("%3d|%-3d|%03d|%+3d|% d" % (5, 5, 5, 5, 5))
print("%x %X %#x %#X %o %#o" % (255, 255, 255, 255, 8, 8))
print("%e %E %.2e %g %G %.3g" % (12345.678, 12345.678, 0.000123, 1e-5, 1e-5, 1234567))
print("%f %.0f %.1f %10.3f|" % (1.5, 2.5, 0.05, -3.14159))
print("%s %s %s" % (None, [1], {"a": 1}), "%r" % ([1],), "%a" % "é")
print("%(x)s %(y)r %(x)s" % {"x": 1, "y": "y"}, "%%d" % (), "100%%" % ())
print("%c" % 9731, "%5c|" % "x")
try:
    "%d %d" % (1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    "%z" % 1
except ValueError as e:
    print("ValueError:", e)
