# Single-character items: literals, ., categories, sets (CHARSET, RANGE,
# NEGATE, BIGCHARSET), in str and bytes, with ASCII/UNICODE semantics.
import re

def show(pattern, text, flags=0):
    try:
        print(repr(pattern), repr(text), re.findall(pattern, text, flags))
    except Exception as e:
        print(repr(pattern), type(e).__name__, e)

show(r'abc', 'xxabcxxabc')
show(r'[^abc]', 'abcdefa')
show(r'.', 'a\nb\r')
show(r'.', 'a\nb', re.DOTALL)
show(r'\d+', 'x12 ٣٤ ５6')
show(r'\d+', 'x12 ٣٤ ５6', re.ASCII)
show(r'\D+', 'ab12cd')
show(r'\s+', 'a \t\n\x0b\x0c\r\x1c\x85\u2028\u3000b')
show(r'\s+', 'a \t\n\x0b\x0c\r\x1c\x85\u2028\u3000b', re.ASCII)
show(r'\S+', 'ab  cd\tef')
show(r'\w+', 'héllo wörld_1 ñ ǅ ٣ ½ x²')
show(r'\w+', 'héllo wörld_1 ñ', re.ASCII)
show(r'\W+', 'a, b; c!')
show(r'[a-f0-9]+', 'deadbeef 0x1f zz')
show(r'[\w.-]+@[\w.-]+', 'mail joe.x@ex-ample.com, y@z')
show(r'[^\W\d_]+', 'abc_123def')
show(r'[\s\d]+', 'a 1 2b')
show(r'[α-ω]+', 'abc αβγ δ ΑΒ')
show(r'[\u0400-\u04ff]+', 'hello привет мир')
show(r'[а-яё]+', 'Привет ёлка')
show(r'[😀-🙏]', 'smile 😀 wink 😉 x')
show(r'[^😀]', '😀a😀')
show(r'[\x00-\x1f]', 'a\x01b\x1fc')
show(r'[]a]', 'a]b')
show(r'[a-]', 'a-b')
show(r'[\^x]', '^x')
show(r'[^\n]+', 'ab\ncd')
show(r'\x41\u0042\U00000043\101\0', 'ABCA\x00')
show(r'[\d\D]', 'a1')
show(r'[^\d\s]', 'a1 b')
show(r'[ace\u0100\u0200\u0300\u0400\u0500\u0600]', 'abcdeĀȀ̀ЀԀ؀')
show(r'[\u0100\u0102\u0104\u0106\u0108\u010a\u010c\u010e\u0110\u0112\u0114\u0116\u0118\u011a\u011c]+', 'ĀĂĄāăą')
show('[%s]+' % ''.join(chr(c) for c in range(0x100, 0x400, 3)), ''.join(chr(c) for c in range(0xFF, 0x130)))
show(rb'[a-z]+', b'abc DEF ghi')
show(rb'\w+', b'caf\xe9 na\xefve')
show(rb'\d\s\w', b'1 a 2\tb')
show(rb'[\x80-\xff]+', b'ab\x80\x90\xffcd')
show(rb'.', b'a\nb')
show(rb'\W', b'a b\xe9')
print(re.match(r'a.c', 'a\nc'), re.match(r'a.c', 'a\nc', re.S))
print(re.match(r'[\U0001F600-\U0001F64F]+', '😀😁😂x').group())
for ch in ['a', 'Z', '5', '_', ' ', 'é', 'ß', 'Σ', '٣', '\u00a0', '\u2003', '\u3000', '\U0001D7CE', '\x1f', '\x1c']:
    print(repr(ch), [bool(re.match(p, ch)) for p in (r'\d', r'\w', r'\s', r'\D', r'\W', r'\S')],
          [bool(re.match(p, ch, re.A)) for p in (r'\d', r'\w', r'\s')])
