print("".split(" "), " ".split(" "), "  ".split(), "a".split("a"), "aaa".split("a"))
print("a b c".split(None, 1), "a b c".rsplit(None, 1), "a,b,c".split(",", 0), "a,b,c".split(",", -1))
print("\ta\nb  c\r\n".split(), "x\x0by\x0cz".split())
print("1,2,,3,".split(","), ",".split(","), "abcabc".split("bc"))
try:
    "a".split("")
except ValueError as e:
    print("ValueError:", e)
print("a\nb\n".splitlines(), "a\r\nb\rc\x1cd".splitlines(), "".splitlines(), "\n".splitlines())
print("k=v=w".split("=", 1), "k=v=w".rsplit("=", 1), "path/to/file.txt".rpartition("/")[2].rpartition(".")[0])
