s = "the quick brown fox jumps over the lazy dog"
print(s.find("the"), s.find("the", 1), s.rfind("the"), s.find("cat"), s.index("fox"), s.rindex("o"))
print(s.count("o"), s.count("the"), s.count(""), "aaaa".count("aa"))
print(s.startswith("the"), s.startswith(("a", "t")), s.endswith("dog"), s.endswith("do", 0, -1))
print("fox" in s, "cat" not in s, "" in s)
print(s.find("o", 10, 20), s.find(""), s.find("", 100))
try:
    s.index("cat")
except ValueError as e:
    print("ValueError", e)
