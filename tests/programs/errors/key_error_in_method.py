class Registry:
    def __init__(self):
        self.items = {"a": 1}
    def get(self, name):
        return self.items[name]
r = Registry()
print(r.get("a"))
print(r.get("zzz"))
