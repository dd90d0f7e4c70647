try:
    a()
except ValueError:
    b()
except (TypeError, KeyError) as e:
    c(e)
except:
    d()
