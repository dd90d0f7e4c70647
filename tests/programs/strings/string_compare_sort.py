words = ["apple", "Apple", "APPLE", "banana", "Banana", "cherry", "", "a", "aa", "ab"]
print(sorted(words))
print(sorted(words, key=lambda w: (w.lower(), w)))
print(sorted(words, key=len))
print(min(words), max(words), "apple" < "apples", "Z" < "a", "é" > "z")
print("abc" == "abc", "abc" != "ABC", "abc".lower() == "ABC".lower(), "a" * 3 == "aaa")
print(sorted(["10", "9", "100", "1"]), sorted(["10", "9", "100", "1"], key=int))
