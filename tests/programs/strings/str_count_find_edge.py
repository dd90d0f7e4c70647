s = "abababab"
print(s.count("ab"), s.count("aba"), s.count("b", 2), s.count("b", 2, 5), s.count(""), "".count(""))
print(s.find("ba"), s.find("ba", 2), s.rfind("ab"), s.rfind("ab", 0, 5), s.find("zz"), s.find("", 8), s.find("", 9))
print(s.index("b"), s.rindex("a"), s.startswith("ba", 1), s.endswith("ab", 0, 4), s.endswith(("x", "b")))
print(s.replace("ab", "X", 2), s.split("ba"), s.partition("ba"), s.rpartition("ba"))
print("aaa".find("aa", 1), "aaa".rfind("aa"), "hello"[1:4].find("l"))
