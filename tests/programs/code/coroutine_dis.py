# types.coroutine (code.replace underneath) and dis on Taipan's code objects.
import dis
import types


@types.coroutine
def ticks(n):
    for i in range(n):
        yield i
    return "done"


async def user():
    r = await ticks(3)
    return r


co = user()
print(ticks.__code__.co_flags & 0x100 != 0)
try:
    while True:
        print("yielded", co.send(None))
except StopIteration as e:
    print("returned", e.value)


def h(a, b):
    c = a + b
    if c > 3:
        return c * 2
    try:
        return a // b
    except ZeroDivisionError:
        return None


dis.dis(h)
for i in dis.get_instructions(h):
    print(i.opname, i.opcode, i.arg, repr(i.argval), i.argrepr, i.offset, i.starts_line, i.is_jump_target, i.positions)
print(dis.code_info(h).split("\n")[2:])
bc = dis.Bytecode(h)
print(bc.first_line, [x.opname for x in bc][:5])
print(list(dis.findlinestarts(h.__code__)))
