a = "ab"
print(a + "cd", a * 3, 3 * a, a * 0, repr(a * -1), "" * 100)
s = ""
for i in range(10):
    s += str(i)
print(s, len(s))
print("x" "y" "z", ("multi"
                     "line"))
print("-" * 20)
print(["ab"] * 2, (1,) * 3)
