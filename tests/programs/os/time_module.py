# time: clocks, struct_time, gmtime/strftime/asctime (UTC, so the output is stable).
import time

t0, m0, p0 = time.time(), time.monotonic(), time.perf_counter()
time.sleep(0.01)
print(time.time() >= t0, time.monotonic() - m0 >= 0.009, time.perf_counter() > p0)
print(type(time.time_ns()).__name__, type(time.monotonic_ns()).__name__, time.process_time() >= 0)
print(abs(time.time_ns() / 1e9 - time.time()) < 1)
g = time.gmtime(1234567890)
print(g)
print(g.tm_year, g[0], g.tm_zone, g.tm_gmtoff, len(g), tuple(g))
print(type(g).__name__, type(g).__module__, type(g).n_fields, type(g).n_sequence_fields)
print(time.gmtime(0))
print(time.gmtime(-86400.5))
print(time.strftime("%Y-%m-%d %H:%M:%S %a %b %j %%", g))
print(time.asctime(g), "|", time.asctime((2000, 1, 1, 0, 0, 0, 5, 1, 0)))
lt = time.localtime(1234567890)
print(time.mktime(lt) == 1234567890.0, time.mktime(lt.__class__(tuple(lt))) == 1234567890.0)
print(time.ctime(0) == time.asctime(time.localtime(0)))
print(time.struct_time((2020, 5, 17, 1, 2, 3, 6, 138, 0)))
for bad in [(2020, 13, 1, 0, 0, 0, 0, 1, 0), (2020, 1, 1, 25, 0, 0, 0, 1, 0)]:
    try:
        time.strftime("%Y", bad)
    except ValueError as e:
        print("ValueError", e)
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError", e)
try:
    time.struct_time((1, 2))
except TypeError as e:
    print("TypeError", e)
info = time.get_clock_info("monotonic")
print(info.implementation, info.monotonic, info.adjustable, info.resolution > 0)
print(time.get_clock_info("time").adjustable)
print(isinstance(time.timezone, int), isinstance(time.tzname, tuple), time.daylight in (0, 1))
