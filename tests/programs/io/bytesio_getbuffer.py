# BytesIO.getbuffer(): a memoryview of the contents.
import io
import pickle

b = io.BytesIO(b'abcdef')
view = b.getbuffer()
print(type(view).__name__, len(view), bytes(view), view[1], bytes(view[2:4]))
view.release()
print(bytes(io.BytesIO().getbuffer()))
b.close()
try:
    b.getbuffer()
except ValueError as e:
    print('ValueError', e)
# pickle's framing writes through getbuffer()
data = pickle.dumps([list(range(100)), 'x' * 70000], protocol=4)
print(pickle.loads(data)[0][:5], len(pickle.loads(data)[1]))
