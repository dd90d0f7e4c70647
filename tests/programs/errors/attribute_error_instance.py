class Widget:
    def __init__(self):
        self.size = 1
w = Widget()
print(w.size)
print(w.colour)
