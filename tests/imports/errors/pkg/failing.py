raise RuntimeError('failed while importing')
