# name/lookup (aliases, named sequences, algorithmic names, case), the
# \N{...} escape, the UCD type and the errors of every function.
import unicodedata

u = unicodedata
for c in "A\x00 \u00e9\uac00\ud7a3\u4e00\u9fff\U00020000\U0002a6df\U00017000\ue000\U0001f600\u0378\uf900":
    print(ascii(c), u.name(c, None), u.ucd_3_2_0.name(c, None))

for name in ["LATIN SMALL LETTER A", "latin small letter a", "LINE FEED", "BYTE ORDER MARK",
             "HANGUL SYLLABLE GAG", "hangul syllable gag", "CJK UNIFIED IDEOGRAPH-4E00",
             "cjk unified ideograph-4e00", "CJK UNIFIED IDEOGRAPH-2A6DF",
             "LATIN CAPITAL LETTER A WITH MACRON AND GRAVE", "latin small letter r with tilde",
             "KEYCAP NUMBER SIGN", "TAMIL SYLLABLE KSSA", "GRINNING FACE", "TOKUSHU",
             "WAVY HAMZA BELOW", "ARABIC PEPET", "LATIN CAPITAL LETTER GHA", "nonexistent", "",
             b"SPACE", "SPACE" * 60]:
    for db in (u, u.ucd_3_2_0):
        try:
            print(ascii(name)[:40], db.unidata_version, ascii(db.lookup(name)))
        except KeyError as e:
            print(ascii(name)[:40], db.unidata_version, "KeyError", ascii(e.args[0])[:60])

print(ascii("\N{EM DASH}\N{latin small letter e with acute}\N{LINE FEED}"))

print(type(u.ucd_3_2_0).__name__, type(u.ucd_3_2_0).__module__, u.UCD is type(u.ucd_3_2_0))
print(sorted(n for n in dir(u.ucd_3_2_0) if not n.startswith("_")))

calls = [
    lambda: u.category(1), lambda: u.category("ab"), lambda: u.category(""), lambda: u.category(),
    lambda: u.category("a", "b"), lambda: u.decimal(1), lambda: u.decimal("ab"), lambda: u.decimal(),
    lambda: u.decimal("a", 1, 2), lambda: u.decimal("a"), lambda: u.digit("a"), lambda: u.numeric("a"),
    lambda: u.name("\x00"), lambda: u.normalize("X", "a"), lambda: u.normalize(1, "a"),
    lambda: u.normalize("NFC", 1), lambda: u.is_normalized("X", "a"), lambda: u.lookup(1),
    lambda: u.lookup("a" * 300), lambda: u.name("a", 5, 6), lambda: u.decimal("\u00bd", "dflt"),
    lambda: u.digit("\u00b2", None), lambda: u.numeric("\u00bd", None), lambda: u.normalize("NFC"),
    lambda: u.ucd_3_2_0.category(1), lambda: u.ucd_3_2_0.decimal("x", 7),
]
for f in calls:
    try:
        print(ascii(f()))
    except Exception as e:
        print(type(e).__name__, e)
