def caesar(text, shift):
    out = []
    for ch in text:
        if ch.isalpha():
            base = ord("A") if ch.isupper() else ord("a")
            out.append(chr((ord(ch) - base + shift) % 26 + base))
        else:
            out.append(ch)
    return "".join(out)
msg = "Hello, World! xyz"
enc = caesar(msg, 3)
print(enc, caesar(enc, -3) == msg)
def rle(s):
    if not s:
        return []
    out = [[s[0], 1]]
    for ch in s[1:]:
        if ch == out[-1][0]:
            out[-1][1] += 1
        else:
            out.append([ch, 1])
    return "".join(f"{n}{c}" for c, n in out)
def unrle(s):
    out, num = [], ""
    for ch in s:
        if ch.isdigit():
            num += ch
        else:
            out.append(ch * int(num))
            num = ""
    return "".join(out)
r = rle("aaabccddddde")
print(r, unrle(r), rle(""))
