assert True
assert 1 == 1, "not shown"
try:
    assert False
except AssertionError as e:
    print("AssertionError", repr(e), e.args)
try:
    assert 1 > 2, "one is not greater"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert [], ["list", "message"]
except AssertionError as e:
    print("AssertionError:", e.args)
def check(x):
    assert isinstance(x, int), f"expected int, got {type(x).__name__}"
    return x
print(check(5))
try:
    check("s")
except AssertionError as e:
    print("AssertionError:", e)
