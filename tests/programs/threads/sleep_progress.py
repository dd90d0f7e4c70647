# A thread sleeping in time.sleep lets the main thread compute, and a
# non-daemon thread still running at exit is joined; a daemon one is not.
import threading, time, sys

ticks = []
def sleeper():
    for _ in range(3):
        time.sleep(0.01)
        ticks.append(1)
t = threading.Thread(target=sleeper)
t.start()
spins = 0
while t.is_alive():
    spins += 1
t.join()
print(len(ticks), spins > 0)

switches = []
def busy(tag):
    for i in range(200000):
        if i % 50000 == 0:
            switches.append(tag)
a = threading.Thread(target=busy, args=("a",))
b = threading.Thread(target=busy, args=("b",))
a.start(); b.start(); a.join(); b.join()
print(sorted(switches))
print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())

def forever():
    time.sleep(1000)
threading.Thread(target=forever, daemon=True).start()
def late():
    time.sleep(0.05)
    print("non-daemon thread finished")
threading.Thread(target=late).start()
print("main done")
