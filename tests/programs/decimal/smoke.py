# decimal (the pure-Python _pydecimal that decimal.py falls back to),
# fractions and statistics, which need _contextvars.
import decimal
import fractions
import statistics
from decimal import Decimal, localcontext, getcontext

print(Decimal("1.1") + Decimal("2.2"), Decimal("1.10") * 3, Decimal(1) / Decimal(7))
print(Decimal("3.14159").quantize(Decimal("0.01")), Decimal(2).sqrt(), Decimal("-0.0"))
print(repr(Decimal("12.5")), Decimal(0.1), Decimal("NaN").is_nan(), Decimal("1e3").to_integral())
print(getcontext().prec, getcontext().rounding)
with localcontext() as ctx:
    ctx.prec = 5
    print(Decimal(1) / Decimal(3), getcontext().prec)
    with localcontext() as inner:
        inner.rounding = decimal.ROUND_DOWN
        print(Decimal(2) / Decimal(3))
    print(Decimal(2) / Decimal(3))
print(Decimal(1) / Decimal(3), getcontext().prec)
try:
    Decimal(1) / Decimal(0)
except decimal.DivisionByZero as e:
    print("DivisionByZero", type(e).__mro__[1].__name__)
ctx = decimal.Context(prec=3, traps=[decimal.Inexact])
try:
    ctx.divide(Decimal(1), Decimal(3))
except decimal.Inexact:
    print("Inexact trapped")
print(sorted([Decimal("2.5"), Decimal("1"), Decimal("-3")]), sum([Decimal("0.1")] * 10))
print(hash(Decimal("1.5")) == hash(1.5), Decimal(5) == 5, Decimal("0.5") < 1)

F = fractions.Fraction
print(F(1, 3) + 1, F("3.1415"), F(0.5), F(1, 3) * F(3, 4), F(7, 2).limit_denominator(1))
print(F(2, 6), F(-1, 3) ** 2, float(F(1, 8)), round(F(7, 3)), F(1, 3) < 0.5)
print(F(Decimal("1.25")), hash(F(1, 2)) == hash(0.5), F(10, 4).as_integer_ratio())

print(statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]), statistics.median([4, 1, 3, 2]))
print(statistics.stdev([1, 2, 3, 4]), statistics.pstdev([1, 2, 3, 4]), statistics.variance([1, 2, 3, 4, 5]))
print(statistics.mode([1, 2, 2, 3]), statistics.multimode("aabbc"), statistics.fmean([1.5, 2.5]))
print(statistics.mean([F(1, 2), F(1, 3)]), statistics.mean([Decimal("1.5"), Decimal("2.5")]))
print(statistics.harmonic_mean([1, 2, 4]), statistics.geometric_mean([1, 10, 100]))
print(statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]), statistics.quantiles(range(1, 11), n=4))
try:
    statistics.mean([])
except statistics.StatisticsError as e:
    print("StatisticsError:", e)
