"""json.dumps and json.loads of a large document (the _json accelerator)."""

import json


def make_doc(n):
    return {
        "version": 3,
        "records": [
            {
                "id": i,
                "name": "record-%d" % i,
                "score": i * 0.37,
                "active": i % 3 == 0,
                "tags": ["alpha", "beta", "gamma"][: i % 4],
                "note": "caf\u00e9 \"quoted\"\n" if i % 7 == 0 else None,
                "nested": {"x": i, "y": [i, i + 1, i + 2]},
            }
            for i in range(n)
        ],
    }


def main():
    doc = make_doc(20000)
    total = 0
    for _ in range(6):
        text = json.dumps(doc)
        back = json.loads(text)
        total += len(text) + len(back["records"])
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        total += len(json.loads(text)["records"])
    print(total)


main()
