# open() in text mode: writing, reading, iteration, newlines, encodings.
import posix

base = "/tmp/taipan_io_text_%d" % posix.getpid()
posix.mkdir(base)
path = base + "/t.txt"
try:
    with open(path, "w", encoding="utf-8") as f:
        print(type(f).__name__, f.mode, f.encoding, f.closed, f.writable(), f.readable())
        print(f.write("first line\n"), f.write("second: é€😀\n"), f.write("third"))
        f.writelines(["\n", "4\n", "5"])
    print("closed", f.closed)
    with open(path, encoding="utf-8") as f:
        print(repr(f.read()))
    with open(path, encoding="utf-8") as f:
        print(repr(f.readline()), repr(f.readline(3)), repr(f.readline()))
        print(f.readlines())
        print(repr(f.readline()), repr(f.read()))
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            print(n, repr(line))
    with open(path, encoding="utf-8") as f:
        print(repr(f.read(4)), repr(f.read(8)), f.tell())
        f.seek(0)
        print(repr(f.read(5)))
        f.seek(0, 2)
        print(repr(f.read()))
    with open(path, "a", encoding="utf-8") as f:
        f.write("\nappended")
    with open(path, "rb") as f:
        print(f.read())
    with open(path, "w", newline="\r\n", encoding="utf-8") as f:
        f.write("a\nb\n")
    with open(path, "rb") as f:
        print("crlf bytes", f.read())
    with open(path, encoding="utf-8") as f:
        print("universal", repr(f.read()))
    with open(path, newline="", encoding="utf-8") as f:
        print("untranslated", f.readlines())
    with open(path, "wb") as f:
        f.write(b"x\ry\r\nz\n\r")
    for nl in [None, "", "\n", "\r", "\r\n"]:
        with open(path, newline=nl, encoding="utf-8") as f:
            print(repr(nl), f.readlines())
    with open(path, "w", encoding="latin-1") as f:
        f.write("caf\xe9")
    with open(path, "rb") as f:
        print("latin-1", f.read())
    with open(path, encoding="latin-1") as f:
        print(repr(f.read()))
    with open(path, "wb") as f:
        f.write(b"ok \xff bad")
    try:
        with open(path, encoding="utf-8") as f:
            f.read()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError")
    with open(path, encoding="utf-8", errors="replace") as f:
        print(repr(f.read()))
    with open(path, encoding="ascii", errors="ignore") as f:
        print(repr(f.read()))
    with open(path, "w+", encoding="utf-8") as f:
        f.write("hello world")
        f.seek(0)
        print("w+", repr(f.read()))
    with open(path, "r+", encoding="utf-8") as f:
        f.write("HELLO")
        f.seek(0)
        print("r+", repr(f.read()))
finally:
    posix.unlink(path)
    posix.rmdir(base)
print("done")
