from withall import *
print(sorted(k for k in globals() if not k.startswith('__')))
from noall import *
print(sorted(k for k in globals() if not k.startswith('__')))
from starpkg import *
print(sorted(k for k in globals() if not k.startswith('__')))
try:
    from badall import *
except TypeError as e:
    print('TypeError', e)
