#!/usr/bin/env python3
"""End-to-end: restore a demo folder into a Maildir target through the v3 API, serve that tree with a real
Dovecot IMAP server on loopback, and read the restored messages back over IMAP: byte-identical to the originals.

Usage: imap_restore.py RECALL_BINARY   (Dovecot must be installed; scripts/test installs it)
"""
import imaplib
import json
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, token=None, body=None, form=None):
    headers = {}
    data = None
    if token:
        headers["Authorization"] = "Bearer " + token
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if form is not None:
        data = form.encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read()


def main():
    recall = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="recall-imap-")
    os.chmod(work, 0o755)
    nobody = pwd.getpwnam("nobody")
    server = dovecot = None
    try:
        data = os.path.join(work, "data")
        target = os.path.join(work, "maildirs")
        run = lambda *args, **kw: subprocess.run([recall, *args, "--data-dir", data], check=True, **kw)
        run("users", "add", "admin", "--password-stdin", input=b"pw\n", stdout=subprocess.DEVNULL)
        run("demo", "--scale", "60", "--quiet")
        run("organizations", "set-target", "demo.onmicrosoft.com", "--maildir", target, stdout=subprocess.DEVNULL)

        port = free_port()
        server = subprocess.Popen([recall, "serve", "--data-dir", data, "--no-tls", "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = "http://127.0.0.1:%d/v3" % port
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        _, body = call(base, "POST", "/Token", form="grant_type=password&username=admin&password=pw")
        token = json.loads(body)["access_token"]
        _, body = call(base, "GET", "/Organizations", token)
        org = json.loads(body)[0]["id"]
        status, body = call(base, "POST", "/Organizations/%s/Action" % org, token, {"explore": {"datetime": "2026.01.09 00:00"}})
        assert status == 201, status
        session = json.loads(body)["id"]
        _, body = call(base, "GET", "/RestoreSessions/%s/Organization/Mailboxes" % session, token)
        mailbox = json.loads(body)["results"][0]
        mid, address = mailbox["id"], mailbox["email"]
        root = "/RestoreSessions/%s/Organization/Mailboxes/%s" % (session, mid)
        _, body = call(base, "GET", root + "/Folders?parentId=null", token)
        inbox = [f for f in json.loads(body)["results"] if f["name"] == "Inbox"][0]["id"]
        _, body = call(base, "GET", root + "/Items?folderId=%s&limit=1000" % inbox, token)
        items = json.loads(body)["results"]
        assert items, "the demo Inbox is empty"
        originals = []
        for item in items:
            _, raw = call(base, "POST", root + "/Items/%s/Action" % item["id"], token, {"savetoEml": None})
            originals.append(raw)
        # Only the Inbox itself (not its subfolders): restore the listed items.
        status, body = call(base, "POST", root + "/Items/Action", token,
                            {"restoretoOriginallocation": {"items": [{"id": i["id"]} for i in items]}})
        counts = json.loads(body)
        assert status == 200 and counts["createdItemsCount"] == len(items) and counts["failedItemsCount"] == 0, counts
        call(base, "POST", "/RestoreSessions/%s/Action" % session, token, {"stop": None})

        for dirpath, dirnames, filenames in os.walk(target):
            os.chown(dirpath, nobody.pw_uid, nobody.pw_gid)
            for name in filenames:
                os.chown(os.path.join(dirpath, name), nobody.pw_uid, nobody.pw_gid)
        imap_port = free_port()
        config = os.path.join(work, "dovecot.conf")
        with open(config, "w") as f:
            f.write("""
base_dir = {w}/run
state_dir = {w}/state
log_path = {w}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:{t}/%u
passdb {{
  driver = static
  args = password=imap-secret
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={w}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {p}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
""".format(w=work, t=target, uid=nobody.pw_uid, gid=nobody.pw_gid, p=imap_port))
        dovecot = subprocess.Popen(["dovecot", "-F", "-c", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", imap_port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        imap = imaplib.IMAP4("127.0.0.1", imap_port)
        imap.login(address, "imap-secret")
        status, data_count = imap.select("INBOX", readonly=True)
        assert status == "OK", data_count
        status, fetched = imap.fetch("1:*", "(BODY.PEEK[])")
        assert status == "OK", fetched
        served = [part[1] for part in fetched if isinstance(part, tuple)]
        imap.logout()
        assert len(served) == len(originals), (len(served), len(originals))
        assert sorted(served) == sorted(originals), "restored messages differ from the originals"
        print("imap e2e: %d messages restored into %s and read back over IMAP byte-identical" % (len(served), address))
        return 0
    except Exception:
        log = os.path.join(work, "dovecot.log")
        if os.path.exists(log):
            sys.stderr.write(open(log).read()[-3000:])
        raise
    finally:
        for process in (server, dovecot):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
