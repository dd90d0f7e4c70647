"""Method dispatch: instance, class and static methods, properties and super() calls."""


class Shape:
    def __init__(self, size):
        self.size = size

    def area(self):
        return self.size * self.size

    def scaled(self, k):
        return self.area() * k

    @property
    def double(self):
        return self.size * 2

    @staticmethod
    def unit():
        return 1

    @classmethod
    def kind(cls):
        return len(cls.__name__)


class Circle(Shape):
    def area(self):
        return 3 * super().area()


def run(n):
    shapes = [Shape(i % 10) if i % 3 else Circle(i % 10) for i in range(100)]
    total = 0
    for _ in range(n):
        for s in shapes:
            total += s.scaled(2) + s.double + s.unit() + s.kind()
    return total


print(run(18_000))
