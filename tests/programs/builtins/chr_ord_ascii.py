print([ord(c) for c in "Az09 ~"], "".join(chr(i) for i in range(65, 71)))
print(chr(0), repr(chr(0)), repr(chr(127)), chr(0x3b1), chr(0x1F40D), ord("\U0001F40D"))
print(ascii("abc"), ascii("ñ"), ascii("\n"), ascii(["ü", 1]), ascii("\U0001F40D"))
try:
    chr(0x110000)
except ValueError as e:
    print("ValueError:", e)
try:
    ord("")
except TypeError as e:
    print("TypeError:", e)
try:
    chr("a")
except TypeError as e:
    print("TypeError:", e)
print(sorted("Hello World", key=ord)[:3], max(map(ord, "hello")))
