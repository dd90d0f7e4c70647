"""Object and attribute heavy: a small scheduler of task objects passing packets."""


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * 4

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class Task:
    def __init__(self, scheduler, ident, priority):
        self.scheduler = scheduler
        self.ident = ident
        self.priority = priority
        self.queue = None
        self.count = 0

    def receive(self, packet):
        self.queue = packet.append_to(self.queue)

    def take(self):
        p = self.queue
        if p is not None:
            self.queue = p.link
        return p

    def run(self):
        p = self.take()
        if p is None:
            return 0
        self.count += 1
        p.datum = (p.datum + self.ident * 7 + self.count) % 1009
        for i in range(4):
            p.data[i] = (p.data[i] + p.datum + i) % 251
        target = self.scheduler.tasks[(self.ident + p.datum) % len(self.scheduler.tasks)]
        target.receive(p)
        return p.datum


class Scheduler:
    def __init__(self, n_tasks, n_packets):
        self.tasks = [Task(self, i, i % 3) for i in range(n_tasks)]
        for k in range(n_packets):
            self.tasks[k % n_tasks].receive(Packet(None, k, k % 2))

    def schedule(self, rounds):
        total = 0
        for _ in range(rounds):
            for task in self.tasks:
                total += task.run()
        return total


s = Scheduler(10, 40)
total = s.schedule(120_000)
print(total, [t.count for t in s.tasks])
