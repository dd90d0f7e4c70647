graph = {
    "a": ["b", "c"],
    "b": ["d"],
    "c": ["d", "e"],
    "d": ["f"],
    "e": ["f"],
    "f": [],
    "g": ["a"],
}
def bfs(start, goal):
    frontier = [[start]]
    seen = {start}
    while frontier:
        path = frontier.pop(0)
        if path[-1] == goal:
            return path
        for n in graph[path[-1]]:
            if n not in seen:
                seen.add(n)
                frontier.append(path + [n])
    return None
def dfs_order(start):
    out, stack, seen = [], [start], set()
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        out.append(n)
        stack.extend(reversed(graph[n]))
    return out
def topo():
    order, state = [], {}
    def visit(n):
        if state.get(n) == "done":
            return
        state[n] = "visiting"
        for m in graph[n]:
            visit(m)
        state[n] = "done"
        order.append(n)
    for n in graph:
        visit(n)
    return order[::-1]
print(bfs("a", "f"), bfs("f", "a"), dfs_order("g"), topo())
