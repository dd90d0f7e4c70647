a = "hello world"
b = "hello " + "world"
c = "".join(["hello", " ", "world"])
print(a == b == c, len({a, b, c}))
words = "x y x z y x".split()
print({w: words.count(w) for w in sorted(set(words))})
print(str(123) == "123", "".join(reversed("abc")) == "cba", "a" * 0 == "")
