print("a,b,,c".split(","), "a b  c ".split(), "  lead".split(" "), "a,b,c".split(",", 1))
print("a,b,c".rsplit(",", 1), "".split(), "".split(","), "abc".split("abc"))
print("line1\nline2\r\nline3\n".splitlines(), "x\ny\n".splitlines(True))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join(str(i) for i in range(5)))
print("a=b=c".partition("="), "a=b=c".rpartition("="), "abc".partition("x"), "abc".rpartition("x"))
try:
    ",".join([1, 2])
except TypeError as e:
    print("TypeError", e)
