# Argument rules of the path calls: keyword-only parameters, dir_fd and
# follow_symlinks checks, path kinds, with CPython's messages.
import os
import tempfile
import warnings


class P:
    def __init__(self, v):
        self.v = v

    def __fspath__(self):
        return self.v


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", r)


with tempfile.TemporaryDirectory() as top:
    os.chdir(top)
    open("f", "w").close()
    os.symlink("f", "l")
    fd = os.open("f", os.O_RDONLY)
    show("stat 2 positional", lambda: os.stat(".", 3))
    show("stat fd+dir_fd", lambda: os.stat(fd, dir_fd=fd))
    show("stat fd nofollow", lambda: os.stat(fd, follow_symlinks=False))
    show("dir_fd float", lambda: os.stat(".", dir_fd=1.5))
    show("dir_fd str", lambda: os.stat(".", dir_fd="x"))
    show("dir_fd big", lambda: os.stat(".", dir_fd=2**40))
    show("dir_fd small", lambda: os.stat(".", dir_fd=-2**40))
    show("dir_fd bad", lambda: os.stat("nope", dir_fd=9999))
    show("stat float", lambda: os.stat(1.5))
    show("mkdir 3 positional", lambda: os.mkdir("x", 1, 2))
    show("chmod link nofollow", lambda: os.chmod("l", 0o777, follow_symlinks=False))
    show("utime both", lambda: os.utime("f", (1, 2), ns=(1, 2)))
    show("utime times int", lambda: os.utime("f", 3))
    show("utime times list", lambda: os.utime("f", [1, 2]))
    show("utime ns int", lambda: os.utime("f", ns=3))
    show("utime ns None", lambda: os.utime("f", ns=None))
    show("utime ns float", lambda: os.utime("f", ns=(1.5, 2)))
    show("utime fd nofollow", lambda: os.utime(fd, follow_symlinks=False))
    show("utime fd dir_fd", lambda: os.utime(fd, dir_fd=fd))
    show("access fd", lambda: os.access(fd, os.F_OK))
    show("lstat fd", lambda: os.lstat(fd))
    show("readlink fd", lambda: os.readlink(fd))
    show("listdir float", lambda: os.listdir(1.5))
    show("scandir float", lambda: os.scandir(1.5))
    show("truncate float", lambda: os.truncate(1.5, 0))
    show("stat()", lambda: os.stat())
    show("stat bad kw", lambda: os.stat(path=".", x=1))
    show("rename 3 positional", lambda: os.rename("a", "b", 3))
    show("open 4 positional", lambda: os.open("a", 0, 0, 3))
    show("chown uid float", lambda: os.chown("f", 1.5, -1))
    show("chown uid -2", lambda: os.chown("f", -2, -1))
    show("chown uid 2**40", lambda: os.chown("f", 2**40, -1))
    show("chown uid 2**64", lambda: os.chown("f", 2**64, -1))
    show("chown unchanged", lambda: os.chown("f", -1, -1))
    show("lchown unchanged", lambda: os.lchown("l", -1, -1))
    show("fspath int", lambda: os.stat(P(fd)))
    show("fspath str", lambda: os.stat(P("f")).st_size)
    show("fspath bytes", lambda: os.stat(P(b"f")).st_size)
    show("stat empty", lambda: os.stat(""))
    show("stat nul str", lambda: os.stat("a\0b"))
    show("stat nul bytes", lambda: os.stat(b"a\0b"))
    show("rename missing", lambda: os.rename("nope", "x"))
    show("link missing", lambda: os.link("nope", "x"))
    show("chdir bad fd", lambda: os.chdir(9999))
    show("truncate bad fd", lambda: os.truncate(9999, 0))
    show("mknod device float", lambda: os.mknod("n", device=1.5))
    show("symlink dir_fd float", lambda: os.symlink("a", "b", dir_fd=3.5))
    show("listdir None", lambda: sorted(os.listdir(None)))
    show("listdir bytes", lambda: sorted(os.listdir(b".")))
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        show("listdir bytearray", lambda: sorted(os.listdir(bytearray(b"."))))
        show("stat bytearray", lambda: os.stat(bytearray(b"f")).st_size)
        for x in w:
            print("warning", x.category.__name__, x.message)
    os.close(fd)
    os.chdir("/")
