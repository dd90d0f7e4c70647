"""Exceptions raised and caught in a loop, including custom classes and finally."""


class Odd(Exception):
    def __init__(self, value):
        super().__init__(value)
        self.value = value


def check(i):
    if i % 2:
        raise Odd(i)
    return i


def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        return -1
    finally:
        pass


def run(n):
    caught = total = 0
    for i in range(n):
        try:
            total += check(i)
        except Odd as e:
            caught += 1
            total -= e.value
    d = {i: i for i in range(0, 1000, 3)}
    misses = sum(1 for i in range(n) if lookup(d, i % 1000) < 0)
    zero = 0
    for i in range(n // 4):
        try:
            zero += 1 // (i % 5)
        except ZeroDivisionError:
            zero -= 1
    return caught, total, misses, zero


print(run(1_000_000))
