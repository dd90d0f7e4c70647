try:
    raise ValueError
except ValueError as e:
    print(repr(e))
try:
    raise ValueError("msg")
except ValueError as e:
    print(repr(e))
try:
    raise 5
except TypeError as e:
    print("TypeError:", e)
try:
    raise object
except TypeError as e:
    print("TypeError:", e)
class NotExc:
    pass
try:
    raise NotExc()
except TypeError as e:
    print("TypeError:", e)
e = KeyError("reused")
for _ in range(2):
    try:
        raise e
    except KeyError as caught:
        print(caught is e)
def make():
    return IndexError("made")
try:
    raise make()
except IndexError as e:
    print(repr(e))
