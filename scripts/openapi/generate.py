#!/usr/bin/env python3
"""Writes the OpenAPI 3.1 documents of the API versions Recall serves (v3, v6, v7, v8).

The documents describe exactly what the code serves: the routes of `Sources/RecallHTTP/V3/V3Router.swift` and
`Sources/RecallHTTP/V8/V8Router.swift` (without their 405 fallbacks) and the shapes of the JSON builders. Every
definition is written once below and specialised per version where the code differs.

Outputs (deterministic, from the repository root):
    docs/openapi/v3.json, v6.json, v7.json, v8.json
    Sources/RecallHTTP/OpenAPI/OpenAPIDocuments+V3.swift, …   (the same documents as compact JSON, served at `GET /swagger/docs/{version}`)

Usage:
    python3 scripts/openapi/generate.py           # (re)write the files
    python3 scripts/openapi/generate.py --check   # exit 1 and name the files that differ from what would be written
"""

import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
VERSIONS = ("v3", "v6", "v7", "v8")
SWIFT_FILE_PATTERN = "Sources/RecallHTTP/OpenAPI/OpenAPIDocuments+{version}.swift"
SERVER_URL = "https://localhost:4443"

# ---------------------------------------------------------------------------------------------------------------
# Schema building blocks


def ref(name, kind="schemas", **siblings):
    """A reference; OpenAPI 3.1 lets `description` (and, in schemas, any keyword) sit beside `$ref`."""
    return {"$ref": f"#/components/{kind}/{name}", **siblings}


def string(description=None, **keywords):
    schema = {"type": "string", **keywords}
    if description:
        schema["description"] = description
    return schema


def integer(description=None, minimum=0, fmt="int64", **keywords):
    schema = {"type": "integer", "format": fmt, **keywords}
    if minimum is not None:
        schema["minimum"] = minimum
    if description:
        schema["description"] = description
    return schema


def constant(value, description=None):
    """A field the builder always writes with the same value."""
    kind = {bool: "boolean", str: "string", int: "integer"}[type(value)]
    schema = {"type": kind, "const": value}
    if description:
        schema["description"] = description
    return schema


def closed(properties, optional=(), description=None, **keywords):
    """An object the builder writes with exactly these fields (those in `optional` only sometimes)."""
    schema = {"type": "object"}
    if description:
        schema["description"] = description
    schema["properties"] = properties
    required = [name for name in properties if name not in optional]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    schema.update(keywords)
    return schema


def empty_array(description="Always empty in Recall."):
    return {"type": "array", "maxItems": 0, "description": description}


GUID = {"type": "string", "format": "uuid"}
FOLDER_ID_PATTERN = r"^[A-Za-z0-9_-]{22}==$"
ITEM_ID_PATTERN = r"^[A-Za-z0-9_-]{11}=$"
LENIENT_BOOLEAN_PATTERN = r"^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"
SESSION_TYPE_PATTERN = r"^([Vv][Ee][Xx]|[Vv][Ee][Oo][Dd]|[Vv][Ee][Ss][Pp])$"
RFC1123_PATTERN = (
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}:\d{2} GMT$"
)
DURATION_PATTERN = r"^(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{7})?$"
TIME_INPUT = (
    "A date and time in any form explore accepts: ISO 8601 (`2026-11-30T08:00:00Z`, with a fraction, `Z` or an "
    "offset), `yyyy-MM-dd HH:mm[:ss[.fff]]`, `yyyy.MM.dd HH:mm[:ss]`, `yyyy/MM/dd …`, a date alone, or US "
    "`M/d/yyyy h:mm[:ss] AM|PM`; without a zone it is UTC."
)
POINT_IN_TIME_NAME = "The organization's name followed by the point in time in US form: `contoso.onmicrosoft.com (5/29/2019 10:00:00 AM)`."

EVENT_ITEM_FIELDS = ("itemName", "itemType", "itemSizeBytes", "source", "target")


