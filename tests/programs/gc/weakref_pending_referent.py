# A weakref callback that dereferences another weakref whose referent is
# being freed in the same deallocation: the referent must never come back
# to life half-freed (Taipan defers nested frees; CPython frees at once).
import gc
import weakref


class O:
    pass


def trial():
    seen = []
    a, b = O(), O()
    rb = weakref.ref(b)
    ra = weakref.ref(a, lambda r: seen.append(rb()))
    box = [b, a]
    del a, b
    del box
    return seen, ra


for _ in range(3):
    seen, ra = trial()
    print(len(seen), ra() is None, all(x is None or isinstance(x, O) for x in seen))
    del seen
    gc.collect()
junk = [O() for _ in range(1000)]
print(len(junk))
