# Every property of unicodedata and of ucd_3_2_0 over a sample of code
# points (all of U+0000..U+33FF, then every 13th), as one CRC per chunk.
import binascii
import unicodedata

def props(db, c):
    return (db.category(c), db.bidirectional(c), db.combining(c), db.east_asian_width(c),
            db.mirrored(c), db.decimal(c, None), db.digit(c, None), db.numeric(c, None),
            db.decomposition(c), db.name(c, None))

def sample():
    yield from range(0x3400)
    yield from range(0x3400, 0x110000, 13)

print(unicodedata.unidata_version, unicodedata.ucd_3_2_0.unidata_version)
for label, db in (("14.0", unicodedata), ("3.2", unicodedata.ucd_3_2_0)):
    chunk, crc, count = 0, 0, 0
    for cp in sample():
        if cp >> 14 != chunk:
            print(label, hex(chunk << 14), count, crc)
            chunk, crc, count = cp >> 14, 0, 0
        crc = binascii.crc32(repr(props(db, chr(cp))).encode(), crc)
        count += 1
    print(label, hex(chunk << 14), count, crc)

for c in "A\u00e9\u0301\u0663\u00bd\u2155\u216b\uac00\u4e00\U00020000\U0001f600\u0378\ud800\ue000\uff21":
    print(ascii(c), props(unicodedata, c), props(unicodedata.ucd_3_2_0, c))
