print("".join(["a", "b"]), " ".join("abc"), "\n".join(["x", "y"]), "-".join(map(str, [1, 2, 3])))
print("aaa".replace("a", "b", 2), "aaa".replace("aa", "b"), "abc".replace("b", ""), "".replace("", "x"))
print("banana".replace("an", "AN", 1), "x".replace("x", "xx").replace("xx", "x"))
try:
    "-".join(["a", None])
except TypeError as e:
    print("TypeError:", e)
print(",".join(sorted({"b", "a"})), "".join(reversed("stressed")), "|".join(str(i) for i in range(0)))
