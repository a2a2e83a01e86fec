#!/usr/bin/env python3
"""End-to-end: drive a live Recall's /v8 API with the public, unmodified `veeam-365` Python SDK (PyPI, 0.4.1).

Starts `recall serve` (self-signed HTTPS) on a fresh data dir holding a user and the demo organization, then walks
the restore-session flow through the SDK's generated low-level API (`veeam_365.v8.api.<tag>.<op>.sync_detailed`):
token and refresh, ServiceInstance, organizations, explore, session list/paging/filters, session, events,
statistics, organization, mailboxes, folders, items, Stop, logout. Every answer must have exactly the status the
v8 spec gives (201 explore, 204 Stop/logout, 200 otherwise) and parse into the SDK's model for it.
Prints `ok <step>` per step; on the first failure prints `FAIL <step>: ...` with the body and exits 1.

Usage: sdk_v8.py RECALL_BINARY   (run by scripts/e2e/sdk-v8, which provides the SDK in a venv)
Standard library + veeam-365 (and its httpx) only. See docs/research/v8-surface.md §5-6 for the SDK's rules.
"""
import builtins
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from uuid import UUID

import httpx

# Generator bug (docs/research/v8-surface.md §5.3): veeam_365.v8.api.auth.token annotates with `Unset` without
# importing it, so a plain import raises NameError. VeeamClient patches builtins the same way.
from veeam_365.v8 import types as v8types

builtins.Unset = v8types.Unset

from veeam_365.v8 import AuthenticatedClient, Client  # noqa: E402
from veeam_365.v8.api.auth import logout, token  # noqa: E402
from veeam_365.v8.api.backup_organization import backup_organization_get_by_restore_session_id  # noqa: E402
from veeam_365.v8.api.exchange_folder import exchange_folder_get, exchange_folder_get_by_folder_id  # noqa: E402
from veeam_365.v8.api.exchange_item import exchange_item_get, exchange_item_get_by_id  # noqa: E402
from veeam_365.v8.api.exchange_mailbox import exchange_mailbox_get, exchange_mailbox_get_by_id  # noqa: E402
from veeam_365.v8.api.organization import organization_explore, organization_get, organization_get_by_id  # noqa: E402
from veeam_365.v8.api.restore_session import (  # noqa: E402
    restore_session_get_by_restore_session_id,
    restore_session_get_page,
    restore_session_get_restore_statistics,
    restore_session_stop_action,
)
from veeam_365.v8.api.restore_session_event import (  # noqa: E402
    restore_session_event_get,
    restore_session_event_get_by_id,
)
from veeam_365.v8.api.service_instance import service_instance_get  # noqa: E402
from veeam_365.v8.models.o_auth_token_response import OAuthTokenResponse  # noqa: E402
from veeam_365.v8.models.page_of_rest_exchange_folder import PageOfRESTExchangeFolder  # noqa: E402
from veeam_365.v8.models.page_of_rest_exchange_items_composed import PageOfRESTExchangeItemsComposed  # noqa: E402
from veeam_365.v8.models.page_of_rest_exchange_mailbox import PageOfRESTExchangeMailbox  # noqa: E402
from veeam_365.v8.models.page_of_rest_organization_composed import PageOfRestOrganizationComposed  # noqa: E402
from veeam_365.v8.models.page_of_rest_restore_session import PageOfRESTRestoreSession  # noqa: E402
from veeam_365.v8.models.page_of_rest_restore_session_event import PageOfRESTRestoreSessionEvent  # noqa: E402
from veeam_365.v8.models.rest_backup_organization import RESTBackupOrganization  # noqa: E402
from veeam_365.v8.models.rest_exception_info import RESTExceptionInfo  # noqa: E402
from veeam_365.v8.models.rest_exchange_folder import RESTExchangeFolder  # noqa: E402
from veeam_365.v8.models.rest_exchange_folder_category import RESTExchangeFolderCategory  # noqa: E402
from veeam_365.v8.models.rest_exchange_items_composed import RESTExchangeItemsComposed  # noqa: E402
from veeam_365.v8.models.rest_exchange_mailbox import RESTExchangeMailbox  # noqa: E402
from veeam_365.v8.models.rest_organization_composed import RestOrganizationComposed  # noqa: E402
from veeam_365.v8.models.rest_organization_explore_options import RESTOrganizationExploreOptions  # noqa: E402
from veeam_365.v8.models.rest_organization_explore_options_type import RESTOrganizationExploreOptionsType  # noqa: E402
from veeam_365.v8.models.rest_restore_session import RESTRestoreSession  # noqa: E402
from veeam_365.v8.models.rest_restore_session_event import RESTRestoreSessionEvent  # noqa: E402
from veeam_365.v8.models.rest_restore_session_state import RESTRestoreSessionState  # noqa: E402
from veeam_365.v8.models.rest_restore_session_statistics import RESTRestoreSessionStatistics  # noqa: E402
from veeam_365.v8.models.rest_restore_session_type import RESTRestoreSessionType  # noqa: E402
from veeam_365.v8.models.rest_service_instance import RESTServiceInstance  # noqa: E402
from veeam_365.v8.models.restore_session_get_page_order_by import RestoreSessionGetPageOrderBy  # noqa: E402
from veeam_365.v8.models.token_data_body import TokenDataBody  # noqa: E402
from veeam_365.v8.models.token_data_body_grant_type import TokenDataBodyGrantType  # noqa: E402

