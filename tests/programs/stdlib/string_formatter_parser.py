# _string.formatter_parser / formatter_field_name_split: tuples and errors, and string.Formatter on top.
import _string
def show(f, *a):
    try:
        return repr(list(f(*a)) if f is _string.formatter_parser else f(*a))
    except Exception as e:
        return f"{type(e).__name__}: {e}"
for s in ["", "abc", "a{b}c", "{}", "{0}{1}", "{{}}", "a{{b", "x}}y", "{a!r}", "{a!r:>10}", "{a:{b}}", "{a[0].b!s:x}",
          "{a[}]}", "{", "}", "a}b", "{a", "{a!", "{a!r", "{a!rx}", "{a:", "{a{b}", "{a:{{}}}", "{:}", "{!r}", "{a.b[c]d}", "héllo{é}", "{0[1][2]}"]:
    print(repr(s), show(_string.formatter_parser, s))
def split(s):
    first, rest = _string.formatter_field_name_split(s)
    return first, list(rest)
for s in ["", "a", "0", "12", "a.b", "a[0]", "a[x].y[1]", "0.real", "a.", "a[", "a[]", "a]b", "a[0]b", "٣", "99999999999999999999", "a[99999999999999999999]", "a..b", ".x", "[1]"]:
    print(repr(s), show(split, s))
print(show(_string.formatter_parser, 5), show(_string.formatter_field_name_split, b"x"))
import string
f = string.Formatter()
print(f.format("{0} {x!r} {y:>5} {z[1]} {0.real}", 3, x="a", y=7, z=[1, 2]))
print(list(f.parse("a{b}c{{")))
print(show(_string.formatter_parser), show(_string.formatter_parser, "a", "b"), show(_string.formatter_field_name_split))
