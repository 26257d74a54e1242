#!/usr/bin/env python3
"""A pass_persist script (bench only) serving the instances of a snapshot's text form (one
"OID TYPE VALUE" a line, from snap_publish --text), the way a community script extends snmpd:
snmpd starts it once and asks it one GET or GETNEXT at a time on stdin.
snmpd.conf: pass_persist OID /usr/bin/python3 pass_persist.py FILE"""
import bisect
import sys


def key(oid):
    return tuple(int(x) for x in oid.strip(".").split("."))


def main():
    rows = []
    with open(sys.argv[1]) as f:
        for line in f:
            oid, typ, value = (line.rstrip("\n").split(" ", 2) + [""])[:3]
            rows.append((key(oid), oid, typ, value))
    rows.sort()
    keys = [r[0] for r in rows]
    out = sys.stdout
    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "PING":
            out.write("PONG\n")
        elif cmd in ("get", "getnext"):
            k = key(sys.stdin.readline())
            if cmd == "get":
                i = bisect.bisect_left(keys, k)
                hit = i < len(keys) and keys[i] == k
            else:
                i = bisect.bisect_right(keys, k)
                hit = i < len(keys)
            if hit:
                _, oid, typ, value = rows[i]
                out.write(f"{oid}\n{typ}\n{value}\n")
            else:
                out.write("NONE\n")
        elif cmd == "set":
            sys.stdin.readline()
            sys.stdin.readline()
            out.write("not-writable\n")
        elif cmd == "":
            break
        out.flush()


if __name__ == "__main__":
    main()
