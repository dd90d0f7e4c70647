# os.py (CPython's Lib) over posix: paths, directories, walking, environ.
import os

base = os.path.join("/tmp", "taipan_os_module_%d" % os.getpid())
os.makedirs(os.path.join(base, "a", "b"))
os.makedirs(os.path.join(base, "a", "b"), exist_ok=True)
try:
    os.makedirs(os.path.join(base, "a"))
except FileExistsError as e:
    print("FileExistsError", e.errno)
for name in ["a/x.txt", "a/b/y.txt", "z.txt"]:
    with open(os.path.join(base, name), "w") as f:
        f.write(name * 3)
print(sorted(os.listdir(base)))
for root, dirs, files in os.walk(base):
    dirs.sort()
    print(os.path.relpath(root, base), sorted(dirs), sorted(files))
p = os.path.join(base, "z.txt")
print(os.path.exists(p), os.path.isfile(p), os.path.isdir(base), os.path.getsize(p))
print(os.path.basename(p), os.path.splitext(p)[1], os.path.dirname(p) == base)
print(os.path.normpath("/a/./b/../c"), os.path.isabs("x"), os.path.join("a", "/b", "c"))
st = os.stat(p)
print(st.st_size, os.path.getmtime(p) == st.st_mtime)
os.rename(p, p + ".bak")
print(os.path.exists(p), os.path.exists(p + ".bak"))
os.remove(p + ".bak")
with os.scandir(os.path.join(base, "a")) as it:
    print(sorted((e.name, e.is_dir()) for e in it))
os.environ["TAIPAN_TEST_VAR"] = "value"
print(os.environ["TAIPAN_TEST_VAR"], os.getenv("TAIPAN_TEST_VAR"), os.environb[b"TAIPAN_TEST_VAR"])
del os.environ["TAIPAN_TEST_VAR"]
print(os.getenv("TAIPAN_TEST_VAR", "gone"), "TAIPAN_TEST_VAR" in os.environ)
print(os.fsencode("abc"), os.fsdecode(b"abc"), os.sep, os.linesep == "\n", os.curdir, os.pardir)
print(os.SEEK_SET, os.SEEK_CUR, os.SEEK_END, os.name)
fd = os.open(os.path.join(base, "fd.bin"), os.O_RDWR | os.O_CREAT)
os.write(fd, b"abcdef")
os.lseek(fd, 0, os.SEEK_SET)
print(os.read(fd, 3))
os.close(fd)
for root, dirs, files in os.walk(base, topdown=False):
    for name in files:
        os.unlink(os.path.join(root, name))
    for name in dirs:
        os.rmdir(os.path.join(root, name))
os.rmdir(base)
print(os.path.exists(base))
