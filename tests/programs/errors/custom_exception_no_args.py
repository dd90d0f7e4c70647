class Boom(Exception):
    pass
raise Boom
