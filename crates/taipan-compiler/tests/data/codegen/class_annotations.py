class C:
    x: int
    y: str = 's'
