s = "hello"
print(s[0], s[-1], s[1:3])
