# "coroutine ... was never awaited" RuntimeWarning when an unstarted
# coroutine is freed; started or closed ones stay quiet.
import gc
import warnings


async def job(x):
    return x


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    c = job(1)
    del c
    c = job(2)
    try:
        c.send(None)
    except StopIteration as e:
        print("finished with", e.value)
    del c
    c = job(3)
    c.close()
    del c
    gc.collect()
for w in caught:
    print(w.category.__name__, w.message)

with warnings.catch_warnings():
    warnings.simplefilter("error")
    c = job(4)
    del c
    print("error filter: warning reported as unraisable, not raised")