class Spec:
    """One version's document."""

    def __init__(self, version):
        self.version = version
        self.modern = version != "v3"
        self.root = f"/{version}"

    # -----------------------------------------------------------------------------------------------------------
    # Components

    def link(self):
        if self.modern:
            href = string(f"Relative to the server: `/{self.version}/…`.", format="uri-reference", pattern=f"^/{self.version}/")
        else:
            href = string("Absolute, from the request's scheme and Host header: `https://host:4443/v3/…`.", format="uri")
        return closed({"href": href})

    @staticmethod
    def links(*rels, optional=()):
        return closed({rel: ref("Link") for rel in rels}, optional=optional)

    def page(self, item, description, total_count=False):
        properties = {
            "offset": integer("The `offset` of the request.", maximum=2147483647, fmt="int32"),
            "limit": integer("The `limit` of the request.", minimum=1, maximum=10000, fmt="int32"),
        }
        if total_count:
            properties["totalCount"] = integer("How many there are in all.")
        properties["results"] = {"type": "array", "items": ref(item)}
        properties["_links"] = ref("PageLinks")
        return closed(properties, optional=("_links",), description=description)

    def error_schema(self):
        if self.version == "v8":
            return closed(
                {
                    "message": string(),
                    "errorCode": string(
                        "`ResourceNotFound` (404), `ParameterValidationFailure` (400, 413), `ResourceAccessDenied` "
                        "(403), `OperationConflict` (409), `HttpError` (any other status).",
                        enum=["ResourceNotFound", "ParameterValidationFailure", "ResourceAccessDenied", "OperationConflict", "HttpError"],
                    ),
                    "stackTrace": {"type": "null"},
                },
                description="An error of the v8 API.",
            )
        return closed({"message": string()}, description=f"An error of the {self.version} API.")

    def event_schema(self):
        properties = {
            "itemName": string("What the action worked on: a mailbox address, a folder name, an item's subject, the organization's name, or `N items`."),
            "itemType": string(enum=["Organization", "Mailbox", "Folder", "Item", "Items"]),
            "itemSizeBytes": integer("Bytes of the messages the action read."),
            "source": string(),
            "target": string("The Maildir directory a restore wrote to, or the file name of an export or save."),
            "id": GUID,
            "type": string("`None` for the session's own start and stop events.", enum=["None", "View", "Restore", "Save", "Send", "Export"]),
            "status": string(enum=["Running", "Success", "Warning", "Failed"]),
            "startTime": ref("DateTime"),
            "endTime": ref("DateTime"),
            "duration": string("A .NET TimeSpan: `00:00:00`, `00:09:06.3493680`, `1.02:03:04`.", pattern=DURATION_PATTERN),
            "title": string(),
            "message": string(),
            "order": integer("Position in the session's log, 0 for the start event, without gaps.", fmt="int32"),
            "_links": self.links("self", "restoreSession"),
        }
        return closed(
            properties,
            optional=EVENT_ITEM_FIELDS,
            description="One line of a restore session's log. The item fields appear together, on the events of actions only.",
            dependentRequired={name: [other for other in EVENT_ITEM_FIELDS if other != name] for name in EVENT_ITEM_FIELDS},
        )

    def token_schemas(self):
        date = ref("DateTime") if self.modern else string("RFC 1123, as OWIN writes it: `Wed, 29 May 2019 10:00:00 GMT`.", pattern=RFC1123_PATTERN)
        ignored = "Other fields (`client_id`, `disable_antiforgery_token`, …) are accepted and ignored; names match in any case."
        return {
            "TokenRequest": {
                "description": "An OAuth 2 password or refresh-token grant, as JSON or as a form.",
                "oneOf": [ref("PasswordGrant"), ref("RefreshTokenGrant")],
            },
            "PasswordGrant": {
                "type": "object",
                "description": ignored,
                "properties": {
                    "grant_type": constant("password"),
                    "username": string(minLength=1),
                    "password": string(minLength=1),
                },
                "required": ["grant_type", "username", "password"],
            },
            "RefreshTokenGrant": {
                "type": "object",
                "description": ignored,
                "properties": {
                    "grant_type": constant("refresh_token"),
                    "refresh_token": string(
                        "A refresh token from an earlier grant. Each works once; presenting a spent one again revokes "
                        "every token of its login.",
                        minLength=1,
                        maxLength=512,
                    ),
                },
                "required": ["grant_type", "refresh_token"],
            },
            "TokenResponse": closed(
                {
                    "access_token": string("The bearer token for `Authorization: Bearer …`."),
                    "token_type": string(enum=["bearer"]),
                    "expires_in": integer("Seconds the access token lives, minus one (as OWIN reports it)."),
                    "refresh_token": string("Single-use; lives 14 days."),
                    "userName": string(),
                    ".issued": date,
                    ".expires": date,
                }
            ),
            "TokenError": closed(
                {
                    "error": string(
                        "`invalid_request` (malformed or incomplete body), `unsupported_grant_type`, `invalid_grant` "
                        "(wrong user name or password; unknown, expired or used refresh token).",
                        enum=["invalid_request", "unsupported_grant_type", "invalid_grant"],
                    ),
                    "error_description": string(),
                },
                description="The OAuth 2 error of the token endpoint (on every version).",
            ),
        }

    def request_schemas(self):
        """Bodies clients send: explore options, restore options, item selections (names match in any case)."""
        lenient = ref("LenientBoolean")
        date_key = "dateTime" if self.modern else "datetime"
        schemas = {
            "LenientBoolean": {
                "type": ["boolean", "string", "null"],
                "pattern": LENIENT_BOOLEAN_PATTERN,
                "description": "`true` or `false`, also as the strings `\"true\"`/`\"false\"` in any case; null counts as absent.",
            },
            "ExploreOptions": {
                "type": ["object", "null"],
                "description": "Where and how to explore; every field is optional, property names match in any case. null explores now.",
                "properties": {
                    date_key: {
                        "type": ["string", "null"],
                        "description": "The point in time; absent or null means now (the latest restore point). " + TIME_INPUT,
                    },
                    "type": {
                        "type": ["string", "null"],
                        "pattern": SESSION_TYPE_PATTERN,
                        "description": "`vex` (Exchange, the default), `veod` or `vesp`, in any case. Veod and Vesp sessions list no mailboxes.",
                    },
                    "showDeleted": ref("LenientBoolean", description="Also show items deleted by the point in time. Default false."),
                    "showAllVersions": ref("LenientBoolean", description="Also show the older versions of changed items, each as its own item. Default false."),
                },
            },
            "RestoreToOptions": {
                "type": ["object", "null"],
                "description": "Where and how to restore; every field is optional, property names match in any case.",
                "properties": {
                    "mailbox": {
                        "type": ["string", "null"],
                        "description": "Restore into this mailbox address (`user@contoso.onmicrosoft.com`) instead of each item's own.",
                    },
                    "folder": {
                        "type": ["string", "null"],
                        "description": "Restore under this folder path (`Inbox` or `Inbox/Projects`), keeping each item's own folder path below it.",
                    },
                    "changedItems": ref("LenientBoolean", description="Replace a message with the same Message-ID but other bytes (counted as merged); else skip it. Default true."),
                    "deletedItems": ref("LenientBoolean", description="Restore items deleted by the point in time. Default true."),
                    "markRestoredAsUnread": ref("LenientBoolean", description="Drop the seen flag. Default false."),
                    "userName": {"description": "Accepted and ignored."},
                    "userPassword": {"description": "Accepted and ignored."},
                    "casServer": {"description": "Accepted and ignored."},
                },
            },
            "ItemReference": {
                "type": "object",
                "properties": {"id": string("An item id from the items listing.")},
                "required": ["id"],
            },
            "ItemsSelection": {
                "type": "object",
                "properties": {
                    "items": {
                        "type": "array",
                        "items": ref("ItemReference"),
                        "minItems": 1,
                        "description": "Items of this mailbox that the session shows; only the first 10 000 are used.",
                    }
                },
                "required": ["items"],
            },
            "ItemsRestoreToOptions": {"allOf": [ref("ItemsSelection"), ref("RestoreToOptions")]},
        }
        return schemas

    def v3_action_schemas(self):
        any_value = "Any value, null by convention."
        unsupported = "Answers 501: Recall writes no PST or MSG files and sends no mail."

        def action(single_item, items):
            value = ref("ItemsSelection") if items else {"description": any_value}
            properties = {
                "exporttoMbox": ref("ItemsSelection", description="Streams the items as an mboxrd file.") if items
                else {"description": any_value + " Streams an mboxrd file (with subfolders)."},
                "restoretoOriginallocation": ref("ItemsSelection", description="Restores into each item's own mailbox and folder.") if items
                else {"description": any_value + " Restores into each item's own mailbox and folder."},
                "restoreTo": ref("ItemsRestoreToOptions") if items else ref("RestoreToOptions"),
            }
            if single_item or items:
                properties["savetoEml"] = ref("ItemsSelection", description="One item as message/rfc822, several as a ZIP of .eml files.") if items \
                    else {"description": any_value + " Streams the item as message/rfc822."}
            for name in ("exporttoPst", "savetoMsg", "sendtoDefaultAddress", "sendtoDifferentAddress"):
                properties[name] = dict(value, description=unsupported) if not items else ref("ItemsSelection", description=unsupported)
            return {
                "type": "object",
                "description": "Exactly one action; names match in any case." + (" Every action's value names the items." if items else ""),
                "properties": properties,
                "minProperties": 1,
                "maxProperties": 1,
            }

        def form(single_item):
            properties = {"exporttoMbox": string(), "restoretoOriginallocation": string(), "restoreTo": string()}
            for option in ("mailbox", "folder", "changedItems", "deletedItems", "markRestoredAsUnread"):
                properties[f"restoreTo.{option}"] = string()
            if single_item:
                properties["savetoEml"] = string()
            for name in ("exporttoPst", "savetoMsg", "sendtoDefaultAddress", "sendtoDifferentAddress"):
                properties[name] = string()
            return {
                "type": "object",
                "description": "The same action as a form: one action key, options as `restoreTo.mailbox=…` (or "
                "`restoreTo[mailbox]=…`); an empty value is null, booleans are `true`/`false`.",
                "properties": properties,
            }

        return {
            "ExploreAction": {
                "type": "object",
                "description": "Exactly one action, `explore`; names match in any case.",
                "properties": {"explore": ref("ExploreOptions")},
                "required": ["explore"],
                "maxProperties": 1,
            },
            "ExploreActionForm": {
                "type": "object",
                "description": "The explore action as a form: `explore.datetime=…` (or `explore[datetime]=…`); an empty value is null, so `explore=` explores now.",
                "properties": {
                    "explore": string(),
                    "explore.datetime": string(),
                    "explore.type": string(),
                    "explore.showDeleted": string(),
                    "explore.showAllVersions": string(),
                },
            },
            "StopAction": {
                "type": "object",
                "description": "Exactly one action, `stop`; its value is ignored. Names match in any case.",
                "properties": {"stop": {"description": any_value}},
                "required": ["stop"],
                "maxProperties": 1,
            },
            "StopActionForm": {"type": "object", "properties": {"stop": string()}, "required": ["stop"]},
            "ContainerAction": action(single_item=False, items=False),
            "ContainerActionForm": form(single_item=False),
            "ItemAction": action(single_item=True, items=False),
            "ItemActionForm": form(single_item=True),
            "ItemsAction": action(single_item=False, items=True),
        }

    def modern_request_schemas(self):
        return {
            "ExploreOptionsForm": {
                "type": "object",
                "description": "The explore options as a form; booleans are `true`/`false`.",
                "properties": {name: string() for name in ("dateTime", "type", "showDeleted", "showAllVersions")},
            },
            "RestoreToOptionsForm": {
                "type": "object",
                "description": "The restore options as a form; an empty value is null, booleans are `true`/`false`.",
                "properties": {name: string() for name in ("mailbox", "folder", "changedItems", "deletedItems", "markRestoredAsUnread")},
            },
            "IgnoredBody": {
                "type": ["object", "null"],
                "description": "Read (it must be a JSON object, null, or a form) and ignored; may be left out.",
            },
        }

    def v3_resource_schemas(self):
        date = ref("DateTime")
        return {
            "Organization": closed(
                {
                    "type": constant("Office365"),
                    "region": constant("Worldwide"),
                    "isExchangeOnline": constant(True),
                    "isSharePointOnline": constant(False),
                    "id": GUID,
                    "name": string(),
                    "isBackedup": {"type": "boolean"},
                    "firstBackuptime": ref("DateTime", description="The earliest restore point of any mailbox; only once backed up."),
                    "lastBackuptime": ref("DateTime", description="The latest restore point of any mailbox; only once backed up."),
                    "_links": self.links("self"),
                    "_actions": closed({}, description="Always empty."),
                },
                optional=("firstBackuptime", "lastBackuptime"),
            ),
            "RestoreSession": closed(
                {
                    "id": GUID,
                    "type": string(enum=["Vex", "Veod", "Vesp"]),
                    "creationTime": date,
                    "endTime": ref("DateTime", description="Only once the session has stopped."),
                    "state": string(
                        "`Working` while it can be browsed, `Stopping` briefly while it stops, then `Stopped`. Sessions are "
                        "stored once started, so `Starting` is not seen in practice.",
                        enum=["Starting", "Working", "Stopping", "Stopped"],
                    ),
                    "result": ref("SessionResult"),
                    "_links": self.links("self", "organization"),
                },
                optional=("endTime",),
            ),
            "SessionOrganization": closed(
                {"id": GUID, "name": string(POINT_IN_TIME_NAME), "_links": self.links("self", "mailboxes")},
                description="The organization a session explores.",
            ),
            "Mailbox": closed(
                {
                    "id": GUID,
                    "name": string("Display name."),
                    "email": string(),
                    "isArchive": constant(False),
                    "_links": self.links("self", "folders", "allfolders"),
                }
            ),
            "Folder": closed(
                {
                    "id": ref("FolderId"),
                    "name": string(),
                    "type": constant("None"),
                    "description": constant(""),
                    "_links": self.links("self", "parent", "mailbox", "folders", "items"),
                },
                description="A mail folder; `parent` is the parent folder, or the mailbox for a top-level folder.",
            ),
            "Item": closed(
                {
                    "id": ref("ItemId"),
                    "itemClass": string("`IPM.Note`."),
                    "from": string(),
                    "cc": string("Addresses joined with `; `."),
                    "bcc": constant(""),
                    "to": string("Addresses joined with `; `."),
                    "sent": ref("DateTime", description="Only when the message has a readable Date header."),
                    "received": ref("DateTime", description="Only when known."),
                    "reply": constant(""),
                    "subject": string(),
                    "_links": self.links("self", "parent", "mailbox"),
                },
                optional=("sent", "received"),
                description="A mail item (one version of a message).",
            ),
            "MailboxPage": self.page("Mailbox", "A page of the mailboxes that had a backup at the session's point in time."),
            "FolderPage": self.page("Folder", "A page of folders."),
            "ItemPage": self.page("Item", "A page of mail items."),
            "EventPage": self.page("Event", "A page of a session's events, in order."),
            "RestoreCounts": closed(
                {name: integer() for name in ("createdItemsCount", "mergedItemsCount", "failedItemsCount", "skippedItemsCount")}
            ),
        }

    def modern_resource_schemas(self):
        v = self.version
        date = ref("DateTime")
        organization = {
            "type": constant("Office365"),
            "region": constant("Worldwide"),
            "isExchangeOnline": constant(True),
            "isSharePointOnline": constant(False),
            "isTeamsOnline": constant(False),
            "isTeamsChatsOnline": constant(False),
            "id": GUID,
            "name": string(),
            "officeName": string("The organization's name."),
        }
        if v != "v6":
            organization["description"] = constant("")
        organization["isBackedup"] = {"type": "boolean", "description": "Only with `extendedView=true`."}
        organization["firstBackuptime"] = ref("DateTime", description="Only with `extendedView=true`, once backed up.")
        organization["lastBackuptime"] = ref("DateTime", description="Only with `extendedView=true`, once backed up.")
        organization["_links"] = self.links("self")

        session = {
            "id": GUID,
            "name": string(POINT_IN_TIME_NAME),
            "organization": string("The organization's name."),
            "type": string(enum=["Vex", "Veod", "Vesp"]),
            "creationTime": date,
            "endTime": ref("DateTime", description="Only once the session has stopped."),
            "state": string("`Working` until the session has stopped (or is stopping).", enum=["Working", "Stopped"]),
            "result": ref("SessionResult"),
            "initiatedBy": string("The user who explored."),
            "details": constant(""),
            "scopeName": constant(""),
            "clientHost": string("The server's host name."),
            "reason": constant(""),
        }
        if v == "v8":
            session["eTag"] = integer("1, plus one once stopped, plus one once the result is no longer Success.", minimum=1, maximum=3)
        session["_links"] = self.links("self", "organization", "events")

        folder = {
            "id": ref("FolderId"),
            "name": string(),
            "type": constant("None"),
            "category": string(
                "The well-known folder a top-level folder stands for (by name); `None` for others.",
                enum=["Inbox", "Sent", "Deleted", "Drafts", "Junk", "Outbox", "None"],
            ),
            "description": constant(""),
        }
        if v == "v8":
            folder["mailboxId"] = GUID
        folder["_links"] = self.links("self", "mailbox", "folders", "items")

        item = {"id": ref("ItemId"), "itemClass": string("`IPM.Note`.")}
        if v == "v8":
            item["mailboxId"] = GUID
        item.update(
            {
                "subject": string(),
                "from": string(),
                "to": string("Addresses joined with `; `."),
                "cc": string("Addresses joined with `; `."),
                "bcc": constant(""),
                "sent": ref("DateTime", description="Only when the message has a readable Date header."),
                "received": ref("DateTime", description="Only when known."),
                "importance": constant("Normal"),
                "reminder": constant(False),
                "_links": self.links("self", "parent", "mailbox"),
            }
        )

        counts = {name: integer() for name in ("createdItemsCount", "mergedItemsCount", "failedItemsCount", "skippedItemsCount")}
        schemas = {
            "ServiceInstance": closed(
                {
                    "installationId": dict(GUID, description="Made once per data directory."),
                    "version": constant("8.0.2.159", "The Veeam Backup for Microsoft 365 build whose v8 API Recall follows."),
                }
            ),
            "Organization": closed(
                organization,
                optional=("isBackedup", "firstBackuptime", "lastBackuptime"),
                dependentRequired={"firstBackuptime": ["isBackedup", "lastBackuptime"], "lastBackuptime": ["isBackedup", "firstBackuptime"]},
            ),
            "RestoreSession": closed(session, optional=("endTime",)),
            "RestoreSessionPage": self.page("RestoreSession", "A page of the caller's own restore sessions."),
            "SessionOrganization": closed(
                {"id": GUID, "name": string(POINT_IN_TIME_NAME), "type": constant("Office365"), "_links": self.links("self", "mailboxes")},
                description="The organization a session explores.",
            ),
            "Mailbox": closed(
                {
                    "id": GUID,
                    "name": string("Display name."),
                    "email": string(),
                    "isArchive": constant(False),
                    "isPublic": constant(False),
                    "_links": self.links("self", "folders"),
                }
            ),
            "Folder": closed(folder, description="A mail folder."),
            "Item": closed(item, optional=("sent", "received"), description="A mail item (one version of a message)."),
            "MailboxPage": self.page("Mailbox", "A page of the mailboxes that had a backup at the session's point in time."),
            "FolderPage": self.page("Folder", "A page of folders."),
            "ItemPage": self.page("Item", "A page of mail items."),
            "EventPage": self.page("Event", "A page of a session's events, in order.", total_count=v != "v8"),
        }
        if v == "v8":
            schemas["OrganizationPage"] = self.page("Organization", "A page of organizations.")
            schemas["RestoreStatistics"] = closed(
                {
                    "totalItemsCount": integer(),
                    "restoredItemsCount": integer("Created plus merged."),
                    "failedItemsCount": integer(),
                    "skippedItemsCount": integer(),
                    "items": empty_array(),
                    "warnings": empty_array(),
                    "errors": empty_array(),
                },
                description="Totals of the session's restores (`restore` and `restoreTo`).",
            )
            schemas["RestoreStarted"] = closed(
                {"sessionId": dict(GUID, description="The exploring session: its events and Statistics show the result.")}
            )
        else:
            schemas["ItemRestoreCounts"] = closed(
                dict(counts, exceptions=empty_array(), warnings=empty_array()), description="The answer of a restore of items."
            )
            schemas["ContainerRestoreCounts"] = closed(
                dict(counts, failedFoldersCount=constant(0), exceptions=empty_array(), warnings=empty_array()),
                description="The answer of a restore of a mailbox or a folder.",
            )
        return schemas

    def schemas(self):
        schemas = {
            "Error": self.error_schema(),
            "DateTime": string(
                "UTC with seven fractional digits: `2026-01-08T10:00:00.0000000Z`.",
                format="date-time",
                pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$",
            ),
            "FolderId": string("Opaque URL-safe base64.", pattern=FOLDER_ID_PATTERN),
            "ItemId": string("Opaque URL-safe base64.", pattern=ITEM_ID_PATTERN),
            "Link": self.link(),
            "PageLinks": closed(
                {rel: ref("Link") for rel in ("first", "prev", "self", "next")},
                optional=("prev", "next"),
                description="Only when there is another page: `prev` when offset > 0, `next` when more follow.",
            ),
            "SessionResult": string("`Success` until an action fails wholly (`Failed`) or partly (`Warning`).", enum=["Success", "Warning", "Failed"]),
            "Event": self.event_schema(),
        }
        schemas.update(self.token_schemas())
        schemas.update(self.request_schemas())
        if self.modern:
            schemas.update(self.modern_request_schemas())
            schemas.update(self.modern_resource_schemas())
        else:
            schemas.update(self.v3_action_schemas())
            schemas.update(self.v3_resource_schemas())
        return schemas

    def error_response(self, description, error_code, headers=None):
        schema = ref("Error")
        if self.version == "v8":
            schema = {"allOf": [ref("Error")], "properties": {"errorCode": {"const": error_code}}}
        response = {"description": description}
        if headers:
            response["headers"] = headers
        response["content"] = {"application/json": {"schema": schema}}
        return response

    def responses(self):
        www_authenticate = {"WWW-Authenticate": {"description": "`Bearer`.", "schema": string(const="Bearer")}}
        unauthorized = {"description": "Missing, unknown or expired bearer token.", "headers": www_authenticate}
        if self.modern:
            unauthorized["description"] += " No body (clients then log in again)."
        else:
            unauthorized["content"] = {"application/json": {"schema": ref("Error")}}
        return {
            "Unauthorized": unauthorized,
            "BadRequest": self.error_response("Bad request.", "ParameterValidationFailure"),
            "NotFound": self.error_response("Not found.", "ResourceNotFound"),
            "PayloadTooLarge": self.error_response("The request body is over 1 MiB.", "ParameterValidationFailure"),
            "NotImplemented": self.error_response("Recall does not support this action.", "HttpError"),
            "InternalServerError": self.error_response("An unexpected failure (the message says no more).", "HttpError"),
            "TooManyRequests": self.error_response(
                "Too many failed grants of this kind (password or refresh) lately from this client address or, for the "
                "password grant, for this user name from an address it has not logged in from lately; the grant is not "
                "checked. Try again after `Retry-After` seconds.",
                "HttpError",
                headers={"Retry-After": {"description": "Seconds to wait.", "schema": integer(minimum=1)}},
            ),
            "TooManyExports": self.error_response(
                "The user already has as many exports and saves streaming as `recall serve --max-exports-per-user` "
                "allows (16 by default); nothing was started. Try again after `Retry-After` seconds.",
                "HttpError",
                headers={"Retry-After": {"description": "Seconds to wait.", "schema": integer(minimum=1)}},
            ),
            "TokenError": {
                "description": "The grant was refused or malformed.",
                "content": {"application/json": {"schema": ref("TokenError")}},
            },
        }

    def parameters(self):
        def path(name, description, uuid=True):
            schema = dict(GUID) if uuid else string()
            return {"name": name, "in": "path", "required": True, "description": description, "schema": schema}

        def query(name, description, schema):
            return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}

        encoded = " May be percent-encoded." if self.modern else ""
        parameters = {
            "organizationId": path("organizationId", "An organization's id; 400 when not a GUID."),
            "restoreSessionId": path("restoreSessionId", "A restore session's id; 400 when not a GUID."),
            "eventId": path("eventId", "An event's id; 400 when not a GUID."),
            "mailboxId": path("mailboxId", "A mailbox's id; 400 when not a GUID."),
            "folderId": path("folderId", "A folder's id as the folders listing gives it; 400 when not one." + encoded, uuid=False),
            "itemId": path("itemId", "An item's id as the items listing gives it; 400 when not one." + encoded, uuid=False),
            "offset": query("offset", "How many results to skip; 400 when not a whole number in range.", integer(maximum=2147483647, fmt="int32", default=0)),
            "limit": query("limit", "Page size; 400 when not a whole number in range.", integer(minimum=1, maximum=10000, fmt="int32", default=30)),
        }
        if self.modern:
            items_parent = "folderId" if self.version == "v6" else "parentId"
            parameters.update(
                {
                    "extendedView": query(
                        "extendedView",
                        "Whether `isBackedup`, `firstBackuptime` and `lastBackuptime` appear; `true` or `false` in any case, 400 otherwise.",
                        {"type": "boolean", "default": self.version == "v6"},
                    ),
                    "startTimeFrom": query("startTimeFrom", "Sessions created at or after this time; 400 when unreadable. " + TIME_INPUT, string()),
                    "startTimeTo": query("startTimeTo", "Sessions created at or before this time; 400 when unreadable.", string()),
                    "folderParentId": query(
                        "parentId",
                        "`root` (or `null`, or empty) for the top-level folders, a folder id for its sub-folders; leave out for every folder.",
                        string(),
                    ),
                    "itemsParent": query(
                        items_parent,
                        "A folder id: list that folder's items. Left out, `root`, `null` or empty: the whole mailbox.",
                        string(),
                    ),
                }
            )
            if self.version == "v8":
                parameters.update(
                    {
                        "endTimeFrom": query("endTimeFrom", "Sessions ended at or after this time; 400 when unreadable.", string()),
                        "endTimeTo": query("endTimeTo", "Sessions ended at or before this time; 400 when unreadable.", string()),
                        "orderBy": query(
                            "orderBy",
                            "Sort key, in any case; with `EndTime` running sessions come last. 400 for other values.",
                            string(enum=["CreationTime", "EndTime"], default="CreationTime"),
                        ),
                        "orderAsc": query("orderAsc", "Ascending order; `true` or `false` in any case, 400 otherwise.", {"type": "boolean", "default": False}),
                    }
                )
        else:
            parameters.update(
                {
                    "folderParentId": query(
                        "parentId",
                        "`null` (or empty) for the top-level folders, a folder id for its sub-folders; leave out for every folder.",
                        string(),
                    ),
                    "itemsFolderId": query("folderId", "A folder id: list that folder's items. Left out or empty: the whole mailbox.", string()),
                }
            )
        return parameters

    # -----------------------------------------------------------------------------------------------------------
    # Operations

    @staticmethod
    def param(name):
        return ref(name, "parameters")

    @staticmethod
    def unchecked(name):
        return {
            "name": name,
            "in": "path",
            "required": True,
            "description": "Not looked at: the action answers 501 once the session is found working.",
            "schema": string(),
        }

    def bad(self, description):
        return ref("BadRequest", "responses", description=description)

    def not_found(self, description):
        return ref("NotFound", "responses", description=description)

    @staticmethod
    def json_content(schema):
        return {"application/json": {"schema": schema}}

    def body(self, json_schema, form_schema=None, required=True, description=None):
        content = self.json_content(json_schema)
        if form_schema is not None:
            content["application/x-www-form-urlencoded"] = {"schema": form_schema}
        body = {"required": required, "content": content}
        if description:
            body["description"] = description
        return body

    def operation(self, operation_id, summary, responses, parameters=(), request_body=None, description=None, open_endpoint=False, body_read=False):
        operation = {"operationId": operation_id, "summary": summary}
        if description:
            operation["description"] = description
        if open_endpoint:
            operation["security"] = []
        if parameters:
            operation["parameters"] = [self.param(p) if isinstance(p, str) else p for p in parameters]
        if request_body:
            operation["requestBody"] = request_body
        responses = dict(responses)
        if not open_endpoint:
            responses["401"] = ref("Unauthorized", "responses")
        if body_read:
            responses["413"] = ref("PayloadTooLarge", "responses")
        responses["500"] = ref("InternalServerError", "responses")
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def ok(self, description, schema, status="200"):
        return {status: {"description": description, "content": self.json_content(schema)}}

    @staticmethod
    def empty(description):
        return {"description": description}

    @staticmethod
    def file(description, *media_types, json_too=False):
        disposition = {
            "Content-Disposition": {
                "description": "`attachment; filename=\"….mbox\"` (or `.eml`, `.zip`), named after the target"
                + ("; on the files only." if json_too else "."),
                "schema": string(),
            }
        }
        return {
            "description": description,
            "headers": disposition,
            "content": {media: {"schema": {"type": "string", "contentMediaType": media}} for media in media_types},
        }

    def token_operation(self, operation_id):
        no_cache = {
            "Cache-Control": {"schema": string(const="no-cache")},
            "Pragma": {"schema": string(const="no-cache")},
            "Expires": {"schema": string(const="-1")},
        }
        return self.operation(
            operation_id,
            "Log in with a password, or trade a refresh token for new tokens.",
            {
                "200": {"description": "Tokens issued.", "headers": no_cache, "content": self.json_content(ref("TokenResponse"))},
                "400": ref("TokenError", "responses"),
                "429": ref("TooManyRequests", "responses"),
            },
            request_body=self.body(ref("TokenRequest"), ref("TokenRequest")),
            open_endpoint=True,
            body_read=True,
            description="Errors of the grant are OAuth-shaped (`{\"error\", \"error_description\"}`); a body over 1 MiB, "
            "throttling (429) and unexpected failures use the version's error shape.",
        )

    # The paths below the session that browse and act on its organization (same on every version).
    SESSION = "RestoreSessions/{restoreSessionId}"

    def v3_paths(self):
        s = f"/v3/{self.SESSION}"
        mailbox = f"{s}/Organization/Mailboxes/{{mailboxId}}"
        guid_400 = "A path id is not a GUID."
        browse_400 = "A path id is not a GUID, or the session is stopped."
        session_404 = "No such restore session of the caller's."
        mailbox_404 = "No such session of the caller's, or no such mailbox in it."
        session_params = ["restoreSessionId"]
        mailbox_params = ["restoreSessionId", "mailboxId"]

        def action(operation_id, summary, parameters, body_schema, form_schema, results, not_found, description):
            responses = {
                "200": {
                    "description": "A restore's item counts, or the streamed file of an export or save.",
                    "content": {
                        "application/json": {"schema": ref("RestoreCounts")},
                        **results["content"],
                    },
                    "headers": results["headers"],
                },
                "400": self.bad(
                    "A path id is not a GUID or an id of this API, the session is stopped, the body is malformed or names "
                    "no known action, a restore option is invalid, or the organization has no restore target."
                ),
                "404": self.not_found(not_found),
                "429": ref("TooManyExports", "responses"),
                "501": ref("NotImplemented", "responses", description="exporttoPst, savetoMsg, sendtoDefaultAddress and sendtoDifferentAddress."),
            }
            return {
                "post": self.operation(
                    operation_id, summary, responses, parameters,
                    self.body(ref(body_schema), ref(form_schema) if form_schema else None),
                    description=description, body_read=True,
                )
            }

        def files(*media):
            return self.file("", *media, json_too=True)

        mbox = files("application/mbox")
        eml = files("application/mbox", "message/rfc822")
        zip_or_eml = files("application/mbox", "message/rfc822", "application/zip")

        restore_text = (
            "`restoretoOriginallocation` and `restoreTo` write into the organization's Maildir target and answer the "
            "counts; `exporttoMbox` streams an mboxrd file (`application/mbox`)"
        )
        return {
            "/v3/Token": {"post": self.token_operation("createToken")},
            "/v3/Organizations": {
                "get": self.operation("listOrganizations", "List organizations.", self.ok("Every organization, a bare array.", {"type": "array", "items": ref("Organization")}))
            },
            "/v3/Organizations/{organizationId}": {
                "get": self.operation(
                    "getOrganization", "Get an organization.",
                    {**self.ok("The organization.", ref("Organization")), "400": self.bad(guid_400), "404": self.not_found("No such organization.")},
                    ["organizationId"],
                )
            },
            "/v3/Organizations/{organizationId}/Action": {
                "post": self.operation(
                    "exploreOrganization", "Start a restore session over the organization's backups (explore).",
                    {
                        **self.ok("The new restore session.", ref("RestoreSession"), status="201"),
                        "400": self.bad("The id is not a GUID; the body is malformed, empty or names another action; a bad datetime, type or boolean."),
                        "404": self.not_found("No such organization."),
                    },
                    ["organizationId"],
                    self.body(ref("ExploreAction"), ref("ExploreActionForm")),
                    body_read=True,
                )
            },
            "/v3/RestoreSessions": {
                "get": self.operation(
                    "listRestoreSessions", "List the caller's restore sessions, newest first.",
                    self.ok("The caller's own sessions, a bare array.", {"type": "array", "items": ref("RestoreSession")}),
                )
            },
            f"/v3/{self.SESSION}": {
                "get": self.operation(
                    "getRestoreSession", "Get a restore session.",
                    {**self.ok("The session.", ref("RestoreSession")), "400": self.bad(guid_400), "404": self.not_found(session_404)},
                    session_params,
                )
            },
            f"{s}/Action": {
                "post": self.operation(
                    "stopRestoreSession", "Stop a restore session (idempotent).",
                    {
                        "200": self.empty("Stopped (or already stopped). Empty body, though `Content-Type` says application/json."),
                        "400": self.bad("The id is not a GUID; the body is malformed, empty or names another action."),
                        "404": self.not_found(session_404),
                    },
                    session_params,
                    self.body(ref("StopAction"), ref("StopActionForm")),
                    body_read=True,
                )
            },
            f"{s}/Events": {
                "get": self.operation(
                    "listRestoreSessionEvents", "List a session's events.",
                    {**self.ok("A page of events.", ref("EventPage")), "400": self.bad("The id is not a GUID, or a bad offset or limit."), "404": self.not_found(session_404)},
                    session_params + ["offset", "limit"],
                )
            },
            f"{s}/Events/{{eventId}}": {
                "get": self.operation(
                    "getRestoreSessionEvent", "Get one event of a session.",
                    {**self.ok("The event.", ref("Event")), "400": self.bad(guid_400), "404": self.not_found("No such session of the caller's, or no such event in it.")},
                    ["restoreSessionId", "eventId"],
                )
            },
            f"{s}/Organization": {
                "get": self.operation(
                    "getSessionOrganization", "Get the organization a session explores.",
                    {**self.ok("The organization as of the session's point in time.", ref("SessionOrganization")), "400": self.bad(browse_400), "404": self.not_found(session_404)},
                    session_params,
                )
            },
            f"{s}/Organization/Mailboxes": {
                "get": self.operation(
                    "listMailboxes", "List the mailboxes of a session's organization.",
                    {**self.ok("A page of mailboxes.", ref("MailboxPage")), "400": self.bad(browse_400 + " Or a bad offset or limit."), "404": self.not_found(session_404)},
                    session_params + ["offset", "limit"],
                )
            },
            mailbox: {
                "get": self.operation(
                    "getMailbox", "Get a mailbox of a session.",
                    {**self.ok("The mailbox.", ref("Mailbox")), "400": self.bad(browse_400), "404": self.not_found(mailbox_404)},
                    mailbox_params,
                )
            },
            f"{mailbox}/Folders": {
                "get": self.operation(
                    "listFolders", "List a mailbox's folders.",
                    {
                        **self.ok("A page of folders.", ref("FolderPage")),
                        "400": self.bad(browse_400 + " Or a bad offset, limit or parentId."),
                        "404": self.not_found(mailbox_404 + " Or no such parent folder."),
                    },
                    mailbox_params + ["folderParentId", "offset", "limit"],
                )
            },
            f"{mailbox}/Folders/{{folderId}}": {
                "get": self.operation(
                    "getFolder", "Get a folder of a mailbox.",
                    {**self.ok("The folder.", ref("Folder")), "400": self.bad(browse_400 + " Or the folder id is not one of this API."), "404": self.not_found(mailbox_404 + " Or no such folder.")},
                    mailbox_params + ["folderId"],
                )
            },
            f"{mailbox}/Items": {
                "get": self.operation(
                    "listItems", "List a mailbox's mail items.",
                    {
                        **self.ok("A page of items.", ref("ItemPage")),
                        "400": self.bad(browse_400 + " Or a bad offset, limit or folderId."),
                        "404": self.not_found(mailbox_404 + " Or no such folder."),
                    },
                    mailbox_params + ["itemsFolderId", "offset", "limit"],
                )
            },
            f"{mailbox}/Items/{{itemId}}": {
                "get": self.operation(
                    "getItem", "Get a mail item.",
                    {**self.ok("The item.", ref("Item")), "400": self.bad(browse_400 + " Or the item id is not one of this API."), "404": self.not_found(mailbox_404 + " Or no such item at the point in time.")},
                    mailbox_params + ["itemId"],
                )
            },
            f"{s}/Organization/Action": action(
                "organizationAction", "Export or restore a session's whole organization.", session_params,
                "ContainerAction", "ContainerActionForm", mbox, session_404, restore_text + ".",
            ),
            f"{mailbox}/Action": action(
                "mailboxAction", "Export or restore a mailbox.", mailbox_params,
                "ContainerAction", "ContainerActionForm", mbox, mailbox_404, restore_text + ".",
            ),
            f"{mailbox}/Folders/{{folderId}}/Action": action(
                "folderAction", "Export or restore a folder with its sub-folders.", mailbox_params + ["folderId"],
                "ContainerAction", "ContainerActionForm", mbox, mailbox_404 + " Or no such folder.", restore_text + ".",
            ),
            f"{mailbox}/Items/Action": action(
                "itemsAction", "Export, save or restore chosen items of a mailbox.", mailbox_params,
                "ItemsAction", None, zip_or_eml, mailbox_404 + " Or an item is not in it.",
                restore_text + "; `savetoEml` streams one item as `message/rfc822`, several as a ZIP of .eml files "
                "(`application/zip`). A form body cannot carry the `items` list, so this action takes JSON only.",
            ),
            f"{mailbox}/Items/{{itemId}}/Action": action(
                "itemAction", "Export, save or restore one item.", mailbox_params + ["itemId"],
                "ItemAction", "ItemActionForm", eml, mailbox_404 + " Or no such item at the point in time.",
                restore_text + "; `savetoEml` streams the item as `message/rfc822`.",
            ),
        }

    def modern_paths(self):
        v = self.version
        root = f"/{v}"
        s = f"{root}/{self.SESSION}"
        organization = f"{s}/organization"
        mailbox = f"{organization}/mailboxes/{{mailboxId}}"
        guid_400 = "A path id is not a GUID."
        browse_400 = "A path id is not a GUID, or the session is stopped."
        session_404 = "No such restore session of the caller's."
        mailbox_404 = "No such session of the caller's, or no such mailbox in it."
        session_params = ["restoreSessionId"]
        mailbox_params = ["restoreSessionId", "mailboxId"]
        no_body_ok = "Empty body, though `Content-Type` says application/json."

        paths = {
            f"{root}/token": {"post": self.token_operation("createToken")},
        }
        if v != "v6":
            logged_out = {"204": self.empty("Logged out.")} if v == "v8" else {"200": self.empty("Logged out. " + no_body_ok)}
            paths[f"{root}/token/logout"] = {
                "post": self.operation(
                    "logout", "Log out: the bearer token and every token of the same login stop working at once.", logged_out
                )
            }
        paths[f"{root}/ServiceInstance"] = {
            "get": self.operation("getServiceInstance", "Get the installation id and the product version.", self.ok("The service instance.", ref("ServiceInstance")))
        }
        if v == "v8":
            organizations = self.ok("A page of organizations.", ref("OrganizationPage"))
            list_params = ["extendedView", "offset", "limit"]
            list_400 = "A bad extendedView, offset or limit."
        else:
            organizations = self.ok("Every organization, a bare array.", {"type": "array", "items": ref("Organization")})
            list_params = ["extendedView"]
            list_400 = "A bad extendedView."
        paths[f"{root}/Organizations"] = {
            "get": self.operation("listOrganizations", "List organizations.", {**organizations, "400": self.bad(list_400)}, list_params)
        }
        paths[f"{root}/Organizations/{{organizationId}}"] = {
            "get": self.operation(
                "getOrganization", "Get an organization.",
                {**self.ok("The organization.", ref("Organization")), "400": self.bad("The id is not a GUID, or a bad extendedView."), "404": self.not_found("No such organization.")},
                ["organizationId", "extendedView"],
            )
        }
        paths[f"{root}/Organizations/{{organizationId}}/explore"] = {
            "post": self.operation(
                "exploreOrganization", "Start a restore session over the organization's backups.",
                {
                    **self.ok("The new restore session.", ref("RestoreSession"), status="201" if v == "v8" else "200"),
                    "400": self.bad("The id is not a GUID; the body is empty or malformed; a bad dateTime, type or boolean."),
                    "404": self.not_found("No such organization."),
                },
                ["organizationId"],
                self.body(ref("ExploreOptions"), ref("ExploreOptionsForm"), description="Every field is optional, but a body is needed: `{}` explores now."),
                body_read=True,
            )
        }
        session_filters = ["offset", "limit", "startTimeFrom", "startTimeTo"]
        if v == "v8":
            session_filters += ["endTimeFrom", "endTimeTo", "orderBy", "orderAsc"]
        paths[f"{root}/RestoreSessions"] = {
            "get": self.operation(
                "listRestoreSessions", "List the caller's restore sessions.",
                {**self.ok("A page of sessions, newest first unless ordered otherwise.", ref("RestoreSessionPage")), "400": self.bad("A bad paging, time or order value.")},
                session_filters,
            )
        }
        paths[s] = {
            "get": self.operation(
                "getRestoreSession", "Get a restore session.",
                {**self.ok("The session.", ref("RestoreSession")), "400": self.bad(guid_400), "404": self.not_found(session_404)},
                session_params,
            )
        }
        stopped = {"204": self.empty("Stopped (or already stopped).")} if v == "v8" else {"200": self.empty("Stopped (or already stopped). " + no_body_ok)}
        paths[f"{s}/Stop"] = {
            "post": self.operation(
                "stopRestoreSession", "Stop a restore session (idempotent).",
                {**stopped, "400": self.bad(guid_400), "404": self.not_found(session_404)},
                session_params,
            )
        }
        if v == "v8":
            paths[f"{s}/Statistics"] = {
                "get": self.operation(
                    "getRestoreSessionStatistics", "Get the totals of a session's restores.",
                    {**self.ok("The statistics.", ref("RestoreStatistics")), "400": self.bad(guid_400), "404": self.not_found(session_404)},
                    session_params,
                )
            }
        paths[f"{s}/Events"] = {
            "get": self.operation(
                "listRestoreSessionEvents", "List a session's events.",
                {**self.ok("A page of events.", ref("EventPage")), "400": self.bad("The id is not a GUID, or a bad offset or limit."), "404": self.not_found(session_404)},
                session_params + ["offset", "limit"],
            )
        }
        paths[f"{s}/Events/{{eventId}}"] = {
            "get": self.operation(
                "getRestoreSessionEvent", "Get one event of a session.",
                {**self.ok("The event.", ref("Event")), "400": self.bad(guid_400), "404": self.not_found("No such session of the caller's, or no such event in it.")},
                ["restoreSessionId", "eventId"],
            )
        }
        paths[organization] = {
            "get": self.operation(
                "getSessionOrganization", "Get the organization a session explores.",
                {**self.ok("The organization as of the session's point in time.", ref("SessionOrganization")), "400": self.bad(browse_400), "404": self.not_found(session_404)},
                session_params,
            )
        }
        paths[f"{organization}/mailboxes"] = {
            "get": self.operation(
                "listMailboxes", "List the mailboxes of a session's organization.",
                {**self.ok("A page of mailboxes.", ref("MailboxPage")), "400": self.bad(browse_400 + " Or a bad offset or limit."), "404": self.not_found(session_404)},
                session_params + ["offset", "limit"],
            )
        }
        paths[mailbox] = {
            "get": self.operation(
                "getMailbox", "Get a mailbox of a session.",
                {**self.ok("The mailbox.", ref("Mailbox")), "400": self.bad(browse_400), "404": self.not_found(mailbox_404)},
                mailbox_params,
            )
        }
        paths[f"{mailbox}/folders"] = {
            "get": self.operation(
                "listFolders", "List a mailbox's folders.",
                {
                    **self.ok("A page of folders.", ref("FolderPage")),
                    "400": self.bad(browse_400 + " Or a bad offset, limit or parentId."),
                    "404": self.not_found(mailbox_404 + " Or no such parent folder."),
                },
                mailbox_params + ["folderParentId", "offset", "limit"],
            )
        }
        paths[f"{mailbox}/folders/{{folderId}}"] = {
            "get": self.operation(
                "getFolder", "Get a folder of a mailbox.",
                {**self.ok("The folder.", ref("Folder")), "400": self.bad(browse_400 + " Or the folder id is not one of this API."), "404": self.not_found(mailbox_404 + " Or no such folder.")},
                mailbox_params + ["folderId"],
            )
        }
        items_parent = "folderId" if v == "v6" else "parentId"
        paths[f"{mailbox}/items"] = {
            "get": self.operation(
                "listItems", "List a mailbox's mail items.",
                {
                    **self.ok("A page of items.", ref("ItemPage")),
                    "400": self.bad(browse_400 + f" Or a bad offset, limit or {items_parent}."),
                    "404": self.not_found(mailbox_404 + " Or no such folder."),
                },
                mailbox_params + ["itemsParent", "offset", "limit"],
            )
        }
        paths[f"{mailbox}/items/{{itemId}}"] = {
            "get": self.operation(
                "getItem", "Get a mail item.",
                {**self.ok("The item.", ref("Item")), "400": self.bad(browse_400 + " Or the item id is not one of this API."), "404": self.not_found(mailbox_404 + " Or no such item at the point in time.")},
                mailbox_params + ["itemId"],
            )
        }
        paths.update(self.modern_action_paths(organization, mailbox))
        return paths

    def modern_action_paths(self, organization, mailbox):
        v = self.version
        scopes = [
            # (key, path, noun for summaries, checked path params, unchecked path params)
            ("organization", organization, "the session's whole organization", [], []),
            ("mailbox", mailbox, "a mailbox", ["mailboxId"], ["mailboxId"]),
            ("folder", f"{mailbox}/folders/{{folderId}}", "a folder with its sub-folders", ["mailboxId", "folderId"], ["mailboxId", "folderId"]),
            ("items", f"{mailbox}/items", "chosen items of a mailbox", ["mailboxId"], ["mailboxId"]),
            ("item", f"{mailbox}/items/{{itemId}}", "one item", ["mailboxId", "itemId"], ["mailboxId", "itemId"]),
        ]
        op_names = {"organization": "Organization", "mailbox": "Mailbox", "folder": "Folder", "items": "Items", "item": "Item"}
        not_found = {
            "organization": "No such restore session of the caller's.",
            "mailbox": "No such session of the caller's, or no such mailbox in it.",
            "folder": "No such session of the caller's, no such mailbox in it, or no such folder.",
            "items": "No such session of the caller's, no such mailbox in it, or an item is not in it.",
            "item": "No such session of the caller's, no such mailbox in it, or no such item at the point in time.",
        }
        act_400 = (
            "A path id is not a GUID or an id of this API, the session is stopped, the body is malformed or not an object"
        )
        paths = {}
        for key, path, noun, checked, unchecked in scopes:
            name = op_names[key]
            several = key == "items"
            checked_params = ["restoreSessionId"] + checked
            unchecked_params = [self.param("restoreSessionId")] + [self.unchecked(p) for p in unchecked]
            items_400 = ", `items` is missing or empty or an entry has no id" if several else ""

            def unsupported(operation_id, summary, what):
                return {
                    "post": self.operation(
                        operation_id, summary,
                        {
                            "400": self.bad("The session id is not a GUID, or the session is stopped."),
                            "404": self.not_found("No such restore session of the caller's."),
                            "501": ref("NotImplemented", "responses", description=f"Always, once the session is found working: Recall {what}."),
                        },
                        unchecked_params,
                        description="The body is not read.",
                    )
                }

            def file_action(operation_id, summary, response):
                body_schema = ref("ItemsSelection") if several else ref("IgnoredBody")
                return {
                    "post": self.operation(
                        operation_id, summary,
                        {
                            "200": response, "400": self.bad(act_400 + items_400 + "."), "404": self.not_found(not_found[key]),
                            "429": ref("TooManyExports", "responses"),
                        },
                        checked_params,
                        self.body(body_schema, None if several else {"type": "object"}, required=several),
                        body_read=True,
                        description="A Recall extension.",
                    )
                }

            def restore_action(operation_id, summary, to):
                if v == "v8":
                    answer = self.ok("Restored; the session's events and Statistics show the result.", ref("RestoreStarted"))
                else:
                    counts = "ContainerRestoreCounts" if key in ("mailbox", "folder") else "ItemRestoreCounts"
                    answer = self.ok("Restored.", ref(counts))
                if to:
                    body = self.body(ref("ItemsRestoreToOptions"), None) if several else self.body(ref("RestoreToOptions"), ref("RestoreToOptionsForm"), required=False)
                else:
                    body = self.body(ref("ItemsSelection"), None) if several else self.body(ref("IgnoredBody"), {"type": "object"}, required=False)
                reasons = act_400 + items_400 + (", a restore option is invalid" if to else "") + ", or the organization has no restore target."
                return {
                    "post": self.operation(
                        operation_id, summary,
                        {**answer, "400": self.bad(reasons), "404": self.not_found(not_found[key])},
                        checked_params,
                        body,
                        body_read=True,
                        description="Writes into the organization's Maildir target"
                        + (", in `mailbox` under `folder` when given." if to else ", each item into its own mailbox and folder."),
                    )
                }

            paths[f"{path}/exportToPst"] = unsupported(f"export{name}ToPst", f"Export {noun} to PST (not supported: 501).", "writes no PST files")
            mbox = self.file("The mboxrd file, streamed.", "application/mbox")
            paths[f"{path}/exportToMbox"] = file_action(f"export{name}ToMbox", f"Export {noun} as an mboxrd file.", mbox)
            if key == "organization":
                continue
            paths[f"{path}/restore"] = restore_action(f"restore{name}", f"Restore {noun} to the original location.", to=False)
            paths[f"{path}/restoreTo"] = restore_action(f"restore{name}To", f"Restore {noun} to another mailbox or folder.", to=True)
            if key not in ("items", "item"):
                continue
            if several:
                eml = self.file("One item as message/rfc822, several as a ZIP of .eml files, streamed.", "message/rfc822", "application/zip")
            else:
                eml = self.file("The item as message/rfc822, streamed.", "message/rfc822")
            paths[f"{path}/saveToEml"] = file_action(f"save{name}ToEml", f"Save {noun} as .eml.", eml)
            paths[f"{path}/save"] = unsupported(f"save{name}ToMsg", f"Save {noun} as MSG (not supported: 501).", "writes no MSG files")
            paths[f"{path}/sendToDefaultAddress"] = unsupported(
                f"send{name}ToDefaultAddress", f"Send {noun} by e-mail (not supported: 501).", "sends no mail"
            )
            paths[f"{path}/sendToDifferentAddress"] = unsupported(
                f"send{name}ToDifferentAddress", f"Send {noun} to another address (not supported: 501).", "sends no mail"
            )
        return paths

    # -----------------------------------------------------------------------------------------------------------

    def document(self):
        v = self.version
        if self.modern:
            shape = (
                "Links are relative (`/%s/…`). Errors are %s; a 401 has an empty body." % (v, "`{\"message\", \"errorCode\", \"stackTrace\": null}`" if v == "v8" else "`{\"message\"}`")
            )
        else:
            shape = "Links are absolute, from the request's Host header. Errors are `{\"message\"}`."
        description = (
            f"The restore-session API of Veeam Backup for Microsoft 365 {v} as Recall serves it, over Recall's own "
            "backup repository (Exchange mail only). Paths and query parameter names match in any case, and so do "
            "property names in request bodies. A known path with another method answers 405, an unknown path 404. "
            f"{shape} The token endpoint answers OAuth errors `{{\"error\", \"error_description\"}}`."
        )
        paths = self.modern_paths() if self.modern else self.v3_paths()
        return {
            "openapi": "3.1.0",
            "info": {
                "title": f"Recall — Veeam Backup for Microsoft 365 REST API {v}",
                "version": v,
                "description": description,
            },
            "servers": [{"url": SERVER_URL}],
            "security": [{"bearer": []}],
            "paths": paths,
            "components": {
                "securitySchemes": {
                    "bearer": {"type": "http", "scheme": "bearer", "description": f"An access token from `POST /{v}/{'token' if self.modern else 'Token'}`."}
                },
                "parameters": self.parameters(),
                "responses": self.responses(),
                "schemas": self.schemas(),
            },
        }


