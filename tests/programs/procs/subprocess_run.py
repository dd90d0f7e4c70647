# subprocess on POSIX (fork_exec): run, check_output, Popen with pipes,
# return codes, missing programs, env=, cwd=, shell=True, preexec_fn.
# sys.executable differs between interpreters: only the child's output is printed.
import os
import subprocess
import sys

r = subprocess.run([sys.executable, '-c', 'import sys; print("hello"); sys.stderr.write("err\\n")'],
                   capture_output=True)
print(r.returncode, r.stdout, r.stderr)
print(subprocess.check_output([sys.executable, '-c', 'print(6 * 7)']))
print(subprocess.check_output([sys.executable, '-c', 'print("text")'], text=True), end='')

p = subprocess.Popen([sys.executable, '-c', 'import sys; print(sys.stdin.read().upper())'],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, err = p.communicate(b'abc')
print(out, err, p.returncode)

print(subprocess.call([sys.executable, '-c', 'raise SystemExit(3)']))
try:
    subprocess.check_call([sys.executable, '-c', 'import sys; sys.exit(2)'])
except subprocess.CalledProcessError as e:
    print('CalledProcessError', e.returncode)
for prog in ['/nonexistent/prog', 'no-such-program-xyz']:
    try:
        subprocess.run([prog])
    except FileNotFoundError as e:
        print('FileNotFoundError', e)
try:
    subprocess.run(['/etc/passwd'])
except PermissionError as e:
    print('PermissionError', e)

env = {'GREETING': 'from env', 'PATH': os.environ.get('PATH', '/bin:/usr/bin')}
print(subprocess.run('echo $GREETING', shell=True, capture_output=True, env=env).stdout)
print(subprocess.run(['pwd'], capture_output=True, cwd='/').stdout)
try:
    subprocess.run(['pwd'], cwd='/nonexistent-dir')
except FileNotFoundError as e:
    print('FileNotFoundError', e)
print(repr(subprocess.getoutput('echo a; echo b')))
print(subprocess.getstatusoutput('exit 4'))
print(subprocess.run(['cat'], input=b'via stdin', capture_output=True).stdout)
print(subprocess.run(['sh', '-c', 'echo out; echo err >&2'], stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT).stdout)
print(subprocess.run(['echo', 'quiet'], stdout=subprocess.DEVNULL).stdout)

p = subprocess.Popen(['sleep', '5'])
p.kill()
print('killed:', p.wait())
p = subprocess.Popen(['sleep', '5'])
p.terminate()
print('terminated:', p.wait(), p.returncode)
try:
    subprocess.run(['true'], preexec_fn=lambda: 1 / 0)
except subprocess.SubprocessError as e:
    print(type(e).__name__, e)
print(subprocess.run(['sh', '-c', 'echo $0'], preexec_fn=lambda: None, capture_output=True).stdout)

with subprocess.Popen(['sh', '-c', 'read x; echo got $x'], stdin=subprocess.PIPE,
                      stdout=subprocess.PIPE, text=True) as p:
    p.stdin.write('line\n')
    p.stdin.close()
    print(p.stdout.read(), end='')
print('with returncode:', p.returncode)
r, w = os.pipe()
subprocess.run(['sh', '-c', 'echo passed >&%d' % w], pass_fds=(w,))
os.close(w)
print(os.read(r, 100))
os.close(r)
