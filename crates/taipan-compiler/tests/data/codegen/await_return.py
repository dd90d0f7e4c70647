async def f():
    return await g()
