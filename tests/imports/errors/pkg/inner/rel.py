from ... import far
