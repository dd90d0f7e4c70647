# posix: directories, files through descriptors, stat results, errors.
import posix

base = "/tmp/taipan_os_files_%d" % posix.getpid()
posix.mkdir(base)
try:
    path = base + "/data.bin"
    fd = posix.open(path, posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o640)
    print("written", posix.write(fd, b"0123456789"))
    print("lseek end", posix.lseek(fd, 0, 2))
    posix.close(fd)

    st = posix.stat(path)
    print("size", st.st_size, st[6], "mode", oct(st.st_mode & 0o777))
    print("len", len(st), "fields", type(st).n_fields, type(st).n_sequence_fields, type(st).n_unnamed_fields)
    print("types", type(st.st_mtime).__name__, type(st.st_mtime_ns).__name__, type(st[8]).__name__)
    print("isinstance tuple", isinstance(st, tuple), type(st).__name__)
    print("mtime_ns agrees", st.st_mtime_ns // 10**9 == st[8])

    fd = posix.open(path, posix.O_RDONLY)
    print("read", posix.read(fd, 4), posix.read(fd, 100), posix.read(fd, 5))
    print("lseek", posix.lseek(fd, 2, 0), posix.read(fd, 3))
    print("fstat size", posix.fstat(fd).st_size)
    print("isatty", posix.isatty(fd))
    posix.close(fd)

    posix.chmod(path, 0o600)
    print("chmod", oct(posix.stat(path).st_mode & 0o777))
    posix.utime(path, (1000000000, 1500000000))
    st = posix.stat(path)
    print("utime", st.st_atime, st.st_mtime, st.st_mtime_ns)
    posix.utime(path, ns=(5 * 10**9 + 7, 6 * 10**9 + 250000000))
    st = posix.stat(path)
    print("utime ns", st.st_atime_ns, st.st_mtime_ns, st.st_mtime)

    posix.mkdir(base + "/sub")
    posix.rename(path, base + "/sub/moved.bin")
    print("listdir", sorted(posix.listdir(base)), posix.listdir(base + "/sub"))
    print("listdir bytes", posix.listdir(base.encode() + b"/sub"))
    posix.replace(base + "/sub/moved.bin", base + "/again.bin")
    print("access", posix.access(base + "/again.bin", posix.R_OK), posix.access(base + "/none", posix.F_OK))

    for call, args in [
        (posix.stat, (base + "/missing",)),
        (posix.mkdir, (base + "/sub",)),
        (posix.rmdir, (base + "/again.bin",)),
        (posix.unlink, (base + "/sub",)),
        (posix.listdir, (base + "/again.bin",)),
        (posix.open, (base + "/missing", posix.O_RDONLY)),
    ]:
        try:
            call(*args)
        except OSError as e:
            print(call.__name__, type(e).__name__, e.errno, e.strerror, e.filename.replace(base, "BASE"))
    try:
        posix.rename(base + "/missing", base + "/other")
    except OSError as e:
        print("rename", type(e).__name__, str(e).replace(base, "BASE"))
    try:
        posix.close(9999)
    except OSError as e:
        print("close", type(e).__name__, e.errno, e.filename)
    try:
        posix.stat(12.5)
    except TypeError as e:
        print("TypeError", e)
    for bad in ["a\0b", b"a\0b"]:
        try:
            posix.stat(bad)
        except ValueError as e:
            print("ValueError", e)
finally:
    for name in ["again.bin", "sub/moved.bin"]:
        try:
            posix.unlink(base + "/" + name)
        except OSError:
            pass
    posix.rmdir(base + "/sub")
    posix.rmdir(base)
print("cleaned", "taipan_os_files_%d" % posix.getpid() not in posix.listdir("/tmp"))
