def f(a: int, b: 'str' = 'x', *c: float, d: list, **e: dict) -> bool:
    pass
