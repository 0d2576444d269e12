#!/usr/bin/env python3
"""Plays one seat of a parley live session over HTTP long-polling (standard library only).

python3 parley_client.py --url http://127.0.0.1:5174/ --token TOKEN [--log FILE]
Strategy: time-based concession from the best outcome down to the reservation value.
Prints the result as one JSON line: {"agreement": [...]|null, "utility": u, "endReason": "..."}.
"""
import argparse, itertools, json, random, urllib.request

def call(url, token, path, body):
    req = urllib.request.Request(url.rstrip("/") + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"content-type": "application/json", "authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            return json.load(res)
    except urllib.error.HTTPError as e:  # a refused move: the session goes on
        return json.load(e)

def outcomes(profile):
    """Own outcomes with own utility (linear-additive profile), best first."""
    issues = profile["issues"]
    def u(o):
        return sum((i["weight"] or 0) * (i["values"][k]["evaluation"] or 0) for i, k in zip(issues, o))
    sizes = [len(i["values"]) for i in issues]
    space = itertools.product(*[range(n) for n in sizes])
    rng = random.Random(0)
    total = 1
    for n in sizes: total *= n
    if total > 100000:
        space = (tuple(rng.randrange(n) for n in sizes) for _ in range(20000))
    return sorted(((u(o), list(o)) for o in space), reverse=True)

def play(url, token, log=None):
    """Plays the seat `token` opens to its end; returns {"agreement", "utility", "endReason"}."""
    after, ranked, reservation = 0, [], 0.0
    while True:
        for m in call(url, token, "/api/live/poll", {"after": after, "waitMs": 20000}).get("messages", []):
            after = m["seq"]
            if log: log.write(json.dumps(m) + "\n")
            if m["type"] == "welcome":
                ranked = outcomes(m["profile"]); reservation = max(m["profile"]["reservation"] or 0, 0)
            elif m["type"] == "turn":
                target = 1 - (1 - reservation) * m["time"] ** 2
                mine = m["myUtility"] if m["myUtility"] is not None else -1
                if m["method"] == "vote":
                    move = {"type": "vote", "accept": mine >= target}
                elif m.get("offer") and mine >= target:
                    move = {"type": "accept"}
                else:
                    ok = [o for u, o in ranked if u >= target] or [ranked[0][1]]
                    move = {"type": "offer", "outcome": ok[-1]}
                move["turn"] = m["turn"]
                call(url, token, "/api/live/move", move)
            elif m["type"] == "result":
                return {"agreement": m["agreement"], "utility": m["utility"], "endReason": m["endReason"]}
            elif m["type"] == "status" and m["status"] == "interrupted":
                return {"agreement": None, "utility": None, "endReason": "interrupted"}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True); ap.add_argument("--token", required=True); ap.add_argument("--log")
    a = ap.parse_args()
    print(json.dumps(play(a.url, a.token, open(a.log, "w") if a.log else None)))

if __name__ == "__main__":
    main()
