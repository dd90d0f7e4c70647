"""except*: naked and grouped exceptions, partial matches, re-raise, new
raises, nesting, invalid clause types, sys.exception()."""
def run(label, f):
    try:
        f()
        print(label, 'no exception')
    except BaseException as e:
        print(label, 'raised', type(e).__name__, repr(e))

def naked():
    try:
        raise ValueError(1)
    except* ValueError as e:
        print('caught naked', repr(e), type(e).__name__, repr(e.exceptions[0]))
        print('tb same', e.__traceback__ is e.exceptions[0].__traceback__)
run('naked', naked)

def partial():
    try:
        raise ExceptionGroup('eg', [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as e:
        print('values', repr(e))
run('partial', partial)

def both():
    try:
        raise ExceptionGroup('eg', [ValueError(1), TypeError(2), KeyError(3)])
    except* ValueError as e:
        print('values', repr(e))
    except* TypeError as e:
        print('types', repr(e))
    except* (KeyError, OSError) as e:
        print('keys', repr(e))
run('both', both)

def reraise():
    try:
        raise ExceptionGroup('eg', [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
run('reraise', reraise)

def raise_new():
    try:
        raise ExceptionGroup('eg', [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError('new')
run('raise_new', raise_new)

def raise_new_naked():
    try:
        raise ValueError(1)
    except* ValueError:
        raise KeyError('new')
run('raise_new_naked', raise_new_naked)

def nomatch():
    try:
        raise TypeError(1)
    except* ValueError:
        print('not here')
run('nomatch', nomatch)

def nested():
    try:
        raise ExceptionGroup('outer', [ValueError(1), ExceptionGroup('inner', [TypeError(2), ValueError(3)])])
    except* ValueError as e:
        print('nested values', repr(e))
run('nested', nested)

def with_else_finally():
    try:
        pass
    except* ValueError:
        print('no')
    else:
        print('else ran')
    finally:
        print('finally ran')
run('else', with_else_finally)

def bad_type():
    try:
        raise ValueError(1)
    except* ExceptionGroup:
        pass
run('bad_type', bad_type)

def bad_type2():
    try:
        raise ValueError(1)
    except* 42:
        pass
run('bad_type2', bad_type2)

def exc_info():
    import sys
    try:
        raise ExceptionGroup('eg', [ValueError(1)])
    except* ValueError as e:
        print('exc_info is match', sys.exception() is e)
run('exc_info', exc_info)

def base_group():
    try:
        raise BaseExceptionGroup('b', [KeyboardInterrupt(), ValueError(1)])
    except* KeyboardInterrupt as e:
        print('ki', repr(e))
run('base_group', base_group)

def loop_continue():
    for i in range(3):
        try:
            raise ExceptionGroup('eg', [ValueError(i)])
        except* ValueError as e:
            print('loop', i, repr(e.exceptions))
run('loop', loop_continue)
