def f(encoding, mode):
    if encoding is not None and \
       'b' not in mode:
        mode = mode + 'b'
    return mode
