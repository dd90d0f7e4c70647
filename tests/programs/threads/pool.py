# concurrent.futures.ThreadPoolExecutor: map, submit, exceptions.
from concurrent.futures import ThreadPoolExecutor, as_completed

def square(x):
    return x * x

with ThreadPoolExecutor(max_workers=4) as ex:
    print(list(ex.map(square, range(20))))
    futs = [ex.submit(square, i) for i in range(10)]
    print(sorted(f.result() for f in as_completed(futs)))
    f = ex.submit(lambda: 1 / 0)
    try:
        f.result()
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
print("pool shut down")
