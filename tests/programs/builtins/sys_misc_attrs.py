# sys attributes the standard library's sysconfig and doctest need.
import sys

print(repr(sys.abiflags), sys.gettrace())
print(sys.settrace(None), sys.gettrace())
print(float.__getformat__('double'), float.__getformat__('float'))
for bad in ('x', 1):
    try:
        float.__getformat__(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
import sysconfig
print(type(sysconfig.get_config_var('CFLAGS')).__name__)
