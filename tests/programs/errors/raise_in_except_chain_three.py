try:
    try:
        [][0]
    except IndexError as e:
        raise KeyError("second") from e
except KeyError as e:
    raise TypeError("third") from e
