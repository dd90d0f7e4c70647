a = "foo"
b = "bar"
print(a + b, a * 2, len(a + b))
