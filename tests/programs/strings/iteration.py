for ch in "héllo":
    print(ch, ord(ch))
print([c * 2 for c in "abc"], list(enumerate("xy")))
words = "one two three two one".split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts)
print("".join(sorted(set("mississippi"))))
