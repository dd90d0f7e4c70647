import sys
out = sys.stdout
out.write("a")
out.write("b\n")
print("unicode: é 日本 \U0001F600")
print(len("\U0001F600"), "€".encode())
print("\\n literal", "x\ty")
lines = ["one", "two", "three"]
print(*lines, sep="\n")
sys.stdout.flush()
print(sys.argv[0].endswith("input_free_io.py"), len(sys.argv))
print(sys.maxsize == 2 ** 63 - 1, sys.byteorder, type(sys.version_info.major).__name__, sys.version_info[:2])
