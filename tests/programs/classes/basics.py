class Point:
    """A point."""
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
p = Point(3, 4)
print(p.x, p.y, p.norm2(), p.moved(1, 1).x, Point.dims, p.dims, Point.__doc__, Point.__name__)
print(type(p).__name__, type(p) is Point, isinstance(p, Point), isinstance(p, object))
p.z = 5
print(sorted(vars(p).items()), p.__dict__ == {"x": 3, "y": 4, "z": 5})
m = p.norm2
print(m(), m.__self__ is p, m.__func__ is Point.norm2, Point.norm2(p))
print(Point.__module__, Point.__qualname__)
