#!/usr/bin/env python3
"""Attacks on `recall import` with hostile names and files (issue 20, defects 3, 4, 14, 16, 17, 18), played
against the real binary in temporary data dirs: links inside a Maildir or a directory of .eml files, two imports at
once (and one killed mid-run), control characters in subjects, folder names and arguments, NUL and escapes in
Maildir folder names, a nested folder starting with a dot, and a 300-byte mailbox address. Prints one line per
attack (held / FAILED) and exits 1 if any attack works again.
Usage: python3 scripts/attack/attack_names.py RECALL_BINARY"""
import base64
import glob
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

RECALL = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/recall"
ORG = "contoso.onmicrosoft.com"
MAILBOX = "adele@contoso.onmicrosoft.com"
SECRET = "TOP-SECRET-7f3a9c"
# What must never reach a terminal: ESC, BEL, NUL, BS, CR, C1 CSI (UTF-8 C2 9B), RIGHT-TO-LEFT OVERRIDE.
FORBIDDEN = [b"\x1b", b"\x07", b"\x00", b"\x08", b"\r", b"\xc2\x9b", b"\xe2\x80\xae"]


class Failed(Exception):
    pass


def message(subject, ident, body="Hello.\n"):
    return (f"From: Bob <bob@example.com>\nTo: {MAILBOX}\nSubject: {subject}\n"
            f"Date: Mon, 5 Jan 2026 10:00:00 +0000\nMessage-ID: <{ident}>\n\n{body}")


def mbox(messages):
    return "".join("From MAILER-DAEMON Mon Jan  5 10:00:00 2026\n" + m + "\n" for m in messages)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text.encode() if isinstance(text, str) else text)


def recall(data, *args, timeout=60, mailbox=MAILBOX):
    command = [RECALL, *args[:2], "--data-dir", data, *args[2:]]
    if args[0] == "import":
        command += ["--organization", ORG, "--mailbox", mailbox]
    return subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)


