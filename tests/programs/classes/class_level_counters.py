class Widget:
    instances = 0
    registry = {}
    def __init__(self, name):
        Widget.instances += 1
        self.id = Widget.instances
        Widget.registry[name] = self
    @classmethod
    def count(cls):
        return cls.instances
    @classmethod
    def names(cls):
        return sorted(cls.registry)
class Button(Widget):
    pass
for n in ["ok", "cancel"]:
    Button(n)
Widget("frame")
print(Widget.count(), Button.count(), Widget.names(), Button.registry["ok"].id)
Button.instances = 100
print(Widget.instances, Button.instances, Button.count())
