vals = ["plain", "it's", 'say "hi"', "both ' and \"", "tab\there", "nl\n", "back\\slash", "\x00\x7f", "é", "日本", "\u200b", "\U0001F600", "\r", "\x1b[0m", ""]
for v in vals:
    print(repr(v), len(v))
print(str("é"), ascii("é日"), ascii("plain"))
print(repr(b"bytes\x00\xff'"), repr(bytearray(b"ab")))
