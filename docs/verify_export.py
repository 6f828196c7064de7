#!/usr/bin/env python3
"""An independent verifier for a Krisledning journal export (`kris export --format jsonl`),
written from docs/journal-format.md alone, without the program's code.

    python3 docs/verify_export.py export.jsonl [--expect SEQ:HASH]

Prints `OK <entries> <head hash>` or `FEL seq <n>: <reason>` and exits 1."""
import hashlib
import json
import math
import sys

GENESIS = "0" * 64


def jcs(value):
    """RFC 8785 for the values a journal holds: objects with keys sorted by UTF-16 code units,
    strings escaped as ECMAScript JSON.stringify does, numbers in ECMAScript form."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value).replace("e+", "e+").replace("e-0", "e-")
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(jcs(k) + ":" + jcs(value[k]) for k in keys) + "}"
    raise ValueError(f"unexpected {type(value)}")


def main():
    path = sys.argv[1]
    expect = None
    if "--expect" in sys.argv:
        seq, digest = sys.argv[sys.argv.index("--expect") + 1].split(":")
        expect = (int(seq), digest.lower())
    # Each device writes its own chain; an export interleaves them in fold order.
    heads, n, seen, first = {}, 0, {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            n += 1
            stated = entry.pop("hash")
            device = entry["device_id"]
            first = first or device
            seq, prev = heads.get(device, (0, GENESIS))
            if entry["seq"] != seq + 1:
                sys.exit(f"FEL seq {entry['seq']}: väntade {seq + 1} (enhet {device})")
            if entry["prev_hash"] != prev:
                sys.exit(f"FEL seq {entry['seq']}: prev_hash pekar inte på föregående post")
            digest = hashlib.sha256(jcs(entry).encode("utf-8")).hexdigest()
            if digest != stated:
                sys.exit(f"FEL seq {entry['seq']}: innehållet stämmer inte med hash")
            seen[(device, entry["seq"])] = digest
            heads[device] = (entry["seq"], digest)
    if expect and expect[1] not in (seen.get((d, expect[0])) for d in heads):
        sys.exit(f"FEL: post {expect[0]} har inte hash {expect[1]}")
    print(f"OK {n} {heads.get(first, (0, GENESIS))[1]}")


if __name__ == "__main__":
    main()
