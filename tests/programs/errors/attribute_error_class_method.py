class Service:
    def start(self):
        return "started"
s = Service()
print(s.start())
s.stop()