TIMEOUT_SECONDS = 300  # the whole run, server start included; CI must never hang
REQUEST_TIMEOUT = 30.0
USER, PASSWORD = "admin", "sdk-v8-secret"
ORGANIZATION = "demo.onmicrosoft.com"


class StepFailed(Exception):
    def __init__(self, step, message, body=None):
        super().__init__(message)
        self.step, self.body = step, body


class Timeout(BaseException):  # BaseException: not swallowed by the `except Exception` around SDK calls
    pass


# The last HTTP answer seen by any SDK client (an httpx response hook). When the SDK itself fails to read an
# answer (empty body where it wants JSON, an enum value it does not know, ...) this still tells what came back.
_last = {"response": None, "step": "setup"}


def _remember(response):
    _last["response"] = response


def _body(response):
    try:
        return None if response is None else response.content
    except httpx.ResponseNotRead:
        return None


def _ok(step, detail=""):
    print("ok %s%s" % (step, "  (%s)" % detail if detail else ""), flush=True)


def _check(step, condition, message, body=None):
    if not condition:
        raise StepFailed(step, message, body)


def _describe(module, kwargs):
    request = module._get_kwargs(**kwargs)
    params = request.get("params")
    query = "?" + str(httpx.QueryParams(params)) if params else ""
    return "%s %s%s" % (request["method"].upper(), request["url"], query)


def _send(step, module, client, kwargs):
    """sync_detailed, turning an SDK exception into a StepFailed that says what the server answered."""
    _last["response"], _last["step"] = None, step
    try:
        return module.sync_detailed(client=client, **kwargs)
    except httpx.TransportError as error:
        raise StepFailed(step, "%s: no answer: %r" % (_describe(module, kwargs), error))
    except Exception as error:
        seen = _last["response"]
        status = seen.status_code if seen is not None else "no response"
        raise StepFailed(step, "%s -> %s: the SDK could not read the answer: %s: %s"
                         % (_describe(module, kwargs), status, type(error).__name__, error), _body(seen))


def call(step, module, client, status, model, **kwargs):
    """One SDK call: the answer must have exactly `status` and parse into `model` (None: a 204 with no model)."""
    response = _send(step, module, client, kwargs)
    parsed = response.parsed
    what = _describe(module, kwargs)
    if response.status_code != status:
        detail = ""
        if isinstance(parsed, RESTExceptionInfo):
            fields = (("message", parsed.message), ("errorCode", parsed.error_code))
            detail = " (parsed as RESTExceptionInfo%s)" % "".join(
                " %s=%s" % (name, value) for name, value in fields if not isinstance(value, v8types.Unset))
        raise StepFailed(step, "%s -> %d, expected %d%s" % (what, response.status_code, status, detail),
                         response.content)
    if model is None:
        _check(step, parsed is None, "%s -> %d but parsed into %r, expected nothing" % (what, status, parsed),
               response.content)
    else:
        _check(step, isinstance(parsed, model), "%s -> %d parsed into %s, expected %s"
               % (what, status, type(parsed).__name__, model.__name__), response.content)
    return parsed


