text = "  The Quick Brown Fox  "
print(text.strip().lower().replace(" ", "_").split("_"))
print(" ".join(reversed(text.split())).upper().center(30, "*"))
nums = list(range(10))
print(sorted(set(n % 4 for n in nums)), "-".join(map(str, filter(lambda n: n % 3 == 0, nums))))
print({k: v for k, v in sorted({"b": 2, "a": 1}.items())}.popitem())
