# posix: fspath, strerror, environ, urandom, uname, constants, scandir.
import posix


class P:
    def __fspath__(self):
        return "some/path"


class Bad:
    def __fspath__(self):
        return 42


print(posix.fspath("a"), posix.fspath(b"b"), posix.fspath(P()))
for v in [Bad(), 3, None]:
    try:
        posix.fspath(v)
    except TypeError as e:
        print("TypeError", e)
print(posix.strerror(2), "|", posix.strerror(13), "|", posix.strerror(17))
print(type(posix.environ).__name__, all(type(k) is bytes and type(v) is bytes for k, v in posix.environ.items()))
print(b"PATH" in posix.environ)
print(len(posix.urandom(16)), posix.urandom(0))
u = posix.uname()
print(type(u).__name__, len(u), u.sysname, u[0] == u.sysname)
print(posix.O_RDONLY, posix.O_WRONLY, posix.O_RDWR, posix.O_CREAT, posix.O_EXCL, posix.O_TRUNC, posix.O_APPEND)
print(posix.F_OK, posix.R_OK, posix.W_OK, posix.X_OK)
print(posix.error is OSError, type(posix.getcwd()).__name__, type(posix.getcwdb()).__name__)
print(posix.cpu_count() > 0, posix.getpid() > 0)
print(posix.stat_result.__module__, posix.stat_result.__name__)
r = posix.stat_result((1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
print(r)
print(r.st_mode, r.st_size, r[7:], r.st_blksize)
try:
    posix.stat_result((1, 2))
except TypeError as e:
    print("TypeError", e)

base = "/tmp/taipan_os_misc_%d" % posix.getpid()
posix.mkdir(base)
posix.mkdir(base + "/d")
fd = posix.open(base + "/f.txt", posix.O_WRONLY | posix.O_CREAT, 0o644)
posix.write(fd, b"abc")
posix.close(fd)
posix.symlink(base + "/f.txt", base + "/link")
print(posix.readlink(base + "/link") == base + "/f.txt")
with posix.scandir(base) as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print(e.name, e.path == base + "/" + e.name, e.is_dir(), e.is_file(), e.is_symlink(),
          e.is_file(follow_symlinks=False), e.stat().st_size if e.is_file() else "-",
          e.inode() == posix.lstat(e.path).st_ino, posix.fspath(e) == e.path)
print(repr(entries[0]))
print(posix.lstat(base + "/link").st_mode & 0o170000 == 0o120000)
posix.unlink(base + "/link")
posix.unlink(base + "/f.txt")
posix.rmdir(base + "/d")
posix.rmdir(base)
print("done")
