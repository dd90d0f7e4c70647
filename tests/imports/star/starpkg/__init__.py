__all__ = ['subm', 'top']
top = 'top'
