# _codecs: the registry, the encodings package, error handlers.
import codecs

def show(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

for name in ['utf-8', 'UTF8', 'latin-1', 'ascii', 'utf-16', 'utf_16_be', 'utf-32-le', 'cp1252',
             'iso8859-15', 'koi8_r', 'mac-roman', 'rot13', 'Unicode Escape']:
    info = codecs.lookup(name)
    print(name, '->', info.name)
show(codecs.lookup, 'no-such-codec')

s = 'aé€\U0001f600'
for enc in ['utf-8', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-be', 'unicode_escape',
            'raw_unicode_escape']:
    b = s.encode(enc)
    print(enc, b, b.decode(enc) == s)
print('é€'.encode('cp1252'), b'\x80\xe9'.decode('cp1252'))
print('Привет'.encode('koi8_r'), 'Привет'.encode('koi8_r').decode('koi8_r'))
print(codecs.encode('hello', 'rot13'), codecs.decode('uryyb', 'rot_13'))
show(b'x'.decode, 'rot13')
show('x€'.encode, 'latin-1')
show(b'\xff'.decode, 'ascii')
show('€'.encode, 'cp1252', 'strict')
show('\u0100'.encode, 'cp1252')
show(b'\x81'.decode, 'cp1252')
show('abc'.encode, 'rot13')
print('a\u0100b'.encode('cp1252', 'replace'), 'a\u0100b'.encode('cp1252', 'ignore'))
print('a\u0100b'.encode('ascii', 'xmlcharrefreplace'), 'a\u0100b'.encode('ascii', 'backslashreplace'))
print(b'a\xffb'.decode('ascii', 'surrogateescape').encode('ascii', 'surrogateescape'))

for h in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace',
          'surrogateescape', 'surrogatepass']:
    print(h, callable(codecs.lookup_error(h)))
show(codecs.lookup_error, 'nope')

def dashes(exc):
    return ('-' * (exc.end - exc.start), exc.end)
codecs.register_error('dashes', dashes)
print('ab\u0100\u0101c'.encode('ascii', 'dashes'))
print(b'ab\xff\xfec'.decode('utf-8', 'dashes'))
print(codecs.lookup_error('dashes') is dashes)

def search(name):
    if name == 'my_codec':
        return codecs.CodecInfo(lambda s, e='strict': (s.upper().encode(), len(s)),
                                lambda b, e='strict': (bytes(b).decode().lower(), len(b)), name='my-codec')
    return None
codecs.register(search)
print(codecs.lookup('My Codec').name, 'abc'.encode('my codec'), b'XYZ'.decode('my_codec'))
codecs.unregister(search)

dec = codecs.getincrementaldecoder('utf-8')()
print([dec.decode(bytes([b])) for b in '€!'.encode()])
dec = codecs.getincrementaldecoder('utf-16')()
print([dec.decode(bytes([b])) for b in 'h€'.encode('utf-16')])
enc = codecs.getincrementalencoder('utf-16')()
print(enc.encode('a'), enc.encode('b'))
print(codecs.utf_16_ex_decode(b'\xfe\xff\x00a', 'strict', 0, True))
print(codecs.escape_decode(b'a\\n\\x41\\101'), codecs.escape_encode(b'a\n\x00\''))
print(codecs.charmap_decode(b'\x00\x01', 'strict', 'xy'), codecs.charmap_encode('yx', 'strict', {ord('x'): 0, ord('y'): 1}))
