print('tools init')
