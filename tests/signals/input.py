print("ready", flush=True)
line = input()
print("read", line)
