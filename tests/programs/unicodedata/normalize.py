# normalize and is_normalized in the four forms, for both databases, on
# single characters and on random strings of marks, Hangul jamo and
# characters with decompositions.
import binascii
import random
import unicodedata

FORMS = ("NFC", "NFD", "NFKC", "NFKD")
DBS = (unicodedata, unicodedata.ucd_3_2_0)

pool = [chr(cp) for cp in range(0x3400) if unicodedata.decomposition(chr(cp)) or unicodedata.combining(chr(cp))]
pool += [chr(cp) for cp in range(0x1100, 0x1200)] + [chr(cp) for cp in range(0xAC00, 0xAC40)]
pool += ["\uf951", "\U0002f868", "\U0002f874", "\u0344", "\u0f73", "\u1e08", "\u212b", "\ufb2c"]
pool += list("aeiouAEIOU ")
print(len(pool))

def digest(strings):
    crc = 0
    for s in strings:
        for db in DBS:
            for form in FORMS:
                crc = binascii.crc32(ascii((db.normalize(form, s), db.is_normalized(form, s))).encode(), crc)
    return crc

for start in range(0, 0x3400, 0x400):
    print("single", hex(start), digest(chr(cp) for cp in range(start, start + 0x400)))

r = random.Random(1234)
for batch in range(10):
    strings = ["".join(r.choice(pool) for _ in range(r.randrange(1, 8))) for _ in range(200)]
    print("random", batch, digest(strings))

for s in ["", "abc", "caf\u00e9", "cafe\u0301", "\u1100\u1161\u11a8", "\uac00\u11a8", "\u0308\u0301",
          "a\u0328\u0301\u0308", "\u1e0b\u0323", "\ufb01", "\u2460", "\uf951", "\U0002f868", "\u0344",
          "\u0f73\u0f71", "A\u030a\u212b", "\ud800", "x\u0301\u0300\u0327"]:
    for db in DBS:
        print(ascii(s), db.unidata_version, [ascii(db.normalize(f, s)) for f in FORMS],
              [db.is_normalized(f, s) for f in FORMS])

s = "abc"
print(unicodedata.normalize("NFC", s) is s, unicodedata.normalize("NFKD", s) is s)
