class Card:
    def __init__(self, rank, suit):
        self.rank, self.suit = rank, suit
    def __eq__(self, o):
        return (self.rank, self.suit) == (o.rank, o.suit)
    def __hash__(self):
        return hash((self.rank, self.suit))
    def __lt__(self, o):
        return (self.rank, self.suit) < (o.rank, o.suit)
    def __repr__(self):
        return f"{self.rank}{self.suit}"
hand = [Card(10, "h"), Card(2, "s"), Card(10, "c"), Card(2, "s")]
print(sorted(hand), len(set(hand)), hand.count(Card(2, "s")), hand.index(Card(10, "c")))
print(Card(2, "s") in hand, {Card(1, "x"): "ace"}[Card(1, "x")], max(hand), min(hand))
d = {}
for c in hand:
    d[c] = d.get(c, 0) + 1
print(sorted(d.items()))
hand.remove(Card(2, "s"))
print(hand)
