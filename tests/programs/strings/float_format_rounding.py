# repr/str/format/% of floats: shortest round-trip digits and correctly
# rounded fixed and exponent forms (ties to even on exact halves), over
# random doubles, short binary fractions and decimal-looking values.
import binascii
import random
import struct

r = random.Random(2024)

def gen():
    k = r.randrange(5)
    if k == 0:
        return struct.unpack("<d", struct.pack("<Q", r.getrandbits(64)))[0]
    if k == 1:
        return r.randrange(-10**6, 10**6) * r.choice([0.5, 0.25, 1.25, 0.125, 0.001, 0.1, 1e5, 0.005, 0.0005])
    if k == 2:
        return r.uniform(-1e6, 1e6)
    if k == 3:
        return r.randrange(-10**15, 10**15) * 10.0 ** -r.randrange(0, 20)
    return float(r.randrange(-10**6, 10**6)) + r.choice([0.5, 0.05, 0.005, 0.0005, 0.15, 0.25, 0.35, 0.45])

def line(x):
    return " ".join([repr(x), str(x), "%.1f" % x, "%.3e" % x,
                     f"{x:.0f}|{x:.2f}|{x:.3f}|{x:.6f}|{x:.15f}|{x:.19f}|{x:.0e}|{x:.2e}|{x:.6e}"
                     f"|{x:.14e}|{x:.16e}|{x:.3E}|{x}|{x:10.3f}|{x:g}|{x:.3g}|{x:,.2f}|{x:+.1e}"])

for x in [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 9.995, 9.9995, 0.9999999, 1e-5, 1e16, 1e15,
          123456789012345.6, 5e-324, 1.7976931348623157e308, 0.045, 1.005, 2.675, 1e22, 1e23,
          4503599627370495.5, 4503599627370497.0, 0.3, 2 / 3, 1e-300, 12345.0, 99.5, 999.5e10]:
    print(line(x))
    print(line(-x))

crc = 0
for i in range(4000):
    crc = binascii.crc32(line(gen()).encode(), crc)
    if i % 500 == 499:
        print(i, crc)
