log = []
def g():
    try:
        yield 1
        yield 2
    finally:
        log.append("gen finally")
def consume():
    for v in g():
        if v == 1:
            raise ValueError("stop consuming")
try:
    consume()
except ValueError as e:
    log.append("caught " + str(e))
print(log)
def h():
    try:
        yield 1
    except ValueError:
        log.append("h caught")
        yield "recovered"
it = h()
next(it)
print(it.throw(ValueError()), log[-1])
