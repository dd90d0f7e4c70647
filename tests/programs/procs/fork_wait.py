# os.fork, pipes, waitpid and the wait-status helpers; register_at_fork order.
import os
import signal

order = []
os.register_at_fork(before=lambda: order.append('before1'),
                    after_in_parent=lambda: order.append('parent1'),
                    after_in_child=lambda: order.append('child1'))
os.register_at_fork(before=lambda: order.append('before2'),
                    after_in_parent=lambda: order.append('parent2'),
                    after_in_child=lambda: order.append('child2'))

r, w = os.pipe()
print('pipe inheritable:', os.get_inheritable(r), os.get_inheritable(w))
print('pipe blocking:', os.get_blocking(r))
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, ','.join(order).encode())
    os._exit(7)
os.close(w)
chunks = []
while True:
    chunk = os.read(r, 64)
    if not chunk:
        break
    chunks.append(chunk)
os.close(r)
print('child saw:', b''.join(chunks).decode())
print('parent saw:', ','.join(order))
got, status = os.waitpid(pid, 0)
print('same pid:', got == pid)
print('exited:', os.WIFEXITED(status), os.WEXITSTATUS(status), os.WIFSIGNALED(status))
print('exit code:', os.waitstatus_to_exitcode(status))

# A child killed by a signal.
pid = os.fork()
if pid == 0:
    while True:
        signal.pause()
os.kill(pid, signal.SIGKILL)
got, status = os.wait()
print('signaled:', os.WIFSIGNALED(status), os.WTERMSIG(status) == signal.SIGKILL)
print('exit code:', os.waitstatus_to_exitcode(status))

# No children left.
try:
    os.waitpid(-1, 0)
except ChildProcessError as e:
    print('ChildProcessError', e.errno)

# WNOHANG on a running child, then reaping it.
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(w)
    os.read(r, 1)
    os._exit(0)
os.close(r)
print('nohang:', os.waitpid(pid, os.WNOHANG))
os.close(w)
print('reaped:', os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

# A child that aborts.
pid = os.fork()
if pid == 0:
    os.abort()
print('aborted:', os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == -signal.SIGABRT)
