x = 7
print("odd" if x % 2 else "even")
