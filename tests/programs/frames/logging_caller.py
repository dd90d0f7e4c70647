# logging finds the caller's function, line and module through frames.
import io
import logging

stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(levelname)s %(funcName)s %(lineno)d %(module)s %(message)s"))
log = logging.getLogger("frames-test")
log.addHandler(handler)
log.propagate = False
log.setLevel(logging.DEBUG)


def work(n):
    log.info("working on %d", n)
    if n > 1:
        work(n - 1)


class Service:
    def run(self):
        log.warning("service running")
        try:
            1 / 0
        except ZeroDivisionError:
            log.error("failed")


work(3)
Service().run()
log.error("top level")
logging.getLogger("frames-test").debug("stacklevel %s", 2, stacklevel=2)


def helper(msg):
    log.info(msg, stacklevel=2)


def user():
    helper("attributed to user")


user()
out = stream.getvalue()
for line in out.splitlines():
    if line.startswith("  File"):
        line = line.split(",", 1)[1]
    print(line)

root_stream = io.StringIO()
root_handler = logging.StreamHandler(root_stream)
root_handler.setFormatter(logging.Formatter("%(funcName)s:%(lineno)d:%(message)s"))
logging.getLogger().addHandler(root_handler)


def via_module_function():
    logging.warning("module-level warning")


via_module_function()
print(root_stream.getvalue(), end="")
