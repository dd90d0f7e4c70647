"""String building, splitting, joining, formatting and searching."""


def build(n):
    parts = []
    for i in range(n):
        parts.append(f"item{i}:{i * 7 % 13}")
    return ",".join(parts)


def parse(text):
    total = 0
    for field in text.split(","):
        name, _, value = field.partition(":")
        total += int(value) + len(name)
    return total


def transform(text):
    words = text.replace(",", " ").split()
    out = []
    for w in words:
        out.append(w.upper()[::-1] if len(w) % 2 else w.lower())
    return " ".join(out)


def concat(n):
    s = ""
    for i in range(n):
        s += str(i % 10)
    return s


text = build(800_000)
t = transform(text)
c = concat(1_500_000)
print(len(text), parse(text), len(t), t.count("METI"), c.count("7"), text.find("item799999"))
