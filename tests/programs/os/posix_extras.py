# posix functions beyond the basics: vectored and positioned I/O,
# in-kernel copies, statvfs, pathconf/confstr, eventfd, memfd, device
# numbers, times, ids; results printed as relations, not machine facts.
import os
import tempfile


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", r)


with tempfile.TemporaryDirectory() as top:
    path = os.path.join(top, "data")
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    print("writev", os.writev(fd, [b"abc", bytearray(b"def"), memoryview(b"ghi")]))
    print("pread", os.pread(fd, 4, 2), os.lseek(fd, 0, os.SEEK_CUR))
    print("pwrite", os.pwrite(fd, b"XY", 1), os.pread(fd, 9, 0))
    os.lseek(fd, 0, os.SEEK_SET)
    bufs = [bytearray(2), bytearray(4), bytearray(10)]
    print("readv", os.readv(fd, bufs), bufs)
    os.fdatasync(fd)
    os.fsync(fd)
    os.posix_fallocate(fd, 0, 100)
    print("fallocate size", os.fstat(fd).st_size)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
    os.lockf(fd, os.F_TLOCK, 0)
    os.lockf(fd, os.F_ULOCK, 0)
    os.truncate(path, 9)
    out = os.open(os.path.join(top, "copy"), os.O_RDWR | os.O_CREAT)
    print("sendfile", os.sendfile(out, fd, 0, 4), os.sendfile(out, fd, None, 3))
    print("copy_file_range", os.copy_file_range(fd, out, 2, 7, 7))
    os.lseek(out, 0, os.SEEK_SET)
    print("copied", os.read(out, 100))
    r, w = os.pipe()
    os.write(w, b"spliced")
    print("splice", os.splice(r, out, 7, offset_dst=0))
    print("after splice", os.pread(out, 100, 0))
    for x in (r, w, out):
        os.close(x)
    show("pread negative", lambda: os.pread(fd, -1, 0))
    show("pwrite str", lambda: os.pwrite(fd, "x", 0))
    show("readv bytes", lambda: os.readv(fd, [b"xx"]))
    show("sendfile kw", lambda: os.sendfile(out_fd=fd, in_fd=fd, offset=None, count=0) >= 0)
    show("fadvise bad fd", lambda: os.posix_fadvise(9999, 0, 0, 0))
    os.close(fd)

    sv = os.statvfs(top)
    print("statvfs", type(sv).__name__, len(sv), sv.f_bsize > 0, sv.f_namemax >= 255, sv.f_fsid == os.statvfs(top).f_fsid)
    d = os.open(top, os.O_RDONLY)
    print("statvfs(fd) same", os.statvfs(d).f_blocks == sv.f_blocks, os.fstatvfs(d).f_bsize == sv.f_bsize)
    print("pathconf", os.pathconf(top, "PC_NAME_MAX") == os.fpathconf(d, os.pathconf_names["PC_NAME_MAX"]))
    print("pathconf fd", os.pathconf(d, "PC_PATH_MAX") > 0)
    os.close(d)
    show("pathconf bad name", lambda: os.pathconf(top, "PC_NOPE"))
    show("pathconf bad kind", lambda: os.pathconf(top, 1.5))
    show("pathconf missing", lambda: os.pathconf("/nonexistent-taipan-dir/x", "PC_NAME_MAX"))
    print("confstr", os.confstr("CS_PATH").startswith("/"), isinstance(os.confstr_names, dict))
    print("statvfs_result", os.statvfs_result.__module__, os.statvfs_result.n_fields,
          os.statvfs_result.n_sequence_fields)

    os.mknod(os.path.join(top, "fifo2"), 0o600 | 0o010000)
    print("mknod fifo", sorted(os.listdir(top)))

efd = os.eventfd(3)
os.eventfd_write(efd, 4)
print("eventfd", os.eventfd_read(efd), os.get_inheritable(efd))
os.close(efd)
efd = os.eventfd(0, os.EFD_NONBLOCK | os.EFD_CLOEXEC)
show("eventfd empty", lambda: os.eventfd_read(efd))
os.close(efd)
m = os.memfd_create("taipan-test")
os.write(m, b"memory")
print("memfd", os.pread(m, 6, 0), os.get_inheritable(m))
os.close(m)

dev = os.makedev(8, 17)
print("makedev", os.major(dev), os.minor(dev), os.makedev(os.major(dev), os.minor(dev)) == dev)
show("major negative", lambda: os.major(-1))
show("makedev float", lambda: os.makedev(1.5, 2))
print("getrandom", len(os.getrandom(16)), len(os.getrandom(5, os.GRND_NONBLOCK)))
show("getrandom negative", lambda: os.getrandom(-1))

t = os.times()
print("times", type(t).__name__, len(t), t.user >= 0, t.elapsed > 0, os.times_result.__module__)
print("getloadavg", len(os.getloadavg()))
print("ids", os.getresuid()[0] == os.getuid(), os.getresgid()[0] == os.getgid())
print("groups", all(isinstance(g, int) for g in os.getgroups()))
print("priority", os.getpriority(os.PRIO_PROCESS, 0) == os.nice(0))
os.sched_yield()
os.sync()
print("ctermid", isinstance(os.ctermid(), str))
os.setuid(os.getuid())
os.setgid(os.getgid())
os.seteuid(os.geteuid())
os.setegid(os.getegid())
os.setreuid(-1, -1)
os.setregid(-1, -1)
show("setuid float", lambda: os.setuid(1.5))
print("constants", os.GRND_RANDOM, os.MFD_CLOEXEC, os.EFD_SEMAPHORE, os.XATTR_CREATE, os.SPLICE_F_MOVE)

pid = os.fork()
if pid == 0:
    os._exit(3)
rpid, status, ru = os.wait4(pid, 0)
print("wait4", rpid == pid, os.waitstatus_to_exitcode(status), type(ru).__name__, ru.ru_utime >= 0)
pid = os.fork()
if pid == 0:
    os._exit(4)
res = os.waitid(os.P_PID, pid, os.WEXITED)
print("waitid", type(res).__name__, res.si_pid == pid, res.si_status, res.si_code == os.CLD_EXITED)
pid = os.fork()
if pid == 0:
    os._exit(5)
rpid, status, ru = os.wait3(0)
print("wait3", rpid == pid, os.waitstatus_to_exitcode(status))
