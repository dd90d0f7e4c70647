print(int("12"), int("-0"), int(" 7\n"), int("1010", 2), int("-7f", 16), int(12.9), int(-12.9))
print(float("3.5"), float("-1e-3"), float(3), float("  nan  "), float(" -inf"))
print(str(12), str(1.25), str(None), str([1, "2"]), str(b"x"), repr("q"))
print(bool("False"), bool(""), list("hi"), tuple([1]), set([1, 1]), dict([(1, 2)]))
print(chr(65), ord("A"), hex(31), oct(31), bin(31), abs(-2.5), round(2.567, 1))
for bad in ["", " ", "1.0", "1e3", "0x10", "abc", "1 2", "٣"]:
    try:
        print(repr(bad), int(bad))
    except ValueError as e:
        print("ValueError:", e)
for bad in ["", "1.2.3", "one", "1e", "--1"]:
    try:
        print(float(bad))
    except ValueError as e:
        print("ValueError:", e)
try:
    int("10", 1)
except ValueError as e:
    print("ValueError:", e)
try:
    int(1.5, 10)
except TypeError as e:
    print("TypeError:", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError:", e)
try:
    float([])
except TypeError as e:
    print("TypeError:", e)
