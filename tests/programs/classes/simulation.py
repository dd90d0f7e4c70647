class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amt):
        if amt <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amt
        self.history.append(("dep", amt))
    def withdraw(self, amt):
        if amt > self.balance:
            raise ValueError(f"insufficient funds: {self.balance} < {amt}")
        self.balance -= amt
        self.history.append(("wd", amt))
class Bank:
    def __init__(self):
        self.accounts = {}
    def open(self, owner, initial=0):
        acct = Account(owner, initial)
        self.accounts[owner] = acct
        return acct
    def transfer(self, a, b, amt):
        self.accounts[a].withdraw(amt)
        self.accounts[b].deposit(amt)
    def total(self):
        return sum(a.balance for a in self.accounts.values())
bank = Bank()
bank.open("ann", 100)
bank.open("bob", 50)
for a, b, amt in [("ann", "bob", 30), ("bob", "ann", 100), ("bob", "ann", 80), ("ann", "bob", 0)]:
    try:
        bank.transfer(a, b, amt)
        print("ok", a, b, amt)
    except ValueError as e:
        print("failed:", e)
for name, acct in bank.accounts.items():
    print(name, acct.balance, acct.history)
print("total", bank.total())
