print("a", "b", sep="")
print("no newline", end="")
print()
print("", end="")
print("x", end="\n\n")
print(end="only end\n")
print(sep="ignored")
print("multi", "sep", sep=" -- ", end=" <end>\n")
print(1, [2], (3,), {4: 5}, sep=";")
print("\t", repr("\t"), "é", "\u00e9" == "é")
try:
    print("x", sep=5)
except TypeError as e:
    print("TypeError:", e)
try:
    print("x", end=[])
except TypeError as e:
    print("TypeError:", e)
