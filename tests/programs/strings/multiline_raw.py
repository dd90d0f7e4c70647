s = """line one
  line two
line three"""
print(s)
print(s.splitlines())
r = r"raw\nstring\t"
print(r, len(r))
print(rb"\x00", len(rb"\x00"))
print('''single 'quotes' "inside"''')
print("a\
b")
print("\N{GREEK SMALL LETTER ALPHA}", "\u00e9", "\x41", "\101", "\0" == "\x00")
