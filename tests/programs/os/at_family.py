# The *at() family: dir_fd, follow_symlinks and descriptors as paths.
import os
import stat
import tempfile

with tempfile.TemporaryDirectory() as top:
    d = os.open(top, os.O_RDONLY)
    try:
        os.mkdir("sub", dir_fd=d)
        os.mkfifo("fifo", dir_fd=d)
        fd = os.open("sub/f", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=d)
        os.write(fd, b"hello")
        os.close(fd)
        os.symlink("sub/f", "link", dir_fd=d)
        os.link("sub/f", "hard", src_dir_fd=d, dst_dir_fd=d)
        print("listdir(fd)", sorted(os.listdir(d)))
        print("listdir(fd) again", sorted(os.listdir(d)))
        print("readlink", os.readlink("link", dir_fd=d))
        st = os.stat("link", dir_fd=d)
        lst = os.stat("link", dir_fd=d, follow_symlinks=False)
        print("stat follows", stat.S_ISREG(st.st_mode), st.st_size)
        print("lstat", stat.S_ISLNK(lst.st_mode), stat.S_ISLNK(os.lstat("link", dir_fd=d).st_mode))
        print("fifo", stat.S_ISFIFO(os.stat("fifo", dir_fd=d).st_mode))
        print("nlink", os.stat("hard", dir_fd=d).st_nlink)
        print("access", os.access("sub/f", os.R_OK, dir_fd=d), os.access("nope", os.F_OK, dir_fd=d))
        print("access eff", os.access("link", os.F_OK, dir_fd=d, effective_ids=True, follow_symlinks=False))
        os.chmod("sub/f", 0o600, dir_fd=d)
        print("chmod", oct(stat.S_IMODE(os.stat("sub/f", dir_fd=d).st_mode)))
        os.utime("sub/f", ns=(1_000_000_001, 2_000_000_002), dir_fd=d)
        st = os.stat("sub/f", dir_fd=d)
        print("utime ns", st.st_atime_ns, st.st_mtime_ns)
        os.utime("link", ns=(5_000_000_000, 6_000_000_000), dir_fd=d, follow_symlinks=False)
        print("utime nofollow", os.stat("link", dir_fd=d, follow_symlinks=False).st_mtime_ns,
              os.stat("sub/f", dir_fd=d).st_mtime_ns)
        os.rename("hard", "hard2", src_dir_fd=d, dst_dir_fd=d)
        os.replace("hard2", "hard3", src_dir_fd=d, dst_dir_fd=d)
        os.unlink("hard3", dir_fd=d)
        os.unlink("fifo", dir_fd=d)
        os.unlink("link", dir_fd=d)
        print("after removals", sorted(os.listdir(d)))
        f = os.open("sub/f", os.O_RDWR, dir_fd=d)
        print("fstat via stat(fd)", os.stat(f).st_size)
        os.truncate(f, 2)
        os.utime(f, ns=(7_000_000_000, 8_000_000_000))
        print("futimens", os.stat(f).st_mtime_ns, os.stat(f).st_size)
        os.chmod(f, 0o640)
        print("fchmod", oct(stat.S_IMODE(os.fstat(f).st_mode)))
        os.close(f)
        sub = os.open("sub", os.O_RDONLY, dir_fd=d)
        print("scandir(fd)", [(e.name, e.path, e.is_file(), e.is_dir()) for e in os.scandir(sub)])
        with os.scandir(sub) as it:
            e = next(it)
            print("entry stat", e.stat().st_size, e.stat(follow_symlinks=False).st_size, e.is_symlink())
        os.close(sub)
        os.unlink("sub/f", dir_fd=d)
        os.rmdir("sub", dir_fd=d)
        print("empty", os.listdir(d))
        cwd = os.getcwd()
        os.chdir(d)
        print("fchdir", os.path.samefile(os.getcwd(), top))
        os.chdir(cwd)
    finally:
        os.close(d)

    # os.fwalk and the safe shutil.rmtree
    import shutil
    os.makedirs(os.path.join(top, "a", "b", "c"))
    open(os.path.join(top, "a", "b", "file"), "w").close()
    os.symlink(top, os.path.join(top, "a", "b", "c", "loop"))
    for root, dirs, files, rootfd in os.fwalk(os.path.join(top, "a")):
        print("fwalk", os.path.relpath(root, top), sorted(dirs), sorted(files), isinstance(rootfd, int))
    print("rmtree safe", shutil.rmtree.avoids_symlink_attacks)
    shutil.rmtree(os.path.join(top, "a"))
    print("gone", os.listdir(top))

for name in ("supports_dir_fd", "supports_fd", "supports_effective_ids", "supports_follow_symlinks"):
    print(name, sorted(f.__name__ for f in getattr(os, name)))
