# asyncio.run with tasks, gather, sleep, queues and cancellation; the sys
# hooks the event loop saves and restores around run_forever.
import asyncio
import sys


async def double(x):
    await asyncio.sleep(0.001 * (5 - x))
    return x * 2


async def producer(q):
    for i in range(3):
        await q.put(i)
    await q.put(None)


async def consumer(q, out):
    while (item := await q.get()) is not None:
        out.append(item)


async def main():
    print(await asyncio.gather(*(double(i) for i in range(5))))
    q, out = asyncio.Queue(), []
    await asyncio.gather(producer(q), consumer(q, out))
    print(out)
    task = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print('cancelled', task.cancelled())
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.01)
    except asyncio.TimeoutError:
        print('timed out')
    hooks = sys.get_asyncgen_hooks()
    print(type(hooks).__name__, callable(hooks.firstiter), callable(hooks[1]))
    return 'done'


print(asyncio.run(main()))
print(sys.get_asyncgen_hooks())
print(sys.is_finalizing(), sys.get_coroutine_origin_tracking_depth())
for bad in [dict(firstiter=1), dict(finalizer='x')]:
    try:
        sys.set_asyncgen_hooks(**bad)
    except TypeError as e:
        print('TypeError', e)
try:
    sys.set_coroutine_origin_tracking_depth(-1)
except ValueError as e:
    print('ValueError', e)
sys.set_asyncgen_hooks(firstiter=print)
print(sys.get_asyncgen_hooks().firstiter is print, sys.get_asyncgen_hooks().finalizer)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())
