class AppError(Exception):
    pass
class DatabaseError(AppError):
    pass
def query():
    raise DatabaseError("connection refused")
try:
    query()
except KeyError:
    print("wrong handler")
