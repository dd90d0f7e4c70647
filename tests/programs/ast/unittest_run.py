# unittest (which imports ast through dataclasses/inspect): a tiny TestCase
# run by unittest.main(exit=False); the report goes to stderr, so it is
# captured and its stable lines printed.
import io
import unittest


class T(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(1 + 1, 2)

    def test_fail(self):
        self.assertEqual([1, 2], [1, 3])

    @unittest.skip('because')
    def test_skipped(self):
        pass

    def test_error(self):
        raise KeyError('k')


stream = io.StringIO()
runner = unittest.TextTestRunner(stream=stream, verbosity=2)
program = unittest.main(exit=False, argv=['x'], testRunner=runner)
result = program.result
print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped), result.wasSuccessful())
for line in stream.getvalue().splitlines():
    if line.startswith(('test_', 'FAIL', 'ERROR', 'AssertionError', 'KeyError', 'Ran ', 'OK', 'FAILED', '- ', '+ ', '? ')):
        print(line.replace('0.000s', '').split(' in ')[0])
