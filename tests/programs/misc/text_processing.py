text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness"""
words = [w.strip(",.").lower() for w in text.split()]
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(top)
print(len(words), len(set(words)), max(words, key=len))
lines = text.splitlines()
print([len(l) for l in lines], [l.split(",")[0] for l in lines])
caps = " ".join(w.capitalize() for w in words[:6])
print(caps)
acr = "".join(w[0].upper() for w in "portable network graphics".split())
print(acr)
print(text.count("it was"), text.lower().count("it was"), text.replace("times", "TIMES").split("\n")[0])
