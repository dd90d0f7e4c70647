# The _json accelerator: scanstring, the scanner, the encoder and the
# string encoders, with CPython's error messages and positions.
import json
import _json
from collections import OrderedDict
from json.decoder import JSONDecodeError


def show(f, *args, **kw):
    try:
        print(repr(f(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e, getattr(e, "pos", ""))


print(_json.make_scanner.__module__, _json.scanstring.__module__, _json.make_encoder.__module__)
print(json.decoder.scanstring is _json.scanstring, json.scanner.make_scanner is _json.make_scanner)

# loads: values
for doc in ['null', 'true', 'false', '0', '-0', '-0.0', '12345678901234567890123', '1e400', '-1e-400',
            '1.5E+3', '1e5', '[1, 2.5, "x"]', '{"a": {"b": [true, null]}}', ' [ ] ', '{ }',
            '"\\u00e9\\ud83d\\ude00\\n\\t\\/\\b\\f\\r\\"\\\\"', '"\\ud800"', '"\\ud800\\u0041"',
            'NaN', 'Infinity', '-Infinity', '"caf\u00e9 \u4e2d \U0001F600"', '[1e, 2]', '12e+']:
    show(json.loads, doc)

# loads: errors with their positions
for doc in ['', ' ', '[', '[1,', '[1,]', '{', '{"a"', '{"a":', '{"a":1,}', '{"a" 1}', '{1: 2}',
            '[1 2]', '"abc', '"a\\x"', '"\\u12"', '"\\u12zz"', '"\\ud800\\uzzzz"', '"a\nb"',
            '[-]', '-', 'nul', 'tru', '[1]x', '\n\n  [1,\n  oops]', '{"a":1 "b":2}', '"\\', '01']:
    show(json.loads, doc)
show(json.loads, '"a\nb"', strict=False)

# hooks
show(json.loads, '{"b": 1, "a": [1.25, 2]}', object_pairs_hook=list)
show(json.loads, '{"b": 1, "a": 2}', object_pairs_hook=OrderedDict)
show(json.loads, '{"b": 1}', object_hook=lambda d: sorted(d.items()))
show(json.loads, '[1.5, 2, NaN]', parse_float=str, parse_int=lambda s: int(s) * 10, parse_constant=str.lower)

# the scanner directly
sc = _json.make_scanner(json.JSONDecoder())
print(sc.strict, sc.object_hook, sc.parse_float is float, sc.parse_int is int)
show(sc, '  [1]', 2)
show(sc, '[1]', 3)
show(sc, '[1]', -1)
show(sc, b'[1]', 0)
show(sc, 'x', 0)
show(_json.make_scanner, 1)

# scanstring
show(_json.scanstring, '"abc" tail', 1)
show(_json.scanstring, 'abc"', 0)
show(_json.scanstring, '"a\\u0041b"', 1)
show(_json.scanstring, '"abc"', 10)
show(_json.scanstring, '"abc"', -1)
show(_json.scanstring, b'"abc"', 1)
show(_json.scanstring, '"a\tb"', 1, False)
show(_json.scanstring, '"a\tb"', 1, True)

# dumps
show(json.dumps, [1, 2.5, -0.0, 1e300, "x", None, True, False, (1, 2), {"k": [{}]}, []])
show(json.dumps, {"b": 1, "a": 2, 3: 4, 1.5: 5, True: 6, None: 7}, sort_keys=False)
show(json.dumps, {"b": 1, "a": 2, "c": {"z": 1, "y": 2}}, sort_keys=True)
show(json.dumps, {"a": 1, 1: "a"}, sort_keys=True)
show(json.dumps, {(1, 2): 3})
show(json.dumps, {(1, 2): 3, "a": 1}, skipkeys=True)
show(json.dumps, [float("nan"), float("inf"), -float("inf")])
show(json.dumps, [float("nan")], allow_nan=False)
show(json.dumps, {float("inf"): 1})
show(json.dumps, "caf\u00e9 \u4e2d \U0001F600 \x00\x1f\x7f \"\\ \ud800")
show(json.dumps, "caf\u00e9 \u4e2d \U0001F600 \x00\x1f\x7f \"\\ \ud800", ensure_ascii=False)
show(json.dumps, {"a": 1, "b": [1, 2]}, separators=(",", ":"))
show(json.dumps, OrderedDict([("z", 1), ("a", 2)]))
show(json.dumps, 10 ** 30)
show(json.dumps, object())
show(json.dumps, {1, 2}, default=sorted)
circ = []
circ.append(circ)
show(json.dumps, circ)
d = {}
d["self"] = d
show(json.dumps, d)
show(json.dumps, circ, check_circular=False) if False else None


class MyInt(int):
    def __repr__(self):
        return "MyInt!"


class MyFloat(float):
    def __repr__(self):
        return "MyFloat!"


class MyStr(str):
    pass


show(json.dumps, [MyInt(5), MyFloat(2.5), MyStr("s"), {MyStr("k"): MyInt(1)}])

# the string encoders
show(_json.encode_basestring_ascii, "a\u00e9\U0001F600\n")
show(_json.encode_basestring, "a\u00e9\U0001F600\n")
show(_json.encode_basestring_ascii, 5)

# the encoder directly
enc = _json.make_encoder(None, str, _json.encode_basestring_ascii, None, ":", ",", False, False, True)
show(enc, {"a": [1, 2]}, 0)
print(enc.key_separator, enc.item_separator, enc.sort_keys, enc.skipkeys, enc.markers)
show(_json.make_encoder, 1, None, None, None, ": ", ", ", False, False, False)
show(_json.make_encoder, None, None, None, None, 1, ", ", False, False, False)
enc = _json.make_encoder(None, str, lambda s: None, None, ":", ",", False, False, True)
show(enc, "spam", 0)
enc = _json.make_encoder({}, str, lambda s: "<" + s + ">", None, ":", ",", False, False, True)
show(enc, {"k": ["v", 1]}, 0)

# round trip of a larger document
doc = {"items": [{"id": i, "name": "n%d" % i, "tags": ["a", "b"], "v": i / 4} for i in range(200)]}
text = json.dumps(doc)
print(len(text), json.loads(text) == doc)
print(json.dumps(json.loads(text), sort_keys=True) == json.dumps(doc, sort_keys=True))


# limits: int digits, nesting depth
def show_short(f, *args, **kw):
    try:
        print(repr(f(*args, **kw))[:100])
    except Exception as e:
        print(type(e).__name__, str(e)[:150])


show_short(json.loads, '1' * 5000)
show_short(json.dumps, 10 ** 5000)
show_short(json.loads, '[' * 100000 + ']' * 100000)
show_short(json.loads, '{"a":' * 100000 + '1' + '}' * 100000)
deep = []
for i in range(100000):
    deep = [deep]
show_short(json.dumps, deep)