# ---------------------------------------------------------------------------------------------------------------
# Output


def document_text(version):
    return json.dumps(Spec(version).document(), indent=2, ensure_ascii=False) + "\n"


def compact_text(version):
    return json.dumps(Spec(version).document(), ensure_ascii=False, separators=(",", ":"))


def swift_sources():
    """One Swift file per version holding its document as compact JSON on one line (the same document as
    docs/openapi/{version}.json, without the indentation), so no generated file is thousands of lines long."""
    files = {}
    for version in VERSIONS:
        text = compact_text(version)
        hashes = 1
        while ('"' + "#" * hashes) in text or ("\\" + "#" * hashes) in text:
            hashes += 1
        delimiter = "#" * hashes
        files[SWIFT_FILE_PATTERN.format(version=version.upper())] = "\n".join([
            "// Generated by scripts/openapi/generate.py from the same definitions as docs/openapi/*.json. Do not edit.",
            "",
            "extension OpenAPIDocuments {",
            f"    /// `docs/openapi/{version}.json` as compact JSON.",
            f"    static let {version} = {delimiter}\"{text}\"{delimiter}",
            "}",
            "",
        ])
    return files


def outputs():
    files = {f"docs/openapi/{version}.json": document_text(version) for version in VERSIONS}
    files.update(swift_sources())
    return files


def main(argv):
    check = "--check" in argv[1:]
    unknown = [arg for arg in argv[1:] if arg != "--check"]
    if unknown:
        print(f"usage: {argv[0]} [--check]", file=sys.stderr)
        return 2
    stale = []
    for relative, text in outputs().items():
        path = os.path.join(ROOT, relative)
        data = text.encode("utf-8")
        if check:
            try:
                with open(path, "rb") as handle:
                    current = handle.read()
            except FileNotFoundError:
                current = None
            if current != data:
                stale.append(relative)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        try:
            with open(path, "rb") as handle:
                if handle.read() == data:
                    continue
        except FileNotFoundError:
            pass
        with open(path, "wb") as handle:
            handle.write(data)
        print(f"wrote {relative}")
    if stale:
        for relative in stale:
            print(f"{relative} is out of date: run python3 scripts/openapi/generate.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
