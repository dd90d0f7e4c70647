s = "Hello, World"
print(s[0], s[-1], s[4], s[-5])
print(s[0:5], s[7:], s[:5], s[-5:], s[:], s[::2], s[::-1], s[1:-1:3])
print(s[100:], s[-100:3], s[5:2], s[::-3], s[10:2:-2])
print(len(s), len(""), len("日本語"))
print("abc"[1:2], "abc"[3:], repr("abc"[5:10]))
print("日本語テキスト"[2], "日本語テキスト"[1:4])