def rows(data, sql):
    db = sqlite3.connect(f"file:{os.path.join(data, 'recall.sqlite')}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def packs_contain(data, marker):
    for pack in glob.glob(os.path.join(data, "packs", "*")):
        with open(pack, "rb") as f:
            if marker.encode() in f.read():
                return True
    return False


def expect(condition, what):
    if not condition:
        raise Failed(what)


def clean_output(result):
    for stream in (result.stdout, result.stderr):
        for bad in FORBIDDEN:
            if bad in stream:
                raise Failed(f"{bad!r} reached the terminal: {stream[:300]!r}")


def attack_maildir_links(work):
    data, root = os.path.join(work, "data"), os.path.join(work, "Maildir")
    write(os.path.join(work, "secret.txt"), message("stolen", "s@x", SECRET + "\n"))
    write(os.path.join(work, "outside", "cur", "9.o.o:2,S"), message("stolen folder", "o@x", SECRET + "-folder\n"))
    write(os.path.join(root, "cur", "1.a.b:2,S"), message("mine", "m@x"))
    os.symlink(os.path.join(work, "secret.txt"), os.path.join(root, "cur", "2.a.b:2,S"))
    os.symlink(os.path.join(work, "outside"), os.path.join(root, ".Stolen"))
    os.makedirs(os.path.join(root, "new"))
    os.mkfifo(os.path.join(root, "new", "3.fifo.x"))  # a plain read would hang the import
    result = recall(data, "import", "maildir", root, timeout=30)
    expect(result.returncode == 0, f"import failed: {result.stderr[-300:]!r}")
    expect(not packs_contain(data, SECRET), "a linked file's bytes were stored")
    expect(rows(data, "SELECT COUNT(*) FROM item_versions") == [(1,)], "more than the one real message was imported")
    for name in (b".Stolen", b"cur/2.a.b:2,S", b"new/3.fifo.x"):
        expect(b"warning: skipped " + name in result.stderr, f"no warning naming {name!r}")
    expect(b"3 skipped" in result.stdout, "the summary does not count the skipped files")


def attack_eml_directory_links(work):
    data, emls = os.path.join(work, "data"), os.path.join(work, "emls")
    write(os.path.join(work, "secret.txt"), message("stolen", "s@x", SECRET + "\n"))
    write(os.path.join(emls, "one.eml"), message("one", "1@x"))
    os.symlink(os.path.join(work, "secret.txt"), os.path.join(emls, "two.eml"))
    result = recall(data, "import", "eml", emls)
    expect(result.returncode == 0, f"import failed: {result.stderr[-300:]!r}")
    expect(not packs_contain(data, SECRET), "a linked .eml's bytes were stored")
    expect(b"two.eml: symbolic link, not followed" in result.stderr, "no warning naming the link")


def start_fifo_import(data, fifo, mailbox=MAILBOX, at="2026-01-05 10:00"):
    os.mkfifo(fifo)
    process = subprocess.Popen([RECALL, "import", "mbox", fifo, "--data-dir", data, "--organization", ORG, "--mailbox", mailbox,
                                "--at", at], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:  # the import opens the FIFO first; a non-blocking open fails until it has
        try:
            descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise Failed("the first import never opened its mbox")
            time.sleep(0.05)
    os.set_blocking(descriptor, True)
    writer = os.fdopen(descriptor, "wb")
    # Over one 1 MiB read: the reader's first read (looking for `From `) returns, staging starts, and the next read
    # waits on us until finish_fifo_import.
    writer.write(mbox([message("first", "f1@x"), message("pad", "p@x", ("y" * 76 + "\n") * 20000)]).encode())
    writer.flush()
    deadline = time.monotonic() + 30
    while not glob.glob(os.path.join(data, "staging", "*.sqlite")):
        if process.poll() is not None or time.monotonic() > deadline:
            raise Failed("the first import never started staging")
        time.sleep(0.05)
    return process, writer


def finish_fifo_import(process, writer):
    writer.write(mbox([message("second", "f2@x")]).encode())
    writer.close()
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err


def attack_two_imports(work):
    data = os.path.join(work, "data")
    os.makedirs(data)
    recall(data, "organizations", "list")  # creates the store before two processes race to
    process, writer = start_fifo_import(data, os.path.join(work, "slow.mbox"))
    write(os.path.join(work, "quick.mbox"), mbox([message("quick", "q@x")]))
    quick = recall(data, "import", "mbox", os.path.join(work, "quick.mbox"), mailbox="bob@contoso.onmicrosoft.com")
    expect(quick.returncode == 0, f"the second import failed: {quick.stderr[-300:]!r}")
    code, _, err = finish_fifo_import(process, writer)
    expect(code == 0, f"the first import failed after the second ran: {err[-300:]!r}")
    expect(rows(data, "SELECT COUNT(*) FROM restore_points") == [(2,)], "a restore point is missing")
    verify = recall(data, "repository", "verify")
    expect(verify.returncode == 0 and b"note:" not in verify.stdout, f"verify: {verify.stdout[-300:]!r}")


def attack_same_mailbox(work):
    data = os.path.join(work, "data")
    os.makedirs(data)
    recall(data, "organizations", "list")
    process, writer = start_fifo_import(data, os.path.join(work, "slow.mbox"))
    write(os.path.join(work, "again.mbox"), mbox([message("first", "f1@x"), message("second", "f2@x")]))  # no "pad"
    second = subprocess.Popen([RECALL, "import", "mbox", os.path.join(work, "again.mbox"), "--data-dir", data, "--organization", ORG,
                               "--mailbox", MAILBOX, "--at", "2026-01-06 10:00"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)
    expect(second.poll() is None, "the second import of the mailbox did not wait for the first")
    code, _, err = finish_fifo_import(process, writer)
    expect(code == 0, f"the first import failed: {err[-300:]!r}")
    out, err = second.communicate(timeout=60)
    expect(second.returncode == 0, f"the second import failed: {err[-300:]!r}")
    expect(b"waiting for another import" in err, "the wait was not announced")
    expect(b"0 new, 0 changed, 2 unchanged, 1 deleted" in out, f"the second import did not build on the first: {out!r}")


def attack_killed_import(work):
    data = os.path.join(work, "data")
    os.makedirs(data)
    recall(data, "organizations", "list")
    process, writer = start_fifo_import(data, os.path.join(work, "slow.mbox"))
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    writer.close() if not writer.closed else None
    verify = recall(data, "repository", "verify")
    expect(verify.returncode == 0 and b"was interrupted" in verify.stdout, f"verify did not note the leftover: {verify.stdout[-300:]!r}")
    write(os.path.join(work, "next.mbox"), mbox([message("next", "n@x")]))
    after = recall(data, "import", "mbox", os.path.join(work, "next.mbox"), mailbox="bob@contoso.onmicrosoft.com")
    expect(after.returncode == 0, f"the next import failed: {after.stderr[-300:]!r}")
    left = [n for n in os.listdir(os.path.join(data, "staging")) if not n.startswith("mailbox-")]
    left += [n for n in os.listdir(os.path.join(data, "packs")) if n.endswith(".tmp")]
    expect(not left, f"the dead import's files are still there: {left}")


def attack_escapes_in_output(work):
    data = os.path.join(work, "data")
    evil = "\x1b]0;PWNED\x07\x1b[2J\u202e\u009b1m"
    encoded = "=?utf-8?b?" + base64.b64encode(evil.encode()).decode() + "?="
    no_id = f"From: Bob <bob@example.com>\nTo: {MAILBOX}\nSubject: {encoded}\n\nno Message-ID: a warning quotes the subject\n"
    write(os.path.join(work, "evil.mbox"), mbox([no_id]))
    results = [recall(data, "import", "mbox", os.path.join(work, "evil.mbox"))]
    expect(results[0].returncode == 0 and b"warning: message 1" in results[0].stdout, f"no subject warning: {results[0].stdout!r}")
    results.append(recall(data, "import", "mbox", os.path.join(work, "evil.mbox"), "--folder", "In\x1b[2Jbox"))
    results.append(recall(data, "import", "mbox", os.path.join(work, "evil.mbox"), mailbox="a\x1b]0;x\x07@contoso.com"))
    results.append(recall(data, "import", "eml", os.path.join(work, "missing\x1b[2J.eml")))
    root = os.path.join(work, "Maildir")
    write(os.path.join(root, ".Bad\x1b[2J", "cur", "1.a.b:2,S"), message("x", "x@x"))
    write(os.path.join(root, "cur", "2.a.b:2,S"), message("y", "y@x"))
    os.symlink("/etc/hostname", os.path.join(root, "cur", "3.\x1b]0;link\x07:2,S"))
    results.append(recall(data, "import", "maildir", root, "--at", "2027-01-01"))
    for result in results:
        clean_output(result)
    expect(b"\\x1B]0;PWNED\\x07" in results[0].stdout, "the subject is not shown escaped")
    expect(b"\\x1B]0;x\\x07" in results[2].stderr, "the address is not shown escaped in the error")


def attack_folder_names(work):
    data, root = os.path.join(work, "data"), os.path.join(work, "Maildir")
    write(os.path.join(root, "cur", "1.a.b:2,S"), message("inbox", "i@x"))
    write(os.path.join(root, ".A&AAA-x", "cur", "2.a.b:2,S"), message("x", "x@x"))
    write(os.path.join(root, ".A&AAA-y", "cur", "3.a.b:2,S"), message("y", "y@x"))
    write(os.path.join(root, ".Esc&ABs-[2J", "cur", "4.a.b:2,S"), message("e", "e@x"))
    result = recall(data, "import", "maildir", root)
    expect(result.returncode == 0, f"import failed: {result.stderr[-300:]!r}")
    folders = [r[0] for r in rows(data, "SELECT path FROM folders ORDER BY path")]
    expect(folders == ["Inbox"], f"folders with NUL or ESC were kept or merged: {folders!r}")
    expect(result.stderr.count(b"folder name has a control character") == 3, f"not one warning per refused folder: {result.stderr!r}")


def attack_nested_dot_folder(work):
    data, root = os.path.join(work, "data"), os.path.join(work, "Maildir")
    write(os.path.join(root, "Work", "cur", "1.a.b:2,S"), message("work", "w@x"))
    write(os.path.join(root, "Work", ".Drafts", "cur", "2.a.b:2,S"), message("draft", "d@x"))
    result = recall(data, "import", "maildir", root)
    expect(result.returncode == 0, f"import failed: {result.stderr[-300:]!r}")
    folders = [r[0] for r in rows(data, "SELECT path FROM folders ORDER BY path")]
    expect(folders == ["Work", "Work/.Drafts"], f"the dot-named folder was dropped: {folders!r}")


def attack_long_address(work):
    data = os.path.join(work, "data")
    write(os.path.join(work, "m.mbox"), mbox([message("m", "m@x")]))
    for address in ["a" * 65 + "@contoso.com", "a" * 60 + "@" + "d" * 240 + ".com"]:
        result = recall(data, "import", "mbox", os.path.join(work, "m.mbox"), mailbox=address)
        expect(result.returncode != 0 and b"is not a mailbox address" in result.stderr, f"{len(address)}-byte address accepted")
    expect(rows(data, "SELECT COUNT(*) FROM mailboxes") == [(0,)], "a mailbox was created")


ATTACKS = [
    ("maildir links (message file, .Folder, FIFO)", attack_maildir_links),
    ("eml directory links", attack_eml_directory_links),
    ("two imports into one data dir", attack_two_imports),
    ("two imports of one mailbox", attack_same_mailbox),
    ("import killed mid-run leaves staging", attack_killed_import),
    ("control characters in printed output", attack_escapes_in_output),
    ("NUL and ESC in Maildir folder names", attack_folder_names),
    ("nested folder starting with a dot", attack_nested_dot_folder),
    ("mailbox address over RFC 5321 limits", attack_long_address),
]


def main():
    failed = 0
    for name, attack in ATTACKS:
        work = tempfile.mkdtemp(prefix="recall-attack-names-")
        try:
            attack(work)
            print(f"held: {name}", flush=True)
        except (Failed, subprocess.TimeoutExpired, OSError, sqlite3.Error) as error:
            print(f"FAILED: {name}: {error}", flush=True)
            failed += 1
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
