print("{} {}".format(1, 2), "{1} {0}".format("a", "b"), "{0}{0}".format("x"))
print("{name} is {age}".format(name="Al", age=3), "{0[0]}{0[1]}".format("hi"))
print("{:>5}|{:<5}|{:^5}|{:*^7}".format(1, 2, 3, "x"))
print("{:.3}".format("abcdef"), "{:.3}".format(3.14159), "{:10.3f}|".format(2.5))
print("{{}} {}".format("braces"), "{!r} {!s}".format("r", "s"))
print("{:,}".format(123456789), "{:08.2f}".format(-3.5), "{:+}".format(5), "{:x}".format(255))
class P:
    x = 10
print("{0.x}".format(P()), "{p.x}".format(p=P()))
print("%s|%-6s|%6s" % ("a", "b", "c"))
print(format(12, "b"), format(0.5, ".0%"), format("s", "^5"), format(True), format(None))
try:
    "{}{}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{x}".format()
except KeyError as e:
    print("KeyError:", e)
try:
    "{:d}".format("s")
except ValueError as e:
    print("ValueError:", e)
