# errno: constants and errorcode.
import errno

print(errno.ENOENT, errno.EEXIST, errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.EINTR, errno.EPIPE)
print(errno.errorcode[2], errno.errorcode[11], errno.errorcode[35], errno.errorcode[95], len(errno.errorcode))
print(sorted(n for n in dir(errno) if n.startswith("E"))[:10])
print(sum(1 for n in dir(errno) if n.startswith("E")))
print(all(errno.errorcode[getattr(errno, n)] in dir(errno) for n in dir(errno) if n.startswith("E")))
try:
    open("/nonexistent/dir/file")
except OSError as e:
    print(e.errno == errno.ENOENT, errno.errorcode[e.errno])
