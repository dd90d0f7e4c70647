class P:
    def __repr__(self):
        return "P()"
print(P(), [P()])
