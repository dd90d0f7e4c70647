for n in [0, 1, 7, 8, 255, 256, -1, -255, 2 ** 40 + 5]:
    print(n, bin(n), oct(n), hex(n), f"{n:b}", f"{n:o}", f"{n:x}", f"{n:X}", f"{n:#010x}")
print(int("0x1f", 0), int("0o17", 0), int("0b11", 0), int("017", 8), int("1F", 16))
try:
    int("017", 0)
except ValueError as e:
    print("ValueError:", e)
