name = "world"
n = 3
print(f"hello {name} {n + 1}")
