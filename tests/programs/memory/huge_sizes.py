# Sizes no machine can hold raise MemoryError/OverflowError at once, as in
# CPython, instead of aborting the process or paging memory in until killed.
cases = ["[1]*(2**63)", "(1,)*(2**63)", "b'a'*(2**63)", "bytearray(b'a')*(2**63)", "[1]*(-2**63-1)", "'a'*(2**63)",
         "'a'*(2**62)", "b'a'*(2**62)", "(1,)*(2**61)", "[1]*(2**61)", "bytearray(2**62)", "bytes(2**62)",
         "list(range(2**60))", "'a'*(-5)", "[1]*True", "'ab'*3", "'ab'*2.0", "[1]*'a'"]
for e in cases:
    try:
        r = eval(e)
        print(e, len(r))
    except Exception as x:
        print(e, repr(x))
x = bytearray(b'ab')
try:
    x *= 2**62
except MemoryError as m:
    print('imul', repr(m), x)
y = [1, 2]
try:
    y *= 2**62
except MemoryError as m:
    print('limul', repr(m), y)
