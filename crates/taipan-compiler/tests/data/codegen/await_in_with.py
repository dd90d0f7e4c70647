async def f():
    with a:
        await b
