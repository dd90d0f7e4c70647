"""Runs CPython's Lib/test/test_re.py on an interpreter whose `unittest`
cannot import yet (Taipan lacks `_ast`/`_string`), with small stand-ins for
`unittest`, `test.support` and `string` installed only where the real module
fails to import. Prints one line per failing test and the totals.

    target/release/taipan scripts/run_test_re.py [-v] [name-substring]
    python3.11 scripts/run_test_re.py          # the same harness on CPython

`--cpython-only` also runs the tests test_re marks @cpython_only (they
check `_sre` internals that Taipan implements too).

The stand-in TestCase implements the assertions test_re uses; it is a
measuring aid, not a conformance runner (a test the stand-in cannot express
is counted as an error, on CPython too).
"""
import sys
import types


def _try_import(name):
    try:
        __import__(name)
        return True
    except Exception:
        return False


class SkipTest(Exception):
    pass


class _AssertRaises:
    def __init__(self, tc, exc, regex=None):
        self.tc, self.expected, self.regex = tc, exc, regex
        self.exception = None

    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        if et is None:
            raise AssertionError('%r not raised' % (self.expected,))
        if not issubclass(et, self.expected):
            return False
        self.exception = ev
        if self.regex is not None:
            import re
            if not re.search(self.regex, str(ev)):
                raise AssertionError('%r does not match %r' % (self.regex, str(ev)))
        return True


class _AssertWarns:
    def __init__(self, tc, category, regex=None):
        self.category, self.regex = category, regex

    def __enter__(self):
        import warnings
        self._cm = warnings.catch_warnings(record=True)
        self.log = self._cm.__enter__()
        warnings.simplefilter('always')
        return self

    def __exit__(self, et, ev, tb):
        self._cm.__exit__(et, ev, tb)
        if et is not None:
            return False
        import re
        for w in self.log:
            if issubclass(w.category, self.category) and (
                    self.regex is None or re.search(self.regex, str(w.message))):
                self.warning = w.message
                self.filename, self.lineno = w.filename, w.lineno
                return False
        raise AssertionError('%s not triggered' % self.category.__name__)


class _SubTest:
    def __init__(self, tc):
        self.tc = tc

    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, AssertionError):
            self.tc._subfailures.append(ev)
            return True
        return False


class TestCase:
    maxDiff = None

    def __init__(self, name='runTest'):
        self._name = name
        self._subfailures = []

    def setUp(self):
        pass

    def addCleanup(self, f, *args, **kwargs):
        self._cleanups = getattr(self, '_cleanups', []) + [(f, args, kwargs)]

    def doCleanups(self):
        for f, args, kwargs in reversed(getattr(self, '_cleanups', [])):
            f(*args, **kwargs)

    def tearDown(self):
        pass

    def subTest(self, *a, **k):
        return _SubTest(self)

    def skipTest(self, reason):
        raise SkipTest(reason)

    def fail(self, msg=None):
        raise AssertionError(msg)

    def assertEqual(self, a, b, msg=None):
        if not a == b:
            raise AssertionError(msg or '%r != %r' % (a, b))

    def assertNotEqual(self, a, b, msg=None):
        if a == b:
            raise AssertionError(msg or '%r == %r' % (a, b))

    def assertTrue(self, x, msg=None):
        if not x:
            raise AssertionError(msg or '%r is not true' % (x,))

    def assertFalse(self, x, msg=None):
        if x:
            raise AssertionError(msg or '%r is not false' % (x,))

    def assertIs(self, a, b, msg=None):
        if a is not b:
            raise AssertionError(msg or '%r is not %r' % (a, b))

    def assertIsNot(self, a, b, msg=None):
        if a is b:
            raise AssertionError(msg or 'unexpectedly identical: %r' % (a,))

    def assertIsNone(self, x, msg=None):
        if x is not None:
            raise AssertionError(msg or '%r is not None' % (x,))

    def assertIsNotNone(self, x, msg=None):
        if x is None:
            raise AssertionError(msg or 'unexpectedly None')

    def assertIn(self, a, b, msg=None):
        if a not in b:
            raise AssertionError(msg or '%r not found in %r' % (a, b))

    def assertNotIn(self, a, b, msg=None):
        if a in b:
            raise AssertionError(msg or '%r unexpectedly found in %r' % (a, b))

    def assertIsInstance(self, x, cls, msg=None):
        if not isinstance(x, cls):
            raise AssertionError(msg or '%r is not an instance of %r' % (x, cls))

    def assertLess(self, a, b, msg=None):
        if not a < b:
            raise AssertionError(msg or '%r not less than %r' % (a, b))

    def assertGreaterEqual(self, a, b, msg=None):
        if not a >= b:
            raise AssertionError(msg or '%r not greater than or equal to %r' % (a, b))

    def assertRegex(self, text, regex, msg=None):
        import re
        if not re.search(regex, text):
            raise AssertionError(msg or 'Regex didn\'t match: %r not found in %r' % (regex, text))

    def assertRaises(self, exc, *args, **kwargs):
        cm = _AssertRaises(self, exc)
        if not args:
            return cm
        with cm:
            args[0](*args[1:], **kwargs)

    def assertRaisesRegex(self, exc, regex, *args, **kwargs):
        cm = _AssertRaises(self, exc, regex)
        if not args:
            return cm
        with cm:
            args[0](*args[1:], **kwargs)

    def assertWarns(self, category, *args, **kwargs):
        cm = _AssertWarns(self, category)
        if not args:
            return cm
        with cm:
            args[0](*args[1:], **kwargs)

    def assertWarnsRegex(self, category, regex, *args, **kwargs):
        cm = _AssertWarns(self, category, regex)
        if not args:
            return cm
        with cm:
            args[0](*args[1:], **kwargs)


