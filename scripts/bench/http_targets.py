#!/usr/bin/env python3
"""Prepares the browse and export targets of scripts/bench-http over Recall's own API (plain HTTP):
explores the demo organization as `bench`, finds the first mailbox's Inbox, and prints shell assignments."""
import json
import sys
import urllib.request

base, token = sys.argv[1], sys.argv[2]


def call(method, path, body=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Authorization", "Bearer " + token)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


org = next(o for o in call("GET", "/v3/Organizations") if o["name"] == "demo.onmicrosoft.com")
session = call("POST", "/v3/Organizations/%s/Action" % org["id"], {"explore": {"type": "vex"}})["id"]
root = "/v3/RestoreSessions/%s/Organization" % session
mailbox = call("GET", root + "/Mailboxes?limit=1")["results"][0]["id"]
folders = call("GET", root + "/Mailboxes/%s/Folders?parentId=null&limit=100" % mailbox)["results"]
inbox = next(f for f in folders if f["name"] == "Inbox")["id"]
print("SESSION=%s MAILBOX=%s INBOX=%s" % (session, mailbox, inbox))
