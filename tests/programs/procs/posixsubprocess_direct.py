# _posixsubprocess.fork_exec called directly: output through a pipe, the
# error report format for exec and chdir failures and for preexec_fn.
import os
import _posixsubprocess

def read_all(fd):
    data = b''
    while True:
        chunk = os.read(fd, 1000)
        if not chunk:
            return data
        data += chunk

def run(args, exes, cwd=None, env=None, preexec=None, close_fds=True):
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = _posixsubprocess.fork_exec(
        args, exes, close_fds, (err_w,), cwd, env,
        -1, -1, out_r, out_w, -1, -1, err_r, err_w,
        True, False, -1, None, None, None, -1, preexec, True)
    os.close(out_w)
    os.close(err_w)
    report = read_all(err_r)
    out = read_all(out_r)
    os.close(out_r)
    os.close(err_r)
    status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    print(report, out, status)

run([b'echo', b'hello', 'str arg'], [b'/bin/echo'])
run([b'sh', b'-c', b'echo $GREETING; pwd'], [b'/bin/sh'], cwd='/', env=[b'GREETING=hi'])
run([b'nope'], [b'/nonexistent/nope'])
run([b'nope'], [b'/nonexistent/a', b'/nonexistent/b'])
run([b'true'], [b'/bin/true'], cwd=b'/nonexistent-dir')
run([b'true'], [b'/bin/true'], preexec=lambda: 1 / 0)
run([b'sh', b'-c', b'echo $0'], [b'/bin/sh'], preexec=lambda: os.write(1, b'pre '))
run([b'sh', b'-c', b'ls /proc/self/fd | wc -l'], [b'/bin/sh'])

def attempt(*args):
    try:
        _posixsubprocess.fork_exec(*args)
    except Exception as e:
        print(type(e).__name__, e)

attempt()
base = [[b'true'], [b'/bin/true'], True, (), None, None, -1, -1, -1, -1, -1, -1, -1, 1,
        True, False, -1, None, None, None, -1, None, True]
attempt(*base)
bad = list(base); bad[13] = 10; bad[3] = [10]
attempt(*bad)
bad[3] = (10, 5)
attempt(*bad)
bad[3] = (-1,)
attempt(*bad)
bad[3] = ('a',)
attempt(*bad)
