#!/usr/bin/env python3
"""Reads every live session of a soak run back over HTTP and compares its counter with the acknowledged writes.

Input: the acks file that soak.lua's done() writes, one line per slot: id cookie tag acks unacked state. For each slot
in state "ok" it GETs /soak/read?tag=TAG with the slot's cookie (keep-alive, one connection) and checks that the
counter is at least the acknowledged increments (a smaller one is a lost write) and at most acks + unacked (writes
whose answer was lost may have landed). Prints one "name value" line per figure; exits 1 on a lost write or session.
Usage: soak-verify.py ACKS_FILE http://127.0.0.1:PORT
"""
import http.client
import re
import sys
import urllib.parse


def main():
    acks_file, base = sys.argv[1], urllib.parse.urlparse(sys.argv[2])
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    figures = {"checked": 0, "exact": 0, "unacked_landed": 0, "lost_writes": 0, "lost_sessions": 0,
               "phantom_writes": 0, "skipped_in_flight": 0, "acknowledged_increments": 0}
    with open(acks_file) as lines:
        for line in lines:
            slot, cookie, tag, acks, unacked, state = line.split()
            acks, unacked = int(acks), int(unacked)
            if state != "ok":
                figures["skipped_in_flight"] += 1
                continue
            connection.request("GET", f"/soak/read?tag={urllib.parse.quote(tag)}", headers={"Cookie": cookie})
            response = connection.getresponse()
            body = response.read().decode()
            figures["checked"] += 1
            figures["acknowledged_increments"] += acks
            match = re.search(r"counter=(\d+)", body)
            if response.status != 200 or match is None:
                figures["lost_sessions"] += 1
                print(f"slot {slot} tag {tag}: HTTP {response.status} {body!r}", file=sys.stderr)
                continue
            counter = int(match.group(1))
            if counter < acks:
                figures["lost_writes"] += acks - counter
                print(f"slot {slot} tag {tag}: counter {counter} < {acks} acknowledged", file=sys.stderr)
            elif counter > acks + unacked:
                figures["phantom_writes"] += counter - acks - unacked
            elif counter == acks:
                figures["exact"] += 1
            else:
                figures["unacked_landed"] += 1
    for name, value in figures.items():
        print(name, value)
    return 1 if figures["lost_writes"] or figures["lost_sessions"] else 0


if __name__ == "__main__":
    sys.exit(main())