def _skip_decorator(reason):
    def skipped(*a, **k):
        raise SkipTest(reason)

    def deco(f):
        if isinstance(f, type):  # a skipped class: every test skips
            for name in [n for n in vars(f) if n.startswith('test')]:
                setattr(f, name, skipped)
            return f
        return skipped
    return deco


def skip(reason):
    return _skip_decorator(reason)


def skipIf(cond, reason):
    return _skip_decorator(reason) if cond else (lambda f: f)


def skipUnless(cond, reason):
    return skipIf(not cond, reason)


def _new_module(name):
    try:
        return types.ModuleType(name)
    except TypeError:  # an interpreter whose module type cannot be called yet
        return type(name, (), {'__name__': name})


def _install_stand_ins():
    if not _try_import('unittest'):
        ut = _new_module('unittest')
        ut.TestCase, ut.SkipTest = TestCase, SkipTest
        ut.skip, ut.skipIf, ut.skipUnless = skip, skipIf, skipUnless
        ut.main = lambda *a, **k: None
        sys.modules['unittest'] = ut
    if not _try_import('string'):
        st = _new_module('string')
        st.ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
        st.ascii_uppercase = st.ascii_lowercase.upper()
        st.ascii_letters = st.ascii_lowercase + st.ascii_uppercase
        st.digits = '0123456789'
        st.hexdigits = st.digits + 'abcdefABCDEF'
        st.octdigits = '01234567'
        st.punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
        st.whitespace = ' \t\n\r\x0b\x0c'
        st.printable = st.digits + st.ascii_letters + st.punctuation + st.whitespace
        sys.modules['string'] = st
    if not _try_import('test.support'):
        import contextlib
        import io
        import test
        sup = _new_module('test.support')

        def gc_collect():
            import gc
            gc.collect()

        def bigmemtest(size, memuse, dry_run=True):
            return _skip_decorator('bigmem')

        @contextlib.contextmanager
        def captured_stdout():
            old = sys.stdout
            sys.stdout = io.StringIO()
            try:
                yield sys.stdout
            finally:
                sys.stdout = old

        def check_disallow_instantiation(tc, tp, *args, **kwds):
            tc.assertRaises(TypeError, tp, *args, **kwds)

        sup.gc_collect, sup.bigmemtest, sup._2G = gc_collect, bigmemtest, 2 ** 31
        run_all = '--cpython-only' in sys.argv
        sup.cpython_only = (lambda f: f) if run_all else _skip_decorator('cpython only')
        sup.captured_stdout = captured_stdout
        sup.check_disallow_instantiation = check_disallow_instantiation
        sup.is_emscripten = sup.is_wasi = False
        sup.SHORT_TIMEOUT = 30.0
        sys.modules['test.support'] = sup
        test.support = sup


def run_one(cls, tname, base):
    """Runs one test; returns (outcome, detail)."""
    if base is not TestCase:  # the real unittest: let it run the test
        import unittest
        result = unittest.TestResult()
        cls(tname).run(result)
        for kind, items in (('errors', result.errors), ('failed', result.failures)):
            if items:
                return kind, items[0][1].strip().splitlines()[-1]
        return ('skipped', '') if result.skipped else ('passed', '')
    tc = cls(tname)
    try:
        tc.setUp()
        try:
            getattr(tc, tname)()
        finally:
            tc.tearDown()
            tc.doCleanups()
        if tc._subfailures:
            return 'failed', str(tc._subfailures[0])
    except SkipTest:
        return 'skipped', ''
    except AssertionError as e:
        return 'failed', str(e)
    except Exception as e:
        return 'errors', '%s: %s' % (type(e).__name__, e)
    return 'passed', ''


def main():
    verbose = '-v' in sys.argv
    names = [a for a in sys.argv[1:] if a not in ('-v', '--cpython-only')]
    _install_stand_ins()
    import test.test_re as mod
    base = sys.modules['unittest'].TestCase
    counts = {'passed': 0, 'failed': 0, 'errors': 0, 'skipped': 0}
    for cname in sorted(vars(mod)):
        cls = getattr(mod, cname)
        if not (isinstance(cls, type) and issubclass(cls, base)):
            continue
        for tname in sorted(n for n in dir(cls) if n.startswith('test')):
            full = '%s.%s' % (cname, tname)
            if names and not any(n in full for n in names):
                continue
            outcome, detail = run_one(cls, tname, base)
            counts[outcome] += 1
            if outcome in ('failed', 'errors') or verbose:
                print('%-7s %s %s' % (outcome.upper(), full, detail[:200]))
    total = sum(counts.values())
    print('test_re: run %d, passed %d, failed %d, errors %d, skipped %d' % (
        total, counts['passed'], counts['failed'], counts['errors'], counts['skipped']))


if __name__ == '__main__':
    main()
