# Methods whose results are short Latin-1 strings (stored inline) or cross
# the inline limit, on every storage width, with the identity rules CPython
# follows for exact strs.

samples = ["", "a", "item123:7", "x" * 21, "y" * 22, "é" * 21 + "z", "ÿ" * 30, "Ωmega:ω",
           "€:€€", "𝄞:clef", chr(0xD800) + ":" + chr(0xDFFF), "a:b:c", "::", "abc:"]

for s in samples:
    for sep in [":", "::", "é", "€", "𝄞", "z"]:
        p, r = s.partition(sep), s.rpartition(sep)
        print(ascii(p), ascii(r), [len(x) for x in p], p[0] is s, r[2] is s)
    print(ascii(s.split(":")), ascii(s.rsplit(":", 1)), ascii(s.split()), ascii(s.split(":", 0)))
    print(ascii(s.upper()), ascii(s.lower()), ascii(s.upper()[::-1]), ascii(s[::2]), ascii(s[::-3]), ascii(s[1:-1]))
    print(ascii(f"<{s}|{s}>"), ascii(s + s), ascii(s + ""), ascii("" + s), len(s * 3), ascii(":".join([s, s, "ü"])))

# partition returns the separator argument and self unchanged when exact
s = "key=value"
sep = "="
print(s.partition(sep)[1] is sep, s.partition("#")[0] is s, s.rpartition("#")[2] is s)
class S(str):
    pass
t = S("a=b")
print(type(t.partition("=")[0]).__name__, type(t.partition("#")[0]).__name__, t.partition("#")[0] is t)
print(type(S("=").join(["a", "b"])).__name__, ascii("x".partition(S("x"))), type("x".partition(S("x"))[1]).__name__)

# strings grown in place past the inline limit keep their text
acc = ""
for i in range(40):
    acc += chr(0xE0 + i % 20)
    if i in (19, 20, 21, 22, 39):
        print(i, len(acc), ascii(acc[-3:]), acc.isascii())
acc += "€"
print(len(acc), ascii(acc[-3:]))

# errors
for bad in [lambda: "a".partition(""), lambda: "a".rpartition(""), lambda: "a".split(""), lambda: "a".partition(1),
            lambda: f"{'x'}" + 1]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