def expect_unauthorized(step, module, client, **kwargs):
    """401: either with an empty body (what VB365 and the research notes recommend for v6-v8; the generated
    parser then fails on `response.json()`) or with a body the SDK reads as RESTExceptionInfo."""
    what = _describe(module, kwargs)
    _last["response"], _last["step"] = None, step
    try:
        response = module.sync_detailed(client=client, **kwargs)
    except httpx.TransportError as error:
        raise StepFailed(step, "%s: no answer: %r" % (what, error))
    except Exception as error:
        seen = _last["response"]
        _check(step, seen is not None and seen.status_code == 401 and not (_body(seen) or b"").strip(),
               "%s -> %s, expected 401 (SDK error %s: %s)" % (what, "no response" if seen is None else seen.status_code,
                                                              type(error).__name__, error),
               _body(seen))
        return "401, empty body"
    _check(step, response.status_code == 401, "%s -> %d, expected 401" % (what, response.status_code),
           response.content)
    _check(step, isinstance(response.parsed, RESTExceptionInfo), "%s -> 401 parsed into %s, expected "
           "RESTExceptionInfo" % (what, type(response.parsed).__name__), response.content)
    message = response.parsed.message
    return "401, RESTExceptionInfo %r" % ("" if isinstance(message, v8types.Unset) else message)


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def run_checks(base_url, username, password, httpx_args=None):
    """The SDK walk-through against a server at base_url (the bare origin: every generated path starts /v8/)."""
    args = dict(httpx_args or {})
    args["event_hooks"] = {"response": [_remember]}
    timeout = httpx.Timeout(REQUEST_TIMEOUT)
    anonymous = Client(base_url=base_url, verify_ssl=False, timeout=timeout, httpx_args=args)

    def authenticated(access_token):
        return AuthenticatedClient(base_url=base_url, token=access_token, verify_ssl=False, timeout=timeout,
                                   httpx_args=args)

    # 1. Tokens: password grant, then refresh grant (form bodies, antiforgery disabled as the SDK does).
    first = call("login", token, anonymous, 200, OAuthTokenResponse, body=TokenDataBody(
        grant_type=TokenDataBodyGrantType.PASSWORD, username=username, password=password,
        disable_antiforgery_token=True))
    _check("login", first.access_token and first.refresh_token, "empty access_token or refresh_token")
    _check("login", first.token_type.lower() == "bearer", "token_type %r, expected bearer" % first.token_type)
    _check("login", isinstance(first.expires_in, int) and first.expires_in > 0, "expires_in %r" % first.expires_in)
    _check("login", first.expires > first.issued, ".expires %s not after .issued %s" % (first.expires, first.issued))
    _ok("login", "expires_in %d" % first.expires_in)

    second = call("refresh", token, anonymous, 200, OAuthTokenResponse, body=TokenDataBody(
        grant_type=TokenDataBodyGrantType.REFRESH_TOKEN, refresh_token=first.refresh_token,
        disable_antiforgery_token=True))
    _check("refresh", second.access_token and second.access_token != first.access_token,
           "the refresh grant did not return a new access token")
    _check("refresh", second.refresh_token and second.refresh_token != first.refresh_token,
           "the refresh grant did not return a new refresh token")
    _ok("refresh")
    api = authenticated(second.access_token)

    # 2. ServiceInstance, with and without a token.
    instance = call("service_instance", service_instance_get, api, 200, RESTServiceInstance)
    _ok("service_instance", "version %s" % instance.version)
    _ok("service_instance_anonymous", expect_unauthorized("service_instance_anonymous", service_instance_get,
                                                          anonymous))

    # 3. Organizations (a v8 page), then the demo organization by id.
    page = call("organizations", organization_get, api, 200, PageOfRestOrganizationComposed, limit=50, offset=0)
    _check("organizations", page.offset == 0 and page.limit == 50,
           "offset/limit echoed as %r/%r, expected 0/50" % (page.offset, page.limit))
    matches = [o for o in page.results if o.name == ORGANIZATION]
    _check("organizations", len(matches) == 1, "%s not in %r" % (ORGANIZATION, [o.name for o in page.results]))
    org_id = matches[0].id
    _check("organizations", isinstance(org_id, UUID), "organization id %r is not a UUID" % (org_id,))
    _ok("organizations", "%d organization(s)" % len(page.results))

    org = call("organization_by_id", organization_get_by_id, api, 200, RestOrganizationComposed,
               organization_id=org_id)
    _check("organization_by_id", org.id == org_id and org.name == ORGANIZATION,
           "got id %r name %r" % (org.id, org.name))
    _ok("organization_by_id", str(org_id))

    # 4. Explore now -> 201 + a Working session. (The demo's restore points are in January 2026; on a clock set
    # before them "now" would give an empty session, so never explore before the last one.)
    def explore(step):
        when = max(datetime.now(timezone.utc), datetime(2026, 1, 9, tzinfo=timezone.utc))
        options = RESTOrganizationExploreOptions(date_time=when, type_=RESTOrganizationExploreOptionsType.VEX)
        session = call(step, organization_explore, api, 201, RESTRestoreSession, organization_id=org_id, body=options)
        _check(step, session.state == RESTRestoreSessionState.WORKING, "state %s, expected Working" % session.state)
        _check(step, session.type_ == RESTRestoreSessionType.VEX, "type %s, expected Vex" % session.type_)
        _check(step, not session.end_time, "a new session has endTime %r" % (session.end_time,))
        return session

    started = datetime.now(timezone.utc)
    session = explore("explore")
    sid = session.id
    _ok("explore", str(sid))

    # 5. Session list: filters, order, paging. A second session (a second apart, so creation times differ)
    # makes the order and limit=1 paging observable.
    time.sleep(1.1)
    other = explore("explore_second")
    _ok("explore_second", str(other.id))
    since = iso(started - timedelta(hours=1))
    filters = dict(start_time_from=since, order_by=RestoreSessionGetPageOrderBy.CREATIONTIME)

    page = call("sessions_list", restore_session_get_page, api, 200, PageOfRESTRestoreSession,
                limit=30, offset=0, order_asc=False, **filters)
    ids = [s.id for s in page.results]
    _check("sessions_list", page.offset == 0 and page.limit == 30,
           "offset/limit echoed as %r/%r, expected 0/30" % (page.offset, page.limit))
    _check("sessions_list", sid in ids and other.id in ids,
           "sessions %s and %s not both in %s" % (sid, other.id, ids))
    _check("sessions_list", ids.index(other.id) < ids.index(sid), "orderAsc=false: newer session not first: %s" % ids)
    _ok("sessions_list", "%d session(s), newest first" % len(ids))

    page = call("sessions_list_ascending", restore_session_get_page, api, 200, PageOfRESTRestoreSession,
                limit=30, offset=0, order_asc=True, **filters)
    ids = [s.id for s in page.results]
    _check("sessions_list_ascending", sid in ids and other.id in ids and ids.index(sid) < ids.index(other.id),
           "orderAsc=true: older session not first: %s" % ids)
    _ok("sessions_list_ascending")

    for offset, expected in ((0, other.id), (1, sid)):
        page = call("sessions_paging", restore_session_get_page, api, 200, PageOfRESTRestoreSession,
                    limit=1, offset=offset, order_asc=False, **filters)
        _check("sessions_paging", page.offset == offset and page.limit == 1,
               "offset/limit echoed as %r/%r, expected %d/1" % (page.offset, page.limit, offset))
        _check("sessions_paging", [s.id for s in page.results] == [expected],
               "limit=1 offset=%d gave %s, expected [%s]" % (offset, [s.id for s in page.results], expected))
    _ok("sessions_paging", "limit=1 at offsets 0 and 1")

    page = call("sessions_filter_future", restore_session_get_page, api, 200, PageOfRESTRestoreSession,
                limit=30, offset=0, start_time_from=iso(datetime.now(timezone.utc) + timedelta(hours=1)))
    _check("sessions_filter_future", page.results == [], "startTimeFrom in the future gave %d session(s)"
           % len(page.results))
    _ok("sessions_filter_future")

    # 6. The session, its events, statistics and organization.
    got = call("session_get", restore_session_get_by_restore_session_id, api, 200, RESTRestoreSession,
               restore_session_id=sid)
    _check("session_get", got.id == sid and got.state == RESTRestoreSessionState.WORKING,
           "got id %s state %s, expected %s Working" % (got.id, got.state, sid))
    _ok("session_get", "%s %s %s" % (got.type_, got.state, got.result))

    events = call("session_events", restore_session_event_get, api, 200, PageOfRESTRestoreSessionEvent,
                  restore_session_id=sid, limit=30, offset=0)
    _check("session_events", events.results, "no events")
    first_event = events.results[0]
    _check("session_events", first_event.order == 0 and first_event.message == "Restore session started",
           "first event order %r message %r, expected 0 'Restore session started'"
           % (first_event.order, first_event.message))
    _ok("session_events", "%d event(s)" % len(events.results))

    event = call("session_event_by_id", restore_session_event_get_by_id, api, 200, RESTRestoreSessionEvent,
                 restore_session_id=sid, event_id=first_event.id)
    _check("session_event_by_id", event.id == first_event.id and event.message == first_event.message,
           "got event %s %r" % (event.id, event.message))
    _ok("session_event_by_id")

    stats = call("session_statistics", restore_session_get_restore_statistics, api, 200,
                 RESTRestoreSessionStatistics, restore_session_id=sid)
    counts = (stats.total_items_count, stats.restored_items_count, stats.failed_items_count,
              stats.skipped_items_count)
    _check("session_statistics", counts == (0, 0, 0, 0) and stats.items == [],
           "before any restore: counts %r items %r, expected zeros and []" % (counts, stats.items))
    _ok("session_statistics")

    backup_org = call("session_organization", backup_organization_get_by_restore_session_id, api, 200,
                      RESTBackupOrganization, restore_session_id=sid)
    _check("session_organization", isinstance(backup_org.name, str) and backup_org.name.startswith(ORGANIZATION),
           "name %r does not start with %s" % (backup_org.name, ORGANIZATION))
    _check("session_organization", backup_org.id == org_id, "id %r, expected the organization's id %s"
           % (backup_org.id, org_id))
    _ok("session_organization", backup_org.name)

    # 7. Browse Exchange: mailboxes, root folders, the Inbox, its items.
    mailboxes = call("mailboxes", exchange_mailbox_get, api, 200, PageOfRESTExchangeMailbox,
                     restore_session_id=sid, offset=0, limit=100)
    _check("mailboxes", mailboxes.results, "no mailboxes in the session")
    mailbox = mailboxes.results[0]
    _check("mailboxes", isinstance(mailbox.id, UUID), "mailbox id %r is not a UUID" % (mailbox.id,))
    _ok("mailboxes", "%d mailbox(es), first %s" % (len(mailboxes.results), mailbox.email))

    got = call("mailbox_by_id", exchange_mailbox_get_by_id, api, 200, RESTExchangeMailbox,
               restore_session_id=sid, mailbox_id=mailbox.id)
    _check("mailbox_by_id", got.id == mailbox.id and got.email == mailbox.email,
           "got %s %r, expected %s %r" % (got.id, got.email, mailbox.id, mailbox.email))
    _ok("mailbox_by_id")

    folders = call("root_folders", exchange_folder_get, api, 200, PageOfRESTExchangeFolder,
                   restore_session_id=sid, mailbox_id=mailbox.id, parent_id="root")
    inboxes = [f for f in folders.results if f.name == "Inbox" or f.category == RESTExchangeFolderCategory.INBOX]
    _check("root_folders", len(inboxes) == 1, "no single Inbox among %r" % [f.name for f in folders.results])
    inbox = inboxes[0]
    _check("root_folders", isinstance(inbox.id, str) and inbox.id, "Inbox without an id")
    _ok("root_folders", ", ".join(str(f.name) for f in folders.results))

    got = call("folder_by_id", exchange_folder_get_by_folder_id, api, 200, RESTExchangeFolder,
               restore_session_id=sid, mailbox_id=mailbox.id, folder_id=inbox.id)
    _check("folder_by_id", got.id == inbox.id and got.name == inbox.name,
           "got %r %r, expected %r %r" % (got.id, got.name, inbox.id, inbox.name))
    _ok("folder_by_id", "%s category %s" % (inbox.name, got.category))

    items = call("items", exchange_item_get, api, 200, PageOfRESTExchangeItemsComposed,
                 restore_session_id=sid, mailbox_id=mailbox.id, parent_id=inbox.id, limit=5)
    _check("items", 1 <= len(items.results) <= 5 and items.limit == 5,
           "%d item(s) with limit echoed %r, expected 1..5 and 5" % (len(items.results), items.limit))
    item = items.results[0]
    _check("items", isinstance(item.id, str) and item.id, "item without an id")
    _ok("items", "%d item(s)" % len(items.results))

    got = call("item_by_id", exchange_item_get_by_id, api, 200, RESTExchangeItemsComposed,
               restore_session_id=sid, mailbox_id=mailbox.id, item_id=item.id)
    _check("item_by_id", got.id == item.id and got.item_class == "IPM.Note",
           "got %r itemClass %r, expected %r IPM.Note" % (got.id, got.item_class, item.id))
    _ok("item_by_id", repr(got.subject))

    # 8. Stop -> 204, then Stopped with an endTime.
    call("stop", restore_session_stop_action, api, 204, None, restore_session_id=sid)
    _ok("stop")
    got = call("stopped_state", restore_session_get_by_restore_session_id, api, 200, RESTRestoreSession,
               restore_session_id=sid)
    _check("stopped_state", got.state == RESTRestoreSessionState.STOPPED, "state %s, expected Stopped" % got.state)
    _check("stopped_state", isinstance(got.end_time, datetime), "endTime %r, expected a date-time" % (got.end_time,))
    _ok("stopped_state", "endTime %s" % got.end_time.isoformat())
    call("stop_second", restore_session_stop_action, api, 204, None, restore_session_id=other.id)
    _ok("stop_second")

    # 9. Log out -> 204; the token is dead afterwards.
    call("logout", logout, api, 204, None)
    _ok("logout")
    _ok("old_token_rejected", expect_unauthorized("old_token_rejected", service_instance_get, api))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def on_alarm(signum, frame):
    raise Timeout()


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: sdk_v8.py RECALL_BINARY\n")
        return 2
    recall = os.path.abspath(sys.argv[1])
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(TIMEOUT_SECONDS)
    work = tempfile.mkdtemp(prefix="recall-sdk-v8-")
    data = os.path.join(work, "data")
    log_path = os.path.join(work, "serve.log")
    server = log = None
    passed = False
    try:
        def recall_cli(*args, stdin=None):
            done = subprocess.run([recall, *args, "--data-dir", data], input=stdin, capture_output=True, timeout=240)
            if done.returncode != 0:
                raise StepFailed("setup", "recall %s exited %d" % (" ".join(args), done.returncode),
                                 done.stderr or done.stdout)

        recall_cli("users", "add", USER, "--password-stdin", stdin=(PASSWORD + "\n").encode())
        recall_cli("demo", "--scale", "200", "--quiet")

        port = free_port()
        log = open(log_path, "wb")
        server = subprocess.Popen([recall, "serve", "--data-dir", data, "--bind", "127.0.0.1", "--port", str(port)],
                                  stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise StepFailed("setup", "recall serve exited with status %d" % server.returncode)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise StepFailed("setup", "recall serve did not listen on port %d within 60 s" % port)
                time.sleep(0.1)
        _ok("setup", "recall serve on https://127.0.0.1:%d" % port)

        run_checks("https://127.0.0.1:%d" % port, USER, PASSWORD)
        print("sdk v8 e2e: every step ok (veeam-365 SDK against %s)" % recall, flush=True)
        passed = True
    except StepFailed as failure:
        print("FAIL %s: %s" % (failure.step, failure), flush=True)
        body = failure.body
        if body is None:  # a check on the content of the last answer
            body = _body(_last["response"])
        if body is not None:
            print("  body: %r" % bytes(body)[:500], flush=True)
    except Timeout:
        print("FAIL %s: timed out after %d s" % (_last["step"], TIMEOUT_SECONDS), flush=True)
    except Exception as error:  # a bug here or an SDK surprise: still a clear failure, never a hang
        print("FAIL %s: %s: %s" % (_last["step"], type(error).__name__, error), flush=True)
    finally:
        signal.alarm(0)
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if log is not None:
            log.close()
            if not passed:
                with open(log_path, "rb") as f:
                    tail = f.read()[-3000:].decode("utf-8", "replace")
                if tail:
                    sys.stdout.write("--- recall serve log (tail) ---\n%s\n" % tail)
        shutil.rmtree(work, ignore_errors=True)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
