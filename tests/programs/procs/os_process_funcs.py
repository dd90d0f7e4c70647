# Argument checking and results of the process-related os functions.
import os

def attempt(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__, e)

attempt(os.register_at_fork)
attempt(os.register_at_fork, before=1)
attempt(os.register_at_fork, lambda: 0)
attempt(os.register_at_fork, after_in_child=None)
attempt(os.waitstatus_to_exitcode, 0x7f)
attempt(os.waitstatus_to_exitcode, -1)
attempt(os.waitstatus_to_exitcode, status=3 << 8)
attempt(os.waitstatus_to_exitcode, 9)
for name in ['WIFEXITED', 'WEXITSTATUS', 'WIFSIGNALED', 'WTERMSIG', 'WIFSTOPPED',
             'WSTOPSIG', 'WIFCONTINUED', 'WCOREDUMP']:
    f = getattr(os, name)
    print(name, [f(s) for s in (0, 5 << 8, 9, 0x8b, 0x137f, 0xffff)])
    attempt(f, status=0)
attempt(os.sysconf, 'SC_NO_SUCH')
attempt(os.sysconf, 1.0)
print(os.sysconf('SC_PAGESIZE') == os.sysconf(os.sysconf_names['SC_PAGE_SIZE']))
print(os.sysconf('SC_NPROCESSORS_CONF') >= 1, os.sysconf('SC_SEM_NSEMS_MAX'))
print(sorted(k for k in os.sysconf_names if 'NPROC' in k))
print(os.cpu_count() >= 1, len(os.sched_getaffinity(0)) >= 1)
attempt(os.execv, '/nonexistent', [])
attempt(os.execv, '/nonexistent', [''])
attempt(os.execv, '/nonexistent', 'ab')
attempt(os.execv, '/nonexistent', ['x'])
attempt(os.execve, '/nonexistent', ['x'], 1)
attempt(os.execve, '/nonexistent', ['x'], {})

r, w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
print('pipe2:', os.get_blocking(r), os.get_inheritable(r))
attempt(os.read, r, 10)
os.set_blocking(r, True)
print('set_blocking:', os.get_blocking(r))
d = os.dup2(w, 100)
print('dup2:', d, os.get_inheritable(d))
d = os.dup2(w, 101, inheritable=False)
print('dup2 non-inheritable:', d, os.get_inheritable(d))
os.write(101, b'xy')
print(os.read(r, 10))
os.closerange(100, 102)
attempt(os.fstat, 100)
attempt(os.fstat, 101)
attempt(os.dup2, 1000, 1001)
os.close(r)
os.close(w)
print(os.getpgid(0) == os.getpgrp(), os.getsid(0) == os.getsid(os.getpid()), os.getppid() > 0)
attempt(os.getpgid, -5)
