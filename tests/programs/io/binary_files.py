# open() in binary mode and FileIO: buffering, seeking, truncation.
import posix, _io

base = "/tmp/taipan_io_bin_%d" % posix.getpid()
posix.mkdir(base)
path = base + "/b.bin"
try:
    with open(path, "wb") as f:
        print(type(f).__name__, f.mode, f.raw.__class__.__name__, f.writable(), f.readable(), f.seekable())
        print(f.write(b"abc"), f.write(b"\n" * 3), f.tell())
        f.write(bytes(range(10)))
    with open(path, "rb") as f:
        print(type(f).__name__, f.mode, f.read(2), f.peek(1)[:1], f.read1(2), f.tell())
        print(f.readline(), f.readline(), f.readlines())
        print(f.read(), f.read(5))
        f.seek(1)
        print(f.read(2), f.seek(-2, 2), f.read())
    with open(path, "rb") as f:
        print(list(f))
    with open(path, "r+b") as f:
        print(type(f).__name__, f.mode)
        print(f.read(3))
        f.write(b"XYZ")
        f.seek(0)
        print(f.read(8))
        print(f.truncate(4), f.tell())
        f.seek(0)
        print(f.read())
    with open(path, "ab") as f:
        print(f.mode, f.tell())
        f.write(b"++")
    with open(path, "rb", buffering=0) as f:
        print(type(f).__name__, f.mode, f.read())
    raw = _io.FileIO(path, "r")
    print(raw.mode, raw.readable(), raw.writable(), raw.seekable(), raw.closed, raw.closefd)
    print(raw.read(2), raw.readall(), raw.read())
    raw.close()
    print(raw.closed, repr(raw))
    try:
        raw.read()
    except ValueError as e:
        print("ValueError", e)
    with _io.FileIO(path, "w") as w:
        print(w.mode, w.write(b"new"))
        try:
            w.read()
        except _io.UnsupportedOperation as e:
            print("UnsupportedOperation", e)
    fd = posix.open(path, posix.O_RDONLY)
    with open(fd, "rb", closefd=False) as f:
        print(f.read(), f.name == fd)
    print(posix.read(fd, 1), posix.lseek(fd, 0, 0))
    posix.close(fd)
    with open(path, "xb") if False else open(path, "rb") as f:
        pass
    try:
        open(path, "xb")
    except FileExistsError as e:
        print("FileExistsError", e.errno)
    try:
        open(base, "rb")
    except IsADirectoryError as e:
        print("IsADirectoryError", e.errno)
    try:
        open(base + "/nope")
    except FileNotFoundError as e:
        print("FileNotFoundError", str(e).replace(base, "BASE"))
    with open(path, "rb") as f:
        pass
    try:
        f.read()
    except ValueError as e:
        print("ValueError", e)
finally:
    posix.unlink(path)
    posix.rmdir(base)
print("done")
