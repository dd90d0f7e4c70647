data = [(i % 3, i) for i in range(15)]
print(sorted(data, key=lambda t: t[0]))
print(sorted(data, key=lambda t: t[0], reverse=True))
names = ["bob", "al", "cy", "dee", "ed", "flo"]
names.sort(key=len)
print(names)
names.sort(key=len, reverse=True)
print(names)
