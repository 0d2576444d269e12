#!/usr/bin/env python3
"""Takes part in a parley tournament as the remote entrant remote:NAME (standard library only).

python3 parley_lobby.py --url URL --name NAME --token LOBBY_TOKEN
Long-polls the tournament's lobby and plays every seat it is handed with parley_client.play,
each in its own thread. Prints one JSON line per seat, then {"seats": n, "reason": "..."}.
"""
import argparse, json, os, sys, threading
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parley_client import call, play

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True); ap.add_argument("--name", required=True); ap.add_argument("--token", required=True)
    a = ap.parse_args()
    after, threads, lock = 0, [], threading.Lock()
    def seat(m):
        r = play(a.url, m["token"])
        with lock:
            print(json.dumps({"negotiation": m["negotiation"], "party": m["party"], **r}), flush=True)
    while True:
        reply = call(a.url, a.token, "/api/live/lobby/poll", {"name": a.name, "after": after, "waitMs": 20000})
        if "messages" not in reply:
            sys.exit("the lobby refused: " + str(reply.get("error")))
        for m in reply["messages"]:
            after = m["seq"]
            if m["type"] == "seat":
                threads.append(threading.Thread(target=seat, args=(m,)))
                threads[-1].start()
            elif m["type"] == "lobby-end":
                for t in threads:
                    t.join()
                print(json.dumps({"seats": len(threads), "reason": m["reason"]}))
                return

if __name__ == "__main__":
    main()
